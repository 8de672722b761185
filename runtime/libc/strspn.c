/* strspn.c — the length of the start of S made only of bytes in ACCEPT.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

size_t
strspn (const char *s, const char *accept)
{
  size_t n = 0;
  for (; s[n] != '\0'; n++)
    {
      const char *a = accept;
      while (*a != '\0' && *a != s[n])
        a++;
      if (*a == '\0')
        break;
    }
  return n;
}
