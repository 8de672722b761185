/* An XDP program for the GDB tests: parses Ethernet and IPv4 headers
   through pointers into the packet, counts packets per protocol in a map
   of structs (a subprogram writes the map value), prints with
   bpf_printk, keeps a volatile stack slot.  Lines the tests look up are
   marked with a comment "L:NAME".
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct proto_stats
{
	__u64 packets;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, struct proto_stats);
} stats SEC(".maps");

static __attribute__((noinline)) int
count (__u32 proto, __u64 len)
{
	struct proto_stats *st = bpf_map_lookup_elem (&stats, &proto);  /* L:count-lookup */

	if (!st)
		return 0;
	st->packets += 1;  /* L:count-packets */
	st->bytes += len;  /* L:count-bytes */
	return (int) st->packets;  /* L:count-return */
}

SEC("xdp")
int
xdp_parse (struct xdp_md *ctx)
{
	void *data_end = (void *) (long) ctx->data_end;  /* L:first */
	void *data = (void *) (long) ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	volatile __u32 checks = 0;  /* L:checks-init */
	int seen;

	if ((void *) (eth + 1) > data_end)  /* L:eth-bound */
		return XDP_ABORTED;
	checks = 1;  /* L:checks-1 */
	if (eth->h_proto != bpf_htons (ETH_P_IP))  /* L:proto */
		return XDP_PASS;
	ip = (void *) (eth + 1);  /* L:ip */
	if ((void *) (ip + 1) > data_end)
		return XDP_ABORTED;
	checks = 2;  /* L:checks-2 */
	seen = count (ip->protocol, data_end - data);  /* L:call-count */
	bpf_printk ("proto %d seen %d", ip->protocol, seen);  /* L:printk */
	if (ip->saddr == bpf_htonl (0x0a000063))  /* L:saddr */
		return XDP_DROP;
	return XDP_TX;  /* L:tx */
}

char LICENSE[] SEC("license") = "GPL";
