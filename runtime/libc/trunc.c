/* trunc.c — trunc and truncf: x rounded to an integral value
 * toward zero (its integral part), exactly; zeros keep their sign.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "math-routines.h"

double
MATH_SYMBOL (trunc) (double x)
{
  return fp_double_of_bits (math_round_integral (FP_DOUBLE,
                                                 fp_bits_of_double (x), 0));
}

float
MATH_SYMBOL (truncf) (float x)
{
  return fp_float_of_bits (math_round_integral (FP_SINGLE,
                                                fp_bits_of_float (x), 0));
}
