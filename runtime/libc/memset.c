/* memset.c — fills N bytes with a byte value, eight at a time where the
 * block is aligned for it.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

void *
memset (void *dst, int c, size_t n)
{
  unsigned char *d = dst;
  unsigned char byte = (unsigned char) c;
  for (; n > 0 && ((unsigned long) d & 7) != 0; n--)
    *d++ = byte;
  unsigned long long word = byte * 0x0101010101010101ULL;
  for (; n >= 8; n -= 8, d += 8)
    *(unsigned long long *) d = word;
  for (; n > 0; n--)
    *d++ = byte;
  return dst;
}
