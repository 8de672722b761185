/* BPF_MAP_TYPE_BLOOM_FILTER (BPF_F_ZERO_SEED, 3 hashes): push, peek of a
   present and an absent value, bad flags. */
#include "progs.h"
RESULTS(8)

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 100);
	__uint(map_flags, BPF_F_ZERO_SEED);
	__uint(map_extra, 3);
	__type(value, __u32);
} bf SEC(".maps");

SEC("xdp")
int bloom_ops(struct xdp_md *ctx)
{
	__u32 v;

	v = 42; put(0, bpf_map_push_elem(&bf, &v, BPF_ANY));
	v = 43; put(1, bpf_map_push_elem(&bf, &v, BPF_ANY));
	v = 42; put(2, bpf_map_peek_elem(&bf, &v));
	v = 7;  put(3, bpf_map_peek_elem(&bf, &v));
	v = 44; put(4, bpf_map_push_elem(&bf, &v, BPF_EXIST));
	v = 44; put(5, bpf_map_peek_elem(&bf, &v));
	return XDP_PASS;
}
