/* putchar.c — one character to stdout.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "stream.h"

int
putchar (int c)
{
  char byte = (char) c;
  __ebpfsim_stream_put (stdout, &byte, 1);
  __ebpfsim_stream_settle (stdout);
  return (unsigned char) byte;
}
