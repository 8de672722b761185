/* fp-to-int.c — float and double to 32- and 64-bit integers, truncating:
 * __fixsfsi, __fixunssfsi, __fixsfdi, __fixunssfdi and the df versions.
 * bpf-gcc 12 calls double to int __bpf_fix_truncdfsi (bpf_init_libfuncs),
 * libgcc's own code __fixdfsi: both are defined.
 *
 * Out of range the result is undefined in C; these saturate, and a NaN
 * gives 0, so that a wrong program at least gets a predictable answer.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "softfp.h"

/* BITS, in format F, as a WIDTH-bit integer (signed or not), returned as
 * that integer's bits in the low WIDTH bits.  */
SOFTFP_INLINE uint64_t
fp_to_integer (enum fp_format f, uint64_t bits, int width, int is_signed)
{
  struct fp_unpacked u;
  uint64_t limit, magnitude;

  fp_unpack (f, bits, &u);
  if (u.cls == FP_CLASS_NAN || u.cls == FP_CLASS_ZERO)
    return 0;
  if (u.sign && !is_signed)
    return 0;                   /* (-1, 0) truncates to 0, less saturates */
  limit = is_signed ? (UINT64_C (1) << (width - 1)) - 1 + u.sign
                    : UINT64_MAX >> (64 - width);
  if (u.cls == FP_CLASS_INF || u.exp >= width)
    magnitude = limit;
  else
    {
      magnitude = fp_integer_part (&u);
      if (magnitude > limit)
        magnitude = limit;
    }
  return u.sign ? -magnitude : magnitude;
}

int
LIBGCC_SYMBOL (__fixsfsi) (float a)
{
  return (int) (uint32_t) fp_to_integer (FP_SINGLE, fp_bits_of_float (a),
                                         32, 1);
}

unsigned int
LIBGCC_SYMBOL (__fixunssfsi) (float a)
{
  return fp_to_integer (FP_SINGLE, fp_bits_of_float (a), 32, 0);
}

long long
LIBGCC_SYMBOL (__fixsfdi) (float a)
{
  return (long long) fp_to_integer (FP_SINGLE, fp_bits_of_float (a), 64, 1);
}

unsigned long long
LIBGCC_SYMBOL (__fixunssfdi) (float a)
{
  return fp_to_integer (FP_SINGLE, fp_bits_of_float (a), 64, 0);
}

int
LIBGCC_SYMBOL (__fixdfsi) (double a)
{
  return (int) (uint32_t) fp_to_integer (FP_DOUBLE, fp_bits_of_double (a),
                                         32, 1);
}

unsigned int
LIBGCC_SYMBOL (__fixunsdfsi) (double a)
{
  return fp_to_integer (FP_DOUBLE, fp_bits_of_double (a), 32, 0);
}

long long
LIBGCC_SYMBOL (__fixdfdi) (double a)
{
  return (long long) fp_to_integer (FP_DOUBLE, fp_bits_of_double (a),
                                    64, 1);
}

unsigned long long
LIBGCC_SYMBOL (__fixunsdfdi) (double a)
{
  return fp_to_integer (FP_DOUBLE, fp_bits_of_double (a), 64, 0);
}

int LIBGCC_SYMBOL (__bpf_fix_truncdfsi) (double)
  LIBGCC_ALIAS_OF (__fixdfsi);
