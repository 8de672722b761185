/* profile-report.h — a machine's profile (ebpfsim-debug.h) printed: what
 * ebpf-run --profile writes.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_PROFILE_REPORT_H
#define EBPF_PROFILE_REPORT_H

#include <stdio.h>
#include "ebpfsim.h"

enum run_profile_format
{
  RUN_PROFILE_REPORT,     /* by function, line, helper and map, hottest first */
  RUN_PROFILE_FOLDED,     /* folded stacks, for flamegraph.pl and speedscope */
  RUN_PROFILE_ANNOTATE,   /* cycles per instruction, for ebpf-objdump --profile */
};

/* M's profile of PROG (of OBJ, which may be NULL) in FORMAT.  */
void run_print_profile (const ebpf_machine *m, const ebpf_object *obj,
                        const ebpf_program *prog, enum run_profile_format format,
                        FILE *out);
/* The report's numbers as a JSON member ", \"profile\": {...}".  */
void run_profile_json (const ebpf_machine *m, const ebpf_object *obj,
                       const ebpf_program *prog, FILE *out);

#endif
