/* fmin.c — the smaller of two numbers, for double, float and long double
 * (which is double on BPF).  A NaN argument is ignored: the result is
 * the other argument, a NaN only when both are (or one is a
 * signaling NaN).  As IEEE 754-2019
 * recommends for minimum, -0 is taken as smaller than +0.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "math-routines.h"

double
MATH_SYMBOL (fmin) (double x, double y)
{
  return fp_double_of_bits (math_pick (FP_DOUBLE, fp_bits_of_double (x),
                                       fp_bits_of_double (y), 0));
}

float
MATH_SYMBOL (fminf) (float x, float y)
{
  return fp_float_of_bits (math_pick (FP_SINGLE, fp_bits_of_float (x),
                                      fp_bits_of_float (y), 0));
}

long double
MATH_SYMBOL (fminl) (long double x, long double y)
{
  return MATH_SYMBOL (fmin) ((double) x, (double) y);
}
