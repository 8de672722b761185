/* BPF_MAP_TYPE_LRU_HASH and LRU_PERCPU_HASH: inserting past max_entries
   evicts instead of failing; which keys survive is the kernel's LRU. */
#include "progs.h"
RESULTS(32)

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} lru SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_PERCPU_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} lrupc SEC(".maps");

SEC("xdp")
int lru_ops(struct xdp_md *ctx)
{
	for (__u32 i = 1; i <= 8; i++) {
		__u32 k = i;
		__u64 v = i * 10;
		put(i - 1, bpf_map_update_elem(&lru, &k, &v, BPF_NOEXIST));
		/* touch key 1 each round so it stays recently used */
		__u32 one = 1;
		bpf_map_lookup_elem(&lru, &one);
	}
	for (__u32 i = 1; i <= 8; i++) {
		__u32 k = i;
		__u64 *p = bpf_map_lookup_elem(&lru, &k);
		put(8 + i - 1, p ? (__s64)*p : -1);
	}
	__u32 k = 99;
	__u64 v = 1;
	put(16, bpf_map_update_elem(&lru, &k, &v, BPF_EXIST));
	put(17, bpf_map_delete_elem(&lru, &k));
	return XDP_PASS;
}

SEC("xdp")
int lru_percpu_ops(struct xdp_md *ctx)
{
	for (__u32 i = 1; i <= 6; i++) {
		__u32 k = i;
		__u64 v = i * 10;
		put(i - 1, bpf_map_update_elem(&lrupc, &k, &v, BPF_ANY));
	}
	__u32 k = 6;
	__u64 *p = bpf_map_lookup_elem(&lrupc, &k);
	if (p)
		*p += 1;
	put(6, p ? (__s64)*p : -1);
	return XDP_PASS;
}
