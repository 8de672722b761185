/* string.h — byte blocks (mem*) and NUL-terminated strings (str*).
 * GCC also calls memcpy, memmove, memset and memcmp on its own, for
 * block copies and clears it does not expand inline.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef _STRING_H
#define _STRING_H

#define __need_size_t
#define __need_NULL
#include <stddef.h>

void *memcpy (void *__restrict, const void *__restrict, size_t);
void *memmove (void *, const void *, size_t);
void *memset (void *, int, size_t);
int memcmp (const void *, const void *, size_t) __attribute__ ((__pure__));
void *memchr (const void *, int, size_t) __attribute__ ((__pure__));

size_t strlen (const char *) __attribute__ ((__pure__));
size_t strnlen (const char *, size_t) __attribute__ ((__pure__));
int strcmp (const char *, const char *) __attribute__ ((__pure__));
int strncmp (const char *, const char *, size_t) __attribute__ ((__pure__));
char *strcpy (char *__restrict, const char *__restrict);
char *strncpy (char *__restrict, const char *__restrict, size_t);
char *stpcpy (char *__restrict, const char *__restrict);
char *strcat (char *__restrict, const char *__restrict);
char *strncat (char *__restrict, const char *__restrict, size_t);
char *strchr (const char *, int) __attribute__ ((__pure__));
char *strrchr (const char *, int) __attribute__ ((__pure__));
char *strstr (const char *, const char *) __attribute__ ((__pure__));
size_t strspn (const char *, const char *) __attribute__ ((__pure__));
size_t strcspn (const char *, const char *) __attribute__ ((__pure__));
char *strpbrk (const char *, const char *) __attribute__ ((__pure__));

#ifdef _GNU_SOURCE
void *mempcpy (void *__restrict, const void *__restrict, size_t);
#endif

#endif
