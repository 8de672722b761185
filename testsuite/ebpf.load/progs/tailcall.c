/* BPF_MAP_TYPE_PROG_ARRAY (static initialisation by libbpf): a tail call
   that jumps, one to an empty slot and one past max_entries (both fall
   through to the next instruction). */
#include "progs.h"

__u32 ran_target; /* .bss: which target ran */

SEC("xdp")
int tail_target0(struct xdp_md *ctx)
{
	ran_target = 100;
	return XDP_TX;
}

SEC("xdp")
int tail_target2(struct xdp_md *ctx)
{
	ran_target = 102;
	return XDP_DROP;
}

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, int (struct xdp_md *));
} jt SEC(".maps") = {
	.values = { [0] = (void *)&tail_target0, [2] = (void *)&tail_target2 },
};

SEC("xdp")
int tail_to0(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &jt, 0);
	return 50;
}

SEC("xdp")
int tail_to2(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &jt, 2);
	return 52;
}

SEC("xdp")
int tail_to_empty(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &jt, 1);
	return 51;
}

SEC("xdp")
int tail_out_of_range(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &jt, 4);
	return 54;
}

/* Index from the packet: byte 14 (first byte after Ethernet). */
SEC("xdp")
int tail_by_packet(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	__u8 *b = data + 14;

	if ((void *)(b + 1) > end)
		return 99;
	bpf_tail_call(ctx, &jt, *b);
	return 60 + *b;
}
