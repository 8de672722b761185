/* undo.h — the history of a run, as an undo log: before each instruction
 * executes, what it may change (registers, the bytes it stores to, the
 * machine's position); before a helper writes guest memory, those bytes.
 * Stepping back pops one instruction's records and puts everything back.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_UNDO_H
#define EBPF_UNDO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ebpfsim.h"

struct ebpf_decoded;

struct ebpf_undo_log
{
  bool on;
  uint8_t *buf;           /* variable-size records, oldest first */
  size_t len, cap;
  size_t limit;           /* bytes kept; the oldest half goes past it */
  uint64_t insns;         /* instructions the log can undo */
  uint64_t dropped;       /* instructions forgotten to stay in the limit */
};

/* Before D executes: COUNT and CYCLES are the counters before it; NESTED
 * for the instructions of a helper's callback, undone with the call.  */
void ebpf_undo_record_insn (ebpf_machine *m, const struct ebpf_decoded *d,
                            uint64_t count, uint64_t cost, bool nested);
/* Before a helper writes LEN bytes of guest memory at ADDR.  */
void ebpf_undo_record_memory (ebpf_machine *m, uint64_t addr, uint64_t len);
/* Undoes the last instruction; false when the history is empty.  */
bool ebpf_undo_step_back (ebpf_machine *m);
/* Forgets the last instruction without undoing it: one that did not
 * complete (it faulted, or ended the run where the machine stands).  */
void ebpf_undo_forget_last (struct ebpf_undo_log *log);
void ebpf_undo_clear (struct ebpf_undo_log *log);
void ebpf_undo_free (struct ebpf_undo_log *log);

#endif
