/* strpbrk.c — the first byte of S that is in ACCEPT.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

char *
strpbrk (const char *s, const char *accept)
{
  for (; *s != '\0'; s++)
    for (const char *a = accept; *a != '\0'; a++)
      if (*a == *s)
        return (char *) s;
  return NULL;
}
