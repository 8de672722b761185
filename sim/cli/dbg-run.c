/* dbg-run.c — ebpf-run -i: running and stopping the program (see
 * dbg.h).  Every way of running goes through resume(), which steps off a
 * breakpoint at the pc first, tests breakpoint conditions (going on
 * when one is false) and reports the stop as GDB does.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "dbg.h"
#include "ebpf-run.h"

static bool
need_running (struct dbg *d)
{
  if (!d->running)
    dbg_error (d, "The program is not being run.");
  return d->running;
}

/* ---- Starting ------------------------------------------------------------- */

/* Starts a run: the inputs of ARGS ("--data-in FILE"), else the last.  */
static bool
begin_run (struct dbg *d, const char *args)
{
  struct ebpf_session *s = d->s;
  char *copy = strdup (args), *save = NULL;
  bool ok = copy != NULL;
  for (char *w = copy ? strtok_r (copy, " \t", &save) : NULL; ok && w;
       w = strtok_r (NULL, " \t", &save))
    {
      const char *file = NULL;
      if (strcmp (w, "--data-in") == 0)
        file = strtok_r (NULL, " \t", &save);
      else if (strncmp (w, "--data-in=", 10) == 0)
        file = w + 10;
      else
        {
          dbg_error (d, "run takes --data-in FILE, not \"%s\".", w);
          ok = false;
          break;
        }
      if (file == NULL || *file == '\0')
        {
          dbg_error (d, "--data-in needs a file.");
          ok = false;
          break;
        }
      free (d->data_in);
      d->data_in = strdup (file);
      s->config.data_in = d->data_in;
    }
  free (copy);
  if (!ok)
    return false;
  enum ebpf_context_kind kind = ebpf_program_context_kind (s->prog);
  if (!s->config.data_in && (kind == EBPF_CONTEXT_XDP || kind == EBPF_CONTEXT_SKB
                             || kind == EBPF_CONTEXT_SOCKET))
    {
      dbg_error (d, "A %s program runs on a packet: run --data-in FILE.",
                 ebpf_context_kind_name (kind));
      return false;
    }
  if (!ebpf_session_feed (s))
    return false;
  ebpf_machine_reset (s->m);
  d->running = true;
  d->frame = 0;
  d->shown_function = UINT64_MAX;
  return true;
}

/* ---- Stops ---------------------------------------------------------------- */

static struct dbg_point *
point_numbered (struct dbg *d, int number)
{
  for (int i = 0; i < d->n_points; i++)
    if (d->points[i].number == number)
      return &d->points[i];
  return NULL;
}

static bool
point_at (const struct dbg_point *p, uint64_t pc)
{
  if (p->kind != DBG_BREAK || !p->enabled)
    return false;
  for (int k = 0; k < p->n_addrs; k++)
    if (p->addrs[k] == pc)
      return true;
  return false;
}

/* Whether a breakpoint that stopped the machine at PC stops it for the
 * user: one of the enabled breakpoints there has no condition or a true
 * one.  Counts the hits; names the first in *HIT.  */
static bool
breakpoint_stops (struct dbg *d, uint64_t pc, int *hit)
{
  bool stops = false;
  *hit = 0;
  for (int i = 0; i < d->n_points; i++)
    {
      struct dbg_point *p = &d->points[i];
      if (!point_at (p, pc))
        continue;
      int64_t v = 1;
      if (p->condition && !dbg_eval_condition (d, p->condition, &v))
        {
          dbg_error (d, "Error in testing condition for breakpoint %d.", p->number);
          v = 1;
        }
      if (v != 0)
        {
          p->hits++;
          if (!stops)
            *hit = p->number;
          stops = true;
        }
    }
  return stops;
}

static void delete_point (struct dbg *d, struct dbg_point *p);

