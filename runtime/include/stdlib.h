/* stdlib.h — leaving the program, the heap and integer helpers.
 * Nothing here takes a function pointer (atexit, qsort,
 * bsearch): bpf-gcc cannot make indirect calls.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef _STDLIB_H
#define _STDLIB_H

#define __need_size_t
#define __need_wchar_t
#define __need_NULL
#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

void exit (int) __attribute__ ((__noreturn__));
void _Exit (int) __attribute__ ((__noreturn__));
void abort (void) __attribute__ ((__noreturn__));

void *malloc (size_t) __attribute__ ((__malloc__));
void *calloc (size_t, size_t) __attribute__ ((__malloc__));
void *realloc (void *, size_t);
void free (void *);

int abs (int) __attribute__ ((__const__));
long labs (long) __attribute__ ((__const__));
long long llabs (long long) __attribute__ ((__const__));

#endif
