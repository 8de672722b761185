/* A bpf-gcc executable on the runtime (bpf-gcc -specs=ebpfsim.specs):
   main calls a chain of two functions and reads global data.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

int scale = 3;
static const int table[4] = { 1, 2, 3, 5 };

static __attribute__((noinline)) int
inner (volatile int x)
{
	return x * scale + table[x & 3];
}

static __attribute__((noinline)) int
outer (int x)
{
	int y = inner (x + 1);
	return y - 1;
}

int
main (void)
{
	int r = outer (4);
	return r == 16 ? 0 : 1;
}
