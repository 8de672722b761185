/* puts.c — a string and a newline to stdout.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "stream.h"

int
puts (const char *s)
{
  size_t n = 0;
  while (s[n] != '\0')
    n++;
  __ebpfsim_stream_put (stdout, s, n);
  __ebpfsim_stream_put (stdout, "\n", 1);
  __ebpfsim_stream_settle (stdout);
  return 0;
}
