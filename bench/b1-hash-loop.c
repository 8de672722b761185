/* B1: a 10M-iteration hash loop (FNV-1a style), the counter kept in
 * memory, as bpf-gcc compiles it: about 100 M instructions.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
int
main (void)
{
  unsigned long h = 1469598103934665603UL;
  for (volatile unsigned i = 0; i < 10000000; i++)
    h = (h ^ i) * 1099511628211UL;
  return (int) (h & 0x7f);
}
