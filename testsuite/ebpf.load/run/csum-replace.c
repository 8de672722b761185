/* bpf_l3_csum_replace and bpf_l4_csum_replace: what each argument check
 * answers, and the packet after (run.exp; csum-replace.oracle: what the
 * kernel did).
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 32); __type(key, __u32); __type(value, __u64); } res SEC(".maps");
static __always_inline void put(__u32 k, __u64 v) { bpf_map_update_elem(&res, &k, &v, 0); }
SEC("tc")
int csr(struct __sk_buff *skb)
{
	put(0, bpf_l3_csum_replace(skb, 24, 0, 5, 0));          /* size 0, from 0 */
	put(1, bpf_l3_csum_replace(skb, 24, 1, 5, 0));          /* size 0, from != 0 */
	put(2, bpf_l3_csum_replace(skb, 25, 1, 5, 2));          /* odd offset */
	put(3, bpf_l3_csum_replace(skb, 24, 1, 5, 3));          /* size 3 */
	put(4, bpf_l3_csum_replace(skb, 24, 1, 5, 8));          /* size 8 */
	put(5, bpf_l3_csum_replace(skb, 63, 1, 5, 2));          /* end, odd */
	put(6, bpf_l3_csum_replace(skb, 62, 1, 5, 2));          /* last 2 bytes */
	put(7, bpf_l3_csum_replace(skb, 64, 1, 5, 2));          /* past end */
	put(8, bpf_l3_csum_replace(skb, 24, 1, 5, 0x10));       /* unknown flag */
	put(9, bpf_l4_csum_replace(skb, 40, 0, 5, 0));
	put(10, bpf_l4_csum_replace(skb, 40, 1, 5, 0));         /* size 0 from != 0 */
	put(11, bpf_l4_csum_replace(skb, 41, 1, 5, 2));         /* odd */
	put(12, bpf_l4_csum_replace(skb, 40, 1, 5, 2 | BPF_F_PSEUDO_HDR));
	put(13, bpf_l4_csum_replace(skb, 40, 1, 5, 2 | (1ULL << 7)));   /* BPF_F_IPV6? */
	put(14, bpf_l4_csum_replace(skb, 40, 1, 5, 2 | (1ULL << 8)));
	put(15, bpf_l4_csum_replace(skb, 40, 1, 5, 3));
	put(16, bpf_l4_csum_replace(skb, 40, 1, 5, 2 | BPF_F_MARK_MANGLED_0 | BPF_F_MARK_ENFORCE));
	put(17, bpf_l4_csum_replace(skb, 0x10000, 1, 5, 2));
	put(18, bpf_l3_csum_replace(skb, 0x10000, 1, 5, 2));
	put(19, bpf_l4_csum_replace(skb, 63, 1, 5, 2));
	put(20, bpf_l4_csum_replace(skb, 24, 0, 5, 4 | BPF_F_PSEUDO_HDR));
	return 0;
}
char LICENSE[] SEC("license") = "GPL";
