/* ffsl.c — the position (from 1) of the lowest set bit of a long, 0
 * when there is none: ffsll on its unsigned bits.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <strings.h>

int
ffsl (long i)
{
  return ffsll ((long long) (unsigned long) i);
}
