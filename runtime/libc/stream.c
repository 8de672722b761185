/* stream.c — stdout and stderr, the buffering all output goes through
 * (see stream.h), and the write service of ebpfsim-services.h, the one
 * way bytes leave a program.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <ebpfsim-services.h>
#include "stream.h"

static struct __ebpfsim_stream standard_output
  = { .fd = 1, .buffering = STREAM_LINE_BUFFERED };
static struct __ebpfsim_stream standard_error
  = { .fd = 2, .buffering = STREAM_UNBUFFERED };

FILE *stdout = &standard_output;
FILE *stderr = &standard_error;

/* Hands what waits in STREAM to the simulator.  */
static inline __attribute__ ((__always_inline__)) void
write_out (FILE *stream)
{
  if (stream->used > 0)
    ebpfsim_write (stream->fd, stream->buf, stream->used);
  stream->used = 0;
  stream->newline_pending = 0;
}

void
__ebpfsim_stream_flush (FILE *stream)
{
  write_out (stream);
}

void
__ebpfsim_stream_put (FILE *stream, const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    {
      if (stream->used == sizeof stream->buf)
        write_out (stream);
      stream->buf[stream->used++] = s[i];
      if (s[i] == '\n')
        stream->newline_pending = 1;
    }
}

void
__ebpfsim_stream_fill (FILE *stream, char c, size_t n)
{
  for (size_t i = 0; i < n; i++)
    {
      if (stream->used == sizeof stream->buf)
        write_out (stream);
      stream->buf[stream->used++] = c;
    }
  if (c == '\n' && n > 0)
    stream->newline_pending = 1;
}

void
__ebpfsim_stream_settle (FILE *stream)
{
  if (stream->buffering == STREAM_UNBUFFERED || stream->newline_pending)
    write_out (stream);
}

void
__ebpfsim_flush_all_streams (void)
{
  write_out (&standard_output);
  write_out (&standard_error);
}
