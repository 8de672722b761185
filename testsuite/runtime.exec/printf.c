/* The printf family's conversions, flags, widths, precisions and length
 * modifiers (runtime.exp).  printf.out is what glibc prints for this
 * program: the output of this same file compiled with the host's gcc
 * and run with glibc ("gcc printf.c -o p && ./p > printf.out").  bpf-gcc
 * passes at most five arguments, so no call has more.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The double with the IEEE bits BITS.  bpf-gcc 12 emits floating-point
 * constants in code wrongly, so the doubles below are made from their
 * bits, which the barrier keeps GCC from folding back into a constant.  */
static double
double_of (uint64_t bits)
{
  double d;
  __asm__ ("" : "+r" (bits));
  memcpy (&d, &bits, sizeof d);
  return d;
}

int
main (void)
{
  /* Integers in every base, both signs, the extremes of each length.  */
  printf ("[%d] [%i] [%u] [%d]\n", 0, -1, 4000000000u, INT_MIN);
  printf ("[%x] [%X] [%o] [%u]\n", 0xdeadbeefu, 0xabcdefu, 0777u, UINT_MAX);
  printf ("[%ld] [%lu] [%lx]\n", LONG_MIN, ULONG_MAX, 0x123456789abcdefUL);
  printf ("[%lld] [%llu] [%llo]\n", LLONG_MIN, ULLONG_MAX, ULLONG_MAX);
  printf ("[%hd] [%hu] [%hhd] [%hhu]\n", 70000, 70000, 200, 300);
  printf ("[%zu] [%zd] [%td] [%jd]\n", (size_t) 12345, (long) -6,
          (long) -7, (long long) -8);
  /* Field width and the flags.  */
  printf ("[%5d] [%-5d] [%05d] [%+d]\n", 42, 42, 42, 42);
  printf ("[% d] [% d] [%+d] [%+5d]\n", 42, -42, -42, 0);
  printf ("[%-+6d] [%0+6d] [% 06d] [%-06d]\n", 7, 7, 7, 7);
  printf ("[%#x] [%#X] [%#o] [%#o]\n", 255u, 255u, 8u, 0u);
  printf ("[%#x] [%#08x] [%#.3o] [%#5o]\n", 0u, 255u, 8u, 8u);
  /* Precision: a minimum of digits; 0 with precision 0 has none.  */
  printf ("[%.5d] [%.5d] [%8.3d] [%-8.3d]\n", 42, -42, 42, -42);
  printf ("[%.0d] [%.0x] [%5.0d] [%08.3d]\n", 0, 0u, 0, 42);
  printf ("[%.d] [%#.0o] [%.0u]\n", 0, 0u, 0u);
  /* Width and precision from the arguments; negative width is '-'.  */
  printf ("[%*d] [%*d]\n", 6, 1, -6, 2);
  printf ("[%.*d] [%-*d]\n", 4, 3, 3, 4);
  printf ("[%*.*d]\n", 7, 3, 5);
  printf ("[%.*d]\n", -1, 6);
  /* Characters and strings.  */
  printf ("[%c] [%3c] [%-3c] [%c]\n", 'a', 'b', 'c', 0x141);
  printf ("[%s] [%8s] [%-8s] [%.2s]\n", "str", "right", "left", "cut");
  printf ("[%.*s] [%5.1s] [%s]\n", 3, "abcdef", "xyz", "");
  /* A precision means the array need not be terminated beyond it.  */
  char unterminated[3] = { 'a', 'b', 'c' };
  printf ("[%.3s] [%%] [%5%]\n", unterminated);
  /* Pointers.  */
  printf ("[%p] [%p]\n", (void *) 0x1000, (void *) 0xfedcba9876543210UL);
  /* %n stores how much was printed so far.  */
  int n = -1;
  signed char hn = -1;
  long long lln = -1;
  printf ("abc%nde%hhnfgh%lln|\n", &n, &hn, &lln);
  printf ("[%d] [%d] [%lld]\n", n, hn, lln);

  /* sprintf and snprintf: the NUL, truncation and the return value.  */
  char buf[32];
  int r = sprintf (buf, "%s-%05d", "id", 42);
  printf ("sprintf %d [%s] %d\n", r, buf, (int) strlen (buf));
  memset (buf, 'x', sizeof buf);
  r = snprintf (buf, 6, "%d", 123456789);
  printf ("snprintf %d [%s] [%c]\n", r, buf, buf[6]);
  r = snprintf (buf, 1, "%s", "abc");
  printf ("snprintf %d [%s]\n", r, buf);
  buf[0] = '?';
  r = snprintf (buf, 0, "%s", "abc");
  printf ("snprintf %d [%c]\n", r, buf[0]);
  r = snprintf (NULL, 0, "%d %s", -500, "four");
  printf ("snprintf %d\n", r);

  /* Doubles: f, e and g with their precisions and flags, rounded to
     nearest with ties to even on the exact value.  */
  double pi = double_of (0x400921fb54442d18ULL);
  double tenth = double_of (0x3fb999999999999aULL);
  double inf = double_of (0x7ff0000000000000ULL);
  double nan = double_of (0x7ff8000000000000ULL);
  double minus_zero = double_of (0x8000000000000000ULL);
  printf ("[%f] [%e] [%g] [%E]\n", pi, pi, pi, pi);
  printf ("[%.0f] [%.1f] [%.10f] [%.15e]\n", pi, pi, pi, pi);
  printf ("[%.30f] [%.17g] [%.20e] [%g]\n", tenth, tenth, tenth, tenth);
  /* Ties: 0.5 1.5 2.5 to integers, 0.125 and 0.375 to two places.  */
  printf ("[%.0f] [%.0f] [%.0f] [%.0e]\n", double_of (0x3fe0000000000000ULL),
          double_of (0x3ff8000000000000ULL), double_of (0x4004000000000000ULL),
          double_of (0x4004000000000000ULL));
  printf ("[%.2f] [%.2f] [%.1e] [%.0f]\n", double_of (0x3fc0000000000000ULL),
          double_of (0x3fd8000000000000ULL), double_of (0x3fc0000000000000ULL),
          double_of (0x4012000000000000ULL));
  /* A carry through every digit: 9.9999 and 9.9996.  */
  printf ("[%.2f] [%.3e] [%.3g] [%.0e]\n", double_of (0x4023fff2e48e8a72ULL),
          double_of (0x4023ffcb923a29c7ULL), double_of (0x4023fff2e48e8a72ULL),
          double_of (0x4023fff2e48e8a72ULL));
  /* g: the style by the exponent, trailing zeros removed but for '#'.  */
  printf ("[%g] [%g] [%g] [%g]\n", double_of (0x3f1a36e2eb1c432dULL),
          double_of (0x3ee4f8b588e368f1ULL), double_of (0x40fe240000000000ULL),
          double_of (0x4132d68700000000ULL));
  printf ("[%G] [%#g] [%#.3g] [%.0g]\n", double_of (0x3ddb7cdfd9d7bdbbULL),
          double_of (0x412e848000000000ULL), double_of (0x4004000000000000ULL),
          double_of (0x4004000000000000ULL));
  printf ("[%g] [%.20g] [%#g] [%g]\n", double_of (0x412e848000000000ULL),
          double_of (0x3fd5555555555555ULL), double_of (0),
          double_of (0x7e37e43c8800759cULL));
  /* Flags and widths.  */
  printf ("[%+.2f] [% f] [%010.3f] [%-10.2f]\n", pi, pi, -pi, pi);
  printf ("[%+e] [%012.3e] [%-12.1E] [%#.0f]\n", -pi, pi, pi, pi);
  printf ("[%#.0e] [%*.*f]\n", pi, 9, 2, pi);
  printf ("[%-+*.1f] [%*e]\n", 8, pi, -14, pi);
  printf ("[%Lf] [%.3Lg]\n", (long double) pi, (long double) pi);
  /* The extremes: the largest double in full, the smallest subnormal.  */
  printf ("[%f]\n", double_of (0x7fefffffffffffffULL));
  printf ("[%.3e] [%e] [%.20g]\n", double_of (0x7fefffffffffffffULL),
          double_of (1), double_of (1));
  printf ("[%.1080f]\n", double_of (1));
  /* Zeros, infinities and NaNs, which '0' pads with spaces.  */
  printf ("[%f] [%e] [%g] [%+.2f]\n", minus_zero, minus_zero, minus_zero, 0.0);
  printf ("[%f] [%F] [%e] [%G]\n", inf, -inf, nan, -nan);
  printf ("[%6f] [%-6f] [%06f] [%+f]\n", inf, nan, -inf, inf);
  /* float arguments arrive as doubles.  */
  float f = (float) tenth;
  printf ("[%f] [%.10f] [%g]\n", f, f, f);

  /* The return value of printf itself.  */
  r = printf ("%s|%5d|\n", "counted", 1);
  printf ("printf %d\n", r);
  return 0;
}