static void
report (struct dbg *d, enum ebpf_stop stop, int hit)
{
  ebpf_machine *m = d->s->m;
  fflush (d->out);
  run_print_output (m, d->out, false);
  d->frame = 0;
  switch (stop)
    {
    case EBPF_STOP_EXIT:
      {
        uint64_t r0 = ebpf_machine_reg (m, 0);
        fprintf (d->out, "[program exited with r0 = 0x%" PRIx64 " (%" PRId64 ")]\n",
                 r0, (int64_t) r0);
        d->running = false;
        d->status = d->s->obj && ebpf_object_is_executable (d->s->obj)
                    ? (int) (r0 & 0xff) : EXIT_RAN;
        return;
      }
    case EBPF_STOP_BREAKPOINT:
      {
        struct dbg_point *p = point_numbered (d, hit);
        fprintf (d->out, "\n%s %d, ", p && p->temporary ? "Temporary breakpoint"
                 : "Breakpoint", hit);
        d->shown_function = UINT64_MAX;
        if (p && p->temporary)
          delete_point (d, p);
        break;
      }
    case EBPF_STOP_WATCHPOINT:
      {
        uint64_t watch_addr, access;
        enum ebpf_watch_kind kind;
        ebpf_machine_watch_hit (m, &watch_addr, &kind, &access);
        for (int i = 0; i < d->n_points; i++)
          {
            struct dbg_point *p = &d->points[i];
            if (p->kind == DBG_WATCH && p->enabled && p->addr == watch_addr
                && p->watch == kind)
              {
                p->hits++;
                fprintf (d->out, "\n%s %d: %s (%s 0x%" PRIx64 ")\n",
                         kind == EBPF_WATCH_WRITE ? "Watchpoint"
                         : kind == EBPF_WATCH_READ ? "Read watchpoint"
                         : "Access watchpoint", p->number, p->location,
                         kind == EBPF_WATCH_READ ? "read at" : kind == EBPF_WATCH_WRITE
                         ? "written at" : "access at", access);
                break;
              }
          }
        d->shown_function = UINT64_MAX;
        break;
      }
    case EBPF_STOP_FAULT:
    case EBPF_STOP_LIMIT:
    case EBPF_STOP_ABORT:
      fprintf (d->out, "\nProgram stopped: %s\n", ebpf_machine_stop_message (m));
      d->status = stop == EBPF_STOP_FAULT ? EXIT_FAULT : stop == EBPF_STOP_LIMIT
                  ? EXIT_LIMIT : EXIT_ABORT;
      d->shown_function = UINT64_MAX;
      break;
    case EBPF_STOP_INTERRUPT:
      fprintf (d->out, "\nProgram received signal SIGINT, Interrupt.\n");
      d->shown_function = UINT64_MAX;
      break;
    case EBPF_STOP_HISTORY_START:
      fprintf (d->out, "\nNo more reverse-execution history.\n");
      d->shown_function = UINT64_MAX;
      break;
    case EBPF_STOP_STEP:
      break;
    }
  dbg_show_stop (d);
  dbg_do_displays (d);
}

/* The ways of running.  */
enum how { CONTINUE, STEP, NEXT, STEPI, NEXTI, FINISH, UNTIL, ADVANCE,
           REVERSE_STEPI, REVERSE_CONTINUE, REVERSE_STEP, REVERSE_NEXT,
           REVERSE_FINISH };

/* until: next, but on through a jump back to an earlier line of the
 * same frame (the end of a loop) until a later line.  */
static enum ebpf_stop
until_next_line (struct dbg *d)
{
  ebpf_machine *m = d->s->m;
  if (d->lines == NULL)
    return ebpf_machine_step (m);
  const struct ebpf_line *row = ebpf_lines_find (d->lines, ebpf_machine_pc (m));
  uint32_t line = row ? row->line : 0;
  int depth = ebpf_machine_call_depth (m);
  for (;;)
    {
      enum ebpf_stop stop = ebpf_machine_step_line (m, d->lines, true);
      if (stop != EBPF_STOP_STEP || ebpf_machine_call_depth (m) != depth)
        return stop;
      const struct ebpf_line *r = ebpf_lines_find (d->lines, ebpf_machine_pc (m));
      if (r == NULL || r->line == 0 || r->line > line || line == 0)
        return stop;
    }
}

