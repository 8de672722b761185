/* REJECTED: bpf_get_func_ip is for tracing programs only. */
#include "progs.h"

SEC("xdp")
int tracing_helper(struct xdp_md *ctx)
{
	return bpf_get_func_ip(ctx);
}
