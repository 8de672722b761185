/* A tail call into a program of a second section, through a prog
   array set up statically.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include "dbg.h"

SEC("xdp.frags")
int
tail_target (struct xdp_md *ctx)
{
	return XDP_TX;
}

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, int (struct xdp_md *));
} jumps SEC(".maps") = {
	.values = { [0] = (void *) &tail_target },
};

SEC("xdp")
int
tail_entry (struct xdp_md *ctx)
{
	bpf_tail_call (ctx, &jumps, 0);
	return XDP_ABORTED;
}
