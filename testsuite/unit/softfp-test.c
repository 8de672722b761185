/* softfp-test — the runtime's libgcc routines (runtime/libgcc/), built
 * for the host with LIBGCC_HOST_TEST (which prefixes their names with
 * host_test_), against the host's own arithmetic: hardware float and
 * double (round to nearest even, subnormals kept), integer division and
 * __int128.  Every routine gets special operands (zeros, infinities,
 * NaNs, subnormals, extremes, halfway cases), all pairs of them for the
 * binary ones, then random operands: random bit patterns and numbers
 * built to meet rounding, cancellation, overflow and underflow.  NaN
 * results match any NaN.
 *
 * Usage: softfp-test [RANDOM-CASES-PER-ROUTINE [SEED]]
 * Prints a PASS or FAIL line per routine for DejaGnu, then a count, and
 * exits 1 if anything failed.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef LIBGCC_HOST_TEST
# define LIBGCC_HOST_TEST 1
#endif
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../runtime/libgcc/libgcc-routines.h"
#include "float-bits.h"

typedef unsigned __int128 uint128;

static long random_cases = 2000000;
static int failed_routines, passed_routines;
static long long total_cases;

/* --- Random numbers: xorshift64*, reproducible from the seed.  ---------- */

static uint64_t
random_below (uint64_t n)
{
  return next_random () % n;
}

/* --- Formats, described by their field widths.  ------------------------ */

struct format
{
  const char *name;
  int frac_bits, exp_bits;
};

static const struct format single_format = { "float", 23, 8 };
static const struct format double_format = { "double", 52, 11 };

static uint64_t
make_bits (const struct format *f, int sign, uint64_t biased_exp,
           uint64_t frac)
{
  return ((uint64_t) sign << (f->frac_bits + f->exp_bits))
         | (biased_exp << f->frac_bits)
         | (frac & ((UINT64_C (1) << f->frac_bits) - 1));
}

static int
exp_max (const struct format *f)
{
  return (1 << f->exp_bits) - 1;
}





static int
is_nan_bits (const struct format *f, uint64_t bits)
{
  uint64_t magnitude = bits & ~((uint64_t) 1 << (f->frac_bits + f->exp_bits));
  return magnitude > make_bits (f, 0, exp_max (f), 0);
}

/* Special operands: each with both signs.  */
static int
special_values (const struct format *f, uint64_t *out)
{
  uint64_t frac_all = (UINT64_C (1) << f->frac_bits) - 1;
  uint64_t quiet = UINT64_C (1) << (f->frac_bits - 1);
  int bias = exp_max (f) >> 1;
  uint64_t magnitudes[] = {
    0,                                          /* zero */
    make_bits (f, 0, 0, 1),                     /* smallest subnormal */
    make_bits (f, 0, 0, 2),
    make_bits (f, 0, 0, 3),
    make_bits (f, 0, 0, quiet),                 /* a half of min normal */
    make_bits (f, 0, 0, frac_all),              /* largest subnormal */
    make_bits (f, 0, 1, 0),                     /* smallest normal */
    make_bits (f, 0, 1, 1),
    make_bits (f, 0, 2, 0),
    make_bits (f, 0, bias - 1, frac_all),       /* just below 1 */
    make_bits (f, 0, bias, 0),                  /* 1 */
    make_bits (f, 0, bias, 1),                  /* just above 1 */
    make_bits (f, 0, bias, quiet),              /* 1.5 */
    make_bits (f, 0, bias + 1, 0),              /* 2 */
    make_bits (f, 0, bias + 1, quiet),          /* 3 */
    make_bits (f, 0, bias + f->frac_bits, 1),   /* odd, ulp 1 */
    make_bits (f, 0, bias + f->frac_bits + 1, 0),
    make_bits (f, 0, bias + 31, 0),             /* 2^31 */
    make_bits (f, 0, bias + 31, 1),
    make_bits (f, 0, bias + 30, frac_all),      /* just below 2^31 */
    make_bits (f, 0, bias + 32, 0),             /* 2^32 */
    make_bits (f, 0, bias + 63, 0),             /* 2^63 */
    make_bits (f, 0, bias + 62, frac_all),
    make_bits (f, 0, bias + 64, 0),             /* 2^64 */
    make_bits (f, 0, bias + 127, 0),            /* 2^127 */
    make_bits (f, 0, exp_max (f) - 1, frac_all), /* largest finite */
    make_bits (f, 0, exp_max (f) - 1, 0),
    make_bits (f, 0, exp_max (f), 0),           /* infinity */
    make_bits (f, 0, exp_max (f), quiet),       /* quiet NaN */
    make_bits (f, 0, exp_max (f), quiet | 5),   /* with a payload */
    make_bits (f, 0, exp_max (f), 1),           /* signalling NaN */
  };
  int n = 0;
  for (size_t i = 0; i < sizeof magnitudes / sizeof magnitudes[0]; i++)
    {
      out[n++] = magnitudes[i];
      out[n++] = magnitudes[i] | ((uint64_t) 1 << (f->frac_bits + f->exp_bits));
    }
  return n;
}

/* A random fraction: all bits, or only a few top ones (exact halves and
 * ties when added or multiplied), or few bits set.  */
static uint64_t
random_fraction (const struct format *f)
{
  uint64_t frac = next_random ();
  switch (random_below (4))
    {
    case 0:
      return frac;
    case 1:
      return frac << (f->frac_bits - random_below (f->frac_bits + 1));
    case 2:
      return frac & next_random () & next_random ();
    default:
      return frac | ~((UINT64_C (1) << random_below (f->frac_bits)) - 1);
    }
}

