/* strcmp.c — compares two strings as unsigned chars.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>

int
strcmp (const char *a, const char *b)
{
  const unsigned char *p = (const unsigned char *) a;
  const unsigned char *q = (const unsigned char *) b;
  while (*p != '\0' && *p == *q)
    {
      p++;
      q++;
    }
  return *p - *q;
}
