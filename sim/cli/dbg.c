/* dbg.c — ebpf-run -i's command loop (see dbg.h): reading commands,
 * with readline, history and completion on a terminal, or from a pipe or
 * a script without a prompt, each echoed; names and their unique
 * abbreviations as GDB takes them; an empty line repeating a step; help.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <readline/history.h>
#include <readline/readline.h>
#include "dbg.h"
#include "ebpf-run.h"

struct command
{
  const char *name;
  const char *alias;        /* GDB's one- or two-letter name, or NULL */
  dbg_command_fn *fn;
  bool repeats;             /* an empty line does it again */
  const char *help;
};

static dbg_command_fn help_command, quit_command, info_command, source_command,
  set_command;

static const struct command commands[] = {
  { "run", "r", dbg_run, false, "run [--data-in FILE] -- start the program (again), "
    "with the same inputs or a new packet" },
  { "start", NULL, dbg_start, false, "start [--data-in FILE] -- start the program "
    "and stop at its first instruction" },
  { "continue", "c", dbg_continue, true, "continue -- run until a breakpoint, "
    "a watchpoint, a fault or the exit" },
  { "step", "s", dbg_step, true, "step -- to the next source line, into calls" },
  { "next", "n", dbg_next, true, "next -- to the next source line, over calls" },
  { "stepi", "si", dbg_stepi, true, "stepi -- one instruction" },
  { "nexti", "ni", dbg_nexti, true, "nexti -- one instruction, over calls" },
  { "finish", "fin", dbg_finish, false, "finish -- until the selected frame "
    "returns; prints the value returned (r0)" },
  { "until", "u", dbg_until, true, "until [LOCATION] -- next, but past the "
    "end of a loop; or to LOCATION" },
  { "advance", NULL, dbg_advance, false, "advance LOCATION -- run to LOCATION "
    "(or until the frame returns)" },
  { "kill", "k", dbg_kill, false, "kill -- end the run" },
  { "reverse-stepi", "rsi", dbg_reverse_stepi, true, "reverse-stepi -- undo "
    "one instruction" },
  { "reverse-step", "rs", dbg_reverse_step, true, "reverse-step -- back to "
    "the beginning of the line before, into calls" },
  { "reverse-next", "rn", dbg_reverse_next, true, "reverse-next -- back to "
    "the beginning of the line before, over calls" },
  { "reverse-finish", NULL, dbg_reverse_finish, false, "reverse-finish -- back "
    "to the call of the function" },
  { "reverse-continue", "rc", dbg_reverse_continue, false, "reverse-continue -- "
    "back to the last breakpoint or watchpoint, or the start" },
  { "break", "b", dbg_break, false, "break LOCATION [if CONDITION] -- "
    "LOCATION: FUNCTION, FILE:LINE, LINE or *ADDRESS" },
  { "tbreak", "tb", dbg_tbreak, false, "tbreak LOCATION [if CONDITION] -- a "
    "breakpoint deleted when hit" },
  { "watch", NULL, dbg_watch, false, "watch EXPRESSION|*ADDRESS[,LENGTH]|map "
    "NAME[KEY] -- stop after a write" },
  { "rwatch", NULL, dbg_rwatch, false, "rwatch EXPRESSION|*ADDRESS[,LENGTH] -- "
    "stop after a read" },
  { "awatch", NULL, dbg_awatch, false, "awatch EXPRESSION|*ADDRESS[,LENGTH] -- "
    "stop after a read or a write" },
  { "delete", "d", dbg_delete, false, "delete [N...] -- breakpoints and "
    "watchpoints (all without N)" },
  { "disable", "dis", dbg_disable, false, "disable [N...]" },
  { "enable", "en", dbg_enable, false, "enable [N...]" },
  { "backtrace", "bt", dbg_backtrace, false, "backtrace -- the call frames" },
  { "where", NULL, dbg_backtrace, false, "where -- backtrace" },
  { "frame", "f", dbg_frame, false, "frame [N] -- select frame N, or show "
    "the selected one" },
  { "up", NULL, dbg_up, false, "up [N] -- the caller's frame" },
  { "down", "do", dbg_down, false, "down [N] -- the callee's frame" },
  { "print", "p", dbg_print, false, "print[/x|d|u|t|c] EXPRESSION -- a "
    "variable, $r0-$r10, $pc, $fp, struct fields through pointers" },
  { "ptype", NULL, dbg_ptype, false, "ptype EXPRESSION|TYPE -- its type" },
  { "x", NULL, dbg_examine, true, "x/NFU ADDRESS -- memory: F x d u o t c a i, "
    "U b h w g" },
  { "list", "l", dbg_list, true, "list [LINE|FUNCTION|FILE:LINE] -- source "
    "lines" },
  { "display", "disp", dbg_display, false, "display[/i] EXPRESSION -- show it "
    "at every stop" },
  { "undisplay", NULL, dbg_undisplay, false, "undisplay [N] -- stop showing "
    "display N (all without N)" },
  { "disassemble", "disas", dbg_disassemble, false, "disassemble[/s] "
    "[FUNCTION|ADDRESS] -- a function's instructions, with source lines" },
  { "packet", NULL, dbg_packet, false, "packet -- the packet in hex and its "
    "Ethernet, IP, TCP and UDP headers" },
  { "ctx", NULL, dbg_ctx, false, "ctx -- the program's context" },
  { "info", "i", info_command, false, "info breakpoints|registers|locals|args|"
    "frame|line|maps|display" },
  { "map", NULL, dbg_map, false, "map dump [NAME] | lookup NAME KEY | update "
    "NAME KEY VALUE | delete NAME KEY -- KEY and VALUE a number, an IPv4 "
    "address or 0xBYTES" },
  { "stats", NULL, dbg_stats, false, "stats -- instructions, cycles, time and "
    "the history of the run" },
  { "history", NULL, dbg_history, false, "history [N] -- the last N "
    "instructions run (10), from the recorded history" },
  { "set", NULL, set_command, false, "set listsize N | set syntax llvm|gnu" },
  { "source", NULL, source_command, false, "source FILE -- run its commands" },
  { "help", "h", help_command, false, "help [COMMAND]" },
  { "quit", "q", quit_command, false, "quit -- leave the debugger" },
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static bool quitting;

void
dbg_error (struct dbg *d, const char *fmt, ...)
{
  va_list ap;
  fflush (d->out);
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
  fflush (stderr);
}

/* The command NAME names: its full name, its alias, or an abbreviation
 * that only it starts with.  NULL (after a message) when none or many.  */
static const struct command *
find_command (struct dbg *d, const char *name, size_t len)
{
  const struct command *found = NULL;
  int matches = 0;
  for (size_t i = 0; i < N_COMMANDS; i++)
    {
      const struct command *c = &commands[i];
      if ((strlen (c->name) == len && strncmp (c->name, name, len) == 0)
          || (c->alias && strlen (c->alias) == len && strncmp (c->alias, name, len) == 0))
        return c;
      if (strncmp (c->name, name, len) == 0)
        {
          found = c;
          matches++;
        }
    }
  if (matches == 1)
    return found;
  if (matches == 0)
    dbg_error (d, "Undefined command: \"%.*s\".  Try \"help\".", (int) len, name);
  else
    dbg_error (d, "Ambiguous command \"%.*s\".", (int) len, name);
  return NULL;
}

static void
help_command (struct dbg *d, const char *args)
{
  if (*args)
    {
      const struct command *c = find_command (d, args, strcspn (args, " \t"));
      if (c)
        fprintf (d->out, "%s\n", c->help);
      return;
    }
  fprintf (d->out, "ebpfsim's debugger: commands are GDB's where GDB has one, "
           "and may be abbreviated.\n");
  for (size_t i = 0; i < N_COMMANDS; i++)
    fprintf (d->out, "  %s\n", commands[i].help);
  fprintf (d->out, "An empty line repeats step, next, stepi, nexti, continue, "
           "list and x.\n");
}

static void
quit_command (struct dbg *d, const char *args)
{
  (void) d;
  (void) args;
  quitting = true;
}

static void
info_command (struct dbg *d, const char *args)
{
  static const struct { const char *name; dbg_command_fn *fn; } infos[] = {
    { "breakpoints", dbg_info_breakpoints }, { "watchpoints", dbg_info_breakpoints },
    { "registers", dbg_info_registers }, { "locals", dbg_info_locals },
    { "args", dbg_info_args }, { "frame", dbg_info_frame },
    { "line", dbg_info_line }, { "maps", dbg_info_maps },
    { "display", dbg_info_display },
  };
  size_t len = strcspn (args, " \t");
  const char *rest = args + len + strspn (args + len, " \t");
  int found = -1, matches = 0;
  for (size_t i = 0; len && i < sizeof infos / sizeof infos[0]; i++)
    if (strncmp (infos[i].name, args, len) == 0)
      {
        if (strlen (infos[i].name) == len)
          {
            found = (int) i;
            matches = 1;
            break;
          }
        found = (int) i;
        matches++;
      }
  if (matches != 1)
    {
      dbg_error (d, "\"info\" takes breakpoints, registers, locals, args, frame, "
                 "line or maps%s%.*s%s", len ? " (not \"" : "", (int) len, args,
                 len ? "\")" : "");
      return;
    }
  infos[found].fn (d, rest);
}

static void
set_command (struct dbg *d, const char *args)
{
  unsigned long n;
  char *end;
  if (strncmp (args, "listsize", 8) == 0
      && (n = strtoul (args + 8, &end, 10)) > 0 && n <= 10000
      && *(end + strspn (end, " \t")) == '\0')
    d->listsize = (unsigned) n;
  else if (strcmp (args, "syntax llvm") == 0 || strcmp (args, "syntax gnu") == 0)
    d->gnu_syntax = args[7] == 'g';
  else
    dbg_error (d, "set takes: listsize N (1-10000), syntax llvm|gnu");
}

static void execute (struct dbg *d, const char *line);

/* Reads the commands of a script, echoed.  */
static bool
run_script (struct dbg *d, const char *path)
{
  FILE *f = fopen (path, "r");
  if (f == NULL)
    {
      dbg_error (d, "%s: %s.", path, strerror (errno));
      return false;
    }
  char buf[4096];
  while (!quitting && fgets (buf, sizeof buf, f))
    {
      buf[strcspn (buf, "\n")] = '\0';
      fprintf (d->out, "(ebpf) %s\n", buf);
      execute (d, buf);
    }
  fclose (f);
  return true;
}

static void
source_command (struct dbg *d, const char *args)
{
  if (*args == '\0')
    dbg_error (d, "source needs a file name.");
  else
    run_script (d, args);
}

/* Runs one command line.  */
static void
execute (struct dbg *d, const char *line)
{
  line += strspn (line, " \t");
  if (*line == '\0' || *line == '#')
    return;
  size_t len = strcspn (line, " \t/");
  const struct command *c = find_command (d, line, len);
  if (c == NULL)
    return;
  const char *args = line + len;
  if (*args != '/')
    args += strspn (args, " \t");
  char *copy = strdup (args);
  if (copy == NULL)
    {
      dbg_error (d, "out of memory");
      return;
    }
  /* Trailing blanks are nobody's.  */
  for (size_t n = strlen (copy); n > 0 && (copy[n - 1] == ' ' || copy[n - 1] == '\t'); n--)
    copy[n - 1] = '\0';
  c->fn (d, copy);
  free (copy);
  fflush (d->out);
}

/* ---- Terminal: readline --------------------------------------------------- */

static struct dbg *completing;

/* Candidates after the first word: functions, maps, FILE: prefixes from
 * the line tables' files, the variables in scope at the selected frame.  */
static char *
complete_word (const char *text, int state)
{
  static size_t i;
  static int phase;
  if (state == 0)
    i = 0, phase = 0;
  size_t len = strlen (text);
  struct dbg *d = completing;
  for (; phase < 5; phase++, i = 0)
    {
      if (phase == 0)
        while (i < N_COMMANDS)
          {
            const char *n = commands[i++].name;
            if (rl_point == (int) len && strncmp (n, text, len) == 0)
              return strdup (n);
          }
      if (phase == 1 && d->lines)
        while (i < ebpf_lines_function_count (d->lines))
          {
            const char *n = ebpf_lines_function (d->lines, i++)->name;
            if (n && strncmp (n, text, len) == 0)
              return strdup (n);
          }
      if (phase == 2)
        while ((int) i < ebpf_machine_map_count (d->s->m))
          {
            struct ebpf_map_info info;
            ebpf_machine_map_info (d->s->m, (int) i++, &info);
            if (info.name && strncmp (info.name, text, len) == 0)
              return strdup (info.name);
          }
      if (phase == 3 && d->lines)
        while (i < ebpf_lines_count (d->lines))
          {
            /* Each file once: where its rows start.  */
            const struct ebpf_line *r = ebpf_lines_row (d->lines, i++);
            const struct ebpf_line *prev = i > 1 ? ebpf_lines_row (d->lines, i - 2) : NULL;
            if (r->file == NULL || (prev && prev->file && strcmp (prev->file, r->file) == 0))
              continue;
            const char *base = strrchr (r->file, '/');
            base = base ? base + 1 : r->file;
            if (strncmp (base, text, len) == 0)
              {
                char *s = malloc (strlen (base) + 2);
                if (s)
                  sprintf (s, "%s:", base);
                rl_completion_append_character = '\0';
                return s;
              }
          }
      if (phase == 4 && d->vars && d->running)
        {
          struct ebpf_frame_info f;
          struct ebpf_variable vars[128];
          int n = 0;
          if (ebpf_machine_frame (d->s->m, d->frame, &f))
            n = ebpf_vars_at (d->vars, f.call_pc ? f.call_pc : f.pc, vars, 128, NULL);
          while ((int) i < n && i < 128)
            {
              const char *name = vars[i++].name;
              if (name && strncmp (name, text, len) == 0)
                return strdup (name);
            }
        }
    }
  return NULL;
}

static char **
complete (const char *text, int start, int end)
{
  (void) start;
  (void) end;
  rl_attempted_completion_over = 1;
  return rl_completion_matches (text, complete_word);
}

/* $XDG_STATE_HOME/ebpfsim/history, or ~/.ebpfsim_history.  */
static char *
history_path (void)
{
  const char *state = getenv ("XDG_STATE_HOME");
  const char *home = getenv ("HOME");
  char path[4096];
  if (state && *state)
    {
      snprintf (path, sizeof path, "%s/ebpfsim", state);
      mkdir (path, 0700);
      snprintf (path, sizeof path, "%s/ebpfsim/history", state);
    }
  else if (home && *home)
    snprintf (path, sizeof path, "%s/.ebpfsim_history", home);
  else
    return NULL;
  return strdup (path);
}

/* ---- Ctrl-C ------------------------------------------------------------- */

static ebpf_machine *volatile interrupt_machine;

static void
on_interrupt (int sig)
{
  (void) sig;
  ebpf_machine *m = interrupt_machine;
  if (m)
    ebpf_machine_interrupt (m);
}

int
dbg_main (struct ebpf_session *s, const char *script, bool batch)
{
  struct dbg d = { .s = s, .out = stdout, .status = EXIT_RAN, .listsize = 10,
                   .next_number = 1, .shown_function = UINT64_MAX };
  d.lines = s->obj ? run_lines (s->obj) : NULL;
  if (d.lines)
    d.vars = ebpf_vars_open (d.lines, NULL);
  ebpf_machine_set_recording (s->m, true, 0);

  /* Ctrl-C stops a run: the machine checks the flag as it goes.  */
  interrupt_machine = s->m;
  struct sigaction sa = { .sa_handler = on_interrupt };
  sigemptyset (&sa.sa_mask);
  sigaction (SIGINT, &sa, NULL);

  bool tty = isatty (STDIN_FILENO) && isatty (STDOUT_FILENO);
  if (script && !run_script (&d, script) && batch)
    d.status = EXIT_INPUT;
  if (batch)
    quitting = true;
  char *history = NULL;
  if (tty && !quitting)
    {
      rl_readline_name = "ebpfsim";
      rl_attempted_completion_function = complete;
      completing = &d;
      history = history_path ();
      if (history)
        read_history (history);
    }
  char *last = NULL;
  char buf[4096];
  while (!quitting)
    {
      char *line;
      if (tty)
        {
          line = readline ("(ebpf) ");
          if (line == NULL)
            break;
          if (*line)
            add_history (line);
        }
      else
        {
          if (fgets (buf, sizeof buf, stdin) == NULL)
            break;
          buf[strcspn (buf, "\n")] = '\0';
          fprintf (d.out, "(ebpf) %s\n", buf);
          line = strdup (buf);
          if (line == NULL)
            break;
        }
      const char *p = line + strspn (line, " \t");
      if (*p == '\0' && last)
        execute (&d, last);
      else
        {
          execute (&d, line);
          size_t len = strcspn (p, " \t/");
          bool repeats = false;
          for (size_t i = 0; i < N_COMMANDS && *p; i++)
            if ((strlen (commands[i].name) == len && strncmp (commands[i].name, p, len) == 0)
                || (commands[i].alias && strlen (commands[i].alias) == len
                    && strncmp (commands[i].alias, p, len) == 0))
              repeats = commands[i].repeats;
          free (last);
          last = repeats ? strdup (p) : NULL;
        }
      free (line);
    }
  if (history)
    write_history (history);
  free (history);
  free (last);
  interrupt_machine = NULL;
  signal (SIGINT, SIG_DFL);
  dbg_points_free (&d);
  dbg_displays_free (&d);
  ebpf_vars_close (d.vars);
  free (d.data_in);
  return d.status;
}
