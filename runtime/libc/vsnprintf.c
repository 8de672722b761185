/* vsnprintf.c — formatted output into at most SIZE bytes of BUF, the
 * last of them a NUL; returns the length the whole output has.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "format.h"

int
vsnprintf (char *__restrict buf, size_t size, const char *__restrict format,
           va_list ap)
{
  struct format_sink sink = { NULL, buf, size > 0 ? size - 1 : 0, 0 };
  int count = __ebpfsim_format (&sink, format, ap);
  if (size > 0)
    buf[sink.count < sink.room ? sink.count : sink.room] = '\0';
  return count;
}
