/* assert-fail.c — what a failed assert does: report on stderr in the
 * usual form, then abort.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <assert.h>
#include <stdlib.h>
#include "stream.h"

static void
put_text (const char *s)
{
  size_t n = 0;
  while (s[n] != '\0')
    n++;
  __ebpfsim_stream_put (stderr, s, n);
}

void
__ebpfsim_assert_fail (const char *expression, const char *file, int line,
                       const char *function)
{
  put_text (file);
  put_text (":");
  /* Line numbers are positive and far below 10^10.  */
  char digits[12];
  int n = 0;
  for (unsigned int v = (unsigned int) line; v != 0 || n == 0; v /= 10)
    digits[sizeof digits - 1 - n++] = (char) ('0' + v % 10);
  __ebpfsim_stream_put (stderr, digits + sizeof digits - n, (size_t) n);
  put_text (": ");
  put_text (function);
  put_text (": Assertion `");
  put_text (expression);
  put_text ("' failed.\n");
  abort ();
}
