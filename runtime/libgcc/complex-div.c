/* complex-div.c — __divsc3 and __divdc3, the float and double complex
 * quotients (a + ib) / (c + id) that GCC calls for.  libgcc.a has them,
 * but they use floating-point constants, which bpf-gcc 12 emits wrongly
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

/* Annex G's recovery of infinities and zeros, for a quotient whose parts
 * both came out NaN: OPERANDS are a, b, c and d; the parts go to
 * QUOTIENT.  (Arrays, for BPF's five arguments.)  */
static void
recover_infinities (const double operands[4], double denominator,
                    double quotient[2])
{
  double a = operands[0], b = operands[1], c = operands[2], d = operands[3];
  double *real = &quotient[0], *imag = &quotient[1];
  double infinity = fp_double_of_bits (fp_inf_bits (FP_DOUBLE));

  if ((fp_bits_of_double (denominator) << 1) == 0
      && (!is_nan (a) || !is_nan (b)))
    {
      /* Nonzero (or infinite) over zero.  */
      *real = with_sign_of (fp_inf_bits (FP_DOUBLE), c) * a;
      *imag = with_sign_of (fp_inf_bits (FP_DOUBLE), c) * b;
    }
  else if ((is_inf (a) || is_inf (b)) && is_finite (c) && is_finite (d))
    {
      /* Infinite over finite.  */
      a = unit_if_infinite (a);
      b = unit_if_infinite (b);
      *real = infinity * (a * c + b * d);
      *imag = infinity * (b * c - a * d);
    }
  else if ((is_inf (c) || is_inf (d)) && is_finite (a) && is_finite (b))
    {
      /* Finite over infinite.  */
      double zero = fp_double_of_bits (0);

      c = unit_if_infinite (c);
      d = unit_if_infinite (d);
      *real = zero * (a * c + b * d);
      *imag = zero * (b * c - a * d);
    }
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
      double operands[4] = { a, b, c, d }, parts[2] = { real, imag };
      recover_infinities (operands, denominator, parts);
      real = parts[0];
      imag = parts[1];
    }
  __real__ quotient = (float) real;
  __imag__ quotient = (float) imag;
  return quotient;
}

/* The exponent of a finite nonzero X: floor (log2 |X|), for subnormals
 * too.  */
SOFTFP_INLINE int
exponent_of (double x)
{
  uint64_t bits = fp_bits_of_double (x) & ~fp_sign_bit (FP_DOUBLE);
  int biased = (int) (bits >> 52);
  if (biased == 0)
    return -1022 - (fp_clz64 (bits) - 12);
  return biased - 1023;
}

/* X times 2^K: in steps that each stay within
 * the exponents a double has, so that only the last one rounds.  */
SOFTFP_INLINE double
scale_by_power_of_two (double x, int k)
{
  while (k > 1023)
    {
      x *= fp_double_of_bits ((uint64_t) (1023 + 1023) << 52);
      k -= 1023;
    }
  while (k < -1022)
    {
      x *= fp_double_of_bits ((uint64_t) (1023 - 1022) << 52);
      k += 1022;
    }
  return x * fp_double_of_bits ((uint64_t) (1023 + k) << 52);
}

/* The larger (LARGER set) or smaller exponent of two parts, of those
 * finite and nonzero, or 0 when there are none (the formula then meets
 * Annex G's cases).  */
SOFTFP_INLINE int
pair_exponent (double x, double y, int larger)
{
  int have_x = is_finite (x) && (fp_bits_of_double (x) << 1) != 0;
  int have_y = is_finite (y) && (fp_bits_of_double (y) << 1) != 0;
  if (!have_x && !have_y)
    return 0;
  if (!have_x)
    return exponent_of (y);
  if (!have_y)
    return exponent_of (x);
  int ex = exponent_of (x), ey = exponent_of (y);
  return (ex > ey) == larger ? ex : ey;
}

SOFTFP_INLINE double
magnitude (double x)
{
  return fp_double_of_bits (fp_bits_of_double (x) & ~fp_sign_bit (FP_DOUBLE));
}

/* (SMALL / LARGE) X times 2^SCALE: the product r X of Smith's method
 * when r = SMALL / LARGE is too small to be a normal double, and so has
 * lost its bits.  The three operands' significands and exponents are
 * taken apart (exactly: scaling by powers of two), so that nothing
 * overflows or underflows before the one scaling at the end.  */
SOFTFP_INLINE double
small_product (double small, double x, double large, int scale)
{
  if ((fp_bits_of_double (small) << 1) == 0 || (fp_bits_of_double (x) << 1) == 0
      || !is_finite (x))
    return small * x;
  int es = exponent_of (small), ex = exponent_of (x), el = exponent_of (large);
  double significand = scale_by_power_of_two (small, -es)
                       * scale_by_power_of_two (x, -ex)
                       / scale_by_power_of_two (large, -el);
  return scale_by_power_of_two (significand, es + ex - el + scale);
}

