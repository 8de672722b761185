/* How a map helper's error reaches the program: zero-extended until Linux
   6.4 (an int), sign-extended since (a long).  errext.oracle holds what
   Linux 6.18 gave (../shared/oracle/runner.c on the host); Linux 6.1's
   answer is in progs/oracle.out (map helpers' errors, zero-extended).
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct
{
	__uint (type, BPF_MAP_TYPE_HASH);
	__uint (max_entries, 4);
	__type (key, __u32);
	__type (value, __u64);
} h SEC (".maps");

struct
{
	__uint (type, BPF_MAP_TYPE_ARRAY);
	__uint (max_entries, 1);
	__type (key, __u32);
	__type (value, __u64);
} out SEC (".maps");

SEC ("xdp")
int
errext (struct xdp_md *ctx)
{
	__u32 k = 1, zero = 0;
	__u64 v = 5;
	bpf_map_update_elem (&h, &k, &v, BPF_NOEXIST);
	long rc = bpf_map_update_elem (&h, &k, &v, BPF_NOEXIST);  /* -EEXIST */
	__u64 *o = bpf_map_lookup_elem (&out, &zero);
	if (o)
		*o = (__u64) rc;
	return XDP_PASS;
}

char LICENSE[] SEC ("license") = "GPL";
