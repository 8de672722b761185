/* xalloc.h — allocation that cannot fail quietly: out of memory, a tool
 * says so and exits with status 2 (its "input error" status), since no
 * run can go on without the memory it asked for.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_XALLOC_H
#define EBPF_XALLOC_H

#include <stddef.h>

void *ebpf_xcalloc (size_t n, size_t size);
void *ebpf_xrealloc (void *p, size_t size);
char *ebpf_xstrdup (const char *s);

#endif
