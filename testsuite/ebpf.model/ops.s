# ops.s — the two forms of add64 and others, for the op names of a model
# (ebpf.model/model.exp).
#
# Executed: mov64_k 2, add64_k 1, add64_x 2, add32_k 1, sub64_x 1, exit 1
# (8 instructions, 7 of class alu).  r0 = 0 + 1 + 2 + 2 + 1 - 2 = 4.
# SPDX-License-Identifier: GPL-3.0-or-later
	mov r0, 0
	mov r1, 2
	add r0, 1
	add r0, r1
	add r0, r1
	add32 r0, 1
	sub r0, r1
	exit