static enum ebpf_stop
run_once (struct dbg *d, enum how how, int depth)
{
  ebpf_machine *m = d->s->m;
  switch (how)
    {
    case CONTINUE: return ebpf_machine_run (m);
    case STEP:
    case NEXT:
      return d->lines ? ebpf_machine_step_line (m, d->lines, how == NEXT)
                      : ebpf_machine_step (m);
    case STEPI: return ebpf_machine_step (m);
    case NEXTI:
      {
        enum ebpf_stop stop = ebpf_machine_step (m);
        if (stop == EBPF_STOP_STEP && ebpf_machine_call_depth (m) > depth)
          stop = ebpf_machine_run_to_depth (m, depth);
        return stop;
      }
    case FINISH: return ebpf_machine_run_to_depth (m, depth);
    case UNTIL: return until_next_line (d);
    case ADVANCE:
      /* To the location's breakpoints, or out of the frame.  */
      return depth > 0 ? ebpf_machine_run_to_depth (m, depth - 1) : ebpf_machine_run (m);
    case REVERSE_STEPI: return ebpf_machine_reverse_step (m);
    case REVERSE_CONTINUE: return ebpf_machine_reverse_run (m);
    case REVERSE_STEP:
    case REVERSE_NEXT:
      return d->lines ? ebpf_machine_reverse_step_line (m, d->lines, how == REVERSE_NEXT)
                      : ebpf_machine_reverse_step (m);
    case REVERSE_FINISH: return ebpf_machine_reverse_finish (m);
    }
  return EBPF_STOP_STEP;
}

/* Runs as HOW says (FINISH: to DEPTH) and reports the stop.  */
static void
resume (struct dbg *d, enum how how, int depth)
{
  ebpf_machine *m = d->s->m;
  int start_depth = ebpf_machine_call_depth (m);
  enum ebpf_stop stop;
  int hit = 0;
  bool reverse = how == REVERSE_STEPI || how == REVERSE_CONTINUE
                 || how == REVERSE_STEP || how == REVERSE_NEXT || how == REVERSE_FINISH;
  bool off_breakpoint = !reverse && how != STEPI && how != NEXTI;
  for (;;)
    {
      /* Off a breakpoint at the pc first: it stopped the last run.  */
      bool at_point = false;
      for (int i = 0; off_breakpoint && i < d->n_points; i++)
        at_point = at_point || point_at (&d->points[i], ebpf_machine_pc (m));
      stop = EBPF_STOP_STEP;
      if (at_point && (how == CONTINUE || how == FINISH || how == ADVANCE))
        {
          stop = ebpf_machine_step (m);
          if (stop == EBPF_STOP_STEP && how == FINISH
              && ebpf_machine_call_depth (m) <= depth)
            break;
        }
      if (stop == EBPF_STOP_STEP)
        stop = run_once (d, how, how == FINISH ? depth : start_depth);
      /* A step that ends on a breakpoint has hit it, as in GDB.  */
      if (stop == EBPF_STOP_STEP && !reverse
          && breakpoint_stops (d, ebpf_machine_pc (m), &hit))
        {
          stop = EBPF_STOP_BREAKPOINT;
          break;
        }
      if (stop != EBPF_STOP_BREAKPOINT
          || breakpoint_stops (d, ebpf_machine_pc (m), &hit))
        break;
      /* advance's own place: a stop, not a breakpoint's.  */
      bool advanced = false;
      for (int i = 0; how == ADVANCE && i < d->n_advance; i++)
        advanced = advanced || d->advance[i] == ebpf_machine_pc (m);
      if (advanced)
        {
          stop = EBPF_STOP_STEP;
          break;
        }
      /* A false condition: on as if it were not there.  */
      if ((how == STEP || how == NEXT) && ebpf_machine_call_depth (m) > start_depth)
        {
          stop = ebpf_machine_run_to_depth (m, start_depth);
          if (stop != EBPF_STOP_STEP)
            break;
        }
      if (how == STEPI || how == NEXTI || reverse)
        break;
      off_breakpoint = true;
    }
  report (d, stop, hit);
}

