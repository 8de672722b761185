/* An XDP program without helper calls, so that clang -O0 makes a
   program too: pointers into the packet (Ethernet and IPv4 headers), a
   struct on the stack filled from them, a subprogram reading both
   through pointers.  Lines the tests look up are marked "L:NAME".
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct flow
{
	__u32 saddr;
	__u32 daddr;
	__u8 proto;
	__u8 ttl;
};

static __attribute__((noinline)) int
verdict (const struct flow *f, const struct iphdr *ip)
{
	int score = f->ttl + ip->protocol;  /* L:score */

	if (f->saddr == bpf_htonl (0x0a000063))  /* L:drop-check */
		return XDP_DROP;
	if (score > 80)  /* L:score-check */
		return XDP_TX;
	return XDP_PASS;
}

SEC("xdp")
int
xdp_hdr (struct xdp_md *ctx)
{
	void *data_end = (void *) (long) ctx->data_end;  /* L:first */
	void *data = (void *) (long) ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *) (eth + 1);
	struct flow fl = { 0 };

	if ((void *) (ip + 1) > data_end)  /* L:bound */
		return XDP_ABORTED;
	if (eth->h_proto != bpf_htons (ETH_P_IP))  /* L:proto */
		return XDP_PASS;
	fl.saddr = ip->saddr;  /* L:saddr */
	fl.daddr = ip->daddr;
	fl.proto = ip->protocol;
	fl.ttl = ip->ttl;
	return verdict (&fl, ip);  /* L:call */
}

char LICENSE[] SEC("license") = "GPL";
