/* BPF_MAP_TYPE_QUEUE and BPF_MAP_TYPE_STACK: push/pop/peek order, full
   and empty errors, BPF_EXIST overwriting, bad flags. */
#include "progs.h"
RESULTS(32)

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 3);
	__type(value, __u32);
} q SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, 3);
	__type(value, __u32);
} st SEC(".maps");

static __always_inline void ops(void *m, __u32 base)
{
	__u32 v, out;

	v = 1; put(base + 0, bpf_map_push_elem(m, &v, 0));
	v = 2; put(base + 1, bpf_map_push_elem(m, &v, 0));
	v = 3; put(base + 2, bpf_map_push_elem(m, &v, 0));
	v = 4; put(base + 3, bpf_map_push_elem(m, &v, 0));
	v = 5; put(base + 4, bpf_map_push_elem(m, &v, BPF_EXIST));
	v = 6; put(base + 5, bpf_map_push_elem(m, &v, BPF_NOEXIST));
	out = 0; put(base + 6, bpf_map_peek_elem(m, &out)); put(base + 7, out);
	out = 0; put(base + 8, bpf_map_pop_elem(m, &out)); put(base + 9, out);
	out = 0; put(base + 10, bpf_map_pop_elem(m, &out)); put(base + 11, out);
	out = 0; put(base + 12, bpf_map_pop_elem(m, &out)); put(base + 13, out);
	out = 77; put(base + 14, bpf_map_pop_elem(m, &out)); put(base + 15, out);
}

SEC("xdp")
int queue_ops(struct xdp_md *ctx)
{
	ops(&q, 0);
	return XDP_PASS;
}

SEC("xdp")
int stack_ops(struct xdp_md *ctx)
{
	ops(&st, 16);
	return XDP_PASS;
}
