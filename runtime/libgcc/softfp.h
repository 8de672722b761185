/* softfp.h — the core of the soft-float routines: IEEE 754 binary32
 * (float) and binary64 (double) unpacked into one form, rounded to
 * nearest (ties to even) and packed back.  Each routine is written once
 * for both formats, with the format an argument that is a constant once
 * inlined.  Exception flags and other rounding modes are not kept, as in
 * libgcc without fenv support.
 *
 * Everything here is inlined: each routine is then a leaf, which keeps
 * call chains short (BPF allows 8 frames) and uses only 64-bit integer
 * arithmetic that BPF has.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef SOFTFP_H
#define SOFTFP_H

#include <stdint.h>
#include "libgcc-routines.h"

#define SOFTFP_INLINE static inline __attribute__ ((always_inline))

enum fp_format { FP_SINGLE, FP_DOUBLE };

/* Width of the stored fraction (without the implicit leading 1).  */
SOFTFP_INLINE int
fp_frac_bits (enum fp_format f)
{
  return f == FP_SINGLE ? 23 : 52;
}

/* The biased exponent of infinities and NaNs: all ones.  */
SOFTFP_INLINE int
fp_exp_max (enum fp_format f)
{
  return f == FP_SINGLE ? 0xff : 0x7ff;
}

SOFTFP_INLINE int
fp_bias (enum fp_format f)
{
  return fp_exp_max (f) >> 1;
}

SOFTFP_INLINE uint64_t
fp_sign_bit (enum fp_format f)
{
  return f == FP_SINGLE ? UINT64_C (1) << 31 : UINT64_C (1) << 63;
}

SOFTFP_INLINE uint64_t
fp_inf_bits (enum fp_format f)
{
  return (uint64_t) fp_exp_max (f) << fp_frac_bits (f);
}

/* The top fraction bit: set in a quiet NaN.  */
SOFTFP_INLINE uint64_t
fp_quiet_bit (enum fp_format f)
{
  return UINT64_C (1) << (fp_frac_bits (f) - 1);
}

/* The NaN made by invalid operations (inf - inf, 0 * inf, 0 / 0).  */
SOFTFP_INLINE uint64_t
fp_default_nan (enum fp_format f)
{
  return fp_inf_bits (f) | fp_quiet_bit (f);
}

SOFTFP_INLINE int
fp_is_nan (enum fp_format f, uint64_t bits)
{
  return (bits & ~fp_sign_bit (f)) > fp_inf_bits (f);
}

SOFTFP_INLINE int
fp_is_inf (enum fp_format f, uint64_t bits)
{
  return (bits & ~fp_sign_bit (f)) == fp_inf_bits (f);
}

/* The result of an operation with a NaN operand: that NaN (the first if
 * both are), made quiet, as IEEE 754 recommends.  */
SOFTFP_INLINE uint64_t
fp_nan_operand (enum fp_format f, uint64_t a, uint64_t b)
{
  return (fp_is_nan (f, a) ? a : b) | fp_quiet_bit (f);
}

/* Between values and their bits.  The empty asm hides the bits from the
 * optimizer: bpf-gcc 12 folds bits it can see into a floating-point
 * constant and then emits that wrongly (print_operand writes GCC's
 * internal form of the number: 1.0 becomes "lddw %r0,0x41", infinity
 * 2), so a routine returning inf or NaN would return garbage.  */
SOFTFP_INLINE uint64_t
fp_bits_of_float (float value)
{
  union { float f; uint32_t u; } v = { .f = value };
  return v.u;
}

SOFTFP_INLINE uint64_t
fp_bits_of_double (double value)
{
  union { double d; uint64_t u; } v = { .d = value };
  return v.u;
}

SOFTFP_INLINE float
fp_float_of_bits (uint64_t bits)
{
  union { uint32_t u; float f; } v = { .u = (uint32_t) bits };
  __asm__ ("" : "+r" (v.u));
  return v.f;
}

SOFTFP_INLINE double
fp_double_of_bits (uint64_t bits)
{
  union { uint64_t u; double d; } v = { .u = bits };
  __asm__ ("" : "+r" (v.u));
  return v.d;
}

/* Leading zeros of a nonzero X.  Not __builtin_clzll, which bpf-gcc
 * turns into a call to libgcc's __clzdi2.  */
SOFTFP_INLINE int
fp_clz64 (uint64_t x)
{
  int n = 0;
  if (!(x >> 32)) { n += 32; x <<= 32; }
  if (!(x >> 48)) { n += 16; x <<= 16; }
  if (!(x >> 56)) { n += 8; x <<= 8; }
  if (!(x >> 60)) { n += 4; x <<= 4; }
  if (!(x >> 62)) { n += 2; x <<= 2; }
  if (!(x >> 63)) n += 1;
  return n;
}

/* X >> COUNT with any 1 bits shifted out kept as a 1 in bit 0 ("sticky"):
 * bit 0 lies below every bit that rounding looks at, and all rounding
 * needs from there is whether the rest was exactly zero.  */
SOFTFP_INLINE uint64_t
fp_shift_right_sticky (uint64_t x, int count)
{
  if (count <= 0)
    return x;
  if (count >= 64)
    return x != 0;
  return (x >> count) | ((x << (64 - count)) != 0);
}

