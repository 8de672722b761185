/* diag.h — diagnostics in the form compilers use, FILE:LINE:COL: error: ...,
 * or in GNU as's.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_DIAG_H
#define EBPF_DIAG_H

#include <stdio.h>

struct ebpf_diag
{
  FILE *out;          /* where messages go; NULL keeps only the count */
  const char *file;
  int errors;
  char first[512];    /* the first error, for callers that report one */
};

void ebpf_diag_error (struct ebpf_diag *diag, int line, int col,
                      const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));

/* The same as GNU as prints it: "FILE: Assembler messages:" before the
 * first error, then FILE:LINE: Error: MESSAGE.  */
void ebpf_diag_error_gnu_as (struct ebpf_diag *diag, int line,
                             const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

#endif
