/* float-bits.h — what the host tests of the runtime's arithmetic
 * (softfp-test.c, math-test.c) share: reproducible random numbers and
 * the bits of floats and doubles.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPFSIM_TEST_FLOAT_BITS_H
#define EBPFSIM_TEST_FLOAT_BITS_H

#include <stdint.h>
#include <string.h>

/* xorshift64*, reproducible from the seed (main may set rng_state).  */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t
next_random (void)
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 0x2545f4914f6cdd1dULL;
}

static float
float_of (uint64_t bits)
{
  uint32_t u = (uint32_t) bits;
  float x;
  memcpy (&x, &u, sizeof x);
  return x;
}

static uint64_t
bits_of_float (float x)
{
  uint32_t u;
  memcpy (&u, &x, sizeof u);
  return u;
}

static double
double_of (uint64_t bits)
{
  double x;
  memcpy (&x, &bits, sizeof x);
  return x;
}

static uint64_t
bits_of_double (double x)
{
  uint64_t u;
  memcpy (&u, &x, sizeof u);
  return u;
}

#endif
