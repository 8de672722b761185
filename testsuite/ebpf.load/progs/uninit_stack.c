/* LOADS as root: uninitialised stack memory as a map key. Linux 6.1 lets
   privileged (CAP_PERFMON) programs read uninitialised stack
   (env->allow_uninit_stack); the empty map gives NULL, so 0. */
#include "progs.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u64);
	__type(value, __u64);
} m SEC(".maps");

SEC("xdp")
int uninit_stack_key(struct xdp_md *ctx)
{
	__u64 key;
	asm volatile("" : "=m"(key)); /* clang thinks key is set; it is not */
	return bpf_map_lookup_elem(&m, &key) != 0;
}
