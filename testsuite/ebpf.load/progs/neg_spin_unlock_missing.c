/* REJECTED: bpf_spin_lock without bpf_spin_unlock before exit. */
#include "progs.h"

struct val {
	struct bpf_spin_lock lock;
	__u32 count;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct val);
} locked SEC(".maps");

SEC("tc")
int unlock_missing(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct val *v = bpf_map_lookup_elem(&locked, &k);

	if (!v)
		return 0;
	bpf_spin_lock(&v->lock);
	v->count++;
	return 0;
}
