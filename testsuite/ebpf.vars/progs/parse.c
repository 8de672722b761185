/* An XDP program that parses Ethernet and IPv4, for the variables and
   types of ebpfsim-lines.h: a struct local with a bitfield, a char, an
   enum, an array and a pointer; an array local; a union; a pointer into
   the packet (struct iphdr *ip); globals in .bss, .data and .rodata; a
   noinline subprogram with arguments.  testsuite/unit/vars-test.c stops
   at the lines marked BREAK and checks what it sees there.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>

#define NOINLINE __attribute__((noinline))

char LICENSE[] SEC("license") = "GPL";

enum verdict { VERDICT_DROP = 1, VERDICT_PASS = 2, VERDICT_ODD = 7 };

struct summary {
	__u32 total;
	__u16 proto;
	unsigned char ttl;
	char tag;
	enum verdict kind;
	__u8 mac[ETH_ALEN];
	unsigned int flag : 3;
	unsigned int level : 5;
	const struct iphdr *where;
};

union word {
	__u32 u;
	__u8 b[4];
};

typedef __u32 counter_t;

counter_t packets_seen;                          /* .bss */
int config_limit = 1500;                         /* .data */
const volatile char banner[8] = "ebpfsim";       /* .rodata */
struct summary last = { .total = 5, .tag = 'L' };  /* .data */

static NOINLINE int
score (const struct iphdr *ip, int weight, struct summary *s)
{
	int sum = ip->ttl * weight;
	s->total += sum;		/* BREAK score */
	return sum;
}

SEC("xdp")
int
xdp_vars (struct xdp_md *ctx)
{
	void *data = (void *) (long) ctx->data;
	void *data_end = (void *) (long) ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct summary st = { .tag = 'x', .kind = VERDICT_PASS };
	__u32 words[4] = { 11, 22, 33, 44 };
	union word w;
	int i;

	if ((void *) (eth + 1) > data_end)
		return XDP_ABORTED;
	if (eth->h_proto != __builtin_bswap16 (ETH_P_IP))
		return XDP_PASS;
	ip = (void *) (eth + 1);
	if ((void *) (ip + 1) > data_end)
		return XDP_ABORTED;
	for (i = 0; i < ETH_ALEN; i++)
		st.mac[i] = eth->h_source[i];
	st.proto = ip->protocol;
	st.ttl = ip->ttl;
	st.flag = 5;
	st.level = 17;
	st.where = ip;
	w.u = ip->saddr;
	words[2] += ip->tos;
	int got = score (ip, 3, &st);	/* BREAK main */
	packets_seen++;
	last.total = st.total + w.b[0];	/* BREAK after */
	if (got > config_limit || banner[0] != 'e')
		return XDP_DROP;
	return words[2] > 40 ? XDP_PASS : XDP_DROP;
}
