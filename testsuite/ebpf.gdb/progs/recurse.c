/* A function that calls itself on its one line: step must stop in the
   new frame, though its code lies in the line being stepped.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static __attribute__((noinline)) int
down (int n)
{
	return n ? down (n - 1) + 1 : 0;  /* L:down */
}

SEC("xdp")
int
recurse (struct xdp_md *ctx)
{
	return down (3) == 3 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
