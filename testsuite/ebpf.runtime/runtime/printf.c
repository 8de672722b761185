/* The printf family's conversions, flags, widths, precisions and length
 * modifiers (runtime.exp).  printf.out is what glibc prints for this
 * program; bpf-gcc passes at most five arguments, so no call has more.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <limits.h>
#include <stdio.h>
#include <string.h>

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

  /* The return value of printf itself.  */
  r = printf ("%s|%5d|\n", "counted", 1);
  printf ("printf %d\n", r);
  return 0;
}
