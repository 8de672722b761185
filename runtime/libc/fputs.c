/* fputs.c — a string to a stream, without a newline.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "stream.h"

int
fputs (const char *__restrict s, FILE *__restrict stream)
{
  size_t n = 0;
  while (s[n] != '\0')
    n++;
  __ebpfsim_stream_put (stream, s, n);
  __ebpfsim_stream_settle (stream);
  return 0;
}
