/* watch-history — watchpoints and reverse execution through the public
 * API.  Prints PASS/FAIL lines for DejaGnu (ebpf.sim/watch-history.exp).
 *
 * Reverse steps are checked against the truth: the program is first
 * single-stepped forward and the whole visible state (pc, registers, the
 * stack bytes it uses) is kept after every step; a recorded run is then
 * stepped back and must meet each of those states in reverse order.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdio.h>
#include <string.h>
#include "ebpfsim.h"

/* The code address of slot N of bytecode (ebpfsim-debug.h).  */
#define AT(n) (0x300000000ULL + 8 * (uint64_t) (n))

static int failures;

static void
check (bool ok, const char *name)
{
  printf ("%s: watch and history: %s\n", ok ? "PASS" : "FAIL", name);
  failures += !ok;
}

#define INSN(op, regs, off, imm) \
  op, regs, (uint8_t) ((off) & 0xff), (uint8_t) (((off) >> 8) & 0xff), \
  (uint8_t) ((imm) & 0xff), (uint8_t) (((imm) >> 8) & 0xff), \
  (uint8_t) (((imm) >> 16) & 0xff), (uint8_t) (((imm) >> 24) & 0xff)

/* Stores, loads, a helper that changes hidden state (the random
 * generator) and one that writes the stack (probe_read_kernel):
 *    0: r1 = 0x1111
 *    1: *(u64 *)(r10 - 8) = r1
 *    2: r2 = *(u64 *)(r10 - 8)
 *    3: r2 += 1
 *    4: *(u64 *)(r10 - 16) = r2
 *    5: call bpf_get_prandom_u32
 *    6: r6 = r0
 *    7: r1 = r10
 *    8: r1 += -24
 *    9: r2 = 8
 *   10: r3 = r10
 *   11: r3 += -8
 *   12: call bpf_probe_read_kernel     (fp-24 = fp-8)
 *   13: r0 = *(u64 *)(r10 - 24)
 *   14: r0 += 5
 *   15: exit  */
static const uint8_t program[] = {
  INSN (0xb7, 0x01, 0, 0x1111),
  INSN (0x7b, 0x1a, -8, 0),
  INSN (0x79, 0xa2, -8, 0),
  INSN (0x07, 0x02, 0, 1),
  INSN (0x7b, 0x2a, -16, 0),
  INSN (0x85, 0x00, 0, 7),
  INSN (0xbf, 0x06, 0, 0),
  INSN (0xbf, 0xa1, 0, 0),
  INSN (0x07, 0x01, 0, -24),
  INSN (0xb7, 0x02, 0, 8),
  INSN (0xbf, 0xa3, 0, 0),
  INSN (0x07, 0x03, 0, -8),
  INSN (0x85, 0x00, 0, 113),
  INSN (0x79, 0xa0, -24, 0),
  INSN (0x07, 0x00, 0, 5),
  INSN (0x95, 0x00, 0, 0),
};
#define N_INSNS (sizeof program / 8)

struct state
{
  uint64_t pc;
  uint64_t regs[11];
  uint8_t stack[24];
  uint64_t insns;
};

static struct state
snapshot (ebpf_machine *m, uint64_t fp)
{
  struct state s;
  memset (&s, 0, sizeof s);
  s.pc = ebpf_machine_pc (m);
  for (int r = 0; r < 11; r++)
    s.regs[r] = ebpf_machine_reg (m, r);
  ebpf_machine_read (m, fp - 24, s.stack, sizeof s.stack);
  s.insns = ebpf_machine_insn_count (m);
  return s;
}

static bool
same (const struct state *a, const struct state *b)
{
  return a->pc == b->pc && memcmp (a->regs, b->regs, sizeof a->regs) == 0
         && memcmp (a->stack, b->stack, sizeof a->stack) == 0
         && a->insns == b->insns;
}

