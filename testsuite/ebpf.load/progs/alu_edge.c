/* ALU corner cases on values the verifier cannot know (packet bytes):
   division and modulo by zero (64 and 32 bit), shift counts past the
   width, 32-bit results zero-extended, arithmetic right shift. The packet
   bytes 14..17 must be 0, 0x80, 70, 33 (see mkpackets.py alu.bin). */
#include "progs.h"
RESULTS(24)

SEC("xdp")
int alu_cases(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	volatile __u8 *p = data + 14;

	if ((void *)(p + 4) > end)
		return XDP_ABORTED;
	__u64 zero = p[0], big = (__u64)p[1] << 56, sh = p[2], sh32 = p[3];
	__u32 z32 = p[0];
	__u64 x = 1234567;
	__u32 y = 0xfffffff0;

	put(0, x / zero);
	put(1, x % zero);
	put(2, y / z32);
	put(3, y % z32);
	put(4, (__s64)big >> 60);
	put(5, big >> 60);
	put(6, x << sh);             /* count 70 */
	put(7, y << sh32);           /* clang 14 emits a 64-bit shift here, then truncates */
	put(8, (__u32)(y + 0x20));   /* wraps, zero-extended */
	put(9, (__s32)y >> 2);
	put(10, -(__s64)x);
	put(11, (__u64)(-(__s32)y));
	return XDP_PASS;
}
