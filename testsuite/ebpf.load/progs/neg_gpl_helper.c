/* REJECTED: a GPL-only helper (bpf_trace_printk) from a non-GPL program. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int gpl_helper(struct xdp_md *ctx)
{
	return bpf_printk("x");
}

char LICENSE[] SEC("license") = "Proprietary";
