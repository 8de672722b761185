/* copysign.c — the magnitude of X with the sign of Y, for double and
 * float: bit operations, exact for zeros, infinities and NaNs.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "math-routines.h"

double
MATH_SYMBOL (copysign) (double x, double y)
{
  uint64_t sign_bit = fp_sign_bit (FP_DOUBLE);
  return fp_double_of_bits ((fp_bits_of_double (x) & ~sign_bit)
                            | (fp_bits_of_double (y) & sign_bit));
}

float
MATH_SYMBOL (copysignf) (float x, float y)
{
  uint64_t sign_bit = fp_sign_bit (FP_SINGLE);
  return fp_float_of_bits ((fp_bits_of_float (x) & ~sign_bit)
                           | (fp_bits_of_float (y) & sign_bit));
}
