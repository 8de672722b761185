/* REJECTED: each frame fits in 512 bytes, the two together do not. */
#include "progs.h"

static __noinline int inner(int i)
{
	volatile char buf[300];
	buf[i & 255] = 1;
	return buf[(i + 1) & 255];
}

SEC("xdp")
int stack_combined(struct xdp_md *ctx)
{
	volatile char buf[300];
	buf[ctx->rx_queue_index & 255] = 2;
	return inner(ctx->rx_queue_index) + buf[3];
}
