/* vprintf.c — formatted output to stdout.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "format.h"
#include "stream.h"

int
vprintf (const char *__restrict format, va_list ap)
{
  struct format_sink sink = { stdout, NULL, 0, 0 };
  int count = __ebpfsim_format (&sink, format, ap);
  __ebpfsim_stream_settle (stdout);
  return count;
}
