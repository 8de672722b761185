/* strncat.c — appends at most N bytes of a string to another, then a NUL.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

char *
strncat (char *__restrict dst, const char *__restrict src, size_t n)
{
  char *d = dst;
  while (*d != '\0')
    d++;
  for (size_t i = 0; i < n && src[i] != '\0'; i++)
    *d++ = src[i];
  *d = '\0';
  return dst;
}
