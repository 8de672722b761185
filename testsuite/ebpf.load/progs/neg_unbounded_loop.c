/* REJECTED: a loop whose bound the verifier cannot see ends. */
#include "progs.h"

SEC("xdp")
int unbounded_loop(struct xdp_md *ctx)
{
	volatile __u32 i = 0;
	__u32 n = ctx->rx_queue_index;

	while (i != n + 1)
		i = i + 2;
	return i;
}
