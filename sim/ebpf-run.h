/* ebpf-run.h — what the parts of ebpf-run share.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_RUN_H
#define EBPF_RUN_H

#include <stdbool.h>
#include <stdio.h>
#include "ebpfsim.h"

extern const char *progname;

/* --map NAME=FILE.json: false after a message on stderr.  */
bool run_seed_map (ebpf_machine *m, const char *spec);
/* --dump-maps: plain text, or JSON members to add to the result object.  */
void run_dump_maps (ebpf_machine *m, FILE *out, bool json);

#endif
