/* strcat.c — appends a string to another.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

char *
strcat (char *__restrict dst, const char *__restrict src)
{
  char *d = dst;
  while (*d != '\0')
    d++;
  while ((*d++ = *src++) != '\0')
    continue;
  return dst;
}
