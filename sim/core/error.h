/* error.h — filling in a struct ebpf_error.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_ERROR_H
#define EBPF_ERROR_H

#include "ebpfsim.h"

/* Formats the message into ERR; nothing when ERR is NULL.  */
void ebpf_error_set (struct ebpf_error *err, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

#endif
