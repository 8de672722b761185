/* debug.c — the debug core: breakpoints, watchpoints, the DEBUG pseudo
 * handler's checks and the watched windows' traps (see debug.h for how
 * they reach the interpreter without slowing its plain path).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "env/helper.h"
#include "core/error.h"
#include "core/machine.h"
#include "load/object.h"

static const char *const watch_kind_names[] = { "", "write", "read", "access" };

bool
ebpf_debug_access (const struct ebpf_decoded *d, const uint64_t *r,
                   uint64_t *addr, unsigned *size, bool *reads, bool *writes)
{
  if (d->op >= EBPF_OP_COUNT)
    return false;
  const struct ebpf_opcode_info *e = &ebpf_opcodes[d->op];
  switch (e->shape)
    {
    case EBPF_SHAPE_LDX:
      *addr = r[d->src] + (int64_t) d->off;
      *reads = true, *writes = false;
      break;
    case EBPF_SHAPE_ST:
    case EBPF_SHAPE_STX:
      *addr = r[d->dst] + (int64_t) d->off;
      *reads = false, *writes = true;
      break;
    case EBPF_SHAPE_ATOMIC:
      *addr = r[d->dst] + (int64_t) d->off;
      *reads = *writes = true;
      break;
    default:
      return false;
    }
  *size = (unsigned) ebpf_opcode_size (e->opcode);
  return true;
}

/* Whether a write watchpoint is set: helpers' writes must be looked at.  */
static bool
write_watched (const ebpf_machine *m)
{
  for (int i = 0; i < m->debug.n_watch; i++)
    if (m->debug.watch[i].kind & EBPF_WATCH_WRITE)
      return true;
  return false;
}

/* Whether D needs the DEBUG handler.  */
static bool
needs_check (const ebpf_machine *m, const struct ebpf_decoded *d, bool breakpoint)
{
  if (breakpoint || m->debug.every_insn || m->debug.history.on
      || m->debug.profile.on)
    return true;
  if (m->debug.stop_depth >= 0 && d->op == EBPF_OP_EXIT)
    return true;
  if (d->op == EBPF_OP_CALL_HELPER
      && ebpf_debug_suspendable_call (m, (uint32_t) d->imm64))
    return true;
  return write_watched (m) && d->op < EBPF_OP_COUNT
         && ebpf_opcodes[d->op].shape == EBPF_SHAPE_CALL;
}

