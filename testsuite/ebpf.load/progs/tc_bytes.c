/* skb_load_bytes / store_bytes, l3/l4_csum_replace, csum_diff and their
   errors: rewrite the IPv4 destination of a UDP packet to 10.0.0.99 with
   incremental checksum updates (data_out shows the fixed checksums). */
#include "progs.h"
RESULTS(24)

#define IP_DST_OFF (14 + 16)
#define IP_CSUM_OFF (14 + 10)
#define UDP_CSUM_OFF (14 + 20 + 6)

SEC("tc")
int rewrite_dst(struct __sk_buff *skb)
{
	__be32 old_ip, new_ip = bpf_htonl(0x0a000063);

	put(0, bpf_skb_load_bytes(skb, IP_DST_OFF, &old_ip, 4));
	put(1, bpf_ntohl(old_ip));
	put(2, bpf_l4_csum_replace(skb, UDP_CSUM_OFF, old_ip, new_ip, BPF_F_PSEUDO_HDR | 4));
	put(3, bpf_l3_csum_replace(skb, IP_CSUM_OFF, old_ip, new_ip, 4));
	put(4, bpf_skb_store_bytes(skb, IP_DST_OFF, &new_ip, 4, 0));
	return TC_ACT_OK;
}

SEC("tc")
int bytes_errors(struct __sk_buff *skb)
{
	__u32 buf[2] = { 0x01020304, 0x05060708 }, to[2] = { 0x01020305, 0x05060708 };
	__u8 b[4];

	put(0, bpf_skb_load_bytes(skb, 1000, b, 4));
	put(1, bpf_skb_load_bytes(skb, skb->len - 2, b, 4));
	put(2, bpf_skb_store_bytes(skb, 1000, b, 4, 0));
	put(3, bpf_skb_store_bytes(skb, 0, b, 4, 0xff));
	put(4, bpf_l3_csum_replace(skb, IP_CSUM_OFF, 1, 2, 3));
	put(5, bpf_l3_csum_replace(skb, 1000, 1, 2, 4));
	put(6, bpf_l4_csum_replace(skb, 1000, 1, 2, 4));
	put(7, bpf_csum_diff(buf, 8, to, 8, 0));
	put(8, bpf_csum_diff(0, 0, to, 8, 0));
	put(9, bpf_csum_diff(buf, 8, 0, 0, 0));
	put(10, bpf_csum_diff(buf, 6, to, 8, 0));
	put(11, bpf_csum_diff(buf, 8, to, 8, 0x12345678));
	put(12, bpf_skb_load_bytes_relative(skb, 0, b, 4, BPF_HDR_START_NET));
	put(13, *(__u32 *)b);
	put(14, bpf_skb_load_bytes_relative(skb, 0, b, 4, BPF_HDR_START_MAC));
	put(15, *(__u32 *)b);
	put(16, bpf_skb_load_bytes_relative(skb, 0, b, 4, 7));
	return TC_ACT_OK;
}

/* The skb copy of the IPv4 header checksum recomputed with csum_diff. */
SEC("tc")
int ip_csum(struct __sk_buff *skb)
{
	__u32 hdr[5];
	__u64 c;

	if (bpf_skb_load_bytes(skb, 14, hdr, 20))
		return -1;
	((__u16 *)hdr)[5] = 0;
	c = bpf_csum_diff(0, 0, hdr, 20, 0);
	c = (c & 0xffff) + (c >> 16);
	c = (c & 0xffff) + (c >> 16);
	return (__u16)~c;
}
