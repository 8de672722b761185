/* ferror.c — a stream's error indicator, which writes never set: a bad
 * write stops the program in the simulator instead.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include "stream.h"

int
ferror (FILE *stream)
{
  (void) stream;
  return 0;
}

void
clearerr (FILE *stream)
{
  (void) stream;
}
