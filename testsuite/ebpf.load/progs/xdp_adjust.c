/* bpf_xdp_adjust_head / adjust_tail / adjust_meta, xdp_load_bytes /
   store_bytes / get_buff_len: packet as it comes back in data_out, and the
   errors for moves that are too large. Each program returns the helper's
   result (negative errors show as u32). */
#include "progs.h"
RESULTS(8)

SEC("xdp")
int head_pop_eth(struct xdp_md *ctx)
{
	return bpf_xdp_adjust_head(ctx, 14);
}

SEC("xdp")
int head_push4(struct xdp_md *ctx)
{
	int r = bpf_xdp_adjust_head(ctx, -4);
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;

	if (r)
		return r;
	if (data + 4 > end)
		return 1000;
	__builtin_memcpy(data, "ABCD", 4);
	return 0;
}

SEC("xdp")
int head_too_far(struct xdp_md *ctx)
{
	put(0, bpf_xdp_adjust_head(ctx, -4096));
	put(1, bpf_xdp_adjust_head(ctx, 4096));
	put(2, bpf_xdp_adjust_head(ctx, -256));
	put(3, bpf_xdp_adjust_head(ctx, -1));
	return XDP_PASS;
}

SEC("xdp")
int tail_shrink10(struct xdp_md *ctx)
{
	return bpf_xdp_adjust_tail(ctx, -10);
}

SEC("xdp")
int tail_grow16(struct xdp_md *ctx)
{
	return bpf_xdp_adjust_tail(ctx, 16);
}

SEC("xdp")
int tail_errors(struct xdp_md *ctx)
{
	int len = ctx->data_end - ctx->data;

	put(0, bpf_xdp_adjust_tail(ctx, 4096));
	put(1, bpf_xdp_adjust_tail(ctx, -len));
	put(2, bpf_xdp_adjust_tail(ctx, -(len - 14)));
	put(3, ctx->data_end - ctx->data);
	put(4, bpf_xdp_adjust_tail(ctx, -1));
	return XDP_PASS;
}

/* 8 bytes of metadata before the packet, written and read back. */
SEC("xdp")
int meta8(struct xdp_md *ctx)
{
	int r = bpf_xdp_adjust_meta(ctx, -8);
	void *meta = (void *)(long)ctx->data_meta, *data = (void *)(long)ctx->data;

	put(0, r);
	if (r)
		return XDP_ABORTED;
	if (meta + 8 > data)
		return 1000;
	__builtin_memcpy(meta, "METADATA", 8);
	put(1, data - meta);
	put(2, bpf_xdp_adjust_meta(ctx, -4096));
	put(3, bpf_xdp_adjust_meta(ctx, 8));
	put(4, bpf_xdp_adjust_meta(ctx, 4));
	return XDP_PASS;
}

/* Metadata left in place: BPF_PROG_TEST_RUN returns it in data_out. */
SEC("xdp")
int meta_keep(struct xdp_md *ctx)
{
	int r = bpf_xdp_adjust_meta(ctx, -4);
	void *meta = (void *)(long)ctx->data_meta, *data = (void *)(long)ctx->data;

	if (r)
		return r;
	if (meta + 4 > data)
		return 1000;
	__builtin_memcpy(meta, "META", 4);
	return XDP_PASS;
}

/* Reads the metadata given by ctx_in (xdp_md.data = 8). */
SEC("xdp")
int meta_read(struct xdp_md *ctx)
{
	void *meta = (void *)(long)ctx->data_meta, *data = (void *)(long)ctx->data;
	__u32 *m = meta;

	put(0, data - meta);
	if (meta + 4 > data)
		return 1000;
	return *m;
}

SEC("xdp")
int xdp_bytes(struct xdp_md *ctx)
{
	__u8 buf[6];

	put(0, bpf_xdp_get_buff_len(ctx));
	put(1, bpf_xdp_load_bytes(ctx, 0, buf, 6));
	put(2, buf[0] | buf[5] << 8);
	put(3, bpf_xdp_store_bytes(ctx, 6, buf, 6));  /* src MAC := dst MAC */
	put(4, bpf_xdp_load_bytes(ctx, 4000, buf, 6));
	put(5, bpf_xdp_store_bytes(ctx, 4000, buf, 6));
	return XDP_PASS;
}
