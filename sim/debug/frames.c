/* frames.c — the call stack as front ends see it (ebpfsim-debug.h): each
 * frame's pc, frame pointer and registers, from the simulator's own
 * frame records, since a BPF return address lives nowhere in guest
 * memory.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>
#include "core/machine.h"

int
ebpf_machine_frame_count (const ebpf_machine *m)
{
  return m->depth + 1;
}

/* The code address of decoded instruction D of the program running when
 * a frame record was made.  */
static uint64_t
record_address (const struct ebpf_frame *f, const struct ebpf_decoded *d)
{
  return ebpf_program_slot_address (f->prog, (size_t) (d - f->code));
}

bool
ebpf_machine_frame (const ebpf_machine *m, int n, struct ebpf_frame_info *frame)
{
  if (m == NULL || frame == NULL || n < 0 || n > m->depth)
    return false;
  memset (frame, 0, sizeof *frame);
  memcpy (frame->regs, m->regs, sizeof frame->regs);
  frame->pc = ebpf_machine_pc (m);
  /* Walk out from the innermost frame: record depth - k holds what the
   * call out of frame k saved, frame k's own r6-r10.  */
  for (int k = 1; k <= n; k++)
    {
      const struct ebpf_frame *f = &m->frames[m->depth - k];
      memcpy (&frame->regs[6], f->saved, sizeof f->saved);
      frame->call_pc = record_address (f, f->call_site);
      frame->pc = frame->call_pc + EBPF_INSN_SIZE;
    }
  /* Frame N's callee starts a helper's callback when the record above
   * it returns to the pseudo-instruction that ends a callback.  */
  if (n < m->depth)
    {
      const struct ebpf_frame *f = &m->frames[m->depth - n - 1];
      frame->callback = f->return_to != f->call_site + 1;
    }
  frame->fp = frame->regs[EBPF_REG_FP];
  return true;
}
