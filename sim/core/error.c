/* error.c — error messages as data.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "read-file.h"
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

uint8_t *
ebpf_read_whole_file (const char *path, size_t *len, struct ebpf_error *err)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    {
      ebpf_error_set (err, "%s: %s", path, strerror (errno));
      return NULL;
    }
  uint8_t *buf = ebpf_read_stream (f, len);
  int saved = errno;
  fclose (f);
  if (buf == NULL)
    ebpf_error_set (err, "%s: %s", path,
                    saved == ENOMEM ? "out of memory" : strerror (saved));
  return buf;
}
