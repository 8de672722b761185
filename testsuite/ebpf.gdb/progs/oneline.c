/* One source line that executes about a million instructions (the loop
   of the line marked loop, 8 instructions a round at clang -O2), for
   bench/gdb-step.sh: GDB's next over it.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#ifndef ROUNDS
#define ROUNDS 125000
#endif

SEC("xdp")
int
oneline (struct xdp_md *ctx)
{
	__u64 acc = ctx->data_end - ctx->data;  /* L:before */
	__u64 i;

	for (i = 0; i < ROUNDS; i++) acc += i ^ (acc >> 3);  /* L:loop */
	return acc & 1 ? XDP_PASS : XDP_DROP;  /* L:after */
}

char LICENSE[] SEC("license") = "GPL";