void
dbg_run (struct dbg *d, const char *args)
{
  if (begin_run (d, args))
    resume (d, CONTINUE, 0);
}

void
dbg_start (struct dbg *d, const char *args)
{
  if (begin_run (d, args))
    {
      d->shown_function = UINT64_MAX;
      dbg_show_stop (d);
    }
}

void
dbg_continue (struct dbg *d, const char *args)
{
  (void) args;
  if (need_running (d))
    resume (d, CONTINUE, 0);
}

void
dbg_step (struct dbg *d, const char *args)
{
  (void) args;
  if (need_running (d))
    resume (d, STEP, 0);
}

void
dbg_next (struct dbg *d, const char *args)
{
  (void) args;
  if (need_running (d))
    resume (d, NEXT, 0);
}

void
dbg_stepi (struct dbg *d, const char *args)
{
  (void) args;
  if (need_running (d))
    resume (d, STEPI, 0);
}

void
dbg_nexti (struct dbg *d, const char *args)
{
  (void) args;
  if (need_running (d))
    resume (d, NEXTI, 0);
}

void
dbg_finish (struct dbg *d, const char *args)
{
  (void) args;
  if (!need_running (d))
    return;
  int depth = ebpf_machine_call_depth (d->s->m) - d->frame - 1;
  if (depth < 0)
    {
      dbg_error (d, "\"finish\" not meaningful in the outermost frame.");
      return;
    }
  struct ebpf_frame_info f;
  ebpf_machine_frame (d->s->m, d->frame, &f);
  fprintf (d->out, "Run till exit from frame #%d\n", d->frame);
  resume (d, FINISH, depth);
  if (d->running && ebpf_machine_call_depth (d->s->m) == depth)
    {
      uint64_t r0 = ebpf_machine_reg (d->s->m, 0);
      fprintf (d->out, "Value returned: r0 = 0x%" PRIx64 " (%" PRId64 ")\n", r0,
               (int64_t) r0);
    }
}

/* advance LOCATION, until LOCATION: run to it with breakpoints of the
 * moment, or until the current frame returns.  */
static void
advance_to (struct dbg *d, const char *location)
{
  uint64_t addrs[16];
  struct ebpf_error err;
  int n = run_resolve_location (d->s->obj, location, addrs, 16, &err);
  if (n < 0)
    {
      dbg_error (d, "%s.", err.message);
      return;
    }
  ebpf_machine *m = d->s->m;
  bool added[16] = { false };
  for (int i = 0; i < n; i++)
    {
      bool used = false;
      for (int k = 0; k < d->n_points; k++)
        used = used || point_at (&d->points[k], addrs[i]);
      added[i] = !used && ebpf_machine_set_breakpoint (m, addrs[i], &err) == 0;
    }
  memcpy (d->advance, addrs, (size_t) n * sizeof addrs[0]);
  d->n_advance = n;
  resume (d, ADVANCE, ebpf_machine_call_depth (m));
  d->n_advance = 0;
  for (int i = 0; i < n; i++)
    if (added[i])
      ebpf_machine_clear_breakpoint (m, addrs[i]);
}

void
dbg_until (struct dbg *d, const char *args)
{
  if (!need_running (d))
    return;
  if (*args)
    advance_to (d, args);
  else
    resume (d, UNTIL, 0);
}

void
dbg_advance (struct dbg *d, const char *args)
{
  if (!need_running (d))
    return;
  if (*args == '\0')
    dbg_error (d, "advance needs a location.");
  else
    advance_to (d, args);
}

void
dbg_kill (struct dbg *d, const char *args)
{
  (void) args;
  if (need_running (d))
    {
      d->running = false;
      fprintf (d->out, "[program killed]\n");
    }
}

