/* snprintf.s — snprintf's entry, in assembly for the reason printf.s
 * gives: the variadic arguments are in registers, stored here as the
 * va_list vsnprintf reads.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */

/* int snprintf (char *buf, size_t size, const char *format, ...): r4
   and r5 the arguments.  */
	.section .text.snprintf,"ax",@progbits
	.align 3
	.globl snprintf
	.type snprintf, @function
snprintf:
	stxdw [%fp+-16], %r4
	stxdw [%fp+-8], %r5
	mov %r4, %fp
	add %r4, -16
	call vsnprintf
	exit
	.size snprintf, .-snprintf
