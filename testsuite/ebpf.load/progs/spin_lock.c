/* struct bpf_spin_lock in a map value (array and hash): lock, update,
   unlock; BPF_F_LOCK updates from the program. */
#include "progs.h"
RESULTS(8)

struct val {
	struct bpf_spin_lock lock;
	__u32 count;
	__u64 sum;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct val);
} locked SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct val);
} locked_h SEC(".maps");

SEC("tc")
int spin_count(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct val *v = bpf_map_lookup_elem(&locked, &k);

	if (!v)
		return -1;
	bpf_spin_lock(&v->lock);
	v->count++;
	v->sum += skb->len;
	bpf_spin_unlock(&v->lock);
	return v->count;
}

SEC("tc")
int spin_flags(struct __sk_buff *skb)
{
	__u32 k = 7;
	struct val nv = { .count = 3, .sum = 4 };

	put(0, bpf_map_update_elem(&locked_h, &k, &nv, BPF_ANY));
	nv.count = 30;
	put(1, bpf_map_update_elem(&locked_h, &k, &nv, BPF_F_LOCK));
	k = 8;
	put(2, bpf_map_update_elem(&locked_h, &k, &nv, BPF_F_LOCK | BPF_EXIST));
	k = 0;
	put(3, bpf_map_update_elem(&locked, &k, &nv, BPF_F_LOCK));
	return 0;
}
