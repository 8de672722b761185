/* fabs.c — the magnitude of a double or float: the sign bit cleared,
 * so that fabs of a NaN is a NaN with its payload.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "math-routines.h"

double
MATH_SYMBOL (fabs) (double x)
{
  return fp_double_of_bits (fp_bits_of_double (x) & ~fp_sign_bit (FP_DOUBLE));
}

float
MATH_SYMBOL (fabsf) (float x)
{
  return fp_float_of_bits (fp_bits_of_float (x) & ~fp_sign_bit (FP_SINGLE));
}
