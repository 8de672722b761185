/* strstr.c — the first place NEEDLE occurs in HAYSTACK; an empty
 * needle occurs at the start.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

char *
strstr (const char *haystack, const char *needle)
{
  for (;; haystack++)
    {
      size_t i = 0;
      while (needle[i] != '\0' && haystack[i] == needle[i])
        i++;
      if (needle[i] == '\0')
        return (char *) haystack;
      if (*haystack == '\0')
        return NULL;
    }
}
