/* BPF_MAP_TYPE_ARRAY: update flags, out-of-range keys, delete, counters. */
#include "progs.h"
RESULTS(16)

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} arr SEC(".maps");

SEC("xdp")
int array_ops(struct xdp_md *ctx)
{
	__u32 k;
	__u64 v = 7, *p;

	k = 1; put(0, bpf_map_update_elem(&arr, &k, &v, BPF_ANY));
	v = 8; put(1, bpf_map_update_elem(&arr, &k, &v, BPF_NOEXIST));
	v = 9; put(2, bpf_map_update_elem(&arr, &k, &v, BPF_EXIST));
	k = 4; put(3, bpf_map_update_elem(&arr, &k, &v, BPF_ANY));
	k = 2; put(4, bpf_map_delete_elem(&arr, &k));
	k = 4; p = bpf_map_lookup_elem(&arr, &k); put(5, p == 0);
	k = 1; p = bpf_map_lookup_elem(&arr, &k); put(6, p ? (__s64)*p : -1);
	k = 3; put(7, bpf_map_update_elem(&arr, &k, &v, BPF_F_LOCK));
	k = 3; put(8, bpf_map_update_elem(&arr, &k, &v, 8));
	k = 0; p = bpf_map_lookup_elem(&arr, &k); put(9, p ? (__s64)*p : -1);
	return XDP_PASS;
}

/* Slot 0 counts runs (atomic add), slot 3 adds the packet length. */
SEC("xdp")
int array_count(struct xdp_md *ctx)
{
	__u32 k = 0;
	__u64 *p = bpf_map_lookup_elem(&arr, &k);

	if (!p)
		return XDP_ABORTED;
	__sync_fetch_and_add(p, 1);
	k = 3;
	p = bpf_map_lookup_elem(&arr, &k);
	if (!p)
		return XDP_ABORTED;
	*p += ctx->data_end - ctx->data;
	return XDP_PASS;
}
