/* fp-negate.c — negation of float and double (__negsf2, __negdf2): the
 * sign bit flips, NaNs included, as IEEE 754 defines negate.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "softfp.h"

float
LIBGCC_SYMBOL (__negsf2) (float a)
{
  return fp_float_of_bits (fp_bits_of_float (a) ^ fp_sign_bit (FP_SINGLE));
}

double
LIBGCC_SYMBOL (__negdf2) (double a)
{
  return fp_double_of_bits (fp_bits_of_double (a)
                            ^ fp_sign_bit (FP_DOUBLE));
}
