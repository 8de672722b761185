/* recursion.c — an executable recurses as a native program does, not
 * within the kernel's 8 frames: DEPTH nested calls, each with a frame
 * of its own that the callee reads through a pointer.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdlib.h>

static int __attribute__ ((noinline))
down (int n, volatile int *caller_local)
{
  volatile int local = n;
  if (n == 0)
    return *caller_local;
  return down (n - 1, &local) + 1;
}

int
main (void)
{
  volatile int top = 7;
  return down (DEPTH, &top) == DEPTH + 1 ? 0 : 1;
}
