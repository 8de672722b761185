/* abort.c — ends the program abnormally through the abort service
 * (ebpf-run then exits with status 134, as a shell shows a native
 * SIGABRT).  Output waiting in stdout and stderr is written first: what
 * a failing test printed before it aborted is what one wants to read.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <ebpfsim-services.h>
#include <stdlib.h>
#include "stream.h"

void
abort (void)
{
  __ebpfsim_flush_all_streams ();
  ebpfsim_abort ();
}
