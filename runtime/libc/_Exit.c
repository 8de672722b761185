/* _Exit.c — ends the program at once with STATUS through the exit
 * service; buffered output is lost, as C says.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <ebpfsim-services.h>
#include <stdlib.h>

void
_Exit (int status)
{
  ebpfsim_exit (status);
}
