/* suspend.c — stops inside a helper's callbacks.  A helper such as
 * bpf_loop calls back into the program from C, through a nested run of
 * the interpreter; a breakpoint or watchpoint hit there cannot return to
 * the front end while the helper's C frames wait on the host stack.  So
 * while breakpoints or watchpoints are set, a helper that takes a callback
 * runs on a stack of its own (a coroutine): a stop in a callback switches
 * back to the interpreter that called the helper, which returns the stop;
 * the next run or step switches to the helper's stack again, where the
 * callback goes on.  Plain runs call helpers directly, as before.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include "core/machine.h"
#include "env/helper.h"

#define SUSPEND_STACK_SIZE (512u << 10)

struct ebpf_suspended_call
{
  ucontext_t helper, caller;
  void *stack;
  ebpf_helper_fn fn;
  uint64_t args[5];
  uint64_t result;
  const struct ebpf_decoded *call;     /* the helper call instruction */
  bool done;                           /* the helper returned */
  bool suspended;                      /* a callback stopped */
  enum ebpf_stop stop;                 /* why */
};

/* The call starting on its stack: makecontext passes no pointer.  */
static __thread ebpf_machine *starting;

static void
helper_entry (void)
{
  ebpf_machine *m = starting;
  struct ebpf_suspended_call *c = m->suspended_call;
  c->result = c->fn (m, c->args[0], c->args[1], c->args[2], c->args[3],
                     c->args[4]);
  c->done = true;
  /* Returning would end the thread: switch back for good instead.  */
  swapcontext (&c->helper, &c->caller);
}

bool
ebpf_debug_suspendable_call (const ebpf_machine *m, uint32_t helper_id)
{
  return (m->debug.n_breakpoints > 0 || m->debug.n_watch > 0)
         && m->suspended_call == NULL
         && (helper_id == BPF_FUNC_loop || helper_id == BPF_FUNC_for_each_map_elem);
}

/* Switches to the helper's stack until it returns or a callback stops.  */
static void
switch_to_helper (ebpf_machine *m)
{
  struct ebpf_suspended_call *c = m->suspended_call;
  c->suspended = false;
  swapcontext (&c->caller, &c->helper);
}

static void
end_call (ebpf_machine *m)
{
  free (m->suspended_call->stack);
  free (m->suspended_call);
  m->suspended_call = NULL;
}

bool
ebpf_debug_call_helper (ebpf_machine *m, const struct ebpf_decoded *d,
                        ebpf_helper_fn fn, uint64_t *r0)
{
  struct ebpf_suspended_call *c = calloc (1, sizeof *c);
  void *stack = malloc (SUSPEND_STACK_SIZE);
  if (c == NULL || stack == NULL || getcontext (&c->helper) != 0)
    {
      /* No stack to spare: the callbacks run whole, as without stops.  */
      free (c);
      free (stack);
      *r0 = fn (m, m->regs[1], m->regs[2], m->regs[3], m->regs[4], m->regs[5]);
      return true;
    }
  c->stack = stack;
  c->helper.uc_stack.ss_sp = stack;
  c->helper.uc_stack.ss_size = SUSPEND_STACK_SIZE;
  c->helper.uc_link = NULL;
  c->fn = fn;
  memcpy (c->args, &m->regs[1], sizeof c->args);
  c->call = d;
  m->suspended_call = c;
  starting = m;
  makecontext (&c->helper, helper_entry, 0);
  switch_to_helper (m);
  if (c->suspended)
    return false;
  *r0 = c->result;
  end_call (m);
  return true;
}

bool
ebpf_debug_callback_stopped (ebpf_machine *m, enum ebpf_stop *stop)
{
  struct ebpf_suspended_call *c = m->suspended_call;
  if (c == NULL || c->done
      || (*stop != EBPF_STOP_BREAKPOINT && *stop != EBPF_STOP_WATCHPOINT
          && *stop != EBPF_STOP_STEP && *stop != EBPF_STOP_INTERRUPT))
    return false;
  c->stop = *stop;
  c->suspended = true;
  swapcontext (&c->helper, &c->caller);
  /* Running again: the callback goes on from where the machine stands
   * (a front end may have moved it), one step or to the next stop.  */
  *stop = ebpf_interp_run (m);
  return true;
}

enum ebpf_stop
ebpf_debug_suspended_stop (const ebpf_machine *m)
{
  return m->suspended_call->stop;
}

bool
ebpf_debug_resume_call (ebpf_machine *m, enum ebpf_stop *stop)
{
  struct ebpf_suspended_call *c = m->suspended_call;
  bool stepping = m->stepping;
  switch_to_helper (m);
  if (c->suspended)
    {
      *stop = c->stop;
      return false;
    }
  /* The helper returned: finish its call instruction as the interpreter
   * does after a helper, then go on after it.  */
  const struct ebpf_decoded *call = c->call;
  const uint64_t ctx = c->args[0];
  m->regs[0] = c->result;
  end_call (m);
  m->pc = call;
  if (m->faulted)
    {
      *stop = EBPF_STOP_FAULT;
      return false;
    }
  for (int i = 1; i <= 5; i++)
    m->regs[i] = EBPF_CLOBBER_VALUE;
  if (m->tail_target != NULL)
    {
      m->pc = m->tail_target;
      m->tail_target = NULL;
      m->regs[1] = ctx;
    }
  else
    m->pc = call + 1;
  if (stepping)
    {
      *stop = EBPF_STOP_STEP;
      snprintf (m->stop_message, sizeof m->stop_message, "stepped to pc 0x%llx",
                (unsigned long long) ebpf_machine_pc (m));
      return false;
    }
  return true;
}

void
ebpf_debug_abandon_call (ebpf_machine *m)
{
  /* The helper's frames on its stack are dropped with it: bpf_loop and
   * for_each_map_elem hold nothing beyond them.  */
  if (m->suspended_call)
    {
      m->debug.callback_depth = 0;
      end_call (m);
    }
}
