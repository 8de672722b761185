/* control.c — running a machine as a debugger does (ebpfsim-debug.h):
 * over a call, out of a function, through a range of code, backwards to
 * a breakpoint, and stopping on request from outside.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdio.h>
#include "core/machine.h"

void
ebpf_machine_interrupt (ebpf_machine *m)
{
  /* One store, async-signal-safe: the interpreter looks at it at the end
   * of each slice of its budget (core/interp.c).  */
  __atomic_store_n (&m->interrupt_requested, 1, __ATOMIC_RELEASE);
}

/* Runs with the debug core stopping the run where a return brings the
 * call depth to DEPTH: the EXIT instructions get its handler meanwhile.  */
static enum ebpf_stop
run_until_return_to (ebpf_machine *m, int depth)
{
  m->debug.stop_depth = depth;
  ebpf_debug_refresh_all (m);
  enum ebpf_stop stop = ebpf_machine_run (m);
  m->debug.stop_depth = -1;
  ebpf_debug_refresh_all (m);
  return stop;
}

enum ebpf_stop
ebpf_machine_run_to_depth (ebpf_machine *m, int depth)
{
  enum ebpf_stop stop = ebpf_machine_step (m);
  if (stop != EBPF_STOP_STEP || m->depth <= depth)
    return stop;
  return run_until_return_to (m, depth < 0 ? 0 : depth);
}

/* The machine stopped at a breakpoint at PC, as a run stops there.  */
static enum ebpf_stop
stop_at_breakpoint (ebpf_machine *m, uint64_t pc)
{
  snprintf (m->stop_message, sizeof m->stop_message,
            "breakpoint at pc 0x%llx", (unsigned long long) pc);
  m->last_stop = EBPF_STOP_BREAKPOINT;
  m->resume_over = m->pc;
  return EBPF_STOP_BREAKPOINT;
}

enum ebpf_stop
ebpf_machine_run_range (ebpf_machine *m, uint64_t low, uint64_t high)
{
  int depth = m->depth;
  for (;;)
    {
      enum ebpf_stop stop = ebpf_machine_step (m);
      if (stop != EBPF_STOP_STEP)
        return stop;
      uint64_t pc = ebpf_machine_pc (m);
      /* Out of the range, or into another frame (a call back into the
       * range's own function, a callback, a return).  */
      if (pc < low || pc >= high || m->depth != depth)
        return EBPF_STOP_STEP;
      /* A step goes over the breakpoint it starts on; one met inside
       * the range stops the run as it would stop ebpf_machine_run.  */
      if (ebpf_debug_breakpoint_at (m, pc))
        return stop_at_breakpoint (m, pc);
      if (__atomic_exchange_n (&m->interrupt_requested, 0, __ATOMIC_ACQ_REL))
        {
          snprintf (m->stop_message, sizeof m->stop_message,
                    "interrupted at pc 0x%llx", (unsigned long long) pc);
          m->last_stop = EBPF_STOP_INTERRUPT;
          return EBPF_STOP_INTERRUPT;
        }
    }
}

/* Whether undoing brought the machine back to the instruction that
 * touched a watchpoint: its access, computed from the registers as they
 * were before it ran.  */
static int
watch_touched (const ebpf_machine *m)
{
  uint64_t addr;
  unsigned size;
  bool reads, writes;
  if (!ebpf_debug_access (m->pc, m->regs, &addr, &size, &reads, &writes))
    return -1;
  for (int i = 0; i < m->debug.n_watch; i++)
    {
      const struct ebpf_watchpoint *w = &m->debug.watch[i];
      if (addr < w->addr + w->len && w->addr < addr + size
          && (((w->kind & EBPF_WATCH_READ) && reads)
              || ((w->kind & EBPF_WATCH_WRITE) && writes)))
        return i;
    }
  return -1;
}

enum ebpf_stop
ebpf_machine_reverse_run (ebpf_machine *m)
{
  for (;;)
    {
      enum ebpf_stop stop = ebpf_machine_reverse_step (m);
      if (stop != EBPF_STOP_STEP)
        return stop;
      uint64_t pc = ebpf_machine_pc (m);
      if (ebpf_debug_breakpoint_at (m, pc))
        return stop_at_breakpoint (m, pc);
      int w = watch_touched (m);
      if (w >= 0)
        {
          m->debug.hit_watch = w;
          m->debug.hit_addr = m->debug.watch[w].addr;
          snprintf (m->stop_message, sizeof m->stop_message,
                    "watchpoint at 0x%llx: its access undone; stopped at pc "
                    "0x%llx", (unsigned long long) m->debug.watch[w].addr,
                    (unsigned long long) pc);
          m->last_stop = EBPF_STOP_WATCHPOINT;
          return EBPF_STOP_WATCHPOINT;
        }
      if (__atomic_exchange_n (&m->interrupt_requested, 0, __ATOMIC_ACQ_REL))
        {
          snprintf (m->stop_message, sizeof m->stop_message,
                    "interrupted at pc 0x%llx", (unsigned long long) pc);
          m->last_stop = EBPF_STOP_INTERRUPT;
          return EBPF_STOP_INTERRUPT;
        }
    }
}
