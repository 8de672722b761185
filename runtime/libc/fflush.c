/* fflush.c — writes out a stream's buffer, or every stream's for NULL.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "stream.h"

int
fflush (FILE *stream)
{
  if (stream == NULL)
    __ebpfsim_flush_all_streams ();
  else
    __ebpfsim_stream_flush (stream);
  return 0;
}
