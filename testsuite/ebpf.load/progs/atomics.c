/* Atomic instructions (compiled with -mcpu=v3): fetch_add/or/and/xor,
   xchg, cmpxchg (success and failure) on 64- and 32-bit globals. The
   fetched old values go to res; the final values are in .bss. */
#include "progs.h"
RESULTS(16)

__u64 a64 = 0;
__u32 a32 = 0;
__u64 x64;

SEC("xdp")
int atomic_ops(struct xdp_md *ctx)
{
	a64 = 10; a32 = 10; x64 = 0xf0;
	put(0, __sync_fetch_and_add(&a64, 5));
	put(1, __sync_fetch_and_or(&x64, 0x0f));
	put(2, __sync_fetch_and_and(&x64, 0x3c));
	put(3, __sync_fetch_and_xor(&x64, 0xff));
	put(4, __sync_lock_test_and_set(&a64, 99));       /* xchg */
	put(5, __sync_val_compare_and_swap(&a64, 99, 7)); /* succeeds */
	put(6, __sync_val_compare_and_swap(&a64, 99, 8)); /* fails */
	put(7, __sync_fetch_and_add(&a32, -11));
	put(8, __sync_val_compare_and_swap(&a32, 0xffffffff, 3));
	__sync_fetch_and_add(&a64, 1); /* plain (non-fetch) add */
	put(9, a64);
	put(10, a32);
	return XDP_PASS;
}
