/* A program that tail-calls itself: the kernel stops the chain after
   MAX_TAIL_CALL_CNT (33) tail calls, and the last bpf_tail_call falls
   through. `runs` counts executions of the program body. */
#include "progs.h"

__u32 runs;

SEC("tc")
int tail_self(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__array(values, int (struct __sk_buff *));
} self_jt SEC(".maps") = {
	.values = { [0] = (void *)&tail_self },
};

SEC("tc")
int tail_self(struct __sk_buff *skb)
{
	runs++;
	bpf_tail_call(skb, &self_jt, 0);
	return 1000 + runs;
}

/* A tail call from inside a BPF-to-BPF call (allowed on x86-64 since 5.10). */
static __noinline int sub_tail(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &self_jt, 0);
	return skb->len; /* not a constant, so clang cannot fold the call away */
}

SEC("tc")
int tail_from_subprog(struct __sk_buff *skb)
{
	int r = sub_tail(skb);
	return 2000 + r;
}
