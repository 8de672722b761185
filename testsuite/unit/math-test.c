/* math-test — the runtime's math.h functions (runtime/libc/fabs.c ...
 * pow.c), built for the host with LIBGCC_HOST_TEST (which prefixes
 * their names with host_test_), against the host's libm: special
 * operands (zeros, subnormals, extremes, infinities, NaNs, halfway
 * cases), all their pairs for the two-argument functions, then random
 * operands.  Every function but pow must give the host's bits (any NaN
 * for a NaN; for fmax and fmin of two zeros either zero, which C leaves
 * open); ilogb of a NaN is this runtime's FP_ILOGBNAN, INT_MAX.  pow
 * must be exact where the host's is (integer exponents with a result
 * that is a double, and the special cases), and otherwise within 2 ulp
 * of the host's (glibc's is within about half an ulp of the true
 * value); the largest error seen is printed.
 *
 * Usage: math-test [RANDOM-CASES [SEED]]
 * Prints a PASS or FAIL line per function for DejaGnu, then a count, and
 * exits 1 if anything failed.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef LIBGCC_HOST_TEST
# define LIBGCC_HOST_TEST 1
#endif
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../runtime/libc/math-routines.h"
#include "float-bits.h"

static long random_cases = 1000000;
static int failed_functions, passed_functions;

static const uint64_t special_doubles[] = {
  0, 1, 0x000fffffffffffff, 0x0010000000000000, 0x0010000000000001,
  0x3fe0000000000000, 0x3fefffffffffffff, 0x3ff0000000000000,
  0x3ff0000000000001, 0x3ff8000000000000, 0x4000000000000000,
  0x4004000000000000, 0x4008000000000000, 0x400c000000000000,
  0x4330000000000000, 0x432fffffffffffff, 0x4330000000000001,
  0x4340000000000000, 0x433fffffffffffff, 0x7fefffffffffffff,
  0x7ff0000000000000, 0x7ff8000000000000, 0x7ff0000000000001,
  0x3fd5555555555555, 0x4024000000000000, 0x3fb999999999999a,
  0x400921fb54442d18, 0x4059000000000000, 0x40c3880000000000,
  0xc08f400000000000 & ~0x8000000000000000ULL,
};
#define N_SPECIAL_DOUBLES (sizeof special_doubles / sizeof special_doubles[0])

static const uint32_t special_floats[] = {
  0, 1, 0x007fffff, 0x00800000, 0x00800001, 0x3f000000, 0x3f7fffff,
  0x3f800000, 0x3f800001, 0x3fc00000, 0x40000000, 0x40200000,
  0x4b000000, 0x4affffff, 0x4b000001, 0x4b800000, 0x7f7fffff,
  0x7f800000, 0x7fc00000, 0x7f800001, 0x3dcccccd,
};
#define N_SPECIAL_FLOATS (sizeof special_floats / sizeof special_floats[0])

/* Special operand I of 2N: the list with each sign.  */
static double
special_double (size_t i)
{
  uint64_t bits = special_doubles[i / 2];
  return double_of (i % 2 ? bits | 0x8000000000000000ULL : bits);
}

static float
special_float (size_t i)
{
  uint32_t bits = special_floats[i / 2];
  return float_of (i % 2 ? bits | 0x80000000u : bits);
}

/* A random double: random bits half the time, else a number near an
 * integer or a half (what rounding to integers looks at), or near 1.  */
static double
random_double (void)
{
  uint64_t r = next_random ();
  switch (r % 4)
    {
    case 0:
    case 1:
      return double_of (next_random ());
    case 2:
      {
        double d = (double) ((int64_t) (next_random () % 2000000) - 1000000) / 2;
        int64_t ulps = (int64_t) (next_random () % 5) - 2;
        return double_of (bits_of_double (d) + (uint64_t) ulps);
      }
    default:
      return double_of (0x3ff0000000000000ULL
                        + (next_random () % 2000001) - 1000000);
    }
}

static int
same_double (double got, double want)
{
  if (isnan (want))
    return isnan (got);
  return bits_of_double (got) == bits_of_double (want);
}

static int
same_float (float got, float want)
{
  if (isnan (want))
    return isnan (got);
  return bits_of_float (got) == bits_of_float (want);
}

static void
report (const char *name, long failures, long cases, const char *extra)
{
  if (failures == 0)
    passed_functions++;
  else
    failed_functions++;
  printf ("%s: math-test: %s (%ld cases, %ld wrong%s)\n",
          failures == 0 ? "PASS" : "FAIL", name, cases, failures, extra);
}

