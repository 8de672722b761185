/* sprintf.s — sprintf's entry, in assembly for the reason printf.s
 * gives: the variadic arguments are in registers, stored here as the
 * va_list vsprintf reads.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */

/* int sprintf (char *buf, const char *format, ...): r3-r5 the
   arguments.  */
	.section .text.sprintf,"ax",@progbits
	.align 3
	.globl sprintf
	.type sprintf, @function
sprintf:
	stxdw [%fp+-24], %r3
	stxdw [%fp+-16], %r4
	stxdw [%fp+-8], %r5
	mov %r3, %fp
	add %r3, -24
	call vsprintf
	exit
	.size sprintf, .-sprintf
