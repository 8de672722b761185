/* fp-extend-truncate.c — float to double (__extendsfdf2, exact) and
 * double to float (__truncdfsf2, rounded to nearest even).  A NaN stays
 * a NaN with the top of its payload, made quiet.  bpf-gcc 12 calls them
 * __bpf_extendsfdf2 and __bpf_truncdfsf2 (bpf_init_libfuncs), libgcc's
 * own code the usual names: both are defined.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "softfp.h"

double
LIBGCC_SYMBOL (__extendsfdf2) (float a)
{
  struct fp_unpacked u;

  fp_unpack (FP_SINGLE, fp_bits_of_float (a), &u);
  return fp_double_of_bits (fp_pack (FP_DOUBLE, &u));
}

float
LIBGCC_SYMBOL (__truncdfsf2) (double a)
{
  struct fp_unpacked u;

  fp_unpack (FP_DOUBLE, fp_bits_of_double (a), &u);
  return fp_float_of_bits (fp_pack (FP_SINGLE, &u));
}

double LIBGCC_SYMBOL (__bpf_extendsfdf2) (float)
  LIBGCC_ALIAS_OF (__extendsfdf2);
float LIBGCC_SYMBOL (__bpf_truncdfsf2) (double)
  LIBGCC_ALIAS_OF (__truncdfsf2);
