/* strnlen.c — the length of a string, reading at most MAX bytes.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

size_t
strnlen (const char *s, size_t max)
{
  size_t n = 0;
  while (n < max && s[n] != '\0')
    n++;
  return n;
}
