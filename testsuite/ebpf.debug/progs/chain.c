/* A call chain three deep: chain_entry -> level1 -> level2 -> level3.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include "dbg.h"

static NOINLINE int
level3 (volatile int x)
{
	return x * 3 + 1;
}

static NOINLINE int
level2 (volatile int x)
{
	int y = level3 (x + 2);
	return y - 1;
}

static NOINLINE int
level1 (volatile int x)
{
	int y = level2 (x * 2);
	return y + 5;
}

SEC("xdp")
int
chain_entry (struct xdp_md *ctx)
{
	int r = level1 (7);
	if (r > 1000)
		return XDP_DROP;
	return XDP_PASS;
}
