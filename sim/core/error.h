/* error.h — filling in a struct ebpf_error; files read whole, with their
 * failures as one.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_ERROR_H
#define EBPF_ERROR_H

#include "ebpfsim.h"

/* Formats the message into ERR; nothing when ERR is NULL.  */
void ebpf_error_set (struct ebpf_error *err, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

/* PATH read whole into a malloc'd buffer with a NUL after the last byte
 * (ebpf_read_stream), or NULL with "PATH: cause" in ERR.  "-" is a file
 * name like any other.  */
uint8_t *ebpf_read_whole_file (const char *path, size_t *len,
                               struct ebpf_error *err);

#endif
