/* Global data: .data, .bss, .rodata, read and written by a program and
   a subprogram.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include "dbg.h"

int counter = 3;             /* .data */
long hits;                   /* .bss */
const int limits[4] = { 10, 20, 30, 40 };  /* .rodata */

static NOINLINE int
bump (int by)
{
	counter += by;
	hits++;
	return counter;
}

SEC("xdp")
int
globals_main (struct xdp_md *ctx)
{
	int v = bump (limits[1]);
	if (v > limits[3])
		return XDP_DROP;
	return XDP_PASS;
}
