/* B1: a 10M-iteration hash loop (FNV-1a style) as bpf-gcc compiles it, not
 * unrolled: 6 instructions an iteration, 60 M in all.  It keeps to
 * registers, so GDB's bpf simulator (whose r10 starts at 0) runs it too.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
int
main (void)
{
  unsigned long h = 1469598103934665603UL;
#pragma GCC unroll 1
  for (unsigned i = 0; i < 10000000; i++)
    h = (h ^ i) * 1099511628211UL;
  return (int) (h & 0x7f);
}
