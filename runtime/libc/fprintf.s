/* fprintf.s — fprintf's entry, in assembly for the reason printf.s
 * gives: the variadic arguments are in registers, stored here as the
 * va_list vfprintf reads.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */

/* int fprintf (FILE *stream, const char *format, ...): r3-r5 the
   arguments.  */
	.section .text.fprintf,"ax",@progbits
	.align 3
	.globl fprintf
	.type fprintf, @function
fprintf:
	stxdw [%fp+-24], %r3
	stxdw [%fp+-16], %r4
	stxdw [%fp+-8], %r5
	mov %r3, %fp
	add %r3, -24
	call vfprintf
	exit
	.size fprintf, .-fprintf
