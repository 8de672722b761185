# jumps.s — conditional jumps taken and not taken, and an unconditional
# one, for ebpf.model/model.exp.
#
# The loop runs 5 times: its jne is taken 4 times and falls through
# once; jeq is not taken (r0 = 5); ja is unconditional; jgt32 is taken
# (5 > 4).  Conditional jumps: 7 executed, 5 taken, 2 not.  Branch-class
# instructions executed: 8 (the 7 and ja); jne64_k 5 of them.
# Instructions executed: 2 + 5 * 3 + 3 + 1 = 21; r0 = 5.
# SPDX-License-Identifier: GPL-3.0-or-later
	mov r0, 0
	mov r1, 5
loop:
	add r0, 1
	sub r1, 1
	jne r1, 0, loop
	jeq r0, 0, bad
	ja skip
	mov r0, 99
skip:
	jgt32 r0, 4, done
	mov r0, 98
done:
	exit
bad:
	mov r0, 97
	exit
