/* int128-divmod.c — 128-bit integer division and remainder: __udivti3,
 * __umodti3, __divti3, __modti3, which bpf-gcc 12 calls for __int128
 * and its libgcc.a lacks.  Semantics as in int-divmod.c: truncation
 * toward zero, remainder with the dividend's sign, division by zero
 * giving quotient 0 and remainder the dividend.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdint.h>
#include "libgcc-routines.h"

typedef unsigned __int128 uint128;

/* N / D, and N % D in *REMAINDER.  */
static inline __attribute__ ((always_inline)) uint128
divide_128 (uint128 n, uint128 d, uint128 *remainder)
{
  uint128 r = 0;
  int i;

  if (d == 0)
    {
      *remainder = n;
      return 0;
    }
  if ((n >> 64) == 0 && (d >> 64) == 0)
    {
      /* The common case: BPF's 64-bit division does it.  */
      *remainder = (uint64_t) n % (uint64_t) d;
      return (uint64_t) n / (uint64_t) d;
    }
  /* Shift and subtract, one quotient bit a step: the bits of N move out
   * at the top into R, and the quotient bits fill N from the bottom.
   * R < D before each step, so R shifted can reach 2^128: the carry out
   * then says R >= D, and R - D is right modulo 2^128.  */
  for (i = 0; i < 128; i++)
    {
      int carry = (int) (r >> 127);
      r = (r << 1) | (n >> 127);
      n <<= 1;
      if (carry || r >= d)
        {
          r -= d;
          n |= 1;
        }
    }
  *remainder = r;
  return n;
}

/* |VALUE| without overflow for the most negative value.  */
static inline uint128
magnitude_128 (__int128 value)
{
  return value < 0 ? -(uint128) value : (uint128) value;
}

unsigned __int128
LIBGCC_SYMBOL (__udivti3) (unsigned __int128 a, unsigned __int128 b)
{
  uint128 remainder;

  return divide_128 (a, b, &remainder);
}

unsigned __int128
LIBGCC_SYMBOL (__umodti3) (unsigned __int128 a, unsigned __int128 b)
{
  uint128 remainder;

  divide_128 (a, b, &remainder);
  return remainder;
}

__int128
LIBGCC_SYMBOL (__divti3) (__int128 a, __int128 b)
{
  uint128 remainder;
  uint128 quotient = divide_128 (magnitude_128 (a), magnitude_128 (b),
                                 &remainder);

  return (__int128) ((a < 0) != (b < 0) ? -quotient : quotient);
}

__int128
LIBGCC_SYMBOL (__modti3) (__int128 a, __int128 b)
{
  uint128 remainder;

  divide_128 (magnitude_128 (a), magnitude_128 (b), &remainder);
  return (__int128) (a < 0 ? -remainder : remainder);
}
