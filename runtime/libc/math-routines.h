/* math-routines.h — inside the library only: what the functions of
 * math.h share.  They work on the bits of their arguments with the
 * soft-float core of runtime/libgcc (softfp.h) and 64-bit integer
 * arithmetic, never with floating-point constants in code, which
 * bpf-gcc 12 emits wrongly (see softfp.h).
 *
 * The host unit test testsuite/unit/math-test.c builds the same sources
 * with LIBGCC_HOST_TEST defined: every function then has the prefix
 * host_test_ (as the libgcc routines do), so that it can be compared
 * with the host's libm.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPFSIM_LIBC_MATH_ROUTINES_H
#define EBPFSIM_LIBC_MATH_ROUTINES_H

#include "../libgcc/softfp.h"
#ifndef LIBGCC_HOST_TEST
/* For the compiler to check these declarations against the public ones.  */
# include <math.h>
#endif

#define MATH_SYMBOL(name) LIBGCC_SYMBOL (name)

double MATH_SYMBOL (fabs) (double);
float MATH_SYMBOL (fabsf) (float);
double MATH_SYMBOL (copysign) (double, double);
float MATH_SYMBOL (copysignf) (float, float);
double MATH_SYMBOL (fmax) (double, double);
float MATH_SYMBOL (fmaxf) (float, float);
long double MATH_SYMBOL (fmaxl) (long double, long double);
double MATH_SYMBOL (fmin) (double, double);
float MATH_SYMBOL (fminf) (float, float);
long double MATH_SYMBOL (fminl) (long double, long double);
double MATH_SYMBOL (floor) (double);
float MATH_SYMBOL (floorf) (float);
double MATH_SYMBOL (ceil) (double);
float MATH_SYMBOL (ceilf) (float);
double MATH_SYMBOL (trunc) (double);
float MATH_SYMBOL (truncf) (float);
int MATH_SYMBOL (ilogb) (double);
int MATH_SYMBOL (ilogbf) (float);
double MATH_SYMBOL (sqrt) (double);
float MATH_SYMBOL (sqrtf) (float);
double MATH_SYMBOL (pow) (double, double);

/* Rounds BITS, a number in format F, to an integral value: toward minus
 * infinity when DIRECTION is negative, toward plus infinity when it is
 * positive, toward zero when it is 0.  Exact, so no rounding of the
 * result; a NaN comes back quiet.  */
SOFTFP_INLINE uint64_t
math_round_integral (enum fp_format f, uint64_t bits, int direction)
{
  int frac_bits = fp_frac_bits (f);
  uint64_t sign_bit = fp_sign_bit (f);
  int negative = (bits & sign_bit) != 0;
  int exp = (int) ((bits >> frac_bits) & fp_exp_max (f)) - fp_bias (f);
  /* Rounding away from zero, rather than toward it.  */
  int away = negative ? direction < 0 : direction > 0;

  if (fp_is_nan (f, bits))
    return bits | fp_quiet_bit (f);
  if (exp >= frac_bits)
    return bits;                /* integral already, or infinite */
  if (exp < 0)
    {
      /* |x| < 1: zero or one, with x's sign.  */
      if ((bits & ~sign_bit) == 0 || !away)
        return bits & sign_bit;
      return (bits & sign_bit) | ((uint64_t) fp_bias (f) << frac_bits);
    }
  uint64_t fraction_mask = (UINT64_C (1) << (frac_bits - exp)) - 1;
  if ((bits & fraction_mask) == 0)
    return bits;
  /* One unit more in magnitude: a carry out of the fraction moves into
   * the exponent, as it should (1.5 becomes 2.0).  */
  if (away)
    bits += fraction_mask + 1;
  return bits & ~fraction_mask;
}

/* Whether BITS, in format F, is a signaling NaN.  An operation on one
 * gives a quiet NaN (IEEE 754's invalid operation), also where C's
 * Annex F, which leaves signaling NaNs out, names a number for a NaN
 * operand (fmax, fmin, pow (1, y), pow (x, 0)); glibc does the same.  */
SOFTFP_INLINE int
math_is_signaling (enum fp_format f, uint64_t bits)
{
  return fp_is_nan (f, bits) && !(bits & fp_quiet_bit (f));
}

/* An unsigned key in IEEE 754's total order of the non-NaN numbers with
 * the sign in bit 63: -0 just below +0.  */
SOFTFP_INLINE uint64_t
math_order_key (uint64_t bits)
{
  return (bits >> 63) ? ~bits : bits | (UINT64_C (1) << 63);
}

/* What fmax (LARGER) or fmin returns of two numbers in format F with
 * the bits X_BITS and Y_BITS: the one it picks in IEEE 754's order,
 * ignoring a quiet NaN; a NaN only when both are NaNs or one is
 * signaling.  */
SOFTFP_INLINE uint64_t
math_pick (enum fp_format f, uint64_t x_bits, uint64_t y_bits, int larger)
{
  if (math_is_signaling (f, x_bits) || math_is_signaling (f, y_bits))
    return fp_nan_operand (f, x_bits, y_bits);
  if (fp_is_nan (f, y_bits))
    return x_bits;
  if (fp_is_nan (f, x_bits))
    return y_bits;
  /* A float's bits moved up so that its sign is bit 63, as a double's.  */
  int shift = f == FP_SINGLE ? 32 : 0;
  uint64_t key_x = math_order_key (x_bits << shift);
  uint64_t key_y = math_order_key (y_bits << shift);
  return (larger ? key_x >= key_y : key_x <= key_y) ? x_bits : y_bits;
}

#endif
