/* ilogb.c — ilogb and ilogbf: the unbiased binary exponent of x as an
 * int, subnormals included (ilogb (0x1p-1074) is -1074); FP_ILOGB0 for
 * zeros, INT_MAX for infinities, FP_ILOGBNAN for NaNs.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <limits.h>
#include "math-routines.h"

/* math.h's FP_ILOGB0 and FP_ILOGBNAN, which the host test cannot see.  */
#define ILOGB_OF_ZERO INT_MIN
#define ILOGB_OF_NAN INT_MAX
#ifndef LIBGCC_HOST_TEST
_Static_assert (FP_ILOGB0 == ILOGB_OF_ZERO && FP_ILOGBNAN == ILOGB_OF_NAN,
                "math.h and ilogb.c agree");
#endif

SOFTFP_INLINE int
math_ilogb (enum fp_format f, uint64_t bits)
{
  struct fp_unpacked u;
  fp_unpack (f, bits, &u);
  switch (u.cls)
    {
    case FP_CLASS_ZERO:
      return ILOGB_OF_ZERO;
    case FP_CLASS_INF:
      return INT_MAX;
    case FP_CLASS_NAN:
      return ILOGB_OF_NAN;
    default:
      return u.exp;             /* subnormals come normalized */
    }
}

int
MATH_SYMBOL (ilogb) (double x)
{
  return math_ilogb (FP_DOUBLE, fp_bits_of_double (x));
}

int
MATH_SYMBOL (ilogbf) (float x)
{
  return math_ilogb (FP_SINGLE, fp_bits_of_float (x));
}
