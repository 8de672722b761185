/* strncmp.c — compares at most N bytes of two strings as unsigned chars.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

int
strncmp (const char *a, const char *b, size_t n)
{
  const unsigned char *p = (const unsigned char *) a;
  const unsigned char *q = (const unsigned char *) b;
  for (size_t i = 0; i < n; i++)
    if (p[i] != q[i] || p[i] == '\0')
      return p[i] - q[i];
  return 0;
}
