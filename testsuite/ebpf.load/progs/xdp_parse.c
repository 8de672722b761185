/* XDP parsing with data/data_end: drop UDP to port 53, bounce ICMP
   (XDP_TX), pass TCP and other IPv4, abort on truncated headers, pass
   non-IPv4. Counters per verdict in `verdicts`. */
#include "progs.h"
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/tcp.h>
#include <linux/in.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 5);
	__type(key, __u32);
	__type(value, __u64);
} verdicts SEC(".maps");

static __always_inline int verdict(int v)
{
	__u32 k = v;
	__u64 *c = bpf_map_lookup_elem(&verdicts, &k);
	if (c)
		*c += 1;
	return v;
}

SEC("xdp")
int xdp_fw(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;

	if ((void *)(eth + 1) > end)
		return verdict(XDP_ABORTED);
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return verdict(XDP_PASS);
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > end)
		return verdict(XDP_ABORTED);
	if (ip->protocol == IPPROTO_ICMP)
		return verdict(XDP_TX);
	if (ip->protocol == IPPROTO_UDP) {
		struct udphdr *udp = (void *)ip + ip->ihl * 4;
		if ((void *)(udp + 1) > end)
			return verdict(XDP_ABORTED);
		if (udp->dest == bpf_htons(53))
			return verdict(XDP_DROP);
	}
	return verdict(XDP_PASS);
}

/* Returns the TCP destination port (host order) or 0. */
SEC("xdp")
int xdp_tcp_port(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct tcphdr *tcp;

	if ((void *)(ip + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP) ||
	    ip->protocol != IPPROTO_TCP)
		return 0;
	tcp = (void *)ip + ip->ihl * 4;
	if ((void *)(tcp + 1) > end)
		return 0;
	return bpf_ntohs(tcp->dest);
}

/* Any return value is returned as is by BPF_PROG_TEST_RUN. */
SEC("xdp")
int xdp_ret7(struct xdp_md *ctx)
{
	return 7;
}
