/* complex-div.c — __divsc3, the float complex quotient
 * (a + ib) / (c + id) that GCC calls for.  libgcc.a has one, but it
 * uses floating-point constants, which bpf-gcc 12 emits wrongly
 * (softfp.h).
 *
 * The quotient is worked out in double, where the product of two floats
 * is exact and no square of a float overflows or underflows: the
 * textbook formula then needs none of the scaling it would need in float,
 * and each part is rounded to within about an ulp of float.  Infinities
 * and NaNs are recovered as Annex G of the C standard asks.  Constants
 * are made from their bits (fp_double_of_bits) for bpf-gcc's sake.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "softfp.h"

#define DOUBLE_ONE_BITS UINT64_C (0x3ff0000000000000)

SOFTFP_INLINE int
is_nan (double x)
{
  return fp_is_nan (FP_DOUBLE, fp_bits_of_double (x));
}

SOFTFP_INLINE int
is_inf (double x)
{
  return fp_is_inf (FP_DOUBLE, fp_bits_of_double (x));
}

SOFTFP_INLINE int
is_finite (double x)
{
  return !is_nan (x) && !is_inf (x);
}

/* The number whose magnitude has MAGNITUDE_BITS, with the sign of X.  */
SOFTFP_INLINE double
with_sign_of (uint64_t magnitude_bits, double x)
{
  return fp_double_of_bits (magnitude_bits | (fp_bits_of_double (x)
                                              & fp_sign_bit (FP_DOUBLE)));
}

/* ±1 for an infinite X, ±0 for any other: the direction Annex G keeps of
 * an infinite operand.  */
SOFTFP_INLINE double
unit_if_infinite (double x)
{
  return with_sign_of (is_inf (x) ? DOUBLE_ONE_BITS : 0, x);
}

float _Complex
LIBGCC_SYMBOL (__divsc3) (float a_float, float b_float, float c_float,
                          float d_float)
{
  double a = a_float, b = b_float, c = c_float, d = d_float;
  double denominator = c * c + d * d;
  double real = (a * c + b * d) / denominator;
  double imag = (b * c - a * d) / denominator;
  float _Complex quotient;

  if (is_nan (real) && is_nan (imag))
    {
      double infinity = fp_double_of_bits (fp_inf_bits (FP_DOUBLE));

      if ((fp_bits_of_double (denominator) << 1) == 0
          && (!is_nan (a) || !is_nan (b)))
        {
          /* Nonzero (or infinite) over zero.  */
          real = with_sign_of (fp_inf_bits (FP_DOUBLE), c) * a;
          imag = with_sign_of (fp_inf_bits (FP_DOUBLE), c) * b;
        }
      else if ((is_inf (a) || is_inf (b)) && is_finite (c) && is_finite (d))
        {
          /* Infinite over finite.  */
          a = unit_if_infinite (a);
          b = unit_if_infinite (b);
          real = infinity * (a * c + b * d);
          imag = infinity * (b * c - a * d);
        }
      else if ((is_inf (c) || is_inf (d)) && is_finite (a) && is_finite (b))
        {
          /* Finite over infinite.  */
          double zero = fp_double_of_bits (0);

          c = unit_if_infinite (c);
          d = unit_if_infinite (d);
          real = zero * (a * c + b * d);
          imag = zero * (b * c - a * d);
        }
    }
  __real__ quotient = (float) real;
  __imag__ quotient = (float) imag;
  return quotient;
}
