/* BPF_MAP_TYPE_PERCPU_ARRAY: this CPU's slot, update from a program,
   bpf_map_lookup_percpu_elem on an existing and a missing CPU. */
#include "progs.h"
RESULTS(8)

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} pcpu SEC(".maps");

SEC("xdp")
int percpu_array_ops(struct xdp_md *ctx)
{
	__u32 k = 0, v = 0x11223344, *p;

	p = bpf_map_lookup_elem(&pcpu, &k);
	if (p)
		*p += 1;
	k = 1; put(0, bpf_map_update_elem(&pcpu, &k, &v, BPF_ANY));
	k = 2; put(1, bpf_map_update_elem(&pcpu, &k, &v, BPF_ANY));
	k = 0; p = bpf_map_lookup_percpu_elem(&pcpu, &k, 0); put(2, p ? (__s64)*p : -1);
	k = 0; p = bpf_map_lookup_percpu_elem(&pcpu, &k, 64); put(3, p ? (__s64)*p : -1);
	k = 1; put(4, bpf_map_delete_elem(&pcpu, &k));
	put(5, bpf_get_smp_processor_id());
	return XDP_PASS;
}
