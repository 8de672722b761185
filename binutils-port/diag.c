/* diag.c — reporting errors against a position in a source file.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdarg.h>
#include "diag.h"

/* Counts, keeps the first and prints one formatted error.  */
static void
report (struct ebpf_diag *diag, const char *text)
{
  if (diag->errors++ == 0)
    snprintf (diag->first, sizeof diag->first, "%s", text);
  if (diag->out != NULL)
    fprintf (diag->out, "%s\n", text);
}

void
ebpf_diag_error (struct ebpf_diag *diag, int line, int col, const char *fmt, ...)
{
  char msg[400], text[sizeof diag->first];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  snprintf (text, sizeof text, "%s:%d:%d: error: %s", diag->file, line, col, msg);
  report (diag, text);
}

void
ebpf_diag_error_gnu_as (struct ebpf_diag *diag, int line, const char *fmt, ...)
{
  char msg[400], text[sizeof diag->first];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  if (diag->errors == 0 && diag->out != NULL)
    fprintf (diag->out, "%s: Assembler messages:\n", diag->file);
  snprintf (text, sizeof text, "%s:%d: Error: %s", diag->file, line, msg);
  report (diag, text);
}
