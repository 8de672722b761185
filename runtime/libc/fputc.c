/* fputc.c — one character to a stream.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "stream.h"

int
fputc (int c, FILE *stream)
{
  char byte = (char) c;
  __ebpfsim_stream_put (stream, &byte, 1);
  __ebpfsim_stream_settle (stream);
  return (unsigned char) byte;
}
