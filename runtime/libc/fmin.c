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
  uint64_t x_bits = fp_bits_of_double (x), y_bits = fp_bits_of_double (y);
  if (math_is_signaling (FP_DOUBLE, x_bits)
      || math_is_signaling (FP_DOUBLE, y_bits))
    return fp_double_of_bits (fp_nan_operand (FP_DOUBLE, x_bits, y_bits));
  if (fp_is_nan (FP_DOUBLE, y_bits))
    return x;
  if (fp_is_nan (FP_DOUBLE, x_bits))
    return y;
  return math_order_key (x_bits) <= math_order_key (y_bits) ? x : y;
}

float
MATH_SYMBOL (fminf) (float x, float y)
{
  uint64_t x_bits = fp_bits_of_float (x), y_bits = fp_bits_of_float (y);
  if (math_is_signaling (FP_SINGLE, x_bits)
      || math_is_signaling (FP_SINGLE, y_bits))
    return fp_float_of_bits (fp_nan_operand (FP_SINGLE, x_bits, y_bits));
  if (fp_is_nan (FP_SINGLE, y_bits))
    return x;
  if (fp_is_nan (FP_SINGLE, x_bits))
    return y;
  return math_order_key (math_float_bits_high (x))
         <= math_order_key (math_float_bits_high (y)) ? x : y;
}

long double
MATH_SYMBOL (fminl) (long double x, long double y)
{
  return MATH_SYMBOL (fmin) ((double) x, (double) y);
}
