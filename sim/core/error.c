/* error.c — error messages as data.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdarg.h>
#include <stdio.h>
#include "error.h"

void
ebpf_error_set (struct ebpf_error *err, const char *fmt, ...)
{
  if (err == NULL)
    return;
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (err->message, sizeof err->message, fmt, ap);
  va_end (ap);
}
