/* bpf_loop with a callback in .text: the callback's address is an lddw
   of a function.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include "dbg.h"

struct sum_ctx
{
	long total;
};

static int
add_one (__u32 index, void *data)
{
	struct sum_ctx *s = data;
	s->total += index;
	return 0;
}

SEC("xdp")
int
loop_main (struct xdp_md *ctx)
{
	struct sum_ctx s = { 0 };
	bpf_loop (10, add_one, &s, 0);
	if (s.total == 45)
		return XDP_PASS;
	return XDP_DROP;
}
