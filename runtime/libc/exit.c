/* exit.c — ends the program with STATUS, after writing out stdout and
 * stderr.  There is no atexit: its handlers would need indirect calls.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdlib.h>
#include "stream.h"

void
exit (int status)
{
  __ebpfsim_flush_all_streams ();
  _Exit (status);
}
