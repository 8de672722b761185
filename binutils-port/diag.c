/* diag.c — reporting errors against a position in a source file.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdarg.h>
#include "diag.h"

void
ebpf_diag_error (struct ebpf_diag *diag, int line, int col, const char *fmt, ...)
{
  char msg[400];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  if (diag->errors++ == 0)
    snprintf (diag->first, sizeof diag->first, "%s:%d:%d: error: %s",
              diag->file, line, col, msg);
  if (diag->out != NULL)
    fprintf (diag->out, "%s:%d:%d: error: %s\n", diag->file, line, col, msg);
}
