/* BPF_MAP_TYPE_PERCPU_HASH: insert, update this CPU's value, full map. */
#include "progs.h"
RESULTS(8)

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} ph SEC(".maps");

SEC("xdp")
int percpu_hash_ops(struct xdp_md *ctx)
{
	__u32 k;
	__u64 v = 5, *p;

	k = 10; put(0, bpf_map_update_elem(&ph, &k, &v, BPF_NOEXIST));
	k = 10; p = bpf_map_lookup_elem(&ph, &k); if (p) *p += 1;
	k = 11; put(1, bpf_map_update_elem(&ph, &k, &v, BPF_ANY));
	k = 12; put(2, bpf_map_update_elem(&ph, &k, &v, BPF_ANY));
	k = 10; p = bpf_map_lookup_elem(&ph, &k); put(3, p ? (__s64)*p : -1);
	k = 10; p = bpf_map_lookup_percpu_elem(&ph, &k, 0); put(4, p ? (__s64)*p : -1);
	return XDP_PASS;
}