void
dbg_reverse_stepi (struct dbg *d, const char *args)
{
  (void) args;
  if (need_running (d))
    resume (d, REVERSE_STEPI, 0);
}

void
dbg_reverse_step (struct dbg *d, const char *args)
{
  (void) args;
  if (need_running (d))
    resume (d, REVERSE_STEP, 0);
}

void
dbg_reverse_next (struct dbg *d, const char *args)
{
  (void) args;
  if (need_running (d))
    resume (d, REVERSE_NEXT, 0);
}

void
dbg_reverse_finish (struct dbg *d, const char *args)
{
  (void) args;
  if (need_running (d))
    resume (d, REVERSE_FINISH, 0);
}

void
dbg_reverse_continue (struct dbg *d, const char *args)
{
  (void) args;
  if (need_running (d))
    resume (d, REVERSE_CONTINUE, 0);
}

/* ---- Breakpoints and watchpoints ----------------------------------------- */

/* Whether another enabled point than SKIP breaks at ADDR.  */
static bool
address_used (struct dbg *d, uint64_t addr, const struct dbg_point *skip)
{
  for (int i = 0; i < d->n_points; i++)
    if (&d->points[i] != skip && point_at (&d->points[i], addr))
      return true;
  return false;
}

/* Puts P in the machine (ON) or takes it out.  */
static bool
arm (struct dbg *d, struct dbg_point *p, bool on)
{
  ebpf_machine *m = d->s->m;
  struct ebpf_error err;
  if (p->kind == DBG_WATCH)
    {
      if (!on)
        ebpf_machine_clear_watchpoint (m, p->addr, p->len, p->watch);
      else if (ebpf_machine_set_watchpoint (m, p->addr, p->len, p->watch, &err) != 0)
        {
          dbg_error (d, "%s", err.message);
          return false;
        }
      return true;
    }
  for (int k = 0; k < p->n_addrs; k++)
    if (!on && !address_used (d, p->addrs[k], p))
      ebpf_machine_clear_breakpoint (m, p->addrs[k]);
    else if (on && ebpf_machine_set_breakpoint (m, p->addrs[k], &err) != 0)
      {
        dbg_error (d, "%s", err.message);
        return false;
      }
  return true;
}

static void
delete_point (struct dbg *d, struct dbg_point *p)
{
  if (p->enabled)
    {
      p->enabled = false;
      arm (d, p, false);
    }
  free (p->location);
  free (p->condition);
  size_t i = (size_t) (p - d->points);
  memmove (p, p + 1, (size_t) (d->n_points - (int) i - 1) * sizeof *p);
  d->n_points--;
}

void
dbg_points_free (struct dbg *d)
{
  for (int i = 0; i < d->n_points; i++)
    {
      free (d->points[i].location);
      free (d->points[i].condition);
    }
  free (d->points);
  d->points = NULL;
  d->n_points = 0;
}

static struct dbg_point *
new_point (struct dbg *d, enum dbg_point_kind kind, const char *location)
{
  struct dbg_point *grown = realloc (d->points, (size_t) (d->n_points + 1) * sizeof *grown);
  char *loc = strdup (location);
  if (grown == NULL || loc == NULL)
    {
      if (grown)
        d->points = grown;
      free (loc);
      dbg_error (d, "out of memory");
      return NULL;
    }
  d->points = grown;
  struct dbg_point *p = &d->points[d->n_points];
  memset (p, 0, sizeof *p);
  p->kind = kind;
  p->location = loc;
  p->enabled = true;
  return p;
}

