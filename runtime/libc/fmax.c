/* fmax.c — the larger of two numbers, for double, float and long double
 * (which is double on BPF).  A NaN argument is ignored: the result is
 * the other argument, a NaN only when both are (or one is a
 * signaling NaN).  As IEEE 754-2019
 * recommends for maximum, +0 is taken as larger than -0.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "math-routines.h"

double
MATH_SYMBOL (fmax) (double x, double y)
{
  return fp_double_of_bits (math_pick (FP_DOUBLE, fp_bits_of_double (x),
                                       fp_bits_of_double (y), 1));
}

float
MATH_SYMBOL (fmaxf) (float x, float y)
{
  return fp_float_of_bits (math_pick (FP_SINGLE, fp_bits_of_float (x),
                                      fp_bits_of_float (y), 1));
}

long double
MATH_SYMBOL (fmaxl) (long double x, long double y)
{
  return MATH_SYMBOL (fmax) ((double) x, (double) y);
}
