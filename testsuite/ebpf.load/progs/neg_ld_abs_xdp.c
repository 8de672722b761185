/* REJECTED: BPF_LD_ABS is only for socket filters and TC-like programs. */
#include "progs.h"

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");

SEC("xdp")
int ld_abs_xdp(struct xdp_md *ctx)
{
	return load_byte(ctx, 12);
}
