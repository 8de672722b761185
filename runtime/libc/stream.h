/* stream.h — inside the library only: what a FILE is, and the calls
 * every output function goes through.  Output waits in the stream's
 * buffer and leaves through one write service call when the buffer
 * fills, when the stream's policy says (a newline on stdout, the end of
 * every call on stderr), and at exit and abort.  Each call costs a
 * frame of the simulator's call stack, so the path from printf to the
 * write service is kept short.
 *
 * Library code never calls the public mem* and str* functions: a test
 * may define its own (GCC's builtins tests do, and abort when called
 * from the wrong place).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPFSIM_LIBC_STREAM_H
#define EBPFSIM_LIBC_STREAM_H

#include <stdio.h>

enum stream_buffering
{
  STREAM_LINE_BUFFERED,         /* written out at each newline */
  STREAM_UNBUFFERED             /* written out at the end of each call */
};

struct __ebpfsim_stream
{
  int fd;                       /* the write service's descriptor */
  enum stream_buffering buffering;
  int newline_pending;          /* a newline entered since the last flush */
  unsigned int used;            /* bytes waiting in buf */
  char buf[BUFSIZ];
};

/* A write cannot fail: the simulator stops a program whose write is
 * bad.  So none of these report errors.  */

/* Queues N bytes of S.  */
void __ebpfsim_stream_put (FILE *stream, const char *s, size_t n);

/* Queues N copies of C (padding for printf's field widths).  */
void __ebpfsim_stream_fill (FILE *stream, char c, size_t n);

/* Ends one library call on STREAM: writes out what the stream's
 * buffering says must not wait.  */
void __ebpfsim_stream_settle (FILE *stream);

/* Writes out all that waits in STREAM.  */
void __ebpfsim_stream_flush (FILE *stream);

/* Writes out every stream: for exit and abort.  */
void __ebpfsim_flush_all_streams (void);

#endif
