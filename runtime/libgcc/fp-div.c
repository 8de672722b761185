/* fp-div.c — division of float and double (__divsf3, __divdf3).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "softfp.h"

SOFTFP_INLINE uint64_t
fp_div (enum fp_format f, uint64_t a_bits, uint64_t b_bits)
{
  struct fp_unpacked a, b;
  uint64_t sign_bit, quotient, remainder;
  int quotient_bits, exp, i;

  fp_unpack (f, a_bits, &a);
  fp_unpack (f, b_bits, &b);
  if (a.cls == FP_CLASS_NAN || b.cls == FP_CLASS_NAN)
    return fp_nan_operand (f, a_bits, b_bits);
  sign_bit = (a_bits ^ b_bits) & fp_sign_bit (f);
  if (a.cls == FP_CLASS_INF)
    return b.cls == FP_CLASS_INF ? fp_default_nan (f)
                                 : sign_bit | fp_inf_bits (f);
  if (b.cls == FP_CLASS_INF)
    return sign_bit;
  if (b.cls == FP_CLASS_ZERO)
    return a.cls == FP_CLASS_ZERO ? fp_default_nan (f)
                                  : sign_bit | fp_inf_bits (f);
  if (a.cls == FP_CLASS_ZERO)
    return sign_bit;

  /* Long division, one quotient bit a step.  With a.sig in [b.sig,
   * 2 * b.sig) the quotient is in [1, 2): its leading bit comes first and
   * the remainder stays below 2 * b.sig < 2^64.  Two bits beyond the
   * format's precision and the sticky remainder suffice to round.  */
  exp = a.exp - b.exp;
  if (a.sig < b.sig)
    {
      a.sig <<= 1;
      exp--;
    }
  quotient_bits = fp_frac_bits (f) + 3;
  quotient = 0;
  remainder = a.sig;
  for (i = 0; i < quotient_bits; i++)
    {
      quotient <<= 1;
      if (remainder >= b.sig)
        {
          remainder -= b.sig;
          quotient |= 1;
        }
      remainder <<= 1;
    }
  return fp_round_pack (f, a.sign ^ b.sign,
                        exp + FP_SIG_TOP - (quotient_bits - 1),
                        quotient | (remainder != 0));
}

float
LIBGCC_SYMBOL (__divsf3) (float a, float b)
{
  return fp_float_of_bits (fp_div (FP_SINGLE, fp_bits_of_float (a),
                                   fp_bits_of_float (b)));
}

double
LIBGCC_SYMBOL (__divdf3) (double a, double b)
{
  return fp_double_of_bits (fp_div (FP_DOUBLE, fp_bits_of_double (a),
                                    fp_bits_of_double (b)));
}
