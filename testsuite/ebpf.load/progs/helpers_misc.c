/* Helpers whose results are not fixed values but are checkable: clocks
   are monotonic and nonzero, prandom gives a nonzero value within a few
   draws, CPU and NUMA ids. Slot N is 1 when check N holds (slots 10+ hold
   raw ids). Returns 1 when every check holds. */
#include "progs.h"
RESULTS(16)

SEC("xdp")
int time_rand(struct xdp_md *ctx)
{
	__u64 t1 = bpf_ktime_get_ns(), t2 = bpf_ktime_get_ns();
	__u64 b = bpf_ktime_get_boot_ns(), c = bpf_ktime_get_coarse_ns();
	__u64 tai = bpf_ktime_get_tai_ns(), j = bpf_jiffies64();
	__u32 r = 0, r2;
	int ok = 1, i;

	for (i = 0; i < 4 && !r; i++)
		r = bpf_get_prandom_u32();
	r2 = bpf_get_prandom_u32();
	put(0, t1 != 0); ok &= t1 != 0;
	put(1, t2 >= t1); ok &= t2 >= t1;
	put(2, b >= t1); ok &= b >= t1;
	put(3, c != 0); ok &= c != 0;
	put(4, tai > t2); ok &= tai > t2;
	put(5, j != 0); ok &= j != 0;
	put(6, r != 0); ok &= r != 0;
	put(7, r2 != r); ok &= r2 != r;
	put(10, bpf_get_smp_processor_id());
	put(11, bpf_get_numa_node_id());
	return ok;
}

/* bpf_trace_printk's return value (the number of bytes it formatted). */
SEC("xdp")
int printk_ret(struct xdp_md *ctx)
{
	put(0, bpf_printk("hello %d", 42));
	put(1, bpf_printk("no args"));
	put(2, bpf_printk("%d %u %x", -1, 2, 255));
	return XDP_PASS;
}
