/* helper.h — what helper functions share: reaching guest memory with the
 * checks the kernel's verifier would have made, and the machine's
 * simulated environment (clock, ids, trace output).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_HELPER_H
#define EBPF_HELPER_H

#include <errno.h>
#include "core/machine.h"

#define HELPER(name)                                                        \
  uint64_t name (ebpf_machine *m, uint64_t r1, uint64_t r2, uint64_t r3,    \
                 uint64_t r4, uint64_t r5)
#define UNUSED_ARGS (void) m; (void) r1; (void) r2; (void) r3; (void) r4; (void) r5

/* Host memory for LEN bytes of guest memory at ADDR, or NULL after a
 * fault naming the helper's argument WHAT.  LEN 0 gives a non-NULL
 * pointer without checking.  */
uint8_t *ebpf_helper_memory (ebpf_machine *m, uint64_t addr, uint64_t len,
                             bool write, const char *what);

/* Charges the helper being called for BYTES it copied, hashed or moved:
 * the cycle model's cost per byte of this helper.  */
static inline void
ebpf_helper_charge_bytes (ebpf_machine *m, uint64_t bytes)
{
  uint32_t id = (uint32_t) m->pc->imm64;
  if (id < EBPF_COST_HELPERS)
    m->cost += bytes * m->model->helper[id].per_byte;
}

/* Whether helper ID may be called only by GPL-compatible programs.  */
bool ebpf_helper_gpl_only (int32_t id);

/* The id of the helper NAME (bpf_xyz or xyz) in linux/bpf.h, or -1.  */
int ebpf_helper_id (const char *name);

/* The name of the helper being called, for messages.  */
const char *ebpf_helper_name (const ebpf_machine *m);

/* The slot of a callback argument: a code address, as lddw of a
 * function makes it; false after a fault.  */
bool ebpf_helper_callback_slot (ebpf_machine *m, uint64_t addr, size_t *slot);

/* Calls the program's function at slot TARGET (a callback) with the
 * arguments; its r0, or 0 after a fault (m->faulted set).  */
uint64_t ebpf_machine_call_function (ebpf_machine *m, size_t target,
                                     uint64_t r1, uint64_t r2, uint64_t r3,
                                     uint64_t r4, uint64_t r5);

/* Registration of each group of built-in helpers.  */
void ebpf_helpers_install_base (ebpf_machine *m);
void ebpf_helpers_install_trace (ebpf_machine *m);
void ebpf_helpers_install_packet (ebpf_machine *m);
void ebpf_helpers_install_map (ebpf_machine *m);

#endif
