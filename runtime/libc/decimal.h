/* decimal.h — inside the library only: the exact decimal digits of a
 * double, and their rounding, for printf's f, e and g conversions.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPFSIM_LIBC_DECIMAL_H
#define EBPFSIM_LIBC_DECIMAL_H

#include <stdint.h>

/* A double has at most 767 significant decimal digits (the odd multiple
 * of 2^-1074 just below 2^-1022); the digits come nine at a time.  */
#define DECIMAL_DIGITS_MAX (767 + 9)

/* The number 0.D1 D2 ... Dcount * 10^point: DIGITS are '0' to '9', the
 * first nonzero and the last nonzero; zero has count 0 and point 1 (so
 * that its exponent, point - 1, is 0).  */
struct decimal
{
  char digits[DECIMAL_DIGITS_MAX];
  int count;
  int point;
};

/* The exact value of the finite double with the bits BITS, sign
 * ignored.  */
void __ebpfsim_decimal (uint64_t bits, struct decimal *d);

/* Rounds D to nearest, ties to even, keeping its first KEEP digits
 * (KEEP may be 0 or negative: the digit rounded at lies that far left of
 * the first).  A carry out of the first digit moves the point.  */
void __ebpfsim_decimal_round (struct decimal *d, int keep);

#endif
