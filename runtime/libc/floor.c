/* floor.c — floor and floorf: x rounded to an integral value
 * toward minus infinity (the largest integral value not
 * above x), exactly; zeros keep their sign.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "math-routines.h"

double
MATH_SYMBOL (floor) (double x)
{
  return fp_double_of_bits (math_round_integral (FP_DOUBLE,
                                                 fp_bits_of_double (x), -1));
}

float
MATH_SYMBOL (floorf) (float x)
{
  return fp_float_of_bits (math_round_integral (FP_SINGLE,
                                                fp_bits_of_float (x), -1));
}
