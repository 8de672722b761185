/* printf.s — printf's entry, in assembly because bpf-gcc 12 cannot
 * compile a variadic function that works.
 *
 * bpf-gcc passes every argument, variadic or not, in r1-r5.  But its
 * va_start points the va_list at the frame pointer, where no argument
 * was ever stored, so va_arg in a C variadic function reads the words
 * above the callee's frame (for example "ldxw %r1,[%fp+0]") instead of
 * r2-r5.  Its va_arg itself is sound: the va_list is a pointer stepping
 * 8 bytes per argument.  So each variadic entry of this library stores
 * the registers that carry its variadic arguments, in order, at the top
 * of its own frame, and calls the va_list form with the address of that
 * block.  User code with its own variadic functions is still miscompiled.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */

/* int printf (const char *format, ...): r1 format, r2-r5 the arguments.  */
	.section .text.printf,"ax",@progbits
	.align 3
	.globl printf
	.type printf, @function
printf:
	stxdw [%fp+-32], %r2
	stxdw [%fp+-24], %r3
	stxdw [%fp+-16], %r4
	stxdw [%fp+-8], %r5
	mov %r2, %fp
	add %r2, -32
	call vprintf
	exit
	.size printf, .-printf