/* Where an unpacked significand has its leading 1.  Bit 63 stays free for
 * the carry of an addition; below the 53 bits of a double remain 10 more
 * for rounding (39 below the 24 bits of a float).  */
#define FP_SIG_TOP 62

enum fp_class { FP_CLASS_ZERO, FP_CLASS_FINITE, FP_CLASS_INF, FP_CLASS_NAN };

/* A finite nonzero number is (-1)^sign * sig * 2^(exp - FP_SIG_TOP) with
 * bit FP_SIG_TOP of sig set: subnormals are normalized like the rest, so
 * exp is the unbiased exponent of the leading bit.  A NaN keeps its
 * fraction (payload) in sig, aligned under FP_SIG_TOP so that converting
 * to the other format keeps its top bits.  */
struct fp_unpacked
{
  enum fp_class cls;
  int sign;
  int exp;
  uint64_t sig;
};

SOFTFP_INLINE void
fp_unpack (enum fp_format f, uint64_t bits, struct fp_unpacked *u)
{
  int frac_bits = fp_frac_bits (f);
  uint64_t frac = bits & ((UINT64_C (1) << frac_bits) - 1);
  int biased = (int) (bits >> frac_bits) & fp_exp_max (f);

  u->sign = (bits & fp_sign_bit (f)) != 0;
  u->exp = 0;
  u->sig = frac << (FP_SIG_TOP - frac_bits);
  if (biased == fp_exp_max (f))
    u->cls = frac ? FP_CLASS_NAN : FP_CLASS_INF;
  else if (biased == 0 && frac == 0)
    u->cls = FP_CLASS_ZERO;
  else if (biased == 0)
    {
      /* Subnormal: 0.frac * 2^(1 - bias).  */
      int shift = fp_clz64 (u->sig) - (63 - FP_SIG_TOP);
      u->cls = FP_CLASS_FINITE;
      u->sig <<= shift;
      u->exp = 1 - fp_bias (f) - shift;
    }
  else
    {
      u->cls = FP_CLASS_FINITE;
      u->sig |= UINT64_C (1) << FP_SIG_TOP;
      u->exp = biased - fp_bias (f);
    }
}

/* (-1)^SIGN * SIG * 2^(EXP - FP_SIG_TOP) in format F, rounded to nearest
 * even.  SIG is nonzero, its leading 1 anywhere, its bit 0 possibly a
 * sticky bit.  Too large gives infinity; too small a subnormal or zero.  */
SOFTFP_INLINE uint64_t
fp_round_pack (enum fp_format f, int sign, int exp, uint64_t sig)
{
  int frac_bits = fp_frac_bits (f);
  int extra = FP_SIG_TOP - frac_bits;   /* bits below the kept ones */
  uint64_t half = UINT64_C (1) << (extra - 1);
  uint64_t sign_bit = sign ? fp_sign_bit (f) : 0;
  int lead = 63 - fp_clz64 (sig);
  int biased;
  uint64_t rest, kept;

  if (lead > FP_SIG_TOP)
    sig = fp_shift_right_sticky (sig, lead - FP_SIG_TOP);
  else
    sig <<= FP_SIG_TOP - lead;
  biased = exp + lead - FP_SIG_TOP + fp_bias (f);

  if (biased >= fp_exp_max (f))
    return sign_bit | fp_inf_bits (f);
  if (biased < 1)
    {
      /* Subnormal: line the bits up with those of exponent 1 - bias.  */
      sig = fp_shift_right_sticky (sig, 1 - biased);
      biased = 1;
    }

  rest = sig & (2 * half - 1);
  kept = sig >> extra;
  if (rest > half || (rest == half && (kept & 1)))
    kept++;
  /* KEPT includes the implicit 1, which adds one to the exponent field:
   * hence biased - 1.  A carry out of rounding moves on into the exponent
   * field as it should, up to infinity; a subnormal has no implicit 1 and
   * a field of 0, and rounding up into 1 makes it the smallest normal.  */
  return sign_bit | (((uint64_t) (biased - 1) << frac_bits) + kept);
}

/* U in format F: for conversions, where only finite numbers round.  */
SOFTFP_INLINE uint64_t
fp_pack (enum fp_format f, const struct fp_unpacked *u)
{
  uint64_t sign_bit = u->sign ? fp_sign_bit (f) : 0;

  switch (u->cls)
    {
    case FP_CLASS_ZERO:
      return sign_bit;
    case FP_CLASS_INF:
      return sign_bit | fp_inf_bits (f);
    case FP_CLASS_NAN:
      return sign_bit | fp_inf_bits (f) | fp_quiet_bit (f)
             | (u->sig >> (FP_SIG_TOP - fp_frac_bits (f)));
    default:
      return fp_round_pack (f, u->sign, u->exp, u->sig);
    }
}

/* The integer part of the finite U, for U->exp < 64: |U| rounded toward
 * zero, which is what C's conversions to integers do.  */
SOFTFP_INLINE uint64_t
fp_integer_part (const struct fp_unpacked *u)
{
  if (u->exp < 0)
    return 0;
  if (u->exp > FP_SIG_TOP)
    return u->sig << (u->exp - FP_SIG_TOP);
  return u->sig >> (FP_SIG_TOP - u->exp);
}

#endif
