/* format.h — inside the library only: the printf family's one
 * formatter, and where its output goes.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPFSIM_LIBC_FORMAT_H
#define EBPFSIM_LIBC_FORMAT_H

#include <stdarg.h>
#include <stdio.h>
#include "stream.h"

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

#define FORMAT_INLINE static inline __attribute__ ((__always_inline__))

enum format_flag
{
  FLAG_LEFT = 1,                /* '-': pad on the right */
  FLAG_PLUS = 2,                /* '+': sign even when positive */
  FLAG_SPACE = 4,               /* ' ': a space where '+' would be */
  FLAG_ALTERNATE = 8,           /* '#': 0 or 0x prefix, a point always */
  FLAG_ZERO = 16                /* '0': pad with zeros after the sign */
};

enum format_length
{
  LENGTH_CHAR, LENGTH_SHORT, LENGTH_INT, LENGTH_LONG, LENGTH_LONG_LONG
};

/* One parsed conversion specification.  PRECISION is -1 when absent.  */
struct conversion
{
  unsigned int flags;
  int width;
  int precision;
  enum format_length length;
  char specifier;
};

/* The output helpers are inlined: every call is a frame of the
   simulator's call stack, and the kernel's limit on those is low.  */
FORMAT_INLINE void
sink_put (struct format_sink *sink, const char *s, size_t n)
{
  if (sink->stream != NULL)
    __ebpfsim_stream_put (sink->stream, s, n);
  else
    for (size_t i = 0; i < n; i++)
      if (sink->count + i < sink->room)
        sink->buf[sink->count + i] = s[i];
  sink->count += n;
}

FORMAT_INLINE void
sink_fill (struct format_sink *sink, char c, int n)
{
  if (n <= 0)
    return;
  if (sink->stream != NULL)
    __ebpfsim_stream_fill (sink->stream, c, (size_t) n);
  else
    for (int i = 0; i < n; i++)
      if (sink->count + i < sink->room)
        sink->buf[sink->count + i] = c;
  sink->count += (size_t) n;
}

/* Formats AP as FORMAT says into SINK.  Returns the byte count, or -1
 * (errno EOVERFLOW) when it does not fit an int.  */
int __ebpfsim_format (struct format_sink *sink, const char *format,
                      va_list ap);

/* One f F e E g or G conversion of VALUE (format-float.c).  */
void __ebpfsim_format_double (struct format_sink *sink,
                              const struct conversion *c, double value);

#endif
