# mix.s — one or more instructions of every cost class, for
# ebpf.model/model.exp.  A memory program: run with 8 bytes of input
# memory (--mem-hex), r1 points at them.
#
# Executed (19 instructions; the call to f runs f's two):
#   alu     5   mov r0, mov r4, mov r5, add r5, add r0 (in f)
#   mul     1   div 2 (div, mod)   lddw 1
#   load    2   ldxb (input memory), ldxdw (stack)
#   store   3   stxdw, stw, stxdw (stack)
#   atomic  1   lock add (stack, through r5)
#   branch  0   call 2 (helper 5, local f)   exit 2
# Memory accesses by region: stack 5 (two stores and a load at r10-N,
# one store at r10-24 and the atomic through r5 = r10 - 24), input
# memory ("memory") 1.  r0 = ((6 * 7) / 2) % 8 + 1 = 6.
# SPDX-License-Identifier: GPL-3.0-or-later
	ldxb r6, [r1+0]
	call 5
	lddw r2, 0x1122334455667788
	mov r0, 6
	mul r0, 7
	div r0, 2
	mod r0, 8
	stxdw [r10-8], r2
	stw [r10-16], 3
	ldxdw r3, [r10-8]
	mov r4, 1
	stxdw [r10-24], r4
	mov r5, r10
	add r5, -24
	lock add [r5+0], r4
	call local f
	exit
f:
	add r0, 1
	exit
