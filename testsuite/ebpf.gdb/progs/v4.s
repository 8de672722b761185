# v4 instructions (RFC 9669) for x/i in GDB: a sign-extending move and
# load, signed division, a byte swap, an atomic fetch-or, gotol.
# SPDX-License-Identifier: GPL-3.0-or-later
	.globl v4
	.type v4,@function
	.section xdp,"ax",@progbits
v4:
	r2 = 300
	r3 = (s8)r2
	r2 s/= -3
	r3 = bswap16 r3
	*(u64 *)(r10 - 8) = r2
	r1 = 3
	r1 = atomic_fetch_or((u64 *)(r10 - 8), r1)
	gotol +0
	r0 = *(s8 *)(r10 - 8)
	r0 &= 3
	exit
	.size v4, .-v4
	.section license,"aw",@progbits
	.asciz "GPL"
