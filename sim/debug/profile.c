/* profile.c — counting where instructions and cycles go (profile.h), and
 * the public profile interface of ebpfsim-debug.h.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdlib.h>
#include <string.h>
#include "core/error.h"
#include "core/machine.h"
#include "ebpfsim-debug.h"
#include "profile.h"

void
ebpf_profile_free (struct ebpf_profile *p)
{
  for (int i = 0; i < p->n_programs; i++)
    {
      free (p->programs[i].count);
      free (p->programs[i].cost);
    }
  free (p->programs);
  free (p->frames);
  free (p->map_calls);
  free (p->map_cost);
  memset (p, 0, sizeof *p);
}

/* The counters of the program running now, made the first time.  */
static struct ebpf_profile_program *
program_counters (ebpf_machine *m)
{
  struct ebpf_profile *p = &m->debug.profile;
  int i = m->prog->index >= 0 ? m->prog->index : 0;
  if (i >= p->n_programs)
    return NULL;
  struct ebpf_profile_program *c = &p->programs[i];
  if (c->count == NULL)
    {
      c->prog = m->prog;
      c->count = calloc (m->prog->n_slots, sizeof *c->count);
      c->cost = calloc (m->prog->n_slots, sizeof *c->cost);
      if (c->count == NULL || c->cost == NULL)
        {
          free (c->count);
          free (c->cost);
          c->count = c->cost = NULL;
          return NULL;
        }
    }
  return c;
}

/* The node of FUNCTION called from PARENT (-1: a program's entry),
 * made the first time; -1 when out of memory.  */
static int
frame_node (struct ebpf_profile *p, int parent, uint64_t function, int depth,
            const ebpf_program *prog)
{
  int first = parent >= 0 ? p->frames[parent].first_child : 0;
  for (int i = first; i >= 0 && i < p->n_frames; i = p->frames[i].next_sibling)
    if (p->frames[i].function == function && p->frames[i].parent == parent)
      return i;
  if (p->n_frames == p->frames_cap)
    {
      int cap = p->frames_cap ? 2 * p->frames_cap : 16;
      struct ebpf_profile_frame *f = realloc (p->frames, (size_t) cap * sizeof *f);
      if (f == NULL)
        return -1;
      p->frames = f;
      p->frames_cap = cap;
    }
  int i = p->n_frames++;
  /* Entries chain from node 0 as siblings of their own: a program's
   * entry has no parent to hang from.  */
  int *head = parent >= 0 ? &p->frames[parent].first_child
              : i > 0 ? &p->frames[0].next_sibling : NULL;
  p->frames[i] = (struct ebpf_profile_frame) {
    .function = function, .parent = parent, .depth = depth, .prog = prog,
    .first_child = -1, .next_sibling = head ? *head : -1,
  };
  if (head)
    *head = i;
  return i;
}

/* What the machine's cost counter gained since the last instruction is
 * that instruction's (or, before a run's first, the run's entry).  */
static void
charge_last (struct ebpf_profile *p, uint64_t cost)
{
  uint64_t gained = cost - p->last_cost;
  p->last_cost = cost;
  if (!p->have_last)
    {
      p->entry_cost += gained;
      return;
    }
  if (p->last_prog)
    p->last_prog->cost[p->last_slot] += gained;
  if (p->last_frame >= 0)
    p->frames[p->last_frame].cost += gained;
  if (p->last_map >= 0)
    p->map_cost[p->last_map] += gained;
}

/* The node of the program the machine is at, at depth 0.  */
static void
enter_program (ebpf_machine *m)
{
  struct ebpf_profile *p = &m->debug.profile;
  p->frame = frame_node (p, -1, ebpf_program_slot_address (m->prog, m->prog->entry),
                         0, m->prog);
}

void
ebpf_profile_run_start (ebpf_machine *m)
{
  struct ebpf_profile *p = &m->debug.profile;
  p->have_last = false;
  p->last_cost = 0;
  enter_program (m);
}

void
ebpf_profile_settle (ebpf_machine *m)
{
  struct ebpf_profile *p = &m->debug.profile;
  if (p->on)
    charge_last (p, m->cost);
}

