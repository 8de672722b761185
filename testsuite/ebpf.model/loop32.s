# loop32.s — 32 turns of a loop, for fractional costs
# (ebpf.model/model.exp).
#
# Executed: 2 movs, then 32 times add, sub and jne: 66 alu instructions,
# 32 branches (31 taken), one exit; 99 instructions.  r0 = 32.
# SPDX-License-Identifier: GPL-3.0-or-later
	mov r0, 0
	mov r1, 32
loop:
	add r0, 1
	sub r1, 1
	jne r1, 0, loop
	exit
