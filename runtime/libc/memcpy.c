/* memcpy.c — copies N bytes between blocks that do not overlap, eight at a
 * time when both are aligned for it: each byte costs the simulator an
 * instruction or more.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

void *
memcpy (void *__restrict dst, const void *__restrict src, size_t n)
{
  unsigned char *d = dst;
  const unsigned char *s = src;
  if ((((unsigned long) d | (unsigned long) s) & 7) == 0)
    for (; n >= 8; n -= 8, d += 8, s += 8)
      *(unsigned long long *) d = *(const unsigned long long *) s;
  for (; n > 0; n--)
    *d++ = *s++;
  return dst;
}
