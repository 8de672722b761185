/* debug-core — breakpoints, single steps and the instruction budget,
 * through the public API only.  Prints PASS/FAIL lines for DejaGnu
 * (ebpf.sim/debug-core.exp).
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
  printf ("%s: debug core: %s\n", ok ? "PASS" : "FAIL", name);
  failures += !ok;
}

/* r0 = 0; for (r1 = 0; r1 != 5; r1++) r0 += r1; exit  -- with a local call
 * at the end to check steps across frames:
 *   0: mov r0, 0
 *   1: mov r1, 0
 *   2: add r0, r1      <- loop
 *   3: add r1, 1
 *   4: jne r1, 5, -3
 *   5: call local +1
 *   6: exit
 *   7: add r0, 100     <- callee
 *   8: exit  */
static const uint8_t program[] = {
  0xb7, 0x00, 0, 0, 0, 0, 0, 0,
  0xb7, 0x01, 0, 0, 0, 0, 0, 0,
  0x0f, 0x10, 0, 0, 0, 0, 0, 0,
  0x07, 0x01, 0, 0, 1, 0, 0, 0,
  0x55, 0x01, 0xfd, 0xff, 5, 0, 0, 0,
  0x85, 0x10, 0, 0, 1, 0, 0, 0,
  0x95, 0, 0, 0, 0, 0, 0, 0,
  0x07, 0x00, 0, 0, 100, 0, 0, 0,
  0x95, 0, 0, 0, 0, 0, 0, 0,
};

int
main (void)
{
  struct ebpf_error err;
  ebpf_program *prog = ebpf_program_from_bytes (program, sizeof program, false,
                                                "debug-core", &err);
  ebpf_machine *m = prog ? ebpf_machine_new (prog, NULL, &err) : NULL;
  if (m == NULL)
    {
      printf ("FAIL: debug core: set up: %s\n", err.message);
      return 1;
    }

  /* A plain run: 0+1+2+3+4 = 10, plus 100 from the callee.  */
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT && ebpf_machine_reg (m, 0) == 110,
         "plain run returns 110");
  uint64_t plain_insns = ebpf_machine_insn_count (m);
  check (plain_insns == 2 + 5 * 3 + 1 + 2 + 1, "plain run counts 21 instructions");

  /* A breakpoint in the loop stops there once per iteration, before the
   * instruction runs, and the counts do not include it.  */
  ebpf_machine_reset (m);
  check (ebpf_machine_set_breakpoint (m, AT (2), &err) == 0, "set breakpoint at pc 2");
  int hits = 0;
  enum ebpf_stop stop;
  while ((stop = ebpf_machine_run (m)) == EBPF_STOP_BREAKPOINT)
    {
      hits++;
      if (ebpf_machine_pc (m) != AT (2) || ebpf_machine_reg (m, 1) != (uint64_t) hits - 1)
        break;
    }
  check (hits == 5 && stop == EBPF_STOP_EXIT && ebpf_machine_reg (m, 0) == 110,
         "breakpoint hit once per iteration with r1 = iteration");
  check (ebpf_machine_insn_count (m) == plain_insns,
         "instruction count with a breakpoint equals the plain run's");
  ebpf_machine_clear_breakpoint (m, AT (2));
  ebpf_machine_reset (m);
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT && ebpf_machine_reg (m, 0) == 110,
         "cleared breakpoint no longer stops");

  /* Single steps: one instruction each, through the call and back.  */
  ebpf_machine_reset (m);
  int steps = 0, max_depth = 0;
  while ((stop = ebpf_machine_step (m)) == EBPF_STOP_STEP && steps < 100)
    {
      steps++;
      if (ebpf_machine_call_depth (m) > max_depth)
        max_depth = ebpf_machine_call_depth (m);
    }
  check (stop == EBPF_STOP_EXIT && steps + 1 == (int) plain_insns
         && ebpf_machine_reg (m, 0) == 110, "stepping runs the same 21 instructions");
  check (max_depth == 1, "stepping enters the callee's frame");

  /* The budget stops a run and names the limit; the run can go on.  */
  ebpf_machine_reset (m);
  ebpf_machine_set_max_insns (m, 4);
  stop = ebpf_machine_run (m);
  check (stop == EBPF_STOP_LIMIT && ebpf_machine_insn_count (m) == 4
         && strstr (ebpf_machine_stop_message (m), "instruction limit") != NULL,
         "budget of 4 stops after 4 instructions");
  ebpf_machine_set_max_insns (m, EBPF_DEFAULT_MAX_INSNS);
  check (ebpf_machine_run (m) == EBPF_STOP_EXIT && ebpf_machine_reg (m, 0) == 110,
         "a run stopped by the budget continues to the same result");

  /* A breakpoint on the entry stops a fresh run before anything runs;
   * stepping from it executes the instruction under it.  */
  ebpf_machine_reset (m);
  ebpf_machine_set_breakpoint (m, AT (0), &err);
  stop = ebpf_machine_run (m);
  check (stop == EBPF_STOP_BREAKPOINT && ebpf_machine_pc (m) == AT (0)
         && ebpf_machine_insn_count (m) == 0, "breakpoint at the entry stops at once");
  check (ebpf_machine_step (m) == EBPF_STOP_STEP && ebpf_machine_pc (m) == AT (1),
         "a step from a breakpoint executes its instruction");
  ebpf_machine_clear_breakpoint (m, AT (0));

  /* Breakpoints only where an instruction starts.  */
  check (ebpf_machine_set_breakpoint (m, AT (9), &err) != 0, "no breakpoint past the end");

  ebpf_machine_free (m);
  ebpf_program_free (prog);
  return failures ? 1 : 0;
}
