/* BPF_MAP_TYPE_PERF_EVENT_ARRAY with no perf event opened: the errors
   bpf_perf_event_output returns. */
#include "progs.h"
RESULTS(8)

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} events SEC(".maps");

SEC("xdp")
int perf_output(struct xdp_md *ctx)
{
	__u64 v = 42;

	put(0, bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &v, sizeof v));
	put(1, bpf_perf_event_output(ctx, &events, 2, &v, sizeof v));
	put(2, bpf_perf_event_output(ctx, &events, 9, &v, sizeof v));
	put(3, bpf_perf_event_output(ctx, &events, 1ULL << 40, &v, sizeof v));
	return XDP_PASS;
}

SEC("tc")
int perf_output_skb(struct __sk_buff *skb)
{
	__u64 v = 42;

	put(0, bpf_perf_event_output(skb, &events, BPF_F_CURRENT_CPU, &v, sizeof v));
	return 0;
}
