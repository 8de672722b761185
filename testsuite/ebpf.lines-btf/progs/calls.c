/* Two programs in sections of their own calling subprograms in .text:
 * rows in three code sections, two functions in one of them, a function
 * per func_info record, a loop unrolled into one line's code many times
 * over.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#define SEC(name) __attribute__ ((section (name), used))

static __attribute__ ((noinline)) int
scale (int a, int b)
{
  int r = a * b;
  return r + 3;
}

SEC ("xdp")
int
sum_scaled (void *ctx)
{
  int x = 0;
  for (int i = 0; i < 6; i++)
    x += scale (i, x);
  return x & 3;
}

static __attribute__ ((noinline)) long
clamp (long v, long lo, long hi)
{
  if (v < lo)
    return lo;
  return v > hi ? hi : v;
}

SEC ("tc")
int
just_one (void *ctx)
{
  return clamp (scale (2, 5), 0, 12) == 12;
}

char _license[] SEC ("license") = "GPL";
