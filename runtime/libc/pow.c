/* pow.c — x raised to the power y, for double.
 *
 * The special cases are those of C's Annex F (F.10.4.4).  When y is an
 * integer and x^y is a double, the result is exact: x = m * 2^e with m
 * odd, and m^y is computed in integers while it stays below 2^53 (and
 * for y < 0 only powers of two have an exact reciprocal).  pow (x, 0.5)
 * is sqrt (x), correctly rounded.  Everything else is 2^(y * log2 x) in
 * 64-bit integer arithmetic: log2 x from the series of atanh, which
 * keeps its relative precision for x near 1, then y * log2 x split into
 * an integer and a fraction, and 2^fraction from the series of exp.
 * All of it rounds to nearest at 64 bits; the result is within an ulp
 * of glibc's (testsuite/unit/math-test.c measures it on millions of
 * random cases), its error growing with |y log2 x| up to 2^10.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "math-routines.h"

#define ONE_BITS UINT64_C (0x3ff0000000000000)
#define HALF_BITS UINT64_C (0x3fe0000000000000)
/* ln 2 * 2^64, log2 e * 2^63 and sqrt 2 * 2^62, rounded down.  */
#define LN2_Q64 UINT64_C (0xb17217f7d1cf79ab)
#define LOG2E_Q63 UINT64_C (0xb8aa3b295c17f0bb)
#define SQRT2_Q62 UINT64_C (0x5a827999fcef3242)

/* A positive number sig * 2^(exp - 63) with bit 63 of sig set: 64 bits
 * of precision.  The operations round to nearest: truncating would bias
 * every step the same way, and a dozen of them in a row cost pow an ulp
 * or two at the ends of its range.  */
struct wide
{
  uint64_t sig;
  int exp;
};

/* The 128-bit product of A and B divided by 2^64, rounded.  */
SOFTFP_INLINE uint64_t
mul_high (uint64_t a, uint64_t b)
{
  return (uint64_t) (((unsigned __int128) a * b
                      + (UINT64_C (1) << 63)) >> 64);
}

SOFTFP_INLINE struct wide
wide_mul (struct wide a, struct wide b)
{
  unsigned __int128 product = (unsigned __int128) a.sig * b.sig;
  /* The product of two numbers in [1, 2) is in [1, 4): its top bit is
   * 127 or 126, and rounding at the 64th bit below it may carry up.  */
  if (product >> 127)
    product += UINT64_C (1) << 63;
  else
    {
      product += UINT64_C (1) << 62;
      if (!(product >> 127))
        return (struct wide) { (uint64_t) (product >> 63), a.exp + b.exp };
    }
  return (struct wide) { (uint64_t) (product >> 64), a.exp + b.exp + 1 };
}

/* What kind of integer the finite nonzero Y is: 0 none, 1 odd, 2 even.  */
SOFTFP_INLINE int
integer_kind (const struct fp_unpacked *y)
{
  if (y->exp < 0)
    return 0;
  if (y->exp >= FP_SIG_TOP)
    return 2;
  int unit = FP_SIG_TOP - y->exp;       /* where the bit worth 1 is */
  if (y->sig & ((UINT64_C (1) << unit) - 1))
    return 0;
  return (y->sig >> unit) & 1 ? 1 : 2;
}

/* |x|^y exactly, when Y is an integer and |x|^y a double: returns 1 and
 * stores the bits, else 0.  */
SOFTFP_INLINE int
exact_power (const struct fp_unpacked *x, const struct fp_unpacked *y,
             uint64_t *bits)
{
  if (y->exp > 11)
    return 0;                   /* |y| >= 4096: never exact but for 1 */
  int64_t n = (int64_t) (y->sig >> (FP_SIG_TOP - y->exp));
  /* |x| = m * 2^e with m odd.  */
  uint64_t m = x->sig;
  int e = x->exp - FP_SIG_TOP;
  while (!(m & 1))
    {
      m >>= 1;
      e++;
    }
  if (y->sign)
    {
      if (m != 1)
        return 0;
      n = -n;
    }
  uint64_t power = 1;
  for (int64_t i = 0; m != 1 && i < n; i++)
    {
      if (power > ((UINT64_C (1) << 53) - 1) / m)
        return 0;
      power *= m;
    }
  /* power * 2^(e * n); too large or too small rounds as it should.  */
  *bits = fp_round_pack (FP_DOUBLE, 0, (int) (e * n) + FP_SIG_TOP, power);
  return 1;
}

