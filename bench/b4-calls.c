/* B4: BPF-to-BPF calls in a hot loop (bpf-gcc executable).
 * SPDX-License-Identifier: GPL-3.0-or-later  */
static unsigned long __attribute__ ((noinline))
mix (unsigned long h, unsigned long v)
{
  return (h ^ v) * 1099511628211UL;
}

static unsigned long __attribute__ ((noinline))
step (unsigned long h, unsigned i)
{
  return mix (mix (h, i), i >> 3);
}

int
main (void)
{
  unsigned long h = 1469598103934665603UL;
  for (unsigned i = 0; i < 1000000; i++)
    h = step (h, i);
  return (int) (h & 0x7f);
}
