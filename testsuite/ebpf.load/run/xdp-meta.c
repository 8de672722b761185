/* bpf_xdp_adjust_meta: room for metadata, which -EINVAL and which -EACCES,
 * with bpf_xdp_adjust_head moving it (run.exp; xdp-meta.oracle: what the
 * kernel did).
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 32); __type(key, __u32); __type(value, __u64); } res SEC(".maps");
static __always_inline void put(__u32 k, __u64 v) { bpf_map_update_elem(&res, &k, &v, 0); }
SEC("xdp")
int meta(struct xdp_md *ctx)
{
	__u32 k = 0;
	put(k++, bpf_xdp_adjust_meta(ctx, -216));
	put(k++, bpf_xdp_adjust_meta(ctx, 216));
	put(k++, bpf_xdp_adjust_meta(ctx, -220));
	put(k++, bpf_xdp_adjust_meta(ctx, -36));
	put(k++, bpf_xdp_adjust_meta(ctx, 36));
	put(k++, bpf_xdp_adjust_meta(ctx, -2));
	put(k++, bpf_xdp_adjust_head(ctx, -100));
	put(k++, bpf_xdp_adjust_meta(ctx, -116));
	put(k++, bpf_xdp_adjust_meta(ctx, -120));
	put(k++, bpf_xdp_adjust_head(ctx, 100));
	put(k++, bpf_xdp_adjust_meta(ctx, -252));
	put(k++, bpf_xdp_adjust_meta(ctx, -256));
	put(k++, bpf_xdp_adjust_head(ctx, -216));
	put(k++, bpf_xdp_adjust_head(ctx, -220));
	put(k++, ctx->data_end - ctx->data);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