/* log2 of the finite positive X, as sign and magnitude; 0 when exact
 * zero (x = 1).  */
SOFTFP_INLINE int
log2_of (const struct fp_unpacked *x, struct wide *magnitude, int *negative)
{
  /* x = M * 2^(E - 62), M taken into [sqrt 1/2, sqrt 2) * 2^62 so that
   * log2 x = E + log2 m with |log2 m| <= 1/2.  The low bits of x->sig
   * are zero, so halving M loses nothing.  */
  uint64_t m_q62 = x->sig;
  int64_t e = x->exp;
  if (m_q62 > SQRT2_Q62)
    {
      m_q62 >>= 1;
      e++;
    }

  /* ln m = 2 atanh s with s = (m - 1) / (m + 1), |s| < 0.172: s to 64
   * bits, scaled up before the division to keep them when m is near 1.  */
  uint64_t one_q62 = UINT64_C (1) << 62;
  int s_negative = m_q62 < one_q62;
  uint64_t num = s_negative ? one_q62 - m_q62 : m_q62 - one_q62;
  uint64_t den = m_q62 + one_q62;
  struct wide log2_m = { 0, 0 };
  if (num != 0)
    {
      int num_shift = fp_clz64 (num);
      unsigned __int128 dividend = (unsigned __int128) (num << num_shift) << 62;
      uint64_t quotient = (uint64_t) (dividend / den);
      if (2 * (dividend - (unsigned __int128) quotient * den) >= den)
        quotient++;             /* rounded to nearest */
      /* s = quotient * 2^(-62 - num_shift).  */
      int q_shift = fp_clz64 (quotient);
      struct wide s = { quotient << q_shift, 1 - num_shift - q_shift };

      /* atanh (s) / s = sum of s^(2k) / (2k + 1), in [1, 1.01): s^2 in
       * 64-bit fixed point (s < 2^-2), the sum with 63 fraction bits.  */
      int to_q64 = -(s.exp + 1);
      uint64_t s_q64 = to_q64 >= 64 ? 0 : s.sig >> to_q64;
      uint64_t s2_q64 = mul_high (s_q64, s_q64);
      uint64_t tail_q64 = 0;    /* the sum less its first term, 1 */
      uint64_t power_q64 = s2_q64;
      for (uint64_t k = 1; power_q64 != 0 && k < 40; k++)
        {
          tail_q64 += (power_q64 + k) / (2 * k + 1);    /* rounded */
          power_q64 = mul_high (power_q64, s2_q64);
        }
      uint64_t sum_q63 = (UINT64_C (1) << 63) + ((tail_q64 + 1) >> 1);
      struct wide ln_m = wide_mul (s, (struct wide) { sum_q63, 0 });
      ln_m.exp++;               /* 2 atanh s */
      log2_m = wide_mul (ln_m, (struct wide) { LOG2E_Q63, 0 });
    }

  if (e == 0)
    {
      if (num == 0)
        return 0;
      *magnitude = log2_m;
      *negative = s_negative;
      return 1;
    }
  /* E + log2 m, |E| >= 1 > 2 |log2 m|: its sign is E's.  The magnitude in
   * 64.64 fixed point, HIGH the integer part.  */
  *negative = e < 0;
  uint64_t high = (uint64_t) (e < 0 ? -e : e);
  uint64_t low = 0;
  if (num != 0)
    {
      int to_q64 = -(log2_m.exp + 1);
      uint64_t log2_m_q64 = to_q64 >= 64 ? 0 : log2_m.sig >> to_q64;
      if (s_negative == (e < 0))
        low = log2_m_q64;
      else if (log2_m_q64 != 0)
        {
          high--;
          low = 0 - log2_m_q64;
        }
    }
  if (high == 0)
    {
      int shift = fp_clz64 (low);
      *magnitude = (struct wide) { low << shift, -1 - shift };
    }
  else
    {
      int top = 63 - fp_clz64 (high);
      uint64_t sig = high << (63 - top);
      if (top < 63)
        sig |= low >> (top + 1);
      *magnitude = (struct wide) { sig, top };
    }
  return 1;
}

/* 2^t for T = (negative ? -1 : 1) * magnitude, rounded into a double
 * with the sign bit SIGN_BIT.  */
