/* The math.h functions of the runtime, run on ebpf-run (runtime.exp):
 * each result printed as its bits, a NaN as "nan" (its sign and payload
 * are not specified).  math.out is what glibc's libm gives: the output of
 * this same file compiled with the host's gcc and run there ("gcc
 * -fno-builtin math.c -lm -o m && ./m > math.out").  The unit test
 * testsuite/unit/math-test.c checks the same functions far more widely
 * on the host; this shows that they work as bpf-gcc compiles them.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Doubles from their bits: bpf-gcc 12 emits floating-point constants in
 * code wrongly (see printf.c).  */
static double
double_of (uint64_t bits)
{
  double d;
  __asm__ ("" : "+r" (bits));
  memcpy (&d, &bits, sizeof d);
  return d;
}

static void
put (double d)
{
  uint64_t bits;
  memcpy (&bits, &d, sizeof bits);
  if (d != d)
    printf (" nan");
  else
    printf (" %016llx", (unsigned long long) bits);
}

static void
put_float (float f)
{
  uint32_t bits;
  memcpy (&bits, &f, sizeof bits);
  if (f != f)
    printf (" nan");
  else
    printf (" %08x", (unsigned int) bits);
}

static const uint64_t inputs[] = {
  0x0000000000000000ULL, 0x8000000000000000ULL, 0x0000000000000001ULL,
  0x3fe0000000000000ULL, 0xbfe0000000000000ULL, 0x3ff8000000000000ULL,
  0xc004000000000000ULL, 0x400921fb54442d18ULL, 0xc00921fb54442d18ULL,
  0x4330000000000001ULL, 0x7fefffffffffffffULL, 0x7ff0000000000000ULL,
  0xfff0000000000000ULL, 0x7ff8000000000000ULL, 0x4000000000000000ULL,
  0x4059000000000000ULL, 0x3fb999999999999aULL, 0x000fffffffffffffULL,
};
#define N_INPUTS (sizeof inputs / sizeof inputs[0])

int
main (void)
{
  for (size_t i = 0; i < N_INPUTS; i++)
    {
      double x = double_of (inputs[i]);
      float xf = (float) x;
      printf ("%016llx:", (unsigned long long) inputs[i]);
      put (floor (x));
      put (ceil (x));
      put (trunc (x));
      put (fabs (x));
      put (sqrt (x));
      put_float (floorf (xf));
      put_float (ceilf (xf));
      put_float (truncf (xf));
      put_float (sqrtf (xf));
      printf (" %d %d\n", x != x ? 0 : ilogb (x), xf != xf ? 0 : ilogbf (xf));
    }
  /* Pairs: copysign, fmax, fmin (not of two zeros, where C allows either)
     and pow.  */
  for (size_t i = 0; i < N_INPUTS; i += 2)
    for (size_t j = 1; j < N_INPUTS; j += 3)
      {
        double x = double_of (inputs[i]), y = double_of (inputs[j]);
        printf ("%016llx %016llx:", (unsigned long long) inputs[i],
                (unsigned long long) inputs[j]);
        put (copysign (x, y));
        if (x == 0 && y == 0)
          printf (" zeros zeros");
        else
          {
            put (fmax (x, y));
            put (fmin (x, y));
          }
        put (pow (x, y));
        put (pow (y, x));
        printf ("\n");
      }
  /* pow with integer exponents is exact; 32^(1/3) as 980709-1.c uses it.  */
  double two = double_of (0x4000000000000000ULL);
  double ten = double_of (0x4024000000000000ULL);
  for (int n = -5; n <= 22; n += 3)
    {
      printf ("%d:", n);
      put (pow (two, n));
      put (pow (ten, n));
      put (pow (-ten, n));
      printf ("\n");
    }
  put (pow (double_of (0x4040000000000000ULL), double_of (0x3fd5555555555555ULL)));
  /* The macros, through initialisers: bpf-gcc emits those right, and
     volatile keeps it from making them constants in code.  */
  static volatile double huge_val = HUGE_VAL;
  static volatile float huge_valf = HUGE_VALF, infinity = INFINITY;
  printf ("\nHUGE_VAL");
  put (huge_val);
  put_float (huge_valf);
  put_float (infinity);
  printf (" %d %d\n", FP_ILOGB0, ilogb (double_of (0)) == FP_ILOGB0);
  return 0;
}
