/* int128-complement.c — __one_cmplti2, the bitwise not of an __int128,
 * which bpf-gcc 12 calls (for ~ and for some conditional negations) and
 * which its libgcc.a lacks, though its own __absvdi2, __addvdi3 and
 * __subvdi3 need it too.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdint.h>
#include "libgcc-routines.h"

__int128
LIBGCC_SYMBOL (__one_cmplti2) (__int128 a)
{
  /* On the halves: ~ on the whole would call this routine.  */
  uint64_t low = (uint64_t) a, high = (uint64_t) ((unsigned __int128) a >> 64);

  return (__int128) (((unsigned __int128) ~high << 64) | ~low);
}
