/* memcmp.c — compares N bytes as unsigned chars.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

int
memcmp (const void *a, const void *b, size_t n)
{
  const unsigned char *p = a;
  const unsigned char *q = b;
  for (size_t i = 0; i < n; i++)
    if (p[i] != q[i])
      return p[i] - q[i];
  return 0;
}
