/* An XDP program with two subprograms in .text: a static one and a
   global one, each called once.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include "dbg.h"

static NOINLINE int
packet_len (struct xdp_md *ctx)
{
	long len = (long) ctx->data_end - (long) ctx->data;
	return (int) len;
}

NOINLINE int
classify (int len)
{
	if (len < 64)
		return XDP_DROP;
	return XDP_PASS;
}

SEC("xdp")
int
xdp_main (struct xdp_md *ctx)
{
	int len = packet_len (ctx);
	int verdict = classify (len);
	return verdict;
}