int
main (void)
{
  struct ebpf_error err;
  ebpf_program *prog = ebpf_program_from_bytes (program, sizeof program, false,
                                                "watch-history", &err);
  ebpf_machine *m = prog ? ebpf_machine_new (prog, NULL, &err) : NULL;
  if (m == NULL)
    {
      printf ("FAIL: watch and history: set up: %s\n", err.message);
      return 1;
    }
  uint64_t fp = ebpf_machine_reg (m, 10);

  check (ebpf_machine_run (m) == EBPF_STOP_EXIT
         && ebpf_machine_reg (m, 0) == 0x1111 + 5, "plain run returns 0x1116");
  uint64_t plain_insns = ebpf_machine_insn_count (m);
  uint64_t plain_random = ebpf_machine_reg (m, 6);

  /* ---- Watchpoints.  */
  uint64_t watch, access;
  enum ebpf_watch_kind kind;
  ebpf_machine_reset (m);
  check (ebpf_machine_set_watchpoint (m, fp - 16, 8, EBPF_WATCH_WRITE, &err) == 0,
         "set a write watchpoint on fp-16");
  enum ebpf_stop stop = ebpf_machine_run (m);
  ebpf_machine_watch_hit (m, &watch, &kind, &access);
  check (stop == EBPF_STOP_WATCHPOINT && ebpf_machine_pc (m) == AT (5)
         && watch == fp - 16 && kind == EBPF_WATCH_WRITE && access == fp - 16,
         "the store to fp-16 stops the run after it, at pc 5");
  uint64_t value = 0;
  ebpf_machine_read (m, fp - 16, &value, 8);
  check (value == 0x1112, "the watched bytes hold the new value at the stop");
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT && ebpf_machine_reg (m, 0) == 0x1116
         && ebpf_machine_insn_count (m) == plain_insns,
         "the run goes on from the watchpoint to the same end");
  check (ebpf_machine_clear_watchpoint (m, fp - 16, 8, EBPF_WATCH_WRITE) == 0
         && ebpf_machine_clear_watchpoint (m, fp - 16, 8, EBPF_WATCH_WRITE) == -1,
         "clear the watchpoint; clearing it twice fails");

  ebpf_machine_reset (m);
  ebpf_machine_set_watchpoint (m, fp - 4, 2, EBPF_WATCH_READ, &err);
  stop = ebpf_machine_run (m);
  ebpf_machine_watch_hit (m, NULL, &kind, &access);
  check (stop == EBPF_STOP_WATCHPOINT && ebpf_machine_pc (m) == AT (3)
         && kind == EBPF_WATCH_READ && access == fp - 8
         && ebpf_machine_reg (m, 2) == 0x1111,
         "an 8-byte load overlapping a 2-byte read watchpoint stops after it");
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT, "and the run goes on to exit");
  ebpf_machine_clear_watchpoint (m, fp - 4, 2, EBPF_WATCH_READ);

  ebpf_machine_reset (m);
  ebpf_machine_set_watchpoint (m, fp - 24, 1, EBPF_WATCH_WRITE, &err);
  stop = ebpf_machine_run (m);
  check (stop == EBPF_STOP_WATCHPOINT && ebpf_machine_pc (m) == AT (13)
         && strstr (ebpf_machine_stop_message (m), "changed by helper") != NULL,
         "a helper's write to a watched byte stops after the call");
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT, "and the run goes on to exit");
  ebpf_machine_clear_watchpoint (m, fp - 24, 1, EBPF_WATCH_WRITE);

  ebpf_machine_reset (m);
  ebpf_machine_set_watchpoint (m, fp - 512, 8, EBPF_WATCH_ACCESS, &err);
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT
         && ebpf_machine_insn_count (m) == plain_insns,
         "a watchpoint on untouched memory never stops the run");
  ebpf_machine_clear_watchpoint (m, fp - 512, 8, EBPF_WATCH_ACCESS);

  /* Just below the used stack, the smaller side of the window traps:
   * every stack access here takes the fault path and is run again.  */
  ebpf_machine_reset (m);
  ebpf_machine_set_watchpoint (m, fp - 32, 8, EBPF_WATCH_ACCESS, &err);
  uint8_t plain_stack[24], stack[24];
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT
         && ebpf_machine_reg (m, 0) == 0x1116
         && ebpf_machine_insn_count (m) == plain_insns
         && ebpf_machine_read (m, fp - 24, stack, sizeof stack),
         "accesses next to a watchpoint run as without it");
  ebpf_machine_reset (m);
  size_t steps = 0;
  while (ebpf_machine_step (m) == EBPF_STOP_STEP)
    steps++;
  check (steps == N_INSNS - 1 && ebpf_machine_reg (m, 0) == 0x1116,
         "stepping next to a watchpoint: one instruction a step");
  ebpf_machine_clear_watchpoint (m, fp - 32, 8, EBPF_WATCH_ACCESS);
  ebpf_machine_reset (m);
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT
         && ebpf_machine_read (m, fp - 24, plain_stack, sizeof plain_stack)
         && memcmp (stack, plain_stack, sizeof stack) == 0,
         "and they leave the stack as a plain run does");

  check (ebpf_machine_set_watchpoint (m, fp, 0, EBPF_WATCH_WRITE, &err) == -1
         && ebpf_machine_set_watchpoint (m, fp, 8, 7, &err) == -1,
         "an empty watchpoint or an unknown kind is refused");

  /* ---- History.  The truth: every state met by stepping forward, with
   * the random generator seeded as for the recorded run.  */
  struct state truth[N_INSNS + 1];
  size_t n = 0;
  ebpf_machine_set_seed (m, 42);
  ebpf_machine_reset (m);
  truth[n++] = snapshot (m, fp);
  while (n <= N_INSNS && ebpf_machine_step (m) == EBPF_STOP_STEP)
    truth[n++] = snapshot (m, fp);
  /* The last step executed exit: the machine stands at it.  */
  check (n == N_INSNS, "stepping forward meets 16 states (exit ends it)");

  ebpf_machine_set_recording (m, true, 0);
  ebpf_machine_set_seed (m, 42);
  ebpf_machine_reset (m);
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT
         && ebpf_machine_reg (m, 6) == truth[n - 1].regs[6]
         && ebpf_machine_reg (m, 6) != plain_random,
         "a recorded run gives the stepped run's results");
  check (ebpf_machine_history_insns (m) == N_INSNS - 1
         && ebpf_machine_history_bytes (m) > 0,
         "the history holds the 15 instructions before exit");
  bool all_same = true;
  size_t k = n - 1;
  while (ebpf_machine_reverse_step (m) == EBPF_STOP_STEP)
    {
      struct state now = snapshot (m, fp);
      if (k == 0 || !same (&now, &truth[--k]))
        {
          all_same = false;
          printf ("note: reverse step %zu: pc 0x%llx, expected pc 0x%llx\n",
                  n - 1 - k, (unsigned long long) now.pc,
                  (unsigned long long) truth[k].pc);
          break;
        }
    }
  check (all_same && k == 0, "each reverse step meets the forward state before it");
  check (ebpf_machine_reverse_step (m) == EBPF_STOP_HISTORY_START,
         "at the start, a reverse step reports no more history");

  /* Forward again from the start: the random generator was rewound too.  */
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT && ebpf_machine_reg (m, 0) == 0x1116
         && ebpf_machine_reg (m, 6) == truth[n - 1].regs[6],
         "running forward again repeats the run, random numbers included");

  /* Half way back, then on: a breakpoint and a reverse step together.  */
  for (int i = 0; i < 8; i++)
    ebpf_machine_reverse_step (m);
  struct state mid = snapshot (m, fp);
  check (same (&mid, &truth[N_INSNS - 1 - 8]), "eight steps back from the end");
  ebpf_machine_set_breakpoint (m, AT (13), &err);
  check (ebpf_machine_run (m) == EBPF_STOP_BREAKPOINT && ebpf_machine_pc (m) == AT (13),
         "from there a run stops at a breakpoint ahead");
  ebpf_machine_clear_breakpoint (m, AT (13));
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT && ebpf_machine_reg (m, 0) == 0x1116,
         "and ends as the first run did");

  /* A small limit keeps the newest history only.  */
  ebpf_machine_set_recording (m, true, 256);
  ebpf_machine_set_seed (m, 42);
  ebpf_machine_reset (m);
  ebpf_machine_run (m);
  uint64_t kept = ebpf_machine_history_insns (m);
  check (kept > 0 && kept < N_INSNS - 1 && ebpf_machine_history_bytes (m) <= 256 + 256,
         "a 256-byte limit keeps only the newest instructions");
  size_t back = 0;
  while (ebpf_machine_reverse_step (m) == EBPF_STOP_STEP)
    back++;
  struct state oldest = snapshot (m, fp);
  check (back == kept && same (&oldest, &truth[N_INSNS - 1 - kept]),
         "stepping back through a trimmed history ends at its oldest state");

  ebpf_machine_set_recording (m, false, 0);
  ebpf_machine_reset (m);
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT && ebpf_machine_history_insns (m) == 0,
         "with recording off, nothing is recorded");

  ebpf_machine_free (m);
  ebpf_program_free (prog);
  return failures != 0;
}
