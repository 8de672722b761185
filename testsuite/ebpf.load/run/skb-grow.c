/* bpf_skb_change_tail and bpf_skb_change_head growing an skb to its limit
 * (16064 bytes), and the headers bpf_skb_load_bytes_relative reads after
 * (run.exp; skb-grow.oracle: what the kernel did).
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 32); __type(key, __u32); __type(value, __u64); } res SEC(".maps");
static __always_inline void put(__u32 k, __u64 v) { bpf_map_update_elem(&res, &k, &v, 0); }
SEC("tc")
int grow(struct __sk_buff *skb)
{
	__u32 k = 0, w = 0;
	put(k++, bpf_skb_change_tail(skb, 8000, 0));
	put(k++, skb->len);
	put(k++, bpf_skb_change_tail(skb, 16064, 0));
	put(k++, bpf_skb_change_tail(skb, 16065, 0));
	put(k++, skb->len);
	put(k++, bpf_skb_change_tail(skb, 200, 0));
	put(k++, bpf_skb_change_head(skb, 4, 0));
	put(k++, bpf_skb_load_bytes_relative(skb, 0, &w, 4, BPF_HDR_START_NET));
	put(k++, w);
	put(k++, bpf_skb_load_bytes_relative(skb, 0, &w, 4, BPF_HDR_START_MAC));
	put(k++, w);
	put(k++, bpf_skb_load_bytes_relative(skb, 14, &w, 4, BPF_HDR_START_MAC));
	put(k++, w);
	put(k++, bpf_skb_change_head(skb, 15860, 0));
	put(k++, bpf_skb_change_head(skb, 15861 - 15860, 0));
	put(k++, skb->len);
	put(k++, bpf_skb_load_bytes_relative(skb, 0, &w, 4, BPF_HDR_START_NET));
	put(k++, w);
	return 0;
}
char LICENSE[] SEC("license") = "GPL";