/* A random operand: random bits, or a number of random sign and
 * fraction with its biased exponent near CENTER (within SPREAD).  */
static uint64_t
random_near (const struct format *f, long center, long spread)
{
  long e = center + (long) random_below (2 * spread + 1) - spread;
  if (e < 0)
    e = 0;
  if (e > exp_max (f) - 1)
    e = exp_max (f) - 1;
  return make_bits (f, (int) random_below (2), (uint64_t) e,
                    random_fraction (f));
}

static uint64_t
random_operand (const struct format *f)
{
  int bias = exp_max (f) >> 1;
  switch (random_below (6))
    {
    case 0:
      return next_random () & ((UINT64_C (2) << (f->frac_bits + f->exp_bits)) - 1);
    case 1:
      return random_near (f, 0, 3);                     /* subnormal */
    case 2:
      return random_near (f, exp_max (f) - 1, 3);       /* huge */
    case 3:
      return random_near (f, bias, 70);                 /* ordinary */
    default:
      return random_near (f, (long) random_below (exp_max (f)), 2);
    }
}

/* A pair meant to interact: B near A in exponent, or A with its low bits
 * changed (cancellation), or random.  */
static void
random_pair (const struct format *f, uint64_t *a, uint64_t *b)
{
  uint64_t sign = (uint64_t) 1 << (f->frac_bits + f->exp_bits);
  *a = random_operand (f);
  switch (random_below (4))
    {
    case 0:
      *b = random_operand (f);
      break;
    case 1:
      *b = random_near (f, (long) ((*a & ~sign) >> f->frac_bits),
                        f->frac_bits + 3);
      break;
    case 2:
      *b = (*a ^ (next_random () & ((UINT64_C (1) << random_below (f->frac_bits + 1)) - 1)))
           ^ (random_below (2) ? sign : 0);
      break;
    default:
      /* Exponents that sum or differ to the edges of the range.  */
      *b = random_near (f, (exp_max (f) >> 1) * 2
                             - (long) ((*a & ~sign) >> f->frac_bits), 3);
      if (random_below (2))
        *b = random_near (f, (long) ((*a & ~sign) >> f->frac_bits)
                               - (exp_max (f) >> 1), 3);
      break;
    }
  if (random_below (2))
    {
      uint64_t t = *a;
      *a = *b;
      *b = t;
    }
}

/* --- Reporting.  -------------------------------------------------------- */

struct tally
{
  const char *name;
  long cases, failures;
};

