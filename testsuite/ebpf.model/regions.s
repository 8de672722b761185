# regions.s — an XDP program that touches the context, the packet and
# the stack (ebpf.model/model.exp), assembled with ebpf-as (the section
# names the program type).  On a 64-byte packet the bounds check falls
# through.
#
# Accesses: context 2 (ctx->data, ctx->data_end), packet 3 (two loads,
# one store), stack 3 (a store and a load at r10-8, a store through r6 =
# r10).  14 instructions; r0 = 2 (XDP_PASS).
# SPDX-License-Identifier: GPL-3.0-or-later
	.section xdp
	ldxw r2, [r1+0]
	ldxw r3, [r1+4]
	mov r4, r2
	add r4, 4
	jgt r4, r3, out
	ldxb r0, [r2+0]
	ldxb r5, [r2+1]
	stxb [r2+2], r5
	stxdw [r10-8], r0
	mov r6, r10
	stxdw [r6-16], r0
	ldxdw r0, [r10-8]
out:
	mov r0, 2
	exit
