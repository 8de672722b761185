/* server-monitor.c — the GDB server's monitor commands (qRcmd): maps and
 * their elements, counters, the next run's packet, a restart, the call
 * frames and instructions as text.  Output goes to the server's console, which sends it
 * to GDB as O packets.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <inttypes.h>
#include <linux/bpf.h>
#include <stdlib.h>
#include <string.h>
#include "cli/ebpf-run.h"
#include "ebpfsim-debug.h"
#include "ebpfsim-lines.h"
#include "server.h"

static void
help (FILE *out)
{
  fputs ("ebpf-gdbserver monitor commands:\n"
         "  help              this list\n"
         "  maps              the program's maps\n"
         "  map dump [NAME]   the elements of map NAME (every map without NAME)\n"
         "  stats             instructions, cycles, time, history, call depth\n"
         "  frames            the call frames as the simulator keeps them\n"
         "  disassemble ADDR [COUNT] [llvm|gnu]\n"
         "                    COUNT instructions from code address ADDR, a line\n"
         "                    each: address, length in bytes, text (ebpfsim's\n"
         "                    instruction table: every RFC 9669 instruction)\n"
         "  data-in FILE      the packet of the next run (run, or monitor reset)\n"
         "  reset             restart the program at its entry, breakpoints kept\n"
         "                    (then 'maint flush register-cache')\n", out);
}

static void
frames (struct ebpf_server *srv, FILE *out)
{
  const ebpf_machine *m = srv->session->m;
  ebpf_lines *lines = srv->session->obj
                      ? ebpf_lines_open (srv->session->obj, EBPF_LINES_ANY, NULL)
                      : NULL;
  int count = ebpf_machine_frame_count (m);
  for (int k = 0; k < count; k++)
    {
      struct ebpf_frame_info f;
      if (!ebpf_machine_frame (m, k, &f))
        break;
      const struct ebpf_function *fn = lines ? ebpf_lines_function_at (lines, f.pc) : NULL;
      char where[600];
      const char *line = run_source_location (srv->session->obj, f.pc, where,
                                              sizeof where);
      fprintf (out, "#%d  pc 0x%" PRIx64 " in %s%s%s%s  fp 0x%" PRIx64, k, f.pc,
               fn && fn->name ? fn->name : "??", line ? " (" : "",
               line ? line : "", line ? ")" : "", f.fp);
      if (k > 0)
        fprintf (out, "  called from 0x%" PRIx64, f.call_pc);
      fprintf (out, "%s\n", f.callback ? "  [callback]" : "");
      for (int r = 0; r < 11; r++)
        fprintf (out, "%s r%-2d 0x%016" PRIx64 "%s", r % 4 == 0 ? "   " : "",
                 r, f.regs[r], r % 4 == 3 || r == 10 ? "\n" : "");
    }
  ebpf_lines_close (lines);
}

/* The command's words: at most 4, separated by blanks.  */
static int
split (char *text, char **words, int max)
{
  int n = 0;
  for (char *p = strtok (text, " \t\n"); p; p = strtok (NULL, " \t\n"))
    {
      if (n == max)
        return max + 1;
      words[n++] = p;
    }
  return n;
}

/* disassemble ADDR [COUNT] [llvm|gnu]: what GDB's x/i and disassemble
 * print through the extension's disassembler, which knows no more of
 * BPF than binutils 2.40 (no v4 instructions; every atomic an xadd).  */