/* The index of the first breakpoint at or above ADDR.  */
static int
breakpoint_index (const struct ebpf_debug *g, uint64_t addr)
{
  int lo = 0, hi = g->n_breakpoints;
  while (lo < hi)
    {
      int mid = lo + (hi - lo) / 2;
      if (g->breakpoints[mid] < addr)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

bool
ebpf_debug_breakpoint_at (const ebpf_machine *m, uint64_t addr)
{
  int i = breakpoint_index (&m->debug, addr);
  return i < m->debug.n_breakpoints && m->debug.breakpoints[i] == addr;
}

void
ebpf_debug_refresh (ebpf_machine *m, struct ebpf_decoded *code,
                    const ebpf_program *prog)
{
  for (size_t i = 0; i < prog->n_slots; i++)
    {
      bool breakpoint = m->debug.n_breakpoints > 0
        && ebpf_debug_breakpoint_at (m, ebpf_program_slot_address (prog, i));
      code[i].handler = needs_check (m, &code[i], breakpoint)
                        ? m->labels[EBPF_PSEUDO_DEBUG]
                        : ebpf_machine_plain_handler (m, &code[i]);
    }
}

void
ebpf_debug_refresh_all (ebpf_machine *m)
{
  ebpf_debug_refresh (m, m->entry_code, m->entry_prog);
  for (int i = 0; i < m->n_programs; i++)
    if (m->programs[i].code && m->programs[i].code != m->entry_code)
      ebpf_debug_refresh (m, m->programs[i].code, m->programs[i].prog);
}

void
ebpf_debug_init (ebpf_machine *m)
{
  m->debug.pending_watch = -1;
  m->debug.hit_watch = -1;
  m->debug.stop_depth = -1;
  const char *path = getenv ("EBPFSIM_DEBUG_PATH");
  if (path && strcmp (path, "1") == 0)
    {
      m->debug.every_insn = true;
      /* A bounded log: a long test run forgets its oldest history.  */
      ebpf_machine_set_recording (m, true, 16u << 20);
    }
}

void
ebpf_debug_free (ebpf_machine *m)
{
  ebpf_debug_abandon_call (m);
  free (m->debug.breakpoints);
  ebpf_undo_free (&m->debug.history);
  ebpf_profile_free (&m->debug.profile);
}

static bool
overlaps (const struct ebpf_watchpoint *w, uint64_t addr, uint64_t len)
{
  return addr < w->addr + w->len && w->addr < addr + len;
}

enum ebpf_debug_action
ebpf_debug_before (ebpf_machine *m, const struct ebpf_decoded *d, bool resuming,
                   uint64_t count, uint64_t cost)
{
  struct ebpf_debug *g = &m->debug;
  if (!resuming && (g->callback_depth == 0 || m->suspended_call)
      && g->n_breakpoints > 0
      && ebpf_debug_breakpoint_at (m, ebpf_program_slot_address
                                        (m->prog, (size_t) (d - m->code))))
    return EBPF_DEBUG_BREAK;
  if (g->history.on)
    ebpf_undo_record_insn (m, d, count, cost, g->callback_depth > 0);
  if (g->profile.on)
    ebpf_profile_insn (m, d, cost);
  if (g->stop_depth >= 0 && d->op == EBPF_OP_EXIT && g->callback_depth == 0
      && m->depth > 0 && m->depth - 1 <= g->stop_depth)
    {
      g->pending_depth = true;
      return EBPF_DEBUG_CHECK_AFTER;
    }
  if (d->op == EBPF_OP_CALL_HELPER && (uint32_t) d->imm64 < EBPF_MAX_HELPER_ID
      && m->helpers[(uint32_t) d->imm64].fn
      && ebpf_debug_suspendable_call (m, (uint32_t) d->imm64))
    return EBPF_DEBUG_SUSPENDABLE_CALL;
  if (g->n_watch == 0 || (g->callback_depth > 0 && !m->suspended_call))
    return EBPF_DEBUG_GO;

  if (d->op < EBPF_OP_COUNT && ebpf_opcodes[d->op].shape == EBPF_SHAPE_CALL)
    {
      /* A helper may write any memory it is given: compare afterwards.  */
      bool any = false;
      for (int i = 0; i < g->n_watch; i++)
        if (g->watch[i].kind & EBPF_WATCH_WRITE)
          {
            if (!ebpf_machine_read (m, g->watch[i].addr, g->snapshot[i],
                                    g->watch[i].len))
              memset (g->snapshot[i], 0, g->watch[i].len);
            any = true;
          }
      g->pending_helper = any;
      return any ? EBPF_DEBUG_CHECK_AFTER : EBPF_DEBUG_GO;
    }
  return EBPF_DEBUG_GO;
}

/* Traps the watched windows, or lets them be.  */
static void
set_trapped (ebpf_machine *m, bool trapped)
{
  struct ebpf_debug *g = &m->debug;
  for (int i = 0; i < g->n_watched_windows; i++)
    ebpf_memory_set_trap (&m->mem, g->watched_windows[i].window,
                          g->watched_windows[i].lo, g->watched_windows[i].hi,
                          trapped);
  g->untrapped = !trapped;
}

/* Lists the windows the watchpoints lie in, each with the offsets they
 * cover there (from the lowest to the highest), and traps them.  */
static void
list_watched_windows (ebpf_machine *m)
{
  struct ebpf_debug *g = &m->debug;
  for (int i = 0; i < g->n_watched_windows; i++)
    ebpf_memory_set_trap (&m->mem, g->watched_windows[i].window, 0, 0, false);
  g->n_watched_windows = 0;
  for (int i = 0; i < g->n_watch; i++)
    {
      uint64_t first = g->watch[i].addr, last = first + g->watch[i].len - 1;
      for (uint64_t w = first >> EBPF_REGION_SHIFT;
           w <= last >> EBPF_REGION_SHIFT && w < EBPF_MAX_REGIONS; w++)
        {
          uint64_t base = ebpf_window_base ((unsigned) w);
          uint32_t lo = first > base ? (uint32_t) first : 0;
          /* hi is one past the last offset: at most 2^32 - 1, so the
           * very last byte of a window is watched only with its start.  */
          uint64_t end = last - base + 1;
          uint32_t hi = end > UINT32_MAX ? UINT32_MAX : (uint32_t) end;
          int k = 0;
          while (k < g->n_watched_windows && g->watched_windows[k].window != w)
            k++;
          if (k == g->n_watched_windows)
            g->watched_windows[g->n_watched_windows++]
              = (struct ebpf_watched_window) { (unsigned) w, lo, hi };
          else
            {
              struct ebpf_watched_window *ww = &g->watched_windows[k];
              ww->lo = lo < ww->lo ? lo : ww->lo;
              ww->hi = hi > ww->hi ? hi : ww->hi;
            }
        }
    }
  set_trapped (m, true);
}

void
ebpf_debug_watched_access (ebpf_machine *m, const struct ebpf_decoded *d,
                           uint64_t addr, unsigned size)
{
  struct ebpf_debug *g = &m->debug;
  uint64_t unused_addr;
  unsigned unused_size;
  bool reads = false, writes = false;
  ebpf_debug_access (d, m->regs, &unused_addr, &unused_size, &reads, &writes);
  /* Inside a helper's callback, stops wait for the helper (as for
   * breakpoints).  */
  for (int i = 0; i < g->n_watch && (g->callback_depth == 0 || m->suspended_call);
       i++)
    {
      const struct ebpf_watchpoint *w = &g->watch[i];
      if (overlaps (w, addr, size)
          && (((w->kind & EBPF_WATCH_READ) && reads)
              || ((w->kind & EBPF_WATCH_WRITE) && writes)))
        {
          g->pending_watch = i;
          g->pending_addr = addr;
          g->pending_size = size;
          g->pending_write = writes;
          break;
        }
    }
  set_trapped (m, false);
}

void
ebpf_debug_settle (ebpf_machine *m)
{
  ebpf_profile_settle (m);
  if (m->debug.untrapped)
    set_trapped (m, true);
  m->debug.pending_watch = -1;
  m->debug.pending_helper = false;
  m->debug.pending_depth = false;
}

bool
ebpf_debug_after (ebpf_machine *m, const struct ebpf_decoded *next,
                  enum ebpf_stop *stop)
{
  struct ebpf_debug *g = &m->debug;
  size_t pc = (size_t) (next - m->code);
  if (g->untrapped)
    set_trapped (m, true);
  *stop = EBPF_STOP_WATCHPOINT;
  if (g->pending_depth)
    {
      g->pending_depth = false;
      *stop = EBPF_STOP_STEP;
      snprintf (m->stop_message, sizeof m->stop_message,
                "returned to pc 0x%llx at call depth %d", (unsigned long long)
                ebpf_program_slot_address (m->prog, pc), m->depth);
      return true;
    }
  if (g->pending_watch >= 0)
    {
      const struct ebpf_watchpoint *w = &g->watch[g->pending_watch];
      g->hit_watch = g->pending_watch;
      g->hit_addr = g->pending_addr;
      g->pending_watch = -1;
      snprintf (m->stop_message, sizeof m->stop_message,
                "%s watchpoint at 0x%llx (%llu bytes): %s of %u bytes at "
                "0x%llx; stopped at pc 0x%llx", watch_kind_names[w->kind],
                (unsigned long long) w->addr, (unsigned long long) w->len,
                g->pending_write ? "write" : "read", g->pending_size,
                (unsigned long long) g->pending_addr,
                (unsigned long long) ebpf_program_slot_address (m->prog, pc));
      return true;
    }
  if (g->pending_helper)
    {
      g->pending_helper = false;
      for (int i = 0; i < g->n_watch; i++)
        {
          const struct ebpf_watchpoint *w = &g->watch[i];
          uint8_t now[EBPF_MAX_WATCH_LEN];
          if (!(w->kind & EBPF_WATCH_WRITE))
            continue;
          if (!ebpf_machine_read (m, w->addr, now, w->len))
            memset (now, 0, w->len);
          if (memcmp (now, g->snapshot[i], w->len) != 0)
            {
              g->hit_watch = i;
              g->hit_addr = w->addr;
              snprintf (m->stop_message, sizeof m->stop_message,
                        "%s watchpoint at 0x%llx (%llu bytes): changed by "
                        "helper %s; stopped at pc 0x%llx",
                        watch_kind_names[w->kind], (unsigned long long) w->addr,
                        (unsigned long long) w->len, ebpf_helper_name (m),
                        (unsigned long long) ebpf_program_slot_address (m->prog, pc));
              return true;
            }
        }
    }
  return false;
}

/* ---- The public API ------------------------------------------------------ */

int
ebpf_machine_set_breakpoint (ebpf_machine *m, uint64_t addr,
                             struct ebpf_error *err)
{
  size_t slot;
  if (!ebpf_program_address_slot (m->entry_prog, addr, &slot)
      && !(m->entry_prog->object
           && ebpf_object_code_address_valid (m->entry_prog->object, addr)))
    return ebpf_error_set (err, "no instruction of the program starts at "
                           "0x%llx", (unsigned long long) addr), -1;
  struct ebpf_debug *g = &m->debug;
  int i = breakpoint_index (g, addr);
  if (i < g->n_breakpoints && g->breakpoints[i] == addr)
    return 0;
  if (g->n_breakpoints == g->breakpoint_cap)
    {
      int cap = g->breakpoint_cap ? 2 * g->breakpoint_cap : 16;
      uint64_t *grown = realloc (g->breakpoints, (size_t) cap * sizeof *grown);
      if (grown == NULL)
        return ebpf_error_set (err, "out of memory"), -1;
      g->breakpoints = grown;
      g->breakpoint_cap = cap;
    }
  memmove (&g->breakpoints[i + 1], &g->breakpoints[i],
           (size_t) (g->n_breakpoints - i) * sizeof *g->breakpoints);
  g->breakpoints[i] = addr;
  g->n_breakpoints++;
  ebpf_debug_refresh_all (m);
  return 0;
}

void
ebpf_machine_clear_breakpoint (ebpf_machine *m, uint64_t addr)
{
  struct ebpf_debug *g = &m->debug;
  int i = breakpoint_index (g, addr);
  if (i == g->n_breakpoints || g->breakpoints[i] != addr)
    return;
  memmove (&g->breakpoints[i], &g->breakpoints[i + 1],
           (size_t) (g->n_breakpoints - i - 1) * sizeof *g->breakpoints);
  g->n_breakpoints--;
  ebpf_debug_refresh_all (m);
}

int
ebpf_machine_set_watchpoint (ebpf_machine *m, uint64_t addr, uint64_t len,
                             enum ebpf_watch_kind kind, struct ebpf_error *err)
{
  if (kind < EBPF_WATCH_WRITE || kind > EBPF_WATCH_ACCESS)
    {
      ebpf_error_set (err, "unknown watchpoint kind %d", (int) kind);
      return -1;
    }
  if (len == 0 || len > EBPF_MAX_WATCH_LEN || addr + len < addr)
    {
      ebpf_error_set (err, "a watchpoint covers 1 to %d bytes, not %llu",
                      EBPF_MAX_WATCH_LEN, (unsigned long long) len);
      return -1;
    }
  if (m->debug.n_watch == EBPF_MAX_WATCHPOINTS)
    {
      ebpf_error_set (err, "at most %d watchpoints", EBPF_MAX_WATCHPOINTS);
      return -1;
    }
  m->debug.watch[m->debug.n_watch++] = (struct ebpf_watchpoint) { addr, len, kind };
  list_watched_windows (m);
  ebpf_debug_refresh_all (m);
  return 0;
}

int
ebpf_machine_clear_watchpoint (ebpf_machine *m, uint64_t addr, uint64_t len,
                               enum ebpf_watch_kind kind)
{
  struct ebpf_debug *g = &m->debug;
  for (int i = 0; i < g->n_watch; i++)
    if (g->watch[i].addr == addr && g->watch[i].len == len
        && g->watch[i].kind == kind)
      {
        memmove (&g->watch[i], &g->watch[i + 1],
                 (size_t) (g->n_watch - i - 1) * sizeof g->watch[0]);
        memmove (g->snapshot[i], g->snapshot[i + 1],
                 (size_t) (g->n_watch - i - 1) * sizeof g->snapshot[0]);
        g->n_watch--;
        list_watched_windows (m);
        ebpf_debug_refresh_all (m);
        return 0;
      }
  return -1;
}

void
ebpf_machine_watch_hit (const ebpf_machine *m, uint64_t *watch_addr,
                        enum ebpf_watch_kind *kind, uint64_t *access_addr)
{
  const struct ebpf_debug *g = &m->debug;
  bool hit = g->hit_watch >= 0 && g->hit_watch < g->n_watch;
  if (watch_addr)
    *watch_addr = hit ? g->watch[g->hit_watch].addr : 0;
  if (kind)
    *kind = hit ? g->watch[g->hit_watch].kind : 0;
  if (access_addr)
    *access_addr = hit ? g->hit_addr : 0;
}
