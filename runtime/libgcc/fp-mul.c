/* fp-mul.c — multiplication of float and double (__mulsf3, __muldf3).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "softfp.h"

/* The 128-bit product of A and B as *HI:*LO, from 32-bit halves: BPF
 * multiplies only 64 x 64 -> 64.  */
SOFTFP_INLINE void
fp_mul_64x64 (uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
  uint64_t a_lo = (uint32_t) a, a_hi = a >> 32;
  uint64_t b_lo = (uint32_t) b, b_hi = b >> 32;
  uint64_t low = a_lo * b_lo, cross1 = a_lo * b_hi, cross2 = a_hi * b_lo;
  /* At most 3 * (2^32 - 1): no overflow.  */
  uint64_t middle = (low >> 32) + (uint32_t) cross1 + (uint32_t) cross2;

  *lo = (middle << 32) | (uint32_t) low;
  *hi = a_hi * b_hi + (cross1 >> 32) + (cross2 >> 32) + (middle >> 32);
}

SOFTFP_INLINE uint64_t
fp_mul (enum fp_format f, uint64_t a_bits, uint64_t b_bits)
{
  struct fp_unpacked a, b;
  uint64_t sign_bit, hi, lo, sig;

  fp_unpack (f, a_bits, &a);
  fp_unpack (f, b_bits, &b);
  if (a.cls == FP_CLASS_NAN || b.cls == FP_CLASS_NAN)
    return fp_nan_operand (f, a_bits, b_bits);
  sign_bit = (a_bits ^ b_bits) & fp_sign_bit (f);
  if (a.cls == FP_CLASS_INF || b.cls == FP_CLASS_INF)
    return a.cls == FP_CLASS_ZERO || b.cls == FP_CLASS_ZERO
           ? fp_default_nan (f) : sign_bit | fp_inf_bits (f);
  if (a.cls == FP_CLASS_ZERO || b.cls == FP_CLASS_ZERO)
    return sign_bit;

  /* Both significands are in [2^62, 2^63): the product in [2^124, 2^126)
   * is SIG * 2^FP_SIG_TOP, the bits below making SIG's sticky bit.  */
  fp_mul_64x64 (a.sig, b.sig, &hi, &lo);
  sig = (hi << (64 - FP_SIG_TOP)) | (lo >> FP_SIG_TOP)
        | ((lo & ((UINT64_C (1) << FP_SIG_TOP) - 1)) != 0);
  return fp_round_pack (f, a.sign ^ b.sign, a.exp + b.exp, sig);
}

float
LIBGCC_SYMBOL (__mulsf3) (float a, float b)
{
  return fp_float_of_bits (fp_mul (FP_SINGLE, fp_bits_of_float (a),
                                   fp_bits_of_float (b)));
}

double
LIBGCC_SYMBOL (__muldf3) (double a, double b)
{
  return fp_double_of_bits (fp_mul (FP_DOUBLE, fp_bits_of_double (a),
                                    fp_bits_of_double (b)));
}
