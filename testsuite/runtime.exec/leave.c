/* How a program ends (runtime.exp): MODE picks the way.
 *   1  main returns 300: the status is its low byte, 44
 *   2  exit (7) two calls deep, with "pending" still buffered on stdout:
 *      exit writes it out
 *   3  abort after "partial" without a newline: status 134, and the
 *      buffered text still comes out
 *   4  _Exit (5) after "lost" without a newline: buffered output is
 *      dropped, as C says
 *   5  a failed assert: the message on stderr, then abort
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

static volatile int depth;

__attribute__ ((noinline)) static void
leave (int status)
{
  depth++;
  exit (status);
}

__attribute__ ((noinline)) static int
nested (int status)
{
  leave (status + depth);
  return 99;
}

int
main (void)
{
  switch (MODE)
    {
    case 1:
      return 300;
    case 2:
      fputs ("pending", stdout);
      return nested (7);
    case 3:
      printf ("partial");
      abort ();
    case 4:
      printf ("lost");
      _Exit (5);
    case 5:
      assert (depth + 1 == 3);
      return 0;
    }
  return 1;
}