SOFTFP_INLINE uint64_t
exp2_of (struct wide t, int negative, uint64_t sign_bit)
{
  if (t.exp >= 12)              /* |t| >= 4096: far out of range */
    return negative ? sign_bit : sign_bit | fp_inf_bits (FP_DOUBLE);
  if (t.exp < -70)              /* 2^t = 1 + less than half an ulp */
    return sign_bit | ONE_BITS;
  /* |t| = whole + fraction / 2^64.  */
  uint64_t whole = 0, fraction;
  if (t.exp >= 0)
    {
      whole = t.sig >> (63 - t.exp);
      fraction = t.sig << (t.exp + 1);
    }
  else
    fraction = -t.exp - 1 >= 64 ? 0 : t.sig >> (-t.exp - 1);
  int64_t n = (int64_t) whole;
  if (negative)
    {
      /* -(whole + f) = -(whole + 1) + (1 - f).  */
      n = -n;
      if (fraction != 0)
        {
          n--;
          fraction = 0 - fraction;
        }
    }
  /* 2^f = e^z with z = f ln 2 < 0.7: the series of exp with 62 fraction
   * bits, the result in [1, 2).  */
  uint64_t z_q64 = mul_high (fraction, LN2_Q64);
  uint64_t sum_q62 = UINT64_C (1) << 62;
  uint64_t term_q62 = sum_q62;
  for (uint64_t k = 1; term_q62 != 0; k++)
    {
      term_q62 = mul_high (term_q62, z_q64) / k;
      sum_q62 += term_q62;
    }
  /* Bit 0 as a sticky bit: the sum is not exact.  */
  return fp_round_pack (FP_DOUBLE, sign_bit != 0, (int) n, sum_q62 | 1);
}

double
MATH_SYMBOL (pow) (double x_value, double y_value)
{
  uint64_t x_bits = fp_bits_of_double (x_value);
  uint64_t y_bits = fp_bits_of_double (y_value);
  uint64_t sign_bit = fp_sign_bit (FP_DOUBLE);
  uint64_t inf_bits = fp_inf_bits (FP_DOUBLE);
  struct fp_unpacked x, y;
  fp_unpack (FP_DOUBLE, x_bits, &x);
  fp_unpack (FP_DOUBLE, y_bits, &y);

  /* Annex F: pow (x, +-0) and pow (+1, y) are 1 even for quiet NaNs.  */
  if (math_is_signaling (FP_DOUBLE, x_bits)
      || math_is_signaling (FP_DOUBLE, y_bits))
    return fp_double_of_bits (fp_nan_operand (FP_DOUBLE, x_bits, y_bits));
  if (y.cls == FP_CLASS_ZERO || x_bits == ONE_BITS)
    return fp_double_of_bits (ONE_BITS);
  if (x.cls == FP_CLASS_NAN || y.cls == FP_CLASS_NAN)
    return fp_double_of_bits (fp_nan_operand (FP_DOUBLE, x_bits, y_bits));

  if (y.cls == FP_CLASS_INF)
    {
      uint64_t magnitude = x_bits & ~sign_bit;
      if (magnitude == ONE_BITS)
        return fp_double_of_bits (ONE_BITS);      /* pow (-1, +-inf) */
      /* |x| < 1 with y = -inf, or |x| > 1 with y = +inf, is +inf.  */
      return fp_double_of_bits ((magnitude < ONE_BITS) == y.sign
                                ? inf_bits : 0);
    }

  int kind = integer_kind (&y);
  /* The result is negative only for negative x and odd y.  */
  uint64_t result_sign = x.sign && kind == 1 ? sign_bit : 0;
  if (x.cls == FP_CLASS_ZERO || x.cls == FP_CLASS_INF)
    {
      /* 0^y is 0 for y > 0 and inf for y < 0; inf^y the other way.  */
      int infinite = (x.cls == FP_CLASS_ZERO) == y.sign;
      return fp_double_of_bits (result_sign | (infinite ? inf_bits : 0));
    }
  if (x.sign && kind == 0)
    return fp_double_of_bits (fp_default_nan (FP_DOUBLE));

  uint64_t bits;
  if (kind != 0 && exact_power (&x, &y, &bits))
    return fp_double_of_bits (result_sign | bits);
  if (y_bits == HALF_BITS)
    return MATH_SYMBOL (sqrt) (x_value);

  struct wide log2_x;
  int log_negative;
  if (!log2_of (&x, &log2_x, &log_negative))
    return fp_double_of_bits (result_sign | ONE_BITS);  /* |x| = 1 */
  struct wide y_wide = { y.sig << 1, y.exp };
  struct wide t = wide_mul (y_wide, log2_x);
  return fp_double_of_bits (exp2_of (t, log_negative != y.sign, result_sign));
}
