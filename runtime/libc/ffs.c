/* ffs.c — the position (from 1) of the lowest set bit of an int, 0
 * when there is none.  A loop, not __builtin_ffs: GCC may make that a
 * call to ffs itself.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <strings.h>

int
ffs (int i)
{
  unsigned int v = (unsigned int) i;
  if (v == 0)
    return 0;
  int position = 1;
  for (; (v & 1) == 0; v >>= 1)
    position++;
  return position;
}
