/* mempcpy.c — memcpy that returns the end of what it wrote (GNU).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#define _GNU_SOURCE
#include <string.h>

void *
mempcpy (void *__restrict dst, const void *__restrict src, size_t n)
{
  unsigned char *d = dst;
  const unsigned char *s = src;
  for (; n > 0; n--)
    *d++ = *s++;
  return d;
}
