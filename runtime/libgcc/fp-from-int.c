/* fp-from-int.c — integers to float and double, rounded to nearest even:
 * __floatsisf, __floatunsisf, __floatdisf, __floatundisf and the df
 * versions.  bpf-gcc 12 calls the int and unsigned int to double ones
 * __bpf_floatsidf and __bpf_floatunsidf (bpf_init_libfuncs), libgcc's
 * own code the usual names: both are defined.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "softfp.h"

SOFTFP_INLINE uint64_t
fp_from_integer (enum fp_format f, int negative, uint64_t magnitude)
{
  if (magnitude == 0)
    return 0;
  return fp_round_pack (f, negative, FP_SIG_TOP, magnitude);
}

/* |VALUE| without overflow for the most negative value.  */
SOFTFP_INLINE uint64_t
fp_magnitude (long long value)
{
  return value < 0 ? -(uint64_t) value : (uint64_t) value;
}

float
LIBGCC_SYMBOL (__floatsisf) (int a)
{
  return fp_float_of_bits (fp_from_integer (FP_SINGLE, a < 0,
                                            fp_magnitude (a)));
}

float
LIBGCC_SYMBOL (__floatunsisf) (unsigned int a)
{
  return fp_float_of_bits (fp_from_integer (FP_SINGLE, 0, a));
}

float
LIBGCC_SYMBOL (__floatdisf) (long long a)
{
  return fp_float_of_bits (fp_from_integer (FP_SINGLE, a < 0,
                                            fp_magnitude (a)));
}

float
LIBGCC_SYMBOL (__floatundisf) (unsigned long long a)
{
  return fp_float_of_bits (fp_from_integer (FP_SINGLE, 0, a));
}

double
LIBGCC_SYMBOL (__floatsidf) (int a)
{
  return fp_double_of_bits (fp_from_integer (FP_DOUBLE, a < 0,
                                             fp_magnitude (a)));
}

double
LIBGCC_SYMBOL (__floatunsidf) (unsigned int a)
{
  return fp_double_of_bits (fp_from_integer (FP_DOUBLE, 0, a));
}

double
LIBGCC_SYMBOL (__floatdidf) (long long a)
{
  return fp_double_of_bits (fp_from_integer (FP_DOUBLE, a < 0,
                                             fp_magnitude (a)));
}

double
LIBGCC_SYMBOL (__floatundidf) (unsigned long long a)
{
  return fp_double_of_bits (fp_from_integer (FP_DOUBLE, 0, a));
}

double LIBGCC_SYMBOL (__bpf_floatsidf) (int)
  LIBGCC_ALIAS_OF (__floatsidf);
double LIBGCC_SYMBOL (__bpf_floatunsidf) (unsigned int)
  LIBGCC_ALIAS_OF (__floatunsidf);
