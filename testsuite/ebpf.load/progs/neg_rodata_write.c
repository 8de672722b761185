/* REJECTED: a store into .rodata (a frozen, read-only map for programs). */
#include "progs.h"

const volatile int ro = 1;

SEC("xdp")
int rodata_write(struct xdp_md *ctx)
{
	*(volatile int *)&ro = 2;
	return XDP_PASS;
}
