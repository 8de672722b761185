/* fwrite.c — NMEMB items of SIZE bytes to a stream.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "stream.h"

size_t
fwrite (const void *__restrict ptr, size_t size, size_t nmemb,
        FILE *__restrict stream)
{
  if (size == 0 || nmemb == 0)
    return 0;
  /* SIZE * NMEMB bytes exist in the caller's memory, so the product
     cannot overflow.  */
  __ebpfsim_stream_put (stream, ptr, size * nmemb);
  __ebpfsim_stream_settle (stream);
  return nmemb;
}
