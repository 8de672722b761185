/* BPF_MAP_TYPE_HASH (preallocated and BPF_F_NO_PREALLOC): flags, full map,
   delete, lookups of values the oracle set with --fill/--set. */
#include "progs.h"
RESULTS(32)

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} h SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, __u32);
	__type(value, __u64);
} hn SEC(".maps");

static __always_inline void ops(void *m, __u32 base)
{
	__u32 k;
	__u64 v = 100 + base, *p;

	k = 1; put(base + 0, bpf_map_update_elem(m, &k, &v, BPF_NOEXIST));
	k = 1; put(base + 1, bpf_map_update_elem(m, &k, &v, BPF_NOEXIST));
	k = 9; put(base + 2, bpf_map_update_elem(m, &k, &v, BPF_EXIST));
	k = 9; put(base + 3, bpf_map_delete_elem(m, &k));
	k = 2; put(base + 4, bpf_map_update_elem(m, &k, &v, BPF_ANY));
	k = 3; put(base + 5, bpf_map_update_elem(m, &k, &v, BPF_ANY));
	k = 4; put(base + 6, bpf_map_update_elem(m, &k, &v, BPF_ANY));
	k = 5; put(base + 7, bpf_map_update_elem(m, &k, &v, BPF_ANY));
	v = 200 + base;
	k = 4; put(base + 8, bpf_map_update_elem(m, &k, &v, BPF_EXIST));
	k = 2; put(base + 9, bpf_map_delete_elem(m, &k));
	k = 5; put(base + 10, bpf_map_update_elem(m, &k, &v, BPF_NOEXIST));
	k = 2; p = bpf_map_lookup_elem(m, &k); put(base + 11, p ? (__s64)*p : -1);
	k = 3; put(base + 12, bpf_map_update_elem(m, &k, &v, 3));
	k = 3; put(base + 13, bpf_map_update_elem(m, &k, &v, BPF_F_LOCK));
}

SEC("xdp")
int hash_ops(struct xdp_md *ctx)
{
	ops(&h, 0);
	ops(&hn, 16);
	return XDP_PASS;
}

/* Sum of the values of keys 0..7 (absent keys count nothing); slot k holds
   the value found for key k or -1. */
SEC("xdp")
int hash_lookup(struct xdp_md *ctx)
{
	__u64 sum = 0;

	for (__u32 i = 0; i < 8; i++) {
		__u32 k = i;
		__u64 *p = bpf_map_lookup_elem(&h, &k);
		put(i, p ? (__s64)*p : -1);
		if (p)
			sum += *p;
	}
	return sum;
}