static void
mismatch (struct tally *t, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

#include <stdarg.h>
static void
mismatch (struct tally *t, const char *fmt, ...)
{
  if (t->failures++ < 5)
    {
      va_list ap;
      va_start (ap, fmt);
      printf ("softfp: %s: ", t->name);
      vprintf (fmt, ap);
      printf ("\n");
      va_end (ap);
    }
}

static void
report (struct tally *t)
{
  total_cases += t->cases;
  if (t->failures == 0)
    {
      printf ("PASS: softfp: %s (%ld cases)\n", t->name, t->cases);
      passed_routines++;
    }
  else
    {
      printf ("FAIL: softfp: %s (%ld of %ld cases wrong)\n", t->name,
              t->failures, t->cases);
      failed_routines++;
    }
}

/* Results in FORMAT are equal if their bits are, or both are NaNs.  */
static int
same_result (const struct format *f, uint64_t got, uint64_t want)
{
  return got == want || (is_nan_bits (f, got) && is_nan_bits (f, want));
}

/* --- Binary arithmetic.  ------------------------------------------------ */

typedef uint64_t binary_fn (uint64_t, uint64_t);

#define BINARY_PAIR(routine, op, type, of, bits)                          \
  static uint64_t mine_##routine (uint64_t a, uint64_t b)                 \
  { return bits (LIBGCC_SYMBOL (routine) (of (a), of (b))); }             \
  static uint64_t host_##routine (uint64_t a, uint64_t b)                 \
  { type x = of (a), y = of (b); return bits (x op y); }

BINARY_PAIR (__addsf3, +, float, float_of, bits_of_float)
BINARY_PAIR (__subsf3, -, float, float_of, bits_of_float)
BINARY_PAIR (__mulsf3, *, float, float_of, bits_of_float)
BINARY_PAIR (__divsf3, /, float, float_of, bits_of_float)
BINARY_PAIR (__adddf3, +, double, double_of, bits_of_double)
BINARY_PAIR (__subdf3, -, double, double_of, bits_of_double)
BINARY_PAIR (__muldf3, *, double, double_of, bits_of_double)
BINARY_PAIR (__divdf3, /, double, double_of, bits_of_double)

static void
test_binary (const char *name, const struct format *f, binary_fn *mine,
             binary_fn *host)
{
  struct tally t = { name, 0, 0 };
  uint64_t specials[80], a, b;
  int n = special_values (f, specials);

  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      {
        uint64_t got = mine (specials[i], specials[j]);
        uint64_t want = host (specials[i], specials[j]);
        t.cases++;
        if (!same_result (f, got, want))
          mismatch (&t, "%#llx, %#llx gave %#llx, want %#llx",
                    (unsigned long long) specials[i],
                    (unsigned long long) specials[j],
                    (unsigned long long) got, (unsigned long long) want);
      }
  for (long k = 0; k < random_cases; k++)
    {
      uint64_t got, want;
      random_pair (f, &a, &b);
      got = mine (a, b);
      want = host (a, b);
      t.cases++;
      if (!same_result (f, got, want))
        mismatch (&t, "%#llx, %#llx gave %#llx, want %#llx",
                  (unsigned long long) a, (unsigned long long) b,
                  (unsigned long long) got, (unsigned long long) want);
    }
  report (&t);
}

/* --- Comparisons.  ------------------------------------------------------ */

/* Whether the routine's result means "true", tested as GCC tests it.  */
enum relation { EQ, NE, LT, LE, GT, GE, UNORD };

typedef libgcc_cmp_result compare_fn (uint64_t, uint64_t);

#define COMPARE_WRAPPER(routine, of)                                      \
  static libgcc_cmp_result mine_##routine (uint64_t a, uint64_t b)        \
  { return LIBGCC_SYMBOL (routine) (of (a), of (b)); }

COMPARE_WRAPPER (__eqsf2, float_of)
COMPARE_WRAPPER (__nesf2, float_of)
COMPARE_WRAPPER (__ltsf2, float_of)
COMPARE_WRAPPER (__lesf2, float_of)
COMPARE_WRAPPER (__gtsf2, float_of)
COMPARE_WRAPPER (__gesf2, float_of)
COMPARE_WRAPPER (__unordsf2, float_of)
COMPARE_WRAPPER (__eqdf2, double_of)
COMPARE_WRAPPER (__nedf2, double_of)
COMPARE_WRAPPER (__ltdf2, double_of)
COMPARE_WRAPPER (__ledf2, double_of)
COMPARE_WRAPPER (__gtdf2, double_of)
COMPARE_WRAPPER (__gedf2, double_of)
COMPARE_WRAPPER (__unorddf2, double_of)

static int
routine_says (enum relation r, libgcc_cmp_result v)
{
  switch (r)
    {
    case EQ: return v == 0;
    case NE: return v != 0;
    case LT: return v < 0;
    case LE: return v <= 0;
    case GT: return v > 0;
    case GE: return v >= 0;
    default: return v != 0;
    }
}

static int
host_says (enum relation r, const struct format *f, uint64_t a, uint64_t b)
{
  double x = f == &single_format ? float_of (a) : double_of (a);
  double y = f == &single_format ? float_of (b) : double_of (b);
  switch (r)
    {
    case EQ: return x == y;
    case NE: return x != y;
    case LT: return x < y;
    case LE: return x <= y;
    case GT: return x > y;
    case GE: return x >= y;
    default: return isunordered (x, y);
    }
}

static void
test_compare (const char *name, const struct format *f, enum relation r,
              compare_fn *mine)
{
  struct tally t = { name, 0, 0 };
  uint64_t specials[80], a, b;
  int n = special_values (f, specials);

  for (long k = -(long) n * n; k < random_cases; k++)
    {
      if (k < 0)
        {
          a = specials[(-k - 1) / n];
          b = specials[(-k - 1) % n];
        }
      else if (random_below (4) == 0)
        a = b = random_operand (f);     /* equal: the hard case */
      else
        random_pair (f, &a, &b);
      t.cases++;
      if (routine_says (r, mine (a, b)) != host_says (r, f, a, b))
        mismatch (&t, "%#llx, %#llx gave %lld",
                  (unsigned long long) a, (unsigned long long) b,
                  (long long) mine (a, b));
    }
  report (&t);
}

/* --- Conversions between the formats, and negation.  -------------------- */

typedef uint64_t unary_fn (uint64_t);

#define UNARY_PAIR(routine, from_of, to_bits, to_type)                    \
  static uint64_t mine_##routine (uint64_t a)                             \
  { return to_bits (LIBGCC_SYMBOL (routine) (from_of (a))); }             \
  static uint64_t host_##routine (uint64_t a)                             \
  { return to_bits ((to_type) from_of (a)); }

UNARY_PAIR (__extendsfdf2, float_of, bits_of_double, double)
UNARY_PAIR (__truncdfsf2, double_of, bits_of_float, float)
UNARY_PAIR (__bpf_extendsfdf2, float_of, bits_of_double, double)
UNARY_PAIR (__bpf_truncdfsf2, double_of, bits_of_float, float)

static uint64_t
mine___negsf2 (uint64_t a)
{
  return bits_of_float (LIBGCC_SYMBOL (__negsf2) (float_of (a)));
}

static uint64_t
host___negsf2 (uint64_t a)
{
  return a ^ 0x80000000u;         /* IEEE negate flips the sign, NaN too */
}

static uint64_t
mine___negdf2 (uint64_t a)
{
  return bits_of_double (LIBGCC_SYMBOL (__negdf2) (double_of (a)));
}

static uint64_t
host___negdf2 (uint64_t a)
{
  return a ^ 0x8000000000000000ULL;
}

/* FROM is the operand's format, TO the result's; EXACT_NAN asks for the
 * NaN's bits, not just any NaN.  */
static void
test_unary (const char *name, const struct format *from,
            const struct format *to, int exact_nan, unary_fn *mine,
            unary_fn *host)
{
  struct tally t = { name, 0, 0 };
  uint64_t specials[80], a;
  int n = special_values (from, specials);

  for (long k = -n; k < random_cases; k++)
    {
      uint64_t got, want;
      a = k < 0 ? specials[-k - 1] : random_operand (from);
      got = mine (a);
      want = host (a);
      t.cases++;
      if (exact_nan ? got != want : !same_result (to, got, want))
        mismatch (&t, "%#llx gave %#llx, want %#llx", (unsigned long long) a,
                  (unsigned long long) got, (unsigned long long) want);
    }
  report (&t);
}

/* --- Integers to floating point.  --------------------------------------- */

/* A random 64-bit integer with a random number of significant bits, often
 * with few bits set or long runs (ties when rounding).  */
static uint64_t
random_integer (void)
{
  uint64_t x = next_random ();
  switch (random_below (4))
    {
    case 0:
      break;
    case 1:
      x &= next_random () & next_random ();
      break;
    case 2:
      x |= (UINT64_C (1) << random_below (64)) - 1;
      break;
    default:
      x = (UINT64_C (1) << random_below (64))
          + (UINT64_C (1) << random_below (64));
      break;
    }
  return x >> random_below (64);
}

#define FROM_INT_PAIR(routine, int_type, to_type, to_bits)                \
  static uint64_t mine_##routine (uint64_t a)                             \
  { return to_bits (LIBGCC_SYMBOL (routine) ((int_type) a)); }            \
  static uint64_t host_##routine (uint64_t a)                             \
  { return to_bits ((to_type) (int_type) a); }

FROM_INT_PAIR (__floatsisf, int32_t, float, bits_of_float)
FROM_INT_PAIR (__floatunsisf, uint32_t, float, bits_of_float)
FROM_INT_PAIR (__floatdisf, int64_t, float, bits_of_float)
FROM_INT_PAIR (__floatundisf, uint64_t, float, bits_of_float)
FROM_INT_PAIR (__floatsidf, int32_t, double, bits_of_double)
FROM_INT_PAIR (__floatunsidf, uint32_t, double, bits_of_double)
FROM_INT_PAIR (__floatdidf, int64_t, double, bits_of_double)
FROM_INT_PAIR (__floatundidf, uint64_t, double, bits_of_double)
FROM_INT_PAIR (__bpf_floatsidf, int32_t, double, bits_of_double)
FROM_INT_PAIR (__bpf_floatunsidf, uint32_t, double, bits_of_double)

static void
test_from_int (const char *name, int width, unary_fn *mine, unary_fn *host)
{
  struct tally t = { name, 0, 0 };
  static const uint64_t specials[] = {
    0, 1, 2, 3, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff,
    0x1000001, 0x1000003, 0x2000005, 0xffffff, 0x20000000000001ULL,
    0x20000000000003ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
    0xffffffffffffffffULL, 0xfffffffffffffc00ULL, 0xfffffffffffffbffULL,
    0x7ffffffffffffe00ULL, 0x7ffffffffffffdffULL, 0xffffff7fffffffffULL,
  };
  long n = sizeof specials / sizeof specials[0];

  for (long k = -n; k < random_cases; k++)
    {
      uint64_t a = k < 0 ? specials[-k - 1] : random_integer ();
      uint64_t got, want;
      if (k >= 0 && width == 32 && random_below (2))
        a = -(a >> 32);                 /* negative 32-bit values */
      else if (k >= 0 && random_below (4) == 0)
        a = -a;
      if (width == 32)
        a = (uint32_t) a;
      got = mine (a);
      want = host (a);
      t.cases++;
      if (got != want)
        mismatch (&t, "%#llx gave %#llx, want %#llx", (unsigned long long) a,
                  (unsigned long long) got, (unsigned long long) want);
    }
  report (&t);
}

/* --- Floating point to integers.  --------------------------------------- */

/* The integer routines' results, widened to 128 bits.  */
typedef uint128 to_int_fn (uint64_t);

#define TO_INT_WRAPPER(routine, of)                                       \
  static uint128 mine_##routine (uint64_t a)                              \
  { return (uint128) LIBGCC_SYMBOL (routine) (of (a)); }

TO_INT_WRAPPER (__fixsfsi, float_of)
TO_INT_WRAPPER (__fixunssfsi, float_of)
TO_INT_WRAPPER (__fixsfdi, float_of)
TO_INT_WRAPPER (__fixunssfdi, float_of)
TO_INT_WRAPPER (__fixsfti, float_of)
TO_INT_WRAPPER (__fixunssfti, float_of)
TO_INT_WRAPPER (__fixdfsi, double_of)
TO_INT_WRAPPER (__fixunsdfsi, double_of)
TO_INT_WRAPPER (__fixdfdi, double_of)
TO_INT_WRAPPER (__fixunsdfdi, double_of)
TO_INT_WRAPPER (__fixdfti, double_of)
TO_INT_WRAPPER (__fixunsdfti, double_of)
TO_INT_WRAPPER (__bpf_fix_truncdfsi, double_of)

/* What the WIDTH-bit conversion of A should give, widened to 128 bits as
 * the wrappers widen (sign-extended if signed): the host's conversion in
 * range, else the runtime's saturation (fp-to-int.c).  */
static uint128
expected_integer (const struct format *f, uint64_t a, int width,
                  int is_signed)
{
  long double x = f == &single_format ? float_of (a) : double_of (a);
  long double t = truncl (x);
  long double lo = is_signed ? -ldexpl (1, width - 1) : 0;
  long double hi = is_signed ? ldexpl (1, width - 1) : ldexpl (1, width);
  uint128 limit;

  if (isnan (x))
    return 0;
  if (t >= lo && t < hi)
    {
      /* In range: convert by halves, exactly, as the host's own
       * conversions would (they are checked this way for every width).  */
      int negative = t < 0;
      long double m = fabsl (t);
      uint64_t high = (uint64_t) floorl (m / 0x1p64L);
      uint64_t low = (uint64_t) (m - (long double) high * 0x1p64L);
      uint128 v = ((uint128) high << 64) | low;
      return negative ? -v : v;
    }
  if (!is_signed)
    {
      if (t < 0)
        return 0;
      return width == 128 ? ~(uint128) 0 : ((uint128) 1 << width) - 1;
    }
  limit = (uint128) 1 << (width - 1);
  return t < 0 ? -limit : limit - 1;
}

/* The host's own conversion, where C defines it, as a second witness.  */
static int
host_conversion (const struct format *f, uint64_t a, int width,
                 int is_signed, uint128 *out)
{
  long double x = f == &single_format ? float_of (a) : double_of (a);
  long double t = truncl (x);
  long double lo = is_signed ? -ldexpl (1, width - 1) : 0;
  long double hi = is_signed ? ldexpl (1, width - 1) : ldexpl (1, width);
  double d = (double) x;

  if (isnan (x) || !(t >= lo && t < hi))
    return 0;
  switch (width * 2 + is_signed)
    {
    case 64: *out = (uint32_t) d; break;
    case 65: *out = (uint128) (__int128) (int32_t) d; break;
    case 128: *out = (uint64_t) d; break;
    case 129: *out = (uint128) (__int128) (int64_t) d; break;
    case 256: *out = (uint128) d; break;
    default: *out = (uint128) (__int128) d; break;
    }
  return 1;
}

static uint128
widen (uint128 v, int width, int is_signed)
{
  if (width == 128)
    return v;
  v &= ((uint128) 1 << width) - 1;
  if (is_signed && (v >> (width - 1)))
    v |= ~(((uint128) 1 << width) - 1);
  return v;
}

static void
test_to_int (const char *name, const struct format *f, int width,
             int is_signed, to_int_fn *mine)
{
  struct tally t = { name, 0, 0 };
  uint64_t specials[80];
  int n = special_values (f, specials);
  int bias = exp_max (f) >> 1;

  for (long k = -n; k < random_cases; k++)
    {
      uint64_t a;
      uint128 got, want, host;
      if (k < 0)
        a = specials[-k - 1];
      else if (random_below (8) == 0)
        a = random_operand (f);
      else  /* mostly numbers near the integer range */
        a = random_near (f, bias + (long) random_below (width + 3) - 2, 1);
      got = widen (mine (a), width, is_signed);
      want = widen (expected_integer (f, a, width, is_signed), width,
                    is_signed);
      t.cases++;
      if (got != want)
        mismatch (&t, "%#llx gave %#llx:%016llx, want %#llx:%016llx",
                  (unsigned long long) a, (unsigned long long) (got >> 64),
                  (unsigned long long) got, (unsigned long long) (want >> 64),
                  (unsigned long long) want);
      else if (host_conversion (f, a, width, is_signed, &host)
               && widen (host, width, is_signed) != want)
        mismatch (&t, "%#llx: the test's expectation differs from the host",
                  (unsigned long long) a);
    }
  report (&t);
}

/* --- Integer division.  ------------------------------------------------- */

static void
test_divdi (void)
{
  struct tally q = { "__divdi3", 0, 0 }, r = { "__moddi3", 0, 0 };
  struct tally uq = { "__udivdi3", 0, 0 }, ur = { "__umoddi3", 0, 0 };

  for (long k = 0; k < random_cases; k++)
    {
      uint64_t a = random_integer (), b = random_integer ();
      int64_t sa, sb;
      if (random_below (2))
        a = -a;
      if (random_below (2))
        b = -b;
      sa = (int64_t) a;
      sb = (int64_t) b;
      q.cases++, r.cases++, uq.cases++, ur.cases++;
      if (b == 0)
        {
          /* BPF's answer: quotient 0, remainder the dividend.  */
          if (LIBGCC_SYMBOL (__divdi3) (sa, sb) != 0)
            mismatch (&q, "%lld / 0 not 0", (long long) sa);
          if (LIBGCC_SYMBOL (__moddi3) (sa, sb) != sa)
            mismatch (&r, "%lld %% 0 not the dividend", (long long) sa);
          if (LIBGCC_SYMBOL (__udivdi3) (a, b) != 0)
            mismatch (&uq, "%llu / 0 not 0", (unsigned long long) a);
          if (LIBGCC_SYMBOL (__umoddi3) (a, b) != a)
            mismatch (&ur, "%llu %% 0 not the dividend", (unsigned long long) a);
          continue;
        }
      if (!(sa == INT64_MIN && sb == -1))
        {
          if (LIBGCC_SYMBOL (__divdi3) (sa, sb) != sa / sb)
            mismatch (&q, "%lld / %lld", (long long) sa, (long long) sb);
          if (LIBGCC_SYMBOL (__moddi3) (sa, sb) != sa % sb)
            mismatch (&r, "%lld %% %lld", (long long) sa, (long long) sb);
        }
      else if (LIBGCC_SYMBOL (__divdi3) (sa, sb) != INT64_MIN
               || LIBGCC_SYMBOL (__moddi3) (sa, sb) != 0)
        mismatch (&q, "INT64_MIN / -1 does not wrap");
      if (LIBGCC_SYMBOL (__udivdi3) (a, b) != a / b)
        mismatch (&uq, "%llu / %llu", (unsigned long long) a,
                  (unsigned long long) b);
      if (LIBGCC_SYMBOL (__umoddi3) (a, b) != a % b)
        mismatch (&ur, "%llu %% %llu", (unsigned long long) a,
                  (unsigned long long) b);
    }
  report (&q);
  report (&r);
  report (&uq);
  report (&ur);
}

static uint128
random_int128 (void)
{
  uint128 x = ((uint128) next_random () << 64) | next_random ();
  switch (random_below (3))
    {
    case 0:
      x >>= random_below (128);
      break;
    case 1:
      x >>= 64 + random_below (64);     /* the 64-bit short cut */
      break;
    default:
      x >>= random_below (8);
      break;
    }
  return random_below (3) == 0 ? -x : x;
}

static void
test_divti (void)
{
  struct tally uq = { "__udivti3", 0, 0 }, ur = { "__umodti3", 0, 0 };
  struct tally q = { "__divti3", 0, 0 }, r = { "__modti3", 0, 0 };
  struct tally c = { "__one_cmplti2", 0, 0 };
  const __int128 int128_min = (__int128) ((uint128) 1 << 127);
  long count = random_cases / 4;        /* these divide bit by bit */

  for (long k = 0; k < count; k++)
    {
      uint128 a = random_int128 (), b = random_int128 ();
      __int128 sa = (__int128) a, sb = (__int128) b;
      uq.cases++, ur.cases++, q.cases++, r.cases++, c.cases++;
      if ((uint128) LIBGCC_SYMBOL (__one_cmplti2) (sa) != ~a)
        mismatch (&c, "~%#llx:%016llx", (unsigned long long) (a >> 64),
                  (unsigned long long) a);
      if (b == 0)
        {
          if (LIBGCC_SYMBOL (__udivti3) (a, b) != 0
              || LIBGCC_SYMBOL (__umodti3) (a, b) != a)
            mismatch (&uq, "division by 0");
          continue;
        }
      if (LIBGCC_SYMBOL (__udivti3) (a, b) != a / b)
        mismatch (&uq, "%#llx:%016llx / %#llx:%016llx",
                  (unsigned long long) (a >> 64), (unsigned long long) a,
                  (unsigned long long) (b >> 64), (unsigned long long) b);
      if (LIBGCC_SYMBOL (__umodti3) (a, b) != a % b)
        mismatch (&ur, "%#llx:%016llx %% %#llx:%016llx",
                  (unsigned long long) (a >> 64), (unsigned long long) a,
                  (unsigned long long) (b >> 64), (unsigned long long) b);
      if (sa == int128_min && sb == -1)
        continue;
      if (LIBGCC_SYMBOL (__divti3) (sa, sb) != sa / sb)
        mismatch (&q, "%#llx:%016llx / %#llx:%016llx",
                  (unsigned long long) (a >> 64), (unsigned long long) a,
                  (unsigned long long) (b >> 64), (unsigned long long) b);
      if (LIBGCC_SYMBOL (__modti3) (sa, sb) != sa % sb)
        mismatch (&r, "%#llx:%016llx %% %#llx:%016llx",
                  (unsigned long long) (a >> 64), (unsigned long long) a,
                  (unsigned long long) (b >> 64), (unsigned long long) b);
    }
  report (&uq);
  report (&ur);
  report (&q);
  report (&r);
  report (&c);
}

static void
test_clz_tab (void)
{
  struct tally t = { "__clz_tab", 0, 0 };

  for (int i = 0; i < 256; i++)
    {
      int bits = 0;
      while ((i >> bits) != 0)
        bits++;
      t.cases++;
      if (LIBGCC_SYMBOL (__clz_tab)[i] != bits)
        mismatch (&t, "[%d] is %d, want %d", i, LIBGCC_SYMBOL (__clz_tab)[i],
                  bits);
    }
  report (&t);
}

/* --- Complex division.  ------------------------------------------------- */

/* Order-preserving integer for float bits: a distance in ulps.  */
static int64_t
float_ordinal (float x)
{
  int32_t i = (int32_t) bits_of_float (x);
  return i < 0 ? -(int64_t) (i & 0x7fffffff) : i;
}

/* For operands with a part infinite or NaN, or a zero divisor, what
 * Annex G (G.5.2) asks of (A + iB) / (C + iD) = PARTS: an infinity (a
 * part infinite) over a finite number is an infinity, a finite number
 * over an infinity a zero, a nonzero finite number or an infinity over
 * zero an infinity.  Nothing is asked of the rest (NaN parts); the
 * host's libgcc is no reference here, as it gives NaN for some of
 * these.  */
static void
check_annex_g (struct tally *t, double a, double b, double c, double d,
               const double parts[2])
{
  bool x_inf = isinf (a) || isinf (b), y_inf = isinf (c) || isinf (d);
  bool x_finite = isfinite (a) && isfinite (b);
  bool y_finite = isfinite (c) && isfinite (d);
  bool x_zero = a == 0 && b == 0, y_zero = c == 0 && d == 0;
  bool got_inf = isinf (parts[0]) || isinf (parts[1]);
  bool got_zero = parts[0] == 0 && parts[1] == 0;
  const char *want = NULL;
  if (x_inf && y_finite && !got_inf)
    want = "an infinity";
  else if (x_finite && y_inf && !got_zero)
    want = "a zero";
  else if (((x_finite && !x_zero) || x_inf) && y_zero && !got_inf)
    want = "an infinity";
  if (want)
    mismatch (t, "(%a%+ai)/(%a%+ai) is %a%+ai, not %s", a, b, c, d,
              parts[0], parts[1], want);
}

/* For finite operands the quotient within an ulp of the exact one (the
 * textbook formula in long double, where nothing overflows); otherwise
 * the same kind of result as the host's libgcc gives (Annex G), with the
 * same sign for infinities.  */
static void
test_divsc3 (void)
{
  struct tally t = { "__divsc3", 0, 0 };
  uint64_t specials[80];
  int n = special_values (&single_format, specials);
  long count = random_cases / 4;

  for (long k = -(long) n * n * 2; k < count; k++)
    {
      float a, b, c, d, parts[2], want[2];
      float _Complex got;
      if (k < 0)
        {
          /* Specials as divisor parts, then as dividend parts.  */
          long i = (-k - 1) % ((long) n * n);
          float s = float_of (specials[i / n]), u = float_of (specials[i % n]);
          float v = float_of (random_operand (&single_format));
          float w = float_of (random_operand (&single_format));
          if (-k - 1 < (long) n * n)
            a = v, b = w, c = s, d = u;
          else
            a = s, b = u, c = v, d = w;
        }
      else
        {
          a = float_of (random_operand (&single_format));
          b = float_of (random_operand (&single_format));
          c = float_of (random_operand (&single_format));
          d = float_of (random_operand (&single_format));
        }
      got = LIBGCC_SYMBOL (__divsc3) (a, b, c, d);
      parts[0] = __real__ got;
      parts[1] = __imag__ got;
      t.cases++;
      if (isfinite (a) && isfinite (b) && isfinite (c) && isfinite (d)
          && (c != 0 || d != 0))
        {
          long double den = (long double) c * c + (long double) d * d;
          want[0] = (float) (((long double) a * c + (long double) b * d) / den);
          want[1] = (float) (((long double) b * c - (long double) a * d) / den);
          for (int p = 0; p < 2; p++)
            if (llabs (float_ordinal (parts[p]) - float_ordinal (want[p])) > 1)
              mismatch (&t, "(%a%+ai)/(%a%+ai) part %d is %a, want %a",
                        a, b, c, d, p, parts[p], want[p]);
        }
      else
        {
          double wide[2] = { parts[0], parts[1] };
          check_annex_g (&t, a, b, c, d, wide);
        }
    }
  report (&t);
}

/* For finite operands whose quotient is finite, each part within a few
 * ulps of the formula's magnitude, (|ac| + |bd|) / (c^2 + d^2), the
 * exact quotient coming from the formula in long double, where nothing
 * overflows (the bound any double algorithm has, cancellation between
 * the two products being beyond it).  Where one part overflows the
 * other is not held to it: it may have been worked out from a subnormal
 * that could not be scaled up without overflowing the first.  For
 * other operands, what Annex G asks (check_annex_g).  */
static void
test_divdc3 (void)
{
  struct tally t = { "__divdc3", 0, 0 };
  uint64_t specials[80];
  int n = special_values (&double_format, specials);
  long count = random_cases / 4;

  for (long k = -(long) n * n * 2; k < count; k++)
    {
      double a, b, c, d, parts[2];
      double _Complex got;
      if (k < 0)
        {
          long i = (-k - 1) % ((long) n * n);
          double s = double_of (specials[i / n]), u = double_of (specials[i % n]);
          double v = double_of (random_operand (&double_format));
          double w = double_of (random_operand (&double_format));
          if (-k - 1 < (long) n * n)
            a = v, b = w, c = s, d = u;
          else
            a = s, b = u, c = v, d = w;
        }
      else
        {
          a = double_of (random_operand (&double_format));
          b = double_of (random_operand (&double_format));
          c = double_of (random_operand (&double_format));
          d = double_of (random_operand (&double_format));
        }
      got = LIBGCC_SYMBOL (__divdc3) (a, b, c, d);
      parts[0] = __real__ got;
      parts[1] = __imag__ got;
      t.cases++;
      if (isfinite (a) && isfinite (b) && isfinite (c) && isfinite (d)
          && (c != 0 || d != 0))
        {
          long double ac = (long double) a * c, bd = (long double) b * d;
          long double bc = (long double) b * c, ad = (long double) a * d;
          long double den = (long double) c * c + (long double) d * d;
          long double want[2] = { (ac + bd) / den, (bc - ad) / den };
          long double size[2] = { (fabsl (ac) + fabsl (bd)) / den,
                                  (fabsl (bc) + fabsl (ad)) / den };
          bool overflows = fabsl (want[0]) > DBL_MAX || fabsl (want[1]) > DBL_MAX;
          for (int p = 0; p < 2; p++)
            {
              if (overflows && fabsl (want[p]) <= DBL_MAX)
                continue;
              /* 8 ulps of the magnitude, and 8 of the smallest subnormal.  */
              long double allowed = ldexpl (size[p], -49) + ldexpl (1.0L, -1071);
              if (!(fabsl ((long double) parts[p] - want[p]) <= allowed)
                  && !(isinf (parts[p]) && fabsl (want[p]) > DBL_MAX))
                mismatch (&t, "(%a%+ai)/(%a%+ai) part %d is %a, want %La",
                          a, b, c, d, p, parts[p], want[p]);
            }
        }
      else
        {
          check_annex_g (&t, a, b, c, d, parts);
        }
    }
  report (&t);
}

int
main (int argc, char **argv)
{
  const struct format *sf = &single_format, *df = &double_format;

  if (argc > 1)
    random_cases = atol (argv[1]);
  if (argc > 2)
    rng_state = strtoull (argv[2], NULL, 0) | 1;

  test_binary ("__addsf3", sf, mine___addsf3, host___addsf3);
  test_binary ("__subsf3", sf, mine___subsf3, host___subsf3);
  test_binary ("__mulsf3", sf, mine___mulsf3, host___mulsf3);
  test_binary ("__divsf3", sf, mine___divsf3, host___divsf3);
  test_binary ("__adddf3", df, mine___adddf3, host___adddf3);
  test_binary ("__subdf3", df, mine___subdf3, host___subdf3);
  test_binary ("__muldf3", df, mine___muldf3, host___muldf3);
  test_binary ("__divdf3", df, mine___divdf3, host___divdf3);
  test_unary ("__negsf2", sf, sf, 1, mine___negsf2, host___negsf2);
  test_unary ("__negdf2", df, df, 1, mine___negdf2, host___negdf2);

  test_compare ("__eqsf2", sf, EQ, mine___eqsf2);
  test_compare ("__nesf2", sf, NE, mine___nesf2);
  test_compare ("__ltsf2", sf, LT, mine___ltsf2);
  test_compare ("__lesf2", sf, LE, mine___lesf2);
  test_compare ("__gtsf2", sf, GT, mine___gtsf2);
  test_compare ("__gesf2", sf, GE, mine___gesf2);
  test_compare ("__unordsf2", sf, UNORD, mine___unordsf2);
  test_compare ("__eqdf2", df, EQ, mine___eqdf2);
  test_compare ("__nedf2", df, NE, mine___nedf2);
  test_compare ("__ltdf2", df, LT, mine___ltdf2);
  test_compare ("__ledf2", df, LE, mine___ledf2);
  test_compare ("__gtdf2", df, GT, mine___gtdf2);
  test_compare ("__gedf2", df, GE, mine___gedf2);
  test_compare ("__unorddf2", df, UNORD, mine___unorddf2);

  test_unary ("__extendsfdf2", sf, df, 0, mine___extendsfdf2,
              host___extendsfdf2);
  test_unary ("__truncdfsf2", df, sf, 0, mine___truncdfsf2,
              host___truncdfsf2);
  test_unary ("__bpf_extendsfdf2", sf, df, 0, mine___bpf_extendsfdf2,
              host___bpf_extendsfdf2);
  test_unary ("__bpf_truncdfsf2", df, sf, 0, mine___bpf_truncdfsf2,
              host___bpf_truncdfsf2);

  test_from_int ("__floatsisf", 32, mine___floatsisf, host___floatsisf);
  test_from_int ("__floatunsisf", 32, mine___floatunsisf,
                 host___floatunsisf);
  test_from_int ("__floatdisf", 64, mine___floatdisf, host___floatdisf);
  test_from_int ("__floatundisf", 64, mine___floatundisf,
                 host___floatundisf);
  test_from_int ("__floatsidf", 32, mine___floatsidf, host___floatsidf);
  test_from_int ("__floatunsidf", 32, mine___floatunsidf,
                 host___floatunsidf);
  test_from_int ("__floatdidf", 64, mine___floatdidf, host___floatdidf);
  test_from_int ("__floatundidf", 64, mine___floatundidf,
                 host___floatundidf);
  test_from_int ("__bpf_floatsidf", 32, mine___bpf_floatsidf,
                 host___bpf_floatsidf);
  test_from_int ("__bpf_floatunsidf", 32, mine___bpf_floatunsidf,
                 host___bpf_floatunsidf);

  test_to_int ("__fixsfsi", sf, 32, 1, mine___fixsfsi);
  test_to_int ("__fixunssfsi", sf, 32, 0, mine___fixunssfsi);
  test_to_int ("__fixsfdi", sf, 64, 1, mine___fixsfdi);
  test_to_int ("__fixunssfdi", sf, 64, 0, mine___fixunssfdi);
  test_to_int ("__fixsfti", sf, 128, 1, mine___fixsfti);
  test_to_int ("__fixunssfti", sf, 128, 0, mine___fixunssfti);
  test_to_int ("__fixdfsi", df, 32, 1, mine___fixdfsi);
  test_to_int ("__fixunsdfsi", df, 32, 0, mine___fixunsdfsi);
  test_to_int ("__fixdfdi", df, 64, 1, mine___fixdfdi);
  test_to_int ("__fixunsdfdi", df, 64, 0, mine___fixunsdfdi);
  test_to_int ("__fixdfti", df, 128, 1, mine___fixdfti);
  test_to_int ("__fixunsdfti", df, 128, 0, mine___fixunsdfti);
  test_to_int ("__bpf_fix_truncdfsi", df, 32, 1, mine___bpf_fix_truncdfsi);

  test_divdi ();
  test_divti ();
  test_clz_tab ();
  test_divsc3 ();
  test_divdc3 ();

  printf ("softfp: %lld cases\n", total_cases);
  printf ("softfp: %d routines right, %d wrong\n", passed_routines,
          failed_routines);
  return failed_routines ? 1 : 0;
}
