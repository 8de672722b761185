/* Three array maps of about 800 MiB each: storage is touched only where
   written, so a run stays small; --max-map-memory caps what all maps may
   take together.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define BIG(name)                                              \
	struct                                                 \
	{                                                      \
		__uint (type, BPF_MAP_TYPE_ARRAY);             \
		__uint (max_entries, 30000000);                \
		__type (key, __u32);                           \
		__type (value, __u64);                         \
	} name SEC (".maps");

BIG (big_a)
BIG (big_b)
BIG (big_c)

SEC ("xdp")
int
touch (struct xdp_md *ctx)
{
	__u32 k = 29999999;
	__u64 *v = bpf_map_lookup_elem (&big_c, &k);
	if (!v)
		return XDP_ABORTED;
	*v = 7;
	return XDP_PASS;
}

char LICENSE[] SEC ("license") = "GPL";
