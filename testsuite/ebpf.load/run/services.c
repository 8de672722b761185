/* The simulator services of ebpfsim-services.h, from a bpf-gcc executable
 * linked without any runtime.  MODE picks what the program does:
 *   1  writes "out:N" to stdout and "err" to stderr, exits with 42 from
 *      two calls deep (exit leaves every frame, as exit(3) does)
 *   2  writes "before" to stdout, then aborts
 *   3  asks for a write to descriptor 5: a fault naming the descriptor
 *   4  writes from an address that is not mapped: a fault
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "ebpfsim-services.h"

static volatile int depth_marker;

__attribute__ ((noinline)) static void
leave (int status)
{
  depth_marker++;
  ebpfsim_exit (status);
}

__attribute__ ((noinline)) static int
nested (int status)
{
  leave (status + depth_marker);
  return 99;   /* never reached */
}

int
_start (void)
{
  char buf[5] = { 'o', 'u', 't', ':', '0' + MODE };
  switch (MODE)
    {
    case 1:
      ebpfsim_write (1, buf, 5);
      ebpfsim_write (1, "\n", 1);
      ebpfsim_write (2, "err\n", 4);
      return nested (42);
    case 2:
      ebpfsim_write (1, "before\n", 7);
      ebpfsim_abort ();
    case 3:
      ebpfsim_write (5, buf, 5);
      return 0;
    default:
      ebpfsim_write (1, (const void *) 0x10, 4);
      return 0;
    }
}
