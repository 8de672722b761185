/* bpf_csum_diff: the 32-bit partial sum until Linux 6.13, folded to 16
   bits since.  csum-diff.oracle holds what Linux 6.18 gave
   (../shared/oracle/runner.c on the host).
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, __u32); __type(value, __u64); } out SEC(".maps");
SEC("xdp") int csum (struct xdp_md *ctx)
{
	__u32 a[4] = { 0xffffffff, 0x12345678, 0xdeadbeef, 0x01020304 };
	__u32 b[2] = { 0x11111111, 0xfedcba98 };
	__u32 k0 = 0, k1 = 1, k2 = 2;
	__u64 *o;
	long s1 = bpf_csum_diff (0, 0, a, 16, 0);
	long s2 = bpf_csum_diff (b, 8, a, 16, 0x12345);
	long s3 = bpf_csum_diff (a, 16, 0, 0, 0);
	if ((o = bpf_map_lookup_elem (&out, &k0))) *o = s1;
	if ((o = bpf_map_lookup_elem (&out, &k1))) *o = s2;
	if ((o = bpf_map_lookup_elem (&out, &k2))) *o = s3;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
