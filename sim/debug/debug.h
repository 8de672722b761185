/* debug.h — the debug core: breakpoints, watchpoints and history
 * recording, hooked into the interpreter without a test on its plain path.
 *
 * Breakpoints and recording swap the handler of the instructions they
 * must see for the DEBUG pseudo handler, which checks and then jumps to
 * the real one: a breakpoint its own instruction, recording every one.
 * Watchpoints trap the memory windows they lie in (memory.h): an
 * instruction's access there fails translation, and the fault path asks
 * the debug core before running the instruction again, so accesses to
 * other windows cost nothing.  Helpers may write watched memory too: with
 * a write watchpoint set, calls get the DEBUG handler, which compares the
 * watched bytes before and after.  A check that must look after the
 * instruction lowers the interpreter's instruction budget to end at the
 * next dispatch, where ebpf_debug_after runs.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_DEBUG_H
#define EBPF_DEBUG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ebpfsim.h"
#include "profile.h"
#include "undo.h"

#define EBPF_MAX_WATCHPOINTS 16
#define EBPF_MAX_WATCH_LEN 4096

struct ebpf_decoded;

struct ebpf_watchpoint
{
  uint64_t addr, len;
  enum ebpf_watch_kind kind;
};

enum ebpf_debug_action
{
  EBPF_DEBUG_GO,            /* execute the instruction */
  EBPF_DEBUG_BREAK,         /* stop before it: a breakpoint */
  EBPF_DEBUG_CHECK_AFTER,   /* execute it, then call ebpf_debug_after */
  EBPF_DEBUG_SUSPENDABLE_CALL, /* call its helper through
                                  ebpf_debug_call_helper */
};

struct ebpf_debug
{
  uint64_t *breakpoints;               /* code addresses, sorted */
  int n_breakpoints, breakpoint_cap;
  struct ebpf_watchpoint watch[EBPF_MAX_WATCHPOINTS];
  int n_watch;
  bool every_insn;                     /* the debug handler everywhere
                                          (EBPFSIM_DEBUG_PATH) */
  int stop_depth;                      /* stop when a return brings the
                                          call depth to this, or -1 */
  bool pending_depth;
  unsigned callback_depth;             /* inside a helper's callback:
                                          stops wait for the helper */
  /* What the instruction being executed may have hit.  */
  int pending_watch;                   /* index, or -1 */
  bool pending_helper;                 /* compare the snapshot after */
  uint64_t pending_addr;
  unsigned pending_size;
  bool pending_write;
  /* The memory windows the watchpoints lie in (a watchpoint may
   * straddle two), and whether they are let be for one instruction.  */
  struct ebpf_watched_window
  {
    unsigned window;
    uint32_t lo, hi;                   /* offsets covered in the window */
  } watched_windows[2 * EBPF_MAX_WATCHPOINTS];
  int n_watched_windows;
  bool untrapped;
  uint8_t snapshot[EBPF_MAX_WATCHPOINTS][EBPF_MAX_WATCH_LEN];
  /* The last watchpoint stop.  */
  int hit_watch;
  uint64_t hit_addr;
  struct ebpf_undo_log history;
  struct ebpf_profile profile;
};

/* The guest memory instruction D accesses with registers R: false when
 * it accesses none.  */
bool ebpf_debug_access (const struct ebpf_decoded *d, const uint64_t *r,
                        uint64_t *addr, unsigned *size, bool *reads,
                        bool *writes);

/* Called by the DEBUG handler before D executes; COUNT and CYCLES are the
 * counters before it.  RESUMING: a run going on from a stop at D.  */
enum ebpf_debug_action ebpf_debug_before (ebpf_machine *m,
                                          const struct ebpf_decoded *d,
                                          bool resuming, uint64_t count,
                                          uint64_t cost);
/* Called from the interpreter's fault path for D's access of SIZE bytes
 * at ADDR in a watched window: notes a hit for ebpf_debug_after and lets
 * the watched windows be until then, for D to run again.  */
void ebpf_debug_watched_access (ebpf_machine *m, const struct ebpf_decoded *d,
                                uint64_t addr, unsigned size);
/* After a run: the watched windows trapped again, nothing pending (a run
 * that faulted or exited in the middle of a check leaves it so).  */
void ebpf_debug_settle (ebpf_machine *m);

/* After the instruction that asked for it: true when a watchpoint was
 * hit or a return reached the depth a step waits for (*STOP and the stop
 * message say which); the run then stops at NEXT.  */
bool ebpf_debug_after (ebpf_machine *m, const struct ebpf_decoded *next,
                       enum ebpf_stop *stop);

/* Whether a breakpoint is set at code address ADDR.  */
bool ebpf_debug_breakpoint_at (const ebpf_machine *m, uint64_t addr);

/* Gives every instruction of a decoded program the handler it needs.  */
void ebpf_debug_refresh (ebpf_machine *m, struct ebpf_decoded *code,
                         const ebpf_program *prog);
void ebpf_debug_refresh_all (ebpf_machine *m);

/* Helper calls that may stop inside their callbacks (suspend.c).
 * Whether the call of HELPER_ID gets a stack of its own: while
 * breakpoints or watchpoints are set, for helpers that take callbacks.  */
bool ebpf_debug_suspendable_call (const ebpf_machine *m, uint32_t helper_id);
/* Calls FN for call instruction D on a stack of its own: true when it
 * returned (its value in *R0), false when a stop in a callback suspended
 * it (ebpf_debug_suspended_stop says which).  */
bool ebpf_debug_call_helper (ebpf_machine *m, const struct ebpf_decoded *d,
                             ebpf_helper_fn fn, uint64_t *r0);
enum ebpf_stop ebpf_debug_suspended_stop (const ebpf_machine *m);
/* For a callback's run that ended with *STOP: when the helper runs on a
 * stack of its own and *STOP is a debugger's stop, suspends the helper
 * until the machine runs again, then goes on with the callback and sets
 * *STOP to how that run ended; false otherwise.  */
bool ebpf_debug_callback_stopped (ebpf_machine *m, enum ebpf_stop *stop);
/* Runs a suspended helper on: true when it returned and the machine is
 * after its call, ready to run; false with *STOP when it stopped again,
 * faulted, or a step ended with its return.  */
bool ebpf_debug_resume_call (ebpf_machine *m, enum ebpf_stop *stop);
/* Drops a suspended helper call (a reset, or the machine freed).  */
void ebpf_debug_abandon_call (ebpf_machine *m);

/* Reads EBPFSIM_DEBUG_PATH: "1" sends every instruction through the debug
 * handler with history recording on, to compare with the plain path.  */
void ebpf_debug_init (ebpf_machine *m);
void ebpf_debug_free (ebpf_machine *m);

#endif