/* Whether X is zero or too small to be a normal double.  */
SOFTFP_INLINE int
below_normal (double x)
{
  return (fp_bits_of_double (x) & fp_inf_bits (FP_DOUBLE)) == 0;
}

/* X + Y R, or half of it with *HALVED set when the sum overflows with
 * finite operands (halving costs at most the last bits of a subnormal
 * term, which cannot matter beside one near the largest double).  */
SOFTFP_INLINE double
sum_of_terms (double x, double y, double r, int *halved)
{
  double sum = x + y * r;
  *halved = 0;
  if (is_finite (sum) || !is_finite (x) || !is_finite (y) || !is_finite (r))
    return sum;
  double half = fp_double_of_bits (UINT64_C (0x3fe0000000000000));
  *halved = 1;
  return x * half + (y * half) * r;
}

/* Smith's method: with r = d / c (|d| <= |c|), the quotient is
 * ((a + b r) + i (b - a r)) / (c + d r), which squares nothing.  When r
 * is below the normal doubles the products b r and a r are formed from
 * d, c and a or b apart (small_product), so that a large a or b still
 * counts with all its bits.  A tiny or huge divisor is scaled to near
 * 1, and a dividend up as far as its products with r and its smaller
 * part need to stay normal (without overflowing), each by a power of two (exactly, but for bits of a negligible
 * part of a huge divisor), and the quotient is scaled back once at the
 * end; a sum that overflows is halved.  */
double _Complex
LIBGCC_SYMBOL (__divdc3) (double a, double b, double c, double d)
{
  int c_larger = magnitude (c) >= magnitude (d) || is_nan (d);
  double r = c_larger ? d / c : c / d;   /* from the operands as given */
  int dividend = pair_exponent (a, b, 1), divisor = pair_exponent (c, d, 1);
  /* The exponent of r, also when r is below the normal doubles: then
   * small_product forms the products with it, which must stay normal
   * too.  */
  double small = c_larger ? d : c, large = c_larger ? c : d;
  int r_exponent = !is_finite (r) ? 0
                   : !below_normal (r) ? exponent_of (r)
                   : (fp_bits_of_double (small) << 1) != 0 && is_finite (large)
                     ? exponent_of (small) - exponent_of (large) : 0;
  /* Up so that the products with r, and the smaller part, are normal.  */
  int scale_up = -900 - dividend - (r_exponent < 0 ? r_exponent : 0);
  int smaller_up = -1000 - pair_exponent (a, b, 0);
  if (smaller_up > scale_up)
    scale_up = smaller_up;
  int scale_divisor = divisor < -900 || divisor > 1000 ? -divisor : 0;
  /* Neither the scaled dividend nor the scaled quotient may overflow.  */
  int headroom = 1000 - dividend;
  if (headroom > 1000 - dividend + divisor + scale_divisor)
    headroom = 1000 - dividend + divisor + scale_divisor;
  int scale_dividend = scale_up <= 0 || headroom <= 0 ? 0
                       : scale_up < headroom ? scale_up : headroom;
  double sa = scale_by_power_of_two (a, scale_dividend);
  double sb = scale_by_power_of_two (b, scale_dividend);
  double sc = scale_by_power_of_two (c, scale_divisor);
  double sd = scale_by_power_of_two (d, scale_divisor);
  double real, imag, denominator;
  int real_halved = 0, imag_halved = 0;
  if (c_larger)
    {
      denominator = sc + sd * r;
      if (!below_normal (r))
        {
          real = sum_of_terms (sa, sb, r, &real_halved) / denominator;
          imag = sum_of_terms (sb, -sa, r, &imag_halved) / denominator;
        }
      else
        {
          real = (sa + small_product (d, b, c, scale_dividend)) / denominator;
          imag = (sb - small_product (d, a, c, scale_dividend)) / denominator;
        }
    }
  else
    {
      denominator = sc * r + sd;
      if (!below_normal (r))
        {
          real = sum_of_terms (sb, sa, r, &real_halved) / denominator;
          imag = sum_of_terms (-sa, sb, r, &imag_halved) / denominator;
        }
      else
        {
          real = (small_product (c, a, d, scale_dividend) + sb) / denominator;
          imag = (small_product (c, b, d, scale_dividend) - sa) / denominator;
        }
    }
  real = scale_by_power_of_two (real, scale_divisor - scale_dividend + real_halved);
  imag = scale_by_power_of_two (imag, scale_divisor - scale_dividend + imag_halved);
  if (is_nan (real) && is_nan (imag))
    {
      /* A zero divisor makes r, and so the denominator, NaN.  */
      int zero_divisor = (fp_bits_of_double (c) << 1) == 0
                         && (fp_bits_of_double (d) << 1) == 0;
      double operands[4] = { a, b, c, d }, parts[2] = { real, imag };
      recover_infinities (operands, zero_divisor ? c : denominator, parts);
      real = parts[0];
      imag = parts[1];
    }
  double _Complex quotient;
  __real__ quotient = real;
  __imag__ quotient = imag;
  return quotient;
}
