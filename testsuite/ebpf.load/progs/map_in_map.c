/* BPF_MAP_TYPE_ARRAY_OF_MAPS and HASH_OF_MAPS, statically initialised
   with inner arrays: lookup outer then inner, write through, missing
   outer keys. */
#include "progs.h"
RESULTS(8)

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} inner_a SEC(".maps"), inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 3);
	__type(key, __u32);
	__array(values, struct inner);
} outer_arr SEC(".maps") = {
	.values = { [0] = &inner_a, [1] = &inner_b },
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, struct inner);
} outer_hash SEC(".maps") = {
	.values = { [3] = &inner_b },
};

SEC("xdp")
int map_in_map_ops(struct xdp_md *ctx)
{
	__u32 k = 0, ik = 1;
	__u64 v, *p;
	void *in;

	in = bpf_map_lookup_elem(&outer_arr, &k);          /* inner_a */
	put(0, in != 0);
	if (in) {
		v = 111;
		put(1, bpf_map_update_elem(in, &ik, &v, BPF_ANY));
	}
	k = 2;
	put(2, bpf_map_lookup_elem(&outer_arr, &k) != 0);  /* empty slot */
	k = 3;
	in = bpf_map_lookup_elem(&outer_hash, &k);         /* inner_b */
	put(3, in != 0);
	if (in) {
		v = 333;
		ik = 0;
		put(4, bpf_map_update_elem(in, &ik, &v, BPF_ANY));
	}
	k = 1;
	in = bpf_map_lookup_elem(&outer_arr, &k);          /* inner_b again */
	if (in) {
		ik = 0;
		p = bpf_map_lookup_elem(in, &ik);
		put(5, p ? (__s64)*p : -1);
	}
	k = 0;
	put(6, bpf_map_lookup_elem(&outer_hash, &k) != 0); /* absent key */
	return XDP_PASS;
}
