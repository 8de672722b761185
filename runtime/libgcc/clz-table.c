/* clz-table.c — __clz_tab, the number of significant bits of each byte
 * value (0 for 0), which libgcc.a's own __clzdi2, __ctzdi2, __ffsdi2 and
 * __clrsbdi2 read to count bits a byte at a time but which bpf-gcc 12's
 * libgcc.a does not define.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "libgcc-routines.h"

#define REPEAT_2(x) x, x
#define REPEAT_4(x) REPEAT_2 (x), REPEAT_2 (x)
#define REPEAT_8(x) REPEAT_4 (x), REPEAT_4 (x)
#define REPEAT_16(x) REPEAT_8 (x), REPEAT_8 (x)
#define REPEAT_32(x) REPEAT_16 (x), REPEAT_16 (x)
#define REPEAT_64(x) REPEAT_32 (x), REPEAT_32 (x)
#define REPEAT_128(x) REPEAT_64 (x), REPEAT_64 (x)

/* 2^(n-1) values, from 2^(n-1) to 2^n - 1, have n significant bits.  */
const unsigned char LIBGCC_SYMBOL (__clz_tab)[256] = {
  0, 1, REPEAT_2 (2), REPEAT_4 (3), REPEAT_8 (4), REPEAT_16 (5),
  REPEAT_32 (6), REPEAT_64 (7), REPEAT_128 (8)
};
