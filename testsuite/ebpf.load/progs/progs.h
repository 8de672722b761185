/* Shared by the oracle test programs: a results array `res` whose slot N
   holds the (signed, 64-bit) value a program recorded with put(N, v).
   The oracle's map dump leaves out array slots that are zero. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include <linux/pkt_cls.h>

#define RESULTS(n)                                                       \
	struct {                                                         \
		__uint(type, BPF_MAP_TYPE_ARRAY);                        \
		__uint(max_entries, n);                                  \
		__type(key, __u32);                                      \
		__type(value, __s64);                                    \
	} res SEC(".maps");                                              \
	static __always_inline void put(__u32 slot, __s64 v)             \
	{                                                                \
		bpf_map_update_elem(&res, &slot, &v, BPF_ANY);           \
	}

char LICENSE[] SEC("license") = "GPL";
