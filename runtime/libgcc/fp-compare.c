/* fp-compare.c — comparisons of float and double: __eqsf2, __nesf2,
 * __ltsf2, __lesf2, __gtsf2, __gesf2, __unordsf2 and their df versions.
 *
 * GCC tests the result against zero with the comparison it compiles
 * (__ltdf2 (a, b) < 0 for a < b, and so on), so each routine returns
 * -1, 0 or 1 for less, equal, greater, and for unordered operands (a
 * NaN) the value that makes its own test false: 1 for eq, ne, lt, le
 * and -1 for gt, ge.  (ne returning 1 reads as "not equal", as wanted.)
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "softfp.h"

SOFTFP_INLINE libgcc_cmp_result
fp_compare (enum fp_format f, uint64_t a, uint64_t b,
            libgcc_cmp_result unordered)
{
  uint64_t sign_bit = fp_sign_bit (f);
  uint64_t a_mag = a & ~sign_bit, b_mag = b & ~sign_bit;
  libgcc_cmp_result less_if_positive;

  if (fp_is_nan (f, a) || fp_is_nan (f, b))
    return unordered;
  if ((a_mag | b_mag) == 0)
    return 0;                   /* +0 == -0 */
  if ((a ^ b) & sign_bit)
    return a & sign_bit ? -1 : 1;
  if (a_mag == b_mag)
    return 0;
  /* Same sign: the bits order magnitudes, reversed for negatives.  */
  less_if_positive = a_mag < b_mag ? -1 : 1;
  return a & sign_bit ? -less_if_positive : less_if_positive;
}

#define DEFINE_COMPARISONS(suffix, type, format, bits_of)                \
  libgcc_cmp_result                                                      \
  LIBGCC_SYMBOL (__eq##suffix##2) (type a, type b)                       \
  {                                                                      \
    return fp_compare (format, bits_of (a), bits_of (b), 1);             \
  }                                                                      \
  libgcc_cmp_result                                                      \
  LIBGCC_SYMBOL (__ne##suffix##2) (type a, type b)                       \
  {                                                                      \
    return fp_compare (format, bits_of (a), bits_of (b), 1);             \
  }                                                                      \
  libgcc_cmp_result                                                      \
  LIBGCC_SYMBOL (__lt##suffix##2) (type a, type b)                       \
  {                                                                      \
    return fp_compare (format, bits_of (a), bits_of (b), 1);             \
  }                                                                      \
  libgcc_cmp_result                                                      \
  LIBGCC_SYMBOL (__le##suffix##2) (type a, type b)                       \
  {                                                                      \
    return fp_compare (format, bits_of (a), bits_of (b), 1);             \
  }                                                                      \
  libgcc_cmp_result                                                      \
  LIBGCC_SYMBOL (__gt##suffix##2) (type a, type b)                       \
  {                                                                      \
    return fp_compare (format, bits_of (a), bits_of (b), -1);            \
  }                                                                      \
  libgcc_cmp_result                                                      \
  LIBGCC_SYMBOL (__ge##suffix##2) (type a, type b)                       \
  {                                                                      \
    return fp_compare (format, bits_of (a), bits_of (b), -1);            \
  }                                                                      \
  libgcc_cmp_result                                                      \
  LIBGCC_SYMBOL (__unord##suffix##2) (type a, type b)                    \
  {                                                                      \
    return fp_is_nan (format, bits_of (a)) || fp_is_nan (format, bits_of (b)); \
  }

DEFINE_COMPARISONS (sf, float, FP_SINGLE, fp_bits_of_float)
DEFINE_COMPARISONS (df, double, FP_DOUBLE, fp_bits_of_double)
