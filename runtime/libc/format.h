/* format.h — inside the library only: the printf family's one
 * formatter, and where its output goes.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPFSIM_LIBC_FORMAT_H
#define EBPFSIM_LIBC_FORMAT_H

#include <stdarg.h>
#include <stdio.h>

/* Output goes to STREAM or, when STREAM is NULL, into BUF, of which at
 * most ROOM bytes are used (the caller stores the final NUL).  COUNT is
 * every byte produced, stored or not: what printf returns.  bpf-gcc has
 * no indirect calls, so this is a choice rather than a callback.  */
struct format_sink
{
  FILE *stream;
  char *buf;
  size_t room;
  size_t count;
};

/* Formats AP as FORMAT says into SINK.  Returns the byte count, or -1
 * (errno EOVERFLOW) when it does not fit an int.  */
int __ebpfsim_format (struct format_sink *sink, const char *format,
                      va_list ap);

#endif
