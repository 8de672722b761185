/* step-line.c — stepping by source line (ebpfsim-lines.h), as GDB steps:
 * run the block of the line (ebpf_lines_line_range, the range the GDB
 * server widens GDB's to), and where the pc leaves it decide as GDB's
 * infrun decides: a call entered is stepped into (when the callee has
 * lines) or run whole; a return to the caller stops there, in the middle
 * of the caller's line; the first instruction of another line's
 * statement stops; code of no line and the middle of another line are
 * stepped on through.  The two debuggers (GDB through ebpf-gdbserver,
 * ebpf-run -i) thus visit the same lines.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>
#include "ebpfsim-debug.h"
#include "ebpfsim-lines.h"

static bool
same_line (const struct ebpf_line *a, const char *file, uint32_t line)
{
  return a->line == line && a->file != NULL && file != NULL
         && strcmp (a->file, file) == 0;
}

enum ebpf_stop
ebpf_machine_step_line (ebpf_machine *m, const ebpf_lines *lines, bool over)
{
  const struct ebpf_line *row = ebpf_lines_find (lines, ebpf_machine_pc (m));
  if (row == NULL || row->line == 0)
    return ebpf_machine_step (m);   /* no line here: an instruction */
  const char *file = row->file;
  uint32_t line = row->line;
  int depth = ebpf_machine_call_depth (m);
  for (;;)
    {
      uint64_t pc = ebpf_machine_pc (m), low, high;
      enum ebpf_stop stop = ebpf_lines_line_range (lines, pc, &low, &high)
                            ? ebpf_machine_run_range (m, low, high)
                            : ebpf_machine_step (m);
      if (stop != EBPF_STOP_STEP)
        return stop;
      pc = ebpf_machine_pc (m);
      int now = ebpf_machine_call_depth (m);
      const struct ebpf_line *r = ebpf_lines_find (lines, pc);
      if (now > depth)
        {
          /* A call: into it when it has lines and we step; else run it
           * whole and go on with the line.  */
          if (!over && r != NULL && r->line != 0)
            return EBPF_STOP_STEP;
          stop = ebpf_machine_run_to_depth (m, depth);
          if (stop != EBPF_STOP_STEP)
            return stop;
          /* Back after the call: where is that?  */
          pc = ebpf_machine_pc (m);
          now = ebpf_machine_call_depth (m);
          r = ebpf_lines_find (lines, pc);
        }
      if (now < depth || r == NULL)
        return EBPF_STOP_STEP;   /* returned to the caller, or no lines */
      if (r->line == 0)
        continue;
      if (same_line (r, file, line))
        continue;
      if (pc == r->addr && r->is_stmt)
        return EBPF_STOP_STEP;
      file = r->file;            /* the middle of another line: finish it */
      line = r->line;
    }
}

/* Back over a call the reverse step went into (the machine is at
 * depth above DEPTH, in the callee's last instruction): to the call.  */
static enum ebpf_stop
reverse_over_call (ebpf_machine *m, int depth)
{
  enum ebpf_stop stop = EBPF_STOP_STEP;
  while (stop == EBPF_STOP_STEP && ebpf_machine_call_depth (m) > depth)
    stop = ebpf_machine_reverse_step (m);
  return stop;
}

enum ebpf_stop
ebpf_machine_reverse_step_line (ebpf_machine *m, const ebpf_lines *lines,
                                bool over)
{
  const struct ebpf_line *row = ebpf_lines_find (lines, ebpf_machine_pc (m));
  if (row == NULL || row->line == 0)
    return ebpf_machine_reverse_step (m);
  const char *file = row->file;
  uint32_t line = row->line;
  int depth = ebpf_machine_call_depth (m);
  /* In the middle of a line, back to its beginning; at its beginning,
   * back into the line before and to that one's beginning.  */
  uint64_t low, high;
  bool found = ebpf_lines_line_range (lines, ebpf_machine_pc (m), &low, &high)
               && ebpf_machine_pc (m) != low;
  for (;;)
    {
      uint64_t pc = ebpf_machine_pc (m);
      if (found && ebpf_lines_line_range (lines, pc, &low, &high) && pc == low)
        return EBPF_STOP_STEP;
      enum ebpf_stop stop = ebpf_machine_reverse_step (m);
      if (stop != EBPF_STOP_STEP)
        return stop;
      int now = ebpf_machine_call_depth (m);
      if (now < depth)
        return EBPF_STOP_STEP;   /* back before the function's entry: the call */
      if (now > depth)
        {
          /* Back into a call's end: reverse-step goes on in the
           * callee, to the beginning of its last line; reverse-next goes
           * back over the call.  */
          if (!over)
            {
              const struct ebpf_line *r = ebpf_lines_find (lines, ebpf_machine_pc (m));
              if (r != NULL && r->line != 0)
                {
                  depth = now;
                  file = r->file;
                  line = r->line;
                  found = true;
                  continue;
                }
            }
          stop = reverse_over_call (m, depth);
          if (stop != EBPF_STOP_STEP)
            return stop;
        }
      const struct ebpf_line *r = ebpf_lines_find (lines, ebpf_machine_pc (m));
      if (r == NULL)
        return EBPF_STOP_STEP;
      if (r->line == 0 || (r->line == line && r->file && file && strcmp (r->file, file) == 0))
        continue;
      if (found)
        {
          /* One instruction too far, into the line before that: forward
           * over it again (a call whole).  */
          stop = ebpf_machine_step (m);
          if (stop == EBPF_STOP_STEP && ebpf_machine_call_depth (m) > depth)
            stop = ebpf_machine_run_to_depth (m, depth);
          return stop;
        }
      file = r->file;
      line = r->line;
      found = true;
    }
}

enum ebpf_stop
ebpf_machine_reverse_finish (ebpf_machine *m)
{
  int depth = ebpf_machine_call_depth (m);
  if (depth == 0)
    return ebpf_machine_reverse_run (m);
  enum ebpf_stop stop = EBPF_STOP_STEP;
  while (stop == EBPF_STOP_STEP && ebpf_machine_call_depth (m) >= depth)
    stop = ebpf_machine_reverse_step (m);
  return stop;
}
