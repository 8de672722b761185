/* vsprintf.c — formatted output into BUF, which must be large enough.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "format.h"

int
vsprintf (char *__restrict buf, const char *__restrict format, va_list ap)
{
  struct format_sink sink = { NULL, buf, (size_t) -1, 0 };
  int count = __ebpfsim_format (&sink, format, ap);
  buf[sink.count] = '\0';
  return count;
}
