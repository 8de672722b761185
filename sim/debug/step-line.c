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
          continue;
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
