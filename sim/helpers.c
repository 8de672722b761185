/* helpers.c — the built-in helper functions, named as the system's
 * linux/bpf.h names them.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include "machine.h"

/* Names by id, expanded from the kernel header's own list so that they
 * follow the installed kernel headers.  Linux 6.1's list separates its
 * entries with commas itself.  */
#define HELPER_NAME(name, ...) [BPF_FUNC_##name] = "bpf_" #name
static const char *const helper_names[] = { __BPF_FUNC_MAPPER (HELPER_NAME) };
#undef HELPER_NAME

/* Simulated time: nanoseconds from the cycle counter at 1 GHz.  */
static uint64_t
helper_ktime_get_ns (ebpf_machine *m, uint64_t r1, uint64_t r2, uint64_t r3,
                     uint64_t r4, uint64_t r5)
{
  (void) r1; (void) r2; (void) r3; (void) r4; (void) r5;
  return m->cycle_count;
}

static uint64_t
helper_get_smp_processor_id (ebpf_machine *m, uint64_t r1, uint64_t r2,
                             uint64_t r3, uint64_t r4, uint64_t r5)
{
  (void) m; (void) r1; (void) r2; (void) r3; (void) r4; (void) r5;
  return 0;
}

void
ebpf_helpers_install_builtin (ebpf_machine *m)
{
  for (size_t id = 0; id < sizeof helper_names / sizeof helper_names[0]
                      && id < EBPF_MAX_HELPER_ID; id++)
    m->helpers[id].name = helper_names[id];
  m->helpers[BPF_FUNC_ktime_get_ns].fn = helper_ktime_get_ns;
  m->helpers[BPF_FUNC_get_smp_processor_id].fn = helper_get_smp_processor_id;
}
