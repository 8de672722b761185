/* int-divmod.c — 64-bit integer division and remainder: __divdi3,
 * __moddi3, __udivdi3, __umoddi3.  BPF divides only unsigned (signed
 * division needs -mxbpf in bpf-gcc 12), so the signed ones divide the
 * magnitudes.  The quotient truncates toward zero and the remainder
 * takes the sign of the dividend, as C says.  Division by zero, undefined
 * in C, gives what BPF's own gives: quotient 0, remainder the dividend.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdint.h>
#include "libgcc-routines.h"

/* |VALUE| without overflow for the most negative value.  */
static inline uint64_t
magnitude (long long value)
{
  return value < 0 ? -(uint64_t) value : (uint64_t) value;
}

unsigned long long
LIBGCC_SYMBOL (__udivdi3) (unsigned long long a, unsigned long long b)
{
  return b ? a / b : 0;
}

unsigned long long
LIBGCC_SYMBOL (__umoddi3) (unsigned long long a, unsigned long long b)
{
  return b ? a % b : a;
}

long long
LIBGCC_SYMBOL (__divdi3) (long long a, long long b)
{
  uint64_t quotient = b ? magnitude (a) / magnitude (b) : 0;

  /* The most negative value divided by -1 wraps around to itself.  */
  return (long long) ((a < 0) != (b < 0) ? -quotient : quotient);
}

long long
LIBGCC_SYMBOL (__moddi3) (long long a, long long b)
{
  uint64_t remainder = b ? magnitude (a) % magnitude (b) : magnitude (a);

  return (long long) (a < 0 ? -remainder : remainder);
}
