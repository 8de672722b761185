/* strncpy.c — copies at most N bytes of a string and pads what is left
 * of the N with NULs; no NUL is added when the string fills all N.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

char *
strncpy (char *__restrict dst, const char *__restrict src, size_t n)
{
  size_t i = 0;
  for (; i < n && src[i] != '\0'; i++)
    dst[i] = src[i];
  for (; i < n; i++)
    dst[i] = '\0';
  return dst;
}