static void
add_breakpoint (struct dbg *d, const char *args, bool temporary)
{
  if (*args == '\0')
    {
      dbg_error (d, "break needs a location: FUNCTION, FILE:LINE, LINE or *ADDRESS.");
      return;
    }
  char location[512];
  const char *cond = strstr (args, " if ");
  size_t len = cond ? (size_t) (cond - args) : strlen (args);
  snprintf (location, sizeof location, "%.*s", (int) len, args);
  if (cond)
    cond += 4;
  /* LINE alone: a line of the file the program is stopped in, or listed.  */
  char spec[600];
  char *end;
  strtoul (location, &end, 10);
  if (location[0] >= '0' && location[0] <= '9' && *end == '\0' && d->list_file)
    snprintf (spec, sizeof spec, "%s:%s", d->list_file, location);
  else
    snprintf (spec, sizeof spec, "%s", location);
  struct dbg_point p0 = { 0 };
  struct ebpf_error err;
  int n = run_resolve_location (d->s->obj, spec, p0.addrs, 16, &err);
  if (n < 0)
    {
      dbg_error (d, "%s.", err.message);
      return;
    }
  if (cond)
    {
      cond += strspn (cond, " \t");
      if (*cond == '\0')
        {
          dbg_error (d, "Argument required (boolean expression).");
          return;
        }
    }
  struct dbg_point *p = new_point (d, DBG_BREAK, location);
  if (p == NULL)
    return;
  memcpy (p->addrs, p0.addrs, sizeof p->addrs);
  p->n_addrs = n;
  p->temporary = temporary;
  p->condition = cond ? strdup (cond) : NULL;
  if (!arm (d, p, true))
    {
      free (p->location);
      free (p->condition);
      return;
    }
  p->number = d->next_number++;
  d->n_points++;
  char where[600];
  const char *line = run_source_location (d->s->obj, p->addrs[0], where, sizeof where);
  fprintf (d->out, "%s %d at 0x%" PRIx64 "%s%s%s\n",
           temporary ? "Temporary breakpoint" : "Breakpoint", p->number,
           p->addrs[0], line ? ": " : "", line ? line : "",
           n > 1 ? " (and more places)" : "");
}

void
dbg_break (struct dbg *d, const char *args)
{
  add_breakpoint (d, args, false);
}

void
dbg_tbreak (struct dbg *d, const char *args)
{
  add_breakpoint (d, args, true);
}

/* watch EXPRESSION or *ADDRESS[,LENGTH]: what it covers.  */
static void
add_watchpoint (struct dbg *d, const char *args, enum ebpf_watch_kind kind)
{
  uint64_t addr = 0, len = 8;
  if (*args == '\0')
    {
      dbg_error (d, "watch needs an expression or *ADDRESS[,LENGTH].");
      return;
    }
  if (strncmp (args, "map ", 4) == 0)
    {
      if (!dbg_map_value_address (d, args + 4 + strspn (args + 4, " \t"), &addr, &len))
        return;
    }
  else if (args[0] == '*')
    {
      char *end;
      char text[256];
      snprintf (text, sizeof text, "%s", args + 1);
      char *comma = strchr (text, ',');
      if (comma)
        {
          *comma = '\0';
          len = strtoull (comma + 1, &end, 0);
          if (*end || len == 0)
            {
              dbg_error (d, "watch *ADDRESS,LENGTH: a bad length \"%s\".", comma + 1);
              return;
            }
        }
      int64_t v;
      if (!dbg_eval_integer (d, text, &v))
        return;
      addr = (uint64_t) v;
    }
  else
    {
      if (d->vars == NULL)
        {
          dbg_error (d, "No symbol table: watch *ADDRESS[,LENGTH].");
          return;
        }
      struct ebpf_frame_info frame, *f = NULL;
      if (d->running && dbg_selected_frame (d, &frame))
        f = &frame;
      struct ebpf_value v;
      struct ebpf_error err;
      if (ebpf_vars_eval (d->vars, f, ebpf_vars_read_machine, d->s->m, args, &v, &err) != 0)
        {
          dbg_error (d, "%s", err.message);
          return;
        }
      bool in_memory = v.where == EBPF_LOCATION_MEMORY;
      addr = v.addr;
      len = v.size;
      ebpf_value_clear (&v);
      if (!in_memory || len == 0)
        {
          dbg_error (d, "Cannot watch %s: it is not in memory here.", args);
          return;
        }
    }
  struct dbg_point *p = new_point (d, DBG_WATCH, args);
  if (p == NULL)
    return;
  p->addr = addr;
  p->len = len;
  p->watch = kind;
  if (!arm (d, p, true))
    {
      free (p->location);
      return;
    }
  p->number = d->next_number++;
  d->n_points++;
  fprintf (d->out, "%s %d: %s (0x%" PRIx64 ", %" PRIu64 " bytes)\n",
           kind == EBPF_WATCH_WRITE ? "Watchpoint" : kind == EBPF_WATCH_READ
           ? "Read watchpoint" : "Access watchpoint", p->number, p->location,
           addr, len);
}

