/* vfprintf.c — formatted output to a stream.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "format.h"
#include "stream.h"

int
vfprintf (FILE *__restrict stream, const char *__restrict format, va_list ap)
{
  struct format_sink sink = { stream, NULL, 0, 0 };
  int count = __ebpfsim_format (&sink, format, ap);
  __ebpfsim_stream_settle (stream);
  return count;
}
