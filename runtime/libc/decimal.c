/* decimal.c — the exact decimal expansion of a double.  A double is
 * m * 2^e with m an integer below 2^53.  Its integer part is computed in
 * base 10^9 by doubling m (29 bits at a time); its fractional part f /
 * 2^k has exactly k decimal places, produced nine at a time by
 * multiplying the binary fraction by 10^9 and taking what carries out
 * above the point.  Only integer arithmetic, and no memory but D and two
 * arrays of limbs (static: they are larger than a BPF frame allows).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "decimal.h"

#define BILLION 1000000000u

/* 2^1024 < 10^309 needs 35 limbs of nine digits.  */
static uint32_t integer_limbs[36];
/* 1074 fraction bits in 32-bit limbs, the first the most significant.  */
static uint32_t fraction_limbs[34];

/* Appends the nine digits of CHUNK (< 10^9), or when D has no digit yet
 * only those after its leading zeros, which then move the point left
 * when SKIP_MOVES_POINT.  */
static void
append_chunk (struct decimal *d, uint32_t chunk, int skip_moves_point)
{
  char text[9];
  for (int i = 8; i >= 0; i--)
    {
      text[i] = (char) ('0' + chunk % 10);
      chunk /= 10;
    }
  int i = 0;
  if (d->count == 0)
    for (; i < 9 && text[i] == '0'; i++)
      if (skip_moves_point)
        d->point--;
  for (; i < 9; i++)
    d->digits[d->count++] = text[i];
}

void
__ebpfsim_decimal (uint64_t bits, struct decimal *d)
{
  uint64_t fraction_field = bits & ((UINT64_C (1) << 52) - 1);
  int biased = (int) (bits >> 52) & 0x7ff;
  d->count = 0;
  d->point = 1;
  if (biased == 0 && fraction_field == 0)
    return;
  /* |x| = m * 2^e.  */
  uint64_t m = biased ? fraction_field | (UINT64_C (1) << 52) : fraction_field;
  int e = (biased ? biased : 1) - 1075;

  /* The integer part: m * 2^e, or m >> -e.  */
  uint64_t integer = e >= 0 ? m : -e >= 64 ? 0 : m >> -e;
  int n = 0;
  for (; integer != 0; integer /= BILLION)
    integer_limbs[n++] = (uint32_t) (integer % BILLION);
  for (int left = e; left > 0 && n > 0;)
    {
      int step = left < 29 ? left : 29;
      uint64_t carry = 0;
      for (int i = 0; i < n; i++)
        {
          uint64_t t = ((uint64_t) integer_limbs[i] << step) + carry;
          integer_limbs[i] = (uint32_t) (t % BILLION);
          carry = t / BILLION;
        }
      if (carry != 0)
        integer_limbs[n++] = (uint32_t) carry;
      left -= step;
    }
  d->point = 0;
  for (int i = n - 1; i >= 0; i--)
    append_chunk (d, integer_limbs[i], 0);
  d->point = d->count;

  /* The fractional part f / 2^k, with k = -e places, as a binary
   * fraction in LIMBS 32-bit limbs: f shifted up by SHIFT to fill them,
   * at most 53 + 31 bits, so in the last three.  */
  if (e < 0)
    {
      int k = -e;
      uint64_t f = k >= 64 ? m : m & ((UINT64_C (1) << k) - 1);
      int limbs = (k + 31) / 32;
      int shift = 32 * limbs - k;
      for (int i = 0; i < limbs; i++)
        fraction_limbs[i] = 0;
      fraction_limbs[limbs - 1] = (uint32_t) (f << shift);
      if (limbs >= 2)
        fraction_limbs[limbs - 2] = (uint32_t) ((f << shift) >> 32);
      if (limbs >= 3 && shift > 0)
        fraction_limbs[limbs - 3] = (uint32_t) (f >> (64 - shift));
      while (limbs > 0 && fraction_limbs[limbs - 1] == 0)
        limbs--;
      while (limbs > 0 && d->count <= DECIMAL_DIGITS_MAX - 9)
        {
          uint64_t carry = 0;
          for (int i = limbs - 1; i >= 0; i--)
            {
              uint64_t t = (uint64_t) fraction_limbs[i] * BILLION + carry;
              fraction_limbs[i] = (uint32_t) t;
              carry = t >> 32;
            }
          if (d->count == 0 && carry == 0)
            d->point -= 9;
          else
            append_chunk (d, (uint32_t) carry, 1);
          while (limbs > 0 && fraction_limbs[limbs - 1] == 0)
            limbs--;
        }
    }
  while (d->count > 0 && d->digits[d->count - 1] == '0')
    d->count--;
}

void
__ebpfsim_decimal_round (struct decimal *d, int keep)
{
  if (keep >= d->count)
    return;
  int up = 0;
  if (keep >= 0)
    {
      char next = d->digits[keep];
      if (next != '5')
        up = next > '5';
      else if (keep + 1 < d->count)
        up = 1;                 /* above half: the last digit is nonzero */
      else
        up = keep > 0 && (d->digits[keep - 1] - '0') % 2 == 1;
    }
  d->count = keep > 0 ? keep : 0;
  if (up)
    {
      int i = d->count - 1;
      while (i >= 0 && d->digits[i] == '9')
        i--;
      if (i < 0)
        {
          /* 99.9 became 100: one digit, the point one further.  */
          d->digits[0] = '1';
          d->count = 1;
          d->point++;
        }
      else
        {
          d->digits[i]++;
          d->count = i + 1;
        }
    }
  while (d->count > 0 && d->digits[d->count - 1] == '0')
    d->count--;
}