void
dbg_watch (struct dbg *d, const char *args)
{
  add_watchpoint (d, args, EBPF_WATCH_WRITE);
}

void
dbg_rwatch (struct dbg *d, const char *args)
{
  add_watchpoint (d, args, EBPF_WATCH_READ);
}

void
dbg_awatch (struct dbg *d, const char *args)
{
  add_watchpoint (d, args, EBPF_WATCH_ACCESS);
}

/* Applies WHAT to the points ARGS numbers (all when empty).  */
static void
for_points (struct dbg *d, const char *args, int what)
{
  if (*args == '\0')
    {
      while (what == 0 && d->n_points > 0)
        delete_point (d, &d->points[0]);
      for (int i = 0; what != 0 && i < d->n_points; i++)
        if (d->points[i].enabled != (what > 0))
          {
            d->points[i].enabled = what > 0;
            arm (d, &d->points[i], what > 0);
          }
      return;
    }
  char *copy = strdup (args), *save = NULL;
  for (char *w = copy ? strtok_r (copy, " \t", &save) : NULL; w;
       w = strtok_r (NULL, " \t", &save))
    {
      char *end;
      long n = strtol (w, &end, 10);
      struct dbg_point *p = *end == '\0' ? point_numbered (d, (int) n) : NULL;
      if (p == NULL)
        dbg_error (d, "No breakpoint number %s.", w);
      else if (what == 0)
        delete_point (d, p);
      else if (p->enabled != (what > 0))
        {
          p->enabled = what > 0;
          if (!arm (d, p, what > 0))
            p->enabled = false;
        }
    }
  free (copy);
}

void
dbg_delete (struct dbg *d, const char *args)
{
  for_points (d, args, 0);
}

void
dbg_disable (struct dbg *d, const char *args)
{
  for_points (d, args, -1);
}

void
dbg_enable (struct dbg *d, const char *args)
{
  for_points (d, args, 1);
}

void
dbg_info_breakpoints (struct dbg *d, const char *args)
{
  (void) args;
  if (d->n_points == 0)
    {
      fprintf (d->out, "No breakpoints or watchpoints.\n");
      return;
    }
  fprintf (d->out, "Num     Type            Disp Enb Address            What\n");
  for (int i = 0; i < d->n_points; i++)
    {
      const struct dbg_point *p = &d->points[i];
      const char *type = p->kind == DBG_BREAK ? "breakpoint"
                         : p->watch == EBPF_WATCH_WRITE ? "watchpoint"
                         : p->watch == EBPF_WATCH_READ ? "read watchpoint"
                         : "acc watchpoint";
      char where[600];
      const char *line = p->kind == DBG_BREAK
                         ? run_source_location (d->s->obj, p->addrs[0], where, sizeof where)
                         : NULL;
      fprintf (d->out, "%-7d %-15s %-4s %-3s 0x%016" PRIx64 " %s%s\n", p->number,
               type, p->temporary ? "del" : "keep", p->enabled ? "y" : "n",
               p->kind == DBG_BREAK ? p->addrs[0] : p->addr,
               line ? "in " : "", line ? line : p->location);
      if (p->condition)
        fprintf (d->out, "\tstop only if %s\n", p->condition);
      if (p->hits)
        fprintf (d->out, "\t%s already hit %u time%s\n",
                 p->kind == DBG_BREAK ? "breakpoint" : "watchpoint", p->hits,
                 p->hits == 1 ? "" : "s");
    }
}
