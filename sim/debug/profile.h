/* profile.h — where a run's instructions and cycles go: per instruction,
 * per call stack and per map, over every run since profiling began.
 *
 * Profiling gives every instruction the DEBUG handler (debug.h), which
 * calls ebpf_profile_insn before it runs: what the machine's cost counter
 * gained since the instruction before is that instruction's, helpers'
 * costs included, so that the profile's cycles add up to the counter's
 * exactly.  What a run costs before its first instruction (the cycle
 * model's run cost) is the profile's entry cost.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_PROFILE_H
#define EBPF_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ebpfsim.h"

struct ebpf_decoded;

/* A call stack: a function (its entry's code address) called from its
 * parent's node; insns and cost are its own, not its callees'.  */
struct ebpf_profile_frame
{
  uint64_t function;
  int parent;                  /* node index, or -1 for a program's entry */
  int depth;
  const ebpf_program *prog;    /* a tail call changes it at the same depth */
  int first_child, next_sibling;
  uint64_t insns, cost;
};

struct ebpf_profile
{
  bool on;
  /* Per instruction, by the object's program index (0 for bytecode):
   * executions and cost, n_slots of each.  */
  struct ebpf_profile_program
  {
    const ebpf_program *prog;
    uint64_t *count, *cost;
  } *programs;
  int n_programs;
  struct ebpf_profile_frame *frames;
  int n_frames, frames_cap;
  uint64_t *map_calls, *map_cost;      /* per map of the machine */
  uint64_t entry_cost, runs;
  /* The instruction before, which the cost since is charged to.  */
  bool have_last;
  struct ebpf_profile_program *last_prog;
  size_t last_slot;
  int last_frame, last_map;
  uint64_t last_cost;
  int frame;                           /* the node running now */
};

/* Called for instruction D before it runs, with the cost counter.  */
void ebpf_profile_insn (ebpf_machine *m, const struct ebpf_decoded *d,
                        uint64_t cost);
/* The machine was reset: a run starts at its entry's node.  */
void ebpf_profile_run_start (ebpf_machine *m);
/* A run stopped: the last instruction's cost is known.  */
void ebpf_profile_settle (ebpf_machine *m);
void ebpf_profile_free (struct ebpf_profile *p);

#endif
