/* REJECTED: a tail call in a subprogram whose callers already use 256
   bytes of stack or more (x86-64 JIT limit for mixing calls and tail calls). */
#include "progs.h"

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} jt SEC(".maps");

static __noinline int sub(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &jt, 0);
	return 1;
}

SEC("xdp")
int tail_call_stack(struct xdp_md *ctx)
{
	volatile char buf[300] = {};
	buf[ctx->rx_queue_index & 255] = 2;
	return sub(ctx) + buf[7];
}