static void
disassemble (struct ebpf_server *srv, char **w, int n, FILE *out)
{
  ebpf_machine *m = srv->session->m;
  char *end;
  errno = 0;
  uint64_t addr = strtoull (w[1], &end, 0);
  bool bad = errno != 0 || *end != '\0' || w[1][0] == '-';
  unsigned long count = 1;
  enum ebpf_syntax syntax = EBPF_SYNTAX_LLVM;
  for (int i = 2; i < n && !bad; i++)
    if (strcmp (w[i], "llvm") == 0)
      syntax = EBPF_SYNTAX_LLVM;
    else if (strcmp (w[i], "gnu") == 0)
      syntax = EBPF_SYNTAX_GNU;
    else
      {
        errno = 0;
        count = strtoul (w[i], &end, 0);
        bad = errno != 0 || *end != '\0' || count == 0 || count > 4096;
      }
  if (bad)
    {
      fprintf (out, "usage: monitor disassemble ADDR [COUNT 1-4096] [llvm|gnu]\n");
      return;
    }
  for (unsigned long k = 0; k < count; k++)
    {
      char text[128];
      int size = run_disassemble (m, srv->session->prog, addr, syntax, text, sizeof text);
      if (size == 0)
        {
          fprintf (out, "0x%" PRIx64 " 0\tnot code\n", addr);
          return;
        }
      fprintf (out, "0x%" PRIx64 " %d\t%s\n", addr, size, text);
      addr += (uint64_t) size;
    }
}

void
ebpf_server_monitor (struct ebpf_server *srv, const char *command)
{
  FILE *out = srv->console;
  ebpf_machine *m = srv->session->m;
  char *copy = strdup (command);
  char *w[5];
  int n = copy ? split (copy, w, 5) : 0;
  if (copy == NULL)
    fprintf (out, "out of memory\n");
  else if (n == 0 || (n == 1 && strcmp (w[0], "help") == 0))
    help (out);
  else if (n == 1 && strcmp (w[0], "maps") == 0)
    run_list_maps (m, out);
  else if ((n == 2 || n == 3) && strcmp (w[0], "map") == 0
           && strcmp (w[1], "dump") == 0)
    {
      if (n == 2)
        for (int i = 0; i < ebpf_machine_map_count (m); i++)
          run_dump_map (m, i, out, false);
      else
        {
          int map = ebpf_machine_find_map (m, w[2]);
          if (map < 0)
            fprintf (out, "no map named '%s' (see 'monitor maps')\n", w[2]);
          else
            run_dump_map (m, map, out, false);
        }
    }
  else if (n == 1 && strcmp (w[0], "stats") == 0)
    {
      fprintf (out, "instructions: %" PRIu64 "\ncycles: %" PRIu64 "\n"
               "time: %.1f ns (%s)\n"
               "history: %" PRIu64 " instructions in %zu bytes%s\n"
               "call depth: %d\npc: 0x%" PRIx64 "\n",
               ebpf_machine_insn_count (m), ebpf_machine_cycle_count (m),
               ebpf_machine_time_ns (m),
               ebpf_cost_model_name (ebpf_machine_cost_model (m)),
               ebpf_machine_history_insns (m), ebpf_machine_history_bytes (m),
               srv->opts.record ? "" : " (recording off)",
               ebpf_machine_call_depth (m), ebpf_machine_pc (m));
      if (!srv->running)
        fprintf (out, "the program has exited (status %d)\n", srv->last_status);
    }
  else if (n == 1 && strcmp (w[0], "frames") == 0)
    frames (srv, out);
  else if (n >= 2 && n <= 4 && strcmp (w[0], "disassemble") == 0)
    disassemble (srv, w, n, out);
  else if (n == 2 && strcmp (w[0], "data-in") == 0)
    {
      FILE *f = fopen (w[1], "rb");
      char *path = f ? strdup (w[1]) : NULL;
      if (f == NULL)
        fprintf (out, "data-in: %s: %s\n", w[1], strerror (errno));
      else if (path == NULL)
        fprintf (out, "out of memory\n");
      else
        {
          free (srv->data_in);
          srv->data_in = path;
          fprintf (out, "the next run's packet: %s\n", path);
        }
      if (f)
        fclose (f);
    }
  else if (n == 1 && strcmp (w[0], "reset") == 0)
    {
      if (!srv->running)
        fprintf (out, "the program is not running: use 'run'\n");
      else if (ebpf_server_restart (srv, true))
        fprintf (out, "restarted at pc 0x%" PRIx64 "; run 'maintenance flush "
                 "register-cache' so that GDB reads the registers again\n",
                 ebpf_machine_pc (m));
      else
        fprintf (out, "reset failed: the inputs could not be read\n");
    }
  else
    fprintf (out, "unknown monitor command '%s'; 'monitor help' lists them\n",
             command);
  free (copy);
}