void
ebpf_profile_insn (ebpf_machine *m, const struct ebpf_decoded *d, uint64_t cost)
{
  struct ebpf_profile *p = &m->debug.profile;
  /* A machine is reset more than once before a run (its inputs set):
   * a run is counted at its first instruction.  */
  if (!p->have_last)
    p->runs++;
  charge_last (p, cost);
  size_t slot = (size_t) (d - m->code);
  uint64_t addr = ebpf_program_slot_address (m->prog, slot);
  /* The call stack: a call or a callback is one deeper and starts at its
   * function's entry; a return is shallower; a tail call replaces the
   * program at the same depth.  */
  int f = p->frame;
  if (f >= 0 && m->depth > p->frames[f].depth)
    f = frame_node (p, f, addr, m->depth, m->prog);
  else
    {
      while (f >= 0 && m->depth < p->frames[f].depth)
        f = p->frames[f].parent;
      if (f >= 0 && p->frames[f].prog != m->prog)
        f = frame_node (p, p->frames[f].parent, addr, m->depth, m->prog);
    }
  p->frame = f;
  struct ebpf_profile_program *c = program_counters (m);
  if (c)
    c->count[slot]++;
  if (f >= 0)
    p->frames[f].insns++;
  p->have_last = true;
  p->last_prog = c;
  p->last_slot = slot;
  p->last_frame = f;
  /* A helper given a map as its first argument works on that map.  */
  p->last_map = d->op == EBPF_OP_CALL_HELPER
                ? ebpf_machine_map_of_handle (m, m->regs[1]) : -1;
  if (p->last_map >= 0)
    p->map_calls[p->last_map]++;
}

/* ---- The public interface -------------------------------------------------- */

int
ebpf_machine_set_profiling (ebpf_machine *m, bool on, struct ebpf_error *err)
{
  struct ebpf_profile *p = &m->debug.profile;
  ebpf_profile_free (p);
  if (on)
    {
      p->n_programs = m->n_programs > 0 ? m->n_programs : 1;
      p->programs = calloc ((size_t) p->n_programs, sizeof *p->programs);
      p->map_calls = calloc ((size_t) m->n_maps + 1, sizeof *p->map_calls);
      p->map_cost = calloc ((size_t) m->n_maps + 1, sizeof *p->map_cost);
      if (p->programs == NULL || p->map_calls == NULL || p->map_cost == NULL)
        {
          ebpf_profile_free (p);
          ebpf_error_set (err, "out of memory for a profile");
          return -1;
        }
      p->on = true;
      /* Counting starts where the machine is: what the run cost so far
       * is not the profile's.  */
      p->last_cost = m->cost;
      enter_program (m);
    }
  ebpf_debug_refresh_all (m);
  return 0;
}

static double
cycles (uint64_t units)
{
  return (double) units / EBPF_COST_SCALE;
}

struct ebpf_profile_insn *
ebpf_machine_profile_insns (const ebpf_machine *m, size_t *n)
{
  const struct ebpf_profile *p = &m->debug.profile;
  size_t total = 0;
  for (int i = 0; i < p->n_programs; i++)
    if (p->programs[i].count)
      total += p->programs[i].prog->n_slots;
  struct ebpf_profile_insn *out = calloc (total ? total : 1, sizeof *out);
  *n = 0;
  if (out == NULL)
    return NULL;
  for (int i = 0; i < p->n_programs; i++)
    {
      const struct ebpf_profile_program *c = &p->programs[i];
      for (size_t s = 0; c->count && s < c->prog->n_slots; s++)
        if (c->count[s] || c->cost[s])
          out[(*n)++] = (struct ebpf_profile_insn) {
            .addr = ebpf_program_slot_address (c->prog, s),
            .count = c->count[s], .cycles = cycles (c->cost[s]),
          };
    }
  return out;
}

size_t
ebpf_machine_profile_call_count (const ebpf_machine *m)
{
  return (size_t) m->debug.profile.n_frames;
}

void
ebpf_machine_profile_call (const ebpf_machine *m, size_t i,
                           struct ebpf_profile_call *out)
{
  const struct ebpf_profile_frame *f = &m->debug.profile.frames[i];
  *out = (struct ebpf_profile_call) {
    .function = f->function, .parent = f->parent, .insns = f->insns,
    .cycles = cycles (f->cost),
  };
}

bool
ebpf_machine_profile_map (const ebpf_machine *m, int map, uint64_t *calls,
                          double *cycles_out)
{
  const struct ebpf_profile *p = &m->debug.profile;
  if (!p->on || map < 0 || map >= m->n_maps)
    return false;
  *calls = p->map_calls[map];
  *cycles_out = cycles (p->map_cost[map]);
  return true;
}

void
ebpf_machine_profile_totals (const ebpf_machine *m, uint64_t *runs,
                             double *entry_cycles)
{
  *runs = m->debug.profile.runs;
  *entry_cycles = cycles (m->debug.profile.entry_cost);
}
