/* REJECTED: packet read without a data_end bounds check. */
#include "progs.h"

SEC("xdp")
int pkt_unchecked(struct xdp_md *ctx)
{
	__u8 *data = (void *)(long)ctx->data;
	return data[20];
}
