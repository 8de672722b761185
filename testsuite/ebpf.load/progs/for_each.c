/* bpf_for_each_map_elem over an array (every slot, even zero ones) and a
   hash (present keys), early stop, a callback that writes, bad flags. */
#include "progs.h"
RESULTS(16)

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 5);
	__type(key, __u32);
	__type(value, __u64);
} arr SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} hh SEC(".maps");

struct cbctx {
	__u64 sum;
	__u64 stop_key;
};

static long visit(void *map, __u32 *key, __u64 *val, struct cbctx *c)
{
	c->sum += *val;
	return *key == c->stop_key;
}

static long dbl(void *map, __u32 *key, __u64 *val, void *c)
{
	*val = *val * 2 + *key;
	return 0;
}

SEC("xdp")
int for_each_cases(struct xdp_md *ctx)
{
	struct cbctx c = { 0, 1000 };
	__u32 k;
	__u64 v;

	for (__u32 i = 0; i < 3; i++) {
		k = i;
		v = 10 + i;
		bpf_map_update_elem(&arr, &k, &v, BPF_ANY);
		bpf_map_update_elem(&hh, &k, &v, BPF_ANY);
	}
	put(0, bpf_for_each_map_elem(&arr, visit, &c, 0));
	put(1, c.sum);
	c.sum = 0;
	put(2, bpf_for_each_map_elem(&hh, visit, &c, 0));
	put(3, c.sum);
	c.sum = 0; c.stop_key = 1;
	put(4, bpf_for_each_map_elem(&arr, visit, &c, 0));
	put(5, c.sum);
	put(6, bpf_for_each_map_elem(&arr, visit, &c, 1));
	put(7, bpf_for_each_map_elem(&arr, dbl, 0, 0));
	return XDP_PASS;
}
