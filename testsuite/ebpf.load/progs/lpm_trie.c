/* BPF_MAP_TYPE_LPM_TRIE: longest-prefix match on the IPv4 destination of
   the packet; prefixes come from --set or from the program itself. */
#include "progs.h"
RESULTS(8)

struct lpm_key {
	__u32 prefixlen;
	__u8 addr[4];
};

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 16);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct lpm_key);
	__type(value, __u32);
} routes SEC(".maps");

/* Returns the value of the longest prefix that holds the destination
   address (0 if none, 1000 if the packet is not IPv4). */
SEC("xdp")
int lpm_lookup(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct lpm_key key = { .prefixlen = 32 };
	__u8 *ip = data + 14;

	if ((void *)(ip + 20) > end || ((__u8 *)data)[12] != 8 || ((__u8 *)data)[13] != 0)
		return 1000;
	__builtin_memcpy(key.addr, ip + 16, 4);
	__u32 *v = bpf_map_lookup_elem(&routes, &key);
	return v ? *v : 0;
}

SEC("xdp")
int lpm_update(struct xdp_md *ctx)
{
	struct lpm_key k = { .prefixlen = 16, .addr = { 10, 1, 0, 0 } };
	__u32 v = 16;

	put(0, bpf_map_update_elem(&routes, &k, &v, BPF_ANY));
	k.prefixlen = 33;
	put(1, bpf_map_update_elem(&routes, &k, &v, BPF_ANY));
	k.prefixlen = 8;
	put(2, bpf_map_delete_elem(&routes, &k));
	k.prefixlen = 16;
	put(3, bpf_map_update_elem(&routes, &k, &v, BPF_NOEXIST));
	k.prefixlen = 32; k.addr[2] = 3; k.addr[3] = 4;
	__u32 *p = bpf_map_lookup_elem(&routes, &k);
	put(4, p ? (__s64)*p : -1);
	return XDP_PASS;
}
