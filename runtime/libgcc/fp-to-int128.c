/* fp-to-int128.c — float and double to 128-bit integers, truncating:
 * __fixsfti, __fixunssfti, __fixdfti, __fixunsdfti.  libgcc.a has these
 * but miscompiled: they scale by 2^64 written as a floating-point
 * constant, which bpf-gcc 12 emits wrongly (softfp.h).  Out of range
 * they saturate, and a NaN gives 0, like the narrower ones (fp-to-int.c).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "softfp.h"

typedef unsigned __int128 uint128;

SOFTFP_INLINE uint128
fp_to_int128 (enum fp_format f, uint64_t bits, int is_signed)
{
  struct fp_unpacked u;
  uint128 limit, magnitude;

  fp_unpack (f, bits, &u);
  if (u.cls == FP_CLASS_NAN || u.cls == FP_CLASS_ZERO)
    return 0;
  if (u.sign && !is_signed)
    return 0;                   /* (-1, 0) truncates to 0, less saturates */
  limit = is_signed ? ((uint128) 1 << 127) - 1 + u.sign : ~(uint128) 0;
  if (u.cls == FP_CLASS_INF || u.exp >= 128)
    magnitude = limit;
  else
    {
      magnitude = u.exp < 64 ? fp_integer_part (&u)
                             : (uint128) u.sig << (u.exp - FP_SIG_TOP);
      if (magnitude > limit)
        magnitude = limit;
    }
  return u.sign ? -magnitude : magnitude;
}

__int128
LIBGCC_SYMBOL (__fixsfti) (float a)
{
  return (__int128) fp_to_int128 (FP_SINGLE, fp_bits_of_float (a), 1);
}

unsigned __int128
LIBGCC_SYMBOL (__fixunssfti) (float a)
{
  return fp_to_int128 (FP_SINGLE, fp_bits_of_float (a), 0);
}

__int128
LIBGCC_SYMBOL (__fixdfti) (double a)
{
  return (__int128) fp_to_int128 (FP_DOUBLE, fp_bits_of_double (a), 1);
}

unsigned __int128
LIBGCC_SYMBOL (__fixunsdfti) (double a)
{
  return fp_to_int128 (FP_DOUBLE, fp_bits_of_double (a), 0);
}
