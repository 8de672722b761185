/* Maps of kernel objects a test run never has (sockets, CPUs): they load,
   list, and the program gets what BPF_PROG_TEST_RUN gives it: no
   element, and redirect_map's fallback action.  kernel-objects.oracle
   holds what the kernel did (Linux 6.18, ../shared/oracle/runner.c).
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_XSKMAP); __uint(max_entries, 64); __type(key, __u32); __type(value, __u32); } xsks SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_CPUMAP); __uint(max_entries, 4); __type(key, __u32); __type(value, struct bpf_cpumap_val); } cpus SEC(".maps");
SEC("xdp") int xsk_default (struct xdp_md *ctx)
{
	__u32 index = ctx->rx_queue_index;
	if (bpf_map_lookup_elem (&xsks, &index))
		return bpf_redirect_map (&xsks, index, 0);
	return XDP_PASS;
}
SEC("xdp") int xsk_fallback (struct xdp_md *ctx) { return bpf_redirect_map (&xsks, 3, XDP_DROP); }
SEC("xdp") int cpu_redirect (struct xdp_md *ctx) { return bpf_redirect_map (&cpus, 1, XDP_PASS); }
struct { __uint(type, BPF_MAP_TYPE_SOCKMAP); __uint(max_entries, 8); __type(key, __u32); __type(value, __u64); } socks SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_SOCKHASH); __uint(max_entries, 8); __type(key, __u32); __type(value, __u64); } sockh SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_REUSEPORT_SOCKARRAY); __uint(max_entries, 8); __type(key, __u32); __type(value, __u64); } reuse SEC(".maps");
SEC("tc") int sock_lookup (struct __sk_buff *s)
{
	__u32 k = 1;
	struct bpf_sock *a = bpf_map_lookup_elem (&socks, &k);
	struct bpf_sock *b = bpf_map_lookup_elem (&sockh, &k);
	if (a) bpf_sk_release (a);
	if (b) bpf_sk_release (b);
	return (a ? 1 : 0) | (b ? 2 : 0) | 4;
}
char LICENSE[] SEC("license") = "GPL";
