/* Loops for a very long time (2^40 rounds): the GDB tests interrupt it
   with Ctrl-C.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int
spin (struct xdp_md *ctx)
{
	volatile __u64 n = 0;
	__u64 i;

	for (i = 0; i < (1ULL << 40); i++)  /* L:loop */
		n += i;
	return n == 0 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
