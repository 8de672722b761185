/* Socket filters (SEC("socket")): the return value is the number of bytes
   to keep. Reads len and protocol. */
#include "progs.h"

SEC("socket")
int sock_keep_all(struct __sk_buff *skb)
{
	return skb->len;
}

SEC("socket")
int sock_drop(struct __sk_buff *skb)
{
	return 0;
}

/* Keeps 20 bytes of IPv4 packets, everything else whole. */
SEC("socket")
int sock_ipv4_trunc(struct __sk_buff *skb)
{
	if (skb->protocol == bpf_htons(0x0800))
		return 20;
	return skb->len + 0x10000 * skb->pkt_type;
}

/* bpf_skb_load_bytes in a socket filter: byte 0 and byte 9. */
SEC("socket")
int sock_load_bytes(struct __sk_buff *skb)
{
	__u8 b[10];

	if (bpf_skb_load_bytes(skb, 0, b, 10))
		return 0xffff;
	return b[0] << 8 | b[9];
}
