/* ffsll.c — the position (from 1) of the lowest set bit of a long long,
 * 0 when there is none.  A loop, not __builtin_ffs: GCC may make that a
 * call to ffs itself.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <strings.h>

int
ffsll (long long i)
{
  unsigned long long v = (unsigned long long) i;
  if (v == 0)
    return 0;
  int position = 1;
  for (; (v & 1) == 0; v >>= 1)
    position++;
  return position;
}
