/* fp-add.c — addition and subtraction of float and double
 * (__addsf3, __subsf3, __adddf3, __subdf3).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "softfp.h"

SOFTFP_INLINE uint64_t
fp_add (enum fp_format f, uint64_t a_bits, uint64_t b_bits)
{
  struct fp_unpacked a, b, t;
  uint64_t sig;

  fp_unpack (f, a_bits, &a);
  fp_unpack (f, b_bits, &b);
  if (a.cls == FP_CLASS_NAN || b.cls == FP_CLASS_NAN)
    return fp_nan_operand (f, a_bits, b_bits);
  if (a.cls == FP_CLASS_INF)
    return b.cls == FP_CLASS_INF && a.sign != b.sign ? fp_default_nan (f)
                                                      : a_bits;
  if (b.cls == FP_CLASS_INF)
    return b_bits;
  /* Adding zero is exact.  Zero plus zero is -0 only when both are.  */
  if (b.cls == FP_CLASS_ZERO)
    return a.cls == FP_CLASS_ZERO ? a_bits & b_bits : a_bits;
  if (a.cls == FP_CLASS_ZERO)
    return b_bits;

  if (a.exp < b.exp)
    {
      t = a;
      a = b;
      b = t;
    }
  /* Sticky bits keep rounding right even when a subtraction then moves
   * the result up by one bit.  */
  b.sig = fp_shift_right_sticky (b.sig, a.exp - b.exp);
  if (a.sign == b.sign)
    sig = a.sig + b.sig;
  else if (a.sig == b.sig)
    return 0;                   /* x - x is +0 when rounding to nearest */
  else if (a.sig > b.sig)
    sig = a.sig - b.sig;
  else
    {
      sig = b.sig - a.sig;
      a.sign = b.sign;
    }
  return fp_round_pack (f, a.sign, a.exp, sig);
}

float
LIBGCC_SYMBOL (__addsf3) (float a, float b)
{
  return fp_float_of_bits (fp_add (FP_SINGLE, fp_bits_of_float (a),
                                   fp_bits_of_float (b)));
}

float
LIBGCC_SYMBOL (__subsf3) (float a, float b)
{
  return fp_float_of_bits (fp_add (FP_SINGLE, fp_bits_of_float (a),
                                   fp_bits_of_float (b)
                                   ^ fp_sign_bit (FP_SINGLE)));
}

double
LIBGCC_SYMBOL (__adddf3) (double a, double b)
{
  return fp_double_of_bits (fp_add (FP_DOUBLE, fp_bits_of_double (a),
                                    fp_bits_of_double (b)));
}

double
LIBGCC_SYMBOL (__subdf3) (double a, double b)
{
  return fp_double_of_bits (fp_add (FP_DOUBLE, fp_bits_of_double (a),
                                    fp_bits_of_double (b)
                                    ^ fp_sign_bit (FP_DOUBLE)));
}
