/* REJECTED: XDP programs may not write xdp_md fields. */
#include "progs.h"

SEC("xdp")
int ctx_write(struct xdp_md *ctx)
{
	ctx->rx_queue_index = 3;
	return XDP_PASS;
}
