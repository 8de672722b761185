# ktime.s — bpf_ktime_get_ns (helper 5) twice around known work
# (ebpf.model/model.exp); r0 is the second reading less the first.
#
# 12 instructions: call 2, alu 8 (2 movs, 5 adds, the sub), mul 1,
# exit 1.  A call is charged (its instruction, then the helper's cost)
# before the helper reads the clock, so the second reading is later than
# the first by: 7 alu (mov r6, mov r7, the adds), the mul, and the second
# call's instruction and helper.
# SPDX-License-Identifier: GPL-3.0-or-later
	call 5
	mov r6, r0
	mov r7, 0
	add r7, 1
	add r7, 1
	add r7, 1
	add r7, 1
	add r7, 1
	mul r7, 3
	call 5
	sub r0, r6
	exit
