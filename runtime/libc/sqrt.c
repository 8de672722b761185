/* sqrt.c — sqrt and sqrtf, correctly rounded (to nearest, ties to even)
 * by an exact integer square root of the significand: 63 bits of root
 * and whether a remainder is left are all rounding needs.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "math-routines.h"

/* The integer square root of R * 2^62 for R in [2^62, 2^64), which lies
 * in [2^62, 2^63), with bit 0 set when it is not exact (a sticky bit).
 * Digit by digit in base 2: each step brings down two bits of the
 * radicand and appends the root bit b for which (2 root + b)^2 still
 * fits, where (2 root + 1)^2 - (2 root)^2 = 4 root + 1.  */
SOFTFP_INLINE uint64_t
math_sqrt_scaled (uint64_t r)
{
  unsigned __int128 remainder = 0;
  uint64_t root = 0;
  /* The radicand's bit pairs from the top: pair i is its bits 2i and
   * 2i + 1, that is R's bits 2i - 62 and 2i - 61; pair 63 is zero and
   * pairs below 31 are the zeros of the scaling.  */
  for (int i = 62; i >= 0; i--)
    {
      uint64_t pair = i >= 31 ? (r >> (2 * i - 62)) & 3 : 0;
      unsigned __int128 trial = ((unsigned __int128) root << 2) | 1;
      remainder = (remainder << 2) | pair;
      root <<= 1;
      if (remainder >= trial)
        {
          remainder -= trial;
          root |= 1;
        }
    }
  return root | (remainder != 0);
}

SOFTFP_INLINE uint64_t
math_sqrt (enum fp_format f, uint64_t bits)
{
  struct fp_unpacked u;
  fp_unpack (f, bits, &u);
  if (u.cls == FP_CLASS_NAN)
    return bits | fp_quiet_bit (f);
  if (u.cls == FP_CLASS_ZERO)
    return bits;                /* sqrt (-0) is -0 */
  if (u.sign)
    return fp_default_nan (f);
  if (u.cls == FP_CLASS_INF)
    return bits;
  /* x = sig * 2^(exp - 62) with sig in [2^62, 2^63).  With exp made even
   * (sig doubled), sqrt (x) = sqrt (sig * 2^62) * 2^(exp / 2 - 62).  */
  uint64_t sig = u.sig;
  int exp = u.exp;
  if (exp & 1)
    {
      sig <<= 1;
      exp--;
    }
  return fp_round_pack (f, 0, exp / 2, math_sqrt_scaled (sig));
}

double
MATH_SYMBOL (sqrt) (double x)
{
  return fp_double_of_bits (math_sqrt (FP_DOUBLE, fp_bits_of_double (x)));
}

float
MATH_SYMBOL (sqrtf) (float x)
{
  return fp_float_of_bits (math_sqrt (FP_SINGLE, fp_bits_of_float (x)));
}
