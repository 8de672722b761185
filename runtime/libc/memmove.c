/* memmove.c — copies N bytes between blocks that may overlap: upwards
 * when the destination is below the source, downwards otherwise.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

void *
memmove (void *dst, const void *src, size_t n)
{
  unsigned char *d = dst;
  const unsigned char *s = src;
  if (d < s)
    for (size_t i = 0; i < n; i++)
      d[i] = s[i];
  else
    while (n > 0)
      {
        n--;
        d[n] = s[n];
      }
  return dst;
}
