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
            "fault at pc 0x%llx (%s): %s",
            (unsigned long long) ebpf_program_slot_address (m->prog, pc), insn,
            cause);
  m->faulted = true;
  m->fault.kind = EBPF_FAULT_CALL;   /* the callers that know better say */
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
  m->fault.kind = EBPF_FAULT_MEMORY;
  m->fault.addr = addr;
  m->fault.size = size;
  m->fault.write = write;
}

void
ebpf_machine_fault_invalid (ebpf_machine *m, size_t pc,
                            enum ebpf_invalid_reason reason)
{
  const struct ebpf_insn *in = &m->prog->insns[pc];
  int op;
  switch (reason)
    {
    case EBPF_INVALID_REGISTER:
      ebpf_machine_fault_at (m, pc, "invalid register number (dst %d, src %d; "
                             "registers are r0-r10)", in->dst, in->src);
      return;
    case EBPF_INVALID_WRITES_FP:
      ebpf_machine_fault_at (m, pc, "r10 (the frame pointer) is read-only");
      return;
    case EBPF_INVALID_RESERVED:
      {
        struct ebpf_insn copy = *in;
        op = ebpf_opcode_lookup (in);
        const char *field = ebpf_insn_clear_reserved (op, &copy);
        ebpf_machine_fault_at (m, pc, "reserved field %s of %s is not zero "
                               "(dst %d, src %d, off %d, imm %d)", field,
                               ebpf_opcodes[op].gnu, in->dst, in->src, in->off,
                               in->imm);
        return;
      }
    case EBPF_INVALID_LDDW_LAST:
      ebpf_machine_fault_at (m, pc, "lddw in the last slot has no second half");
      return;
    case EBPF_INVALID_LDDW_TAIL:
      ebpf_machine_fault_at (m, pc, "malformed lddw: its second slot must hold "
                             "only the upper 32 bits of the immediate");
      return;
    case EBPF_INVALID_FIELD:
      for (op = 0; op < EBPF_OP_COUNT; op++)
        if (ebpf_opcodes[op].opcode == in->opcode)
          break;
      {
        const struct ebpf_opcode_info *e = &ebpf_opcodes[op];
        const char *field = e->match == EBPF_MATCH_OFF ? "offset"
                            : e->match == EBPF_MATCH_IMM ? "immediate" : "source";
        int value = e->match == EBPF_MATCH_OFF ? in->off
                    : e->match == EBPF_MATCH_IMM ? in->imm : in->src;
        ebpf_machine_fault_at (m, pc, "opcode 0x%02x (%s) with %s %d is not "
                               "an instruction", in->opcode, e->gnu, field, value);
        return;
      }
    case EBPF_INVALID_OPCODE:
      break;
    }
  ebpf_machine_fault_at (m, pc, "unknown opcode 0x%02x", in->opcode);
}