/* A one-argument double function against the host's.  */
#define CHECK_UNARY_DOUBLE(fn)                                              \
  do {                                                                      \
    long failures = 0, cases = 0;                                           \
    for (long i = 0; i < (long) (2 * N_SPECIAL_DOUBLES) + random_cases; i++) \
      {                                                                     \
        double x = i < (long) (2 * N_SPECIAL_DOUBLES)                       \
                   ? special_double ((size_t) i) : random_double ();        \
        double got = host_test_##fn (x), want = fn (x);                     \
        cases++;                                                            \
        if (!same_double (got, want) && failures++ < 5)                     \
          printf ("  " #fn " (%a) = %a, expected %a\n", x, got, want);      \
      }                                                                     \
    report (#fn, failures, cases, "");                                      \
  } while (0)

#define CHECK_UNARY_FLOAT(fn)                                               \
  do {                                                                      \
    long failures = 0, cases = 0;                                           \
    for (long i = 0; i < (long) (2 * N_SPECIAL_FLOATS) + random_cases; i++) \
      {                                                                     \
        float x = i < (long) (2 * N_SPECIAL_FLOATS)                         \
                  ? special_float ((size_t) i)                              \
                  : i % 2 ? float_of ((uint32_t) next_random ())            \
                          : (float) random_double ();                       \
        float got = host_test_##fn (x), want = fn (x);                      \
        cases++;                                                            \
        if (!same_float (got, want) && failures++ < 5)                      \
          printf ("  " #fn " (%a) = %a, expected %a\n", x, got, want);      \
      }                                                                     \
    report (#fn, failures, cases, "");                                      \
  } while (0)

/* Two zeros of either sign may give either zero (fmax, fmin).  */
static int
same_or_zeros (double got, double want, double x, double y)
{
  if (x == 0 && y == 0)
    return got == 0;
  return same_double (got, want);
}

#define CHECK_BINARY(fn, type, special, n_special, random_value)            \
  do {                                                                      \
    long failures = 0, cases = 0;                                           \
    for (size_t i = 0; i < 2 * (n_special); i++)                            \
      for (size_t j = 0; j < 2 * (n_special); j++)                          \
        {                                                                   \
          type x = special (i), y = special (j);                            \
          type got = host_test_##fn (x, y), want = fn (x, y);               \
          cases++;                                                          \
          if (!same_or_zeros (got, want, x, y) && failures++ < 5)           \
            printf ("  " #fn " (%a, %a) = %a, expected %a\n", x, y,         \
                    (double) got, (double) want);                           \
        }                                                                   \
    for (long i = 0; i < random_cases; i++)                                 \
      {                                                                     \
        type x = (type) random_value, y = (type) random_value;              \
        type got = host_test_##fn (x, y), want = fn (x, y);                 \
        cases++;                                                            \
        if (!same_or_zeros (got, want, x, y) && failures++ < 5)             \
          printf ("  " #fn " (%a, %a) = %a, expected %a\n", x, y,           \
                  (double) got, (double) want);                             \
      }                                                                     \
    report (#fn, failures, cases, "");                                      \
  } while (0)

static void
check_ilogb (void)
{
  long failures = 0, cases = 0;
  for (long i = 0; i < (long) (2 * N_SPECIAL_DOUBLES) + random_cases; i++)
    {
      double x = i < (long) (2 * N_SPECIAL_DOUBLES)
                 ? special_double ((size_t) i) : random_double ();
      float xf = i < (long) (2 * N_SPECIAL_FLOATS)
                 ? special_float ((size_t) i) : (float) x;
      int want = isnan (x) ? INT_MAX : ilogb (x);
      int want_f = isnan (xf) ? INT_MAX : ilogbf (xf);
      cases += 2;
      if (host_test_ilogb (x) != want && failures++ < 5)
        printf ("  ilogb (%a) = %d, expected %d\n", x, host_test_ilogb (x), want);
      if (host_test_ilogbf (xf) != want_f && failures++ < 5)
        printf ("  ilogbf (%a) = %d, expected %d\n", xf,
                host_test_ilogbf (xf), want_f);
    }
  report ("ilogb and ilogbf", failures, cases, "");
}

/* How many doubles lie between GOT and WANT (finite, same sign).  */
static double
ulps_apart (double got, double want)
{
  if (same_double (got, want))
    return 0;
  if (isnan (got) || isnan (want) || isinf (got) || isinf (want)
      || signbit (got) != signbit (want))
    return INFINITY;
  int64_t a = (int64_t) (bits_of_double (got) & ~0x8000000000000000ULL);
  int64_t b = (int64_t) (bits_of_double (want) & ~0x8000000000000000ULL);
  return (double) (a > b ? a - b : b - a);
}

static void
check_pow (void)
{
  long failures = 0, cases = 0;
  double worst = 0, worst_x = 0, worst_y = 0;
  /* The special pairs and exact powers: the host's bits.  */
  for (size_t i = 0; i < 2 * N_SPECIAL_DOUBLES; i++)
    for (size_t j = 0; j < 2 * N_SPECIAL_DOUBLES; j++)
      {
        double x = special_double (i), y = special_double (j);
        double got = host_test_pow (x, y), want = pow (x, y);
        double error = ulps_apart (got, want);
        cases++;
        /* Inexact results of ordinary operands: within 2 ulp.  */
        int ordinary = isfinite (want) && want != 0 && isfinite (x)
                       && isfinite (y) && x != 0 && y != 0;
        if (error > (ordinary ? 3 : 0) && failures++ < 5)
          printf ("  pow (%a, %a) = %a, expected %a\n", x, y, got, want);
      }
  for (int base = -40; base <= 40; base++)
    for (int n = -80; n <= 80; n++)
      {
        double x = base / 4.0, y = n;
        double want = pow (x, y), got = host_test_pow (x, y);
        /* x^n is a double when every partial product is one, or for
           n < 0 when x is a power of two.  */
        int exact = 1;
        long double product = 1;
        for (int k = 0; k < abs (n); k++)
          {
            product *= x;
            exact &= (long double) (double) product == product;
          }
        if (n < 0)
          exact &= x != 0 && fabs (frexp (x, &(int) { 0 })) == 0.5;
        cases++;
        if ((exact ? !same_double (got, want) : ulps_apart (got, want) > 2)
            && failures++ < 5)
          printf ("  pow (%a, %a) = %a, expected %a\n", x, y, got, want);
      }
  for (long i = 0; i < random_cases; i++)
    {
      double x, y;
      switch (i % 3)
        {
        case 0:                 /* anything in range */
          x = double_of (next_random () >> 1);
          y = double_of ((next_random () >> 1) & 0x40bfffffffffffffULL);
          if (next_random () & 1)
            y = -y;
          break;
        case 1:                 /* x near 1, y large */
          x = double_of (0x3ff0000000000000ULL - 1000000
                         + next_random () % 2000000);
          y = (double) (int64_t) (next_random () % (UINT64_C (1) << 40))
              - 0x1p39;
          break;
        default:                /* results near the ends of the range */
          x = double_of (0x3ff0000000000000ULL
                         + next_random () % 0x0010000000000000ULL) * 2;
          y = ((double) (next_random () % 2200) - 1100) / log2 (x);
          break;
        }
      double got = host_test_pow (x, y), want = pow (x, y);
      double error = ulps_apart (got, want);
      /* Where the host's result is subnormal its ulp is coarser than
         the relative error: count that as within.  */
      if (fabs (want) < 0x1p-1022 && error <= 4)
        error = 0;
      cases++;
      if (error > worst)
        {
          worst = error;
          worst_x = x;
          worst_y = y;
        }
      if (error > 2 && failures++ < 5)
        printf ("  pow (%a, %a) = %a, expected %a\n", x, y, got, want);
    }
  char extra[120];
  snprintf (extra, sizeof extra, "; largest error %g ulp, pow (%a, %a)",
            worst, worst_x, worst_y);
  report ("pow", failures, cases, extra);
}

static double special_double_of (size_t i) { return special_double (i); }
static float special_float_of (size_t i) { return special_float (i); }

int
main (int argc, char **argv)
{
  if (argc > 1)
    random_cases = atol (argv[1]);
  if (argc > 2)
    rng_state = strtoull (argv[2], NULL, 0) | 1;

  CHECK_UNARY_DOUBLE (fabs);
  CHECK_UNARY_FLOAT (fabsf);
  CHECK_UNARY_DOUBLE (floor);
  CHECK_UNARY_FLOAT (floorf);
  CHECK_UNARY_DOUBLE (ceil);
  CHECK_UNARY_FLOAT (ceilf);
  CHECK_UNARY_DOUBLE (trunc);
  CHECK_UNARY_FLOAT (truncf);
  CHECK_UNARY_DOUBLE (sqrt);
  CHECK_UNARY_FLOAT (sqrtf);
  CHECK_BINARY (copysign, double, special_double_of, N_SPECIAL_DOUBLES,
                random_double ());
  CHECK_BINARY (copysignf, float, special_float_of, N_SPECIAL_FLOATS,
                random_double ());
  CHECK_BINARY (fmax, double, special_double_of, N_SPECIAL_DOUBLES,
                random_double ());
  CHECK_BINARY (fmaxf, float, special_float_of, N_SPECIAL_FLOATS,
                random_double ());
  CHECK_BINARY (fmin, double, special_double_of, N_SPECIAL_DOUBLES,
                random_double ());
  CHECK_BINARY (fminf, float, special_float_of, N_SPECIAL_FLOATS,
                random_double ());
  check_ilogb ();
  check_pow ();
  printf ("math-test: %d functions passed, %d failed\n", passed_functions,
          failed_functions);
  return failed_functions != 0;
}
