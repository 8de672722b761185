/* stdio.h — the output half of standard I/O for programs that ebpf-run
 * runs: stdout (line buffered) and stderr (written at the end of every
 * call), both through the simulator's write service.  There is no input
 * and there are no files: the simulator has no file system.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef _STDIO_H
#define _STDIO_H

#define __need_size_t
#define __need_NULL
#include <stddef.h>
#define __need___va_list
#include <stdarg.h>

typedef struct __ebpfsim_stream FILE;

extern FILE *stdout;
extern FILE *stderr;
#define stdout stdout
#define stderr stderr

#define EOF (-1)
#define BUFSIZ 1024

/* bpf-gcc passes at most five arguments, all in registers; printf and
   its siblings take theirs from there (see libc/printf.s).  */
int printf (const char *__restrict, ...)
  __attribute__ ((__format__ (__printf__, 1, 2)));
int fprintf (FILE *__restrict, const char *__restrict, ...)
  __attribute__ ((__format__ (__printf__, 2, 3)));
int sprintf (char *__restrict, const char *__restrict, ...)
  __attribute__ ((__format__ (__printf__, 2, 3)));
int snprintf (char *__restrict, size_t, const char *__restrict, ...)
  __attribute__ ((__format__ (__printf__, 3, 4)));
int vprintf (const char *__restrict, __gnuc_va_list)
  __attribute__ ((__format__ (__printf__, 1, 0)));
int vfprintf (FILE *__restrict, const char *__restrict, __gnuc_va_list)
  __attribute__ ((__format__ (__printf__, 2, 0)));
int vsprintf (char *__restrict, const char *__restrict, __gnuc_va_list)
  __attribute__ ((__format__ (__printf__, 2, 0)));
int vsnprintf (char *__restrict, size_t, const char *__restrict,
               __gnuc_va_list)
  __attribute__ ((__format__ (__printf__, 3, 0)));

int fputc (int, FILE *);
int putc (int, FILE *);
int putchar (int);
int fputs (const char *__restrict, FILE *__restrict);
int puts (const char *);
size_t fwrite (const void *__restrict, size_t, size_t, FILE *__restrict);
int fflush (FILE *);
int ferror (FILE *);
void clearerr (FILE *);

#endif
