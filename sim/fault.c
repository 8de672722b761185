/* fault.c — reports of why a run stopped with an error: the pc, the
 * instruction as text, and the cause, in one line.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdarg.h>
#include <stdio.h>
#include "machine.h"

static void
vfault_at (ebpf_machine *m, size_t pc, const char *fmt, va_list ap)
{
  char insn[96], cause[360];
  ebpf_program_describe (m->prog, pc, insn, sizeof insn);
  vsnprintf (cause, sizeof cause, fmt, ap);
  snprintf (m->stop_message, sizeof m->stop_message,
            "fault at pc %zu (%s): %s", pc, insn, cause);
  m->faulted = true;
}

void
ebpf_machine_fault_at (ebpf_machine *m, size_t pc, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vfault_at (m, pc, fmt, ap);
  va_end (ap);
}

/* For helpers: the fault is at the call being executed.  */
void
ebpf_machine_fault (ebpf_machine *m, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vfault_at (m, (size_t) (m->pc - m->code), fmt, ap);
  va_end (ap);
}

void
ebpf_machine_fault_access (ebpf_machine *m, size_t pc, uint64_t addr,
                           unsigned size, bool write)
{
  char where[160];
  ebpf_memory_describe (&m->mem, addr, where, sizeof where);
  bool readonly = write && ebpf_memory_translate (&m->mem, addr, size, false);
  ebpf_machine_fault_at (m, pc, "%s of %u byte%s at 0x%llx (%s)",
                         readonly ? "write to read-only memory"
                         : write ? "out-of-bounds write" : "out-of-bounds read",
                         size, size == 1 ? "" : "s",
                         (unsigned long long) addr, where);
}
