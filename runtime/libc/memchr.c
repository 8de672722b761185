/* memchr.c — the first of N bytes equal to C (as an unsigned char).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

void *
memchr (const void *s, int c, size_t n)
{
  const unsigned char *p = s;
  for (size_t i = 0; i < n; i++)
    if (p[i] == (unsigned char) c)
      return (void *) (p + i);
  return NULL;
}
