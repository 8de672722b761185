/* Loads from an address nothing is mapped at: a fault the GDB tests see
   as SIGSEGV with the report naming this file's line.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int
faulter (struct xdp_md *ctx)
{
	volatile int *p = (volatile int *) (long) 0x1234;
	return *p;  /* L:fault */
}

char LICENSE[] SEC("license") = "GPL";
