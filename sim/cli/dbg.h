/* dbg.h — ebpf-run -i, ebpfsim's own debugger: a command line spelled
 * like GDB's over the public debug interface, the line tables and the
 * variables (the same core the GDB server stands on).
 *
 * dbg.c reads commands (readline on a terminal; from a pipe or -x FILE
 * without a prompt, echoed) and dispatches them; dbg-run.c runs and
 * stops the program (run, step, next, finish, breakpoints, watchpoints,
 * the reverse forms); dbg-look.c shows it (frames, registers, variables,
 * memory, source, displays); dbg-bpf.c has the BPF things (the packet,
 * the context, map elements).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_DBG_H
#define EBPF_DBG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "ebpfsim-debug.h"
#include "ebpfsim-lines.h"
#include "session.h"

enum dbg_point_kind { DBG_BREAK, DBG_WATCH };

/* A numbered breakpoint or watchpoint, as GDB numbers them.  */
struct dbg_point
{
  int number;
  enum dbg_point_kind kind;
  char *location;               /* as the user wrote it */
  uint64_t addrs[16];           /* breakpoints: where in the code */
  int n_addrs;
  uint64_t addr, len;           /* watchpoints */
  enum ebpf_watch_kind watch;
  char *condition;              /* NULL, or an expression: stop when nonzero */
  bool enabled, temporary;
  unsigned hits;
};

struct dbg
{
  struct ebpf_session *s;
  ebpf_lines *lines;            /* NULL: no line information */
  ebpf_vars *vars;              /* NULL: no DWARF */
  FILE *out;
  bool running;                 /* started and not yet exited */
  int status;                   /* the last run's: what --batch exits with */
  int frame;                    /* the selected frame, 0 innermost */
  struct dbg_point *points;
  int n_points, next_number;
  char *data_in;                /* run --data-in's file */
  uint64_t shown_function;      /* the function of the last stop shown with
                                   its frame line; UINT64_MAX: show it */
  int shown_depth;
  const char *list_file;        /* where the next plain "list" goes on */
  uint32_t list_line;
  unsigned listsize;
  bool gnu_syntax;              /* set syntax gnu: instructions as binutils */
  int value_number;             /* print's $N */
  uint64_t advance[16];         /* where advance and until LOCATION stop */
  int n_advance;
  struct dbg_display { int number; char *expr; bool instruction; } *displays;
  int n_displays, next_display;
};

/* A command: its words after the name in ARGS (never NULL).  */
typedef void dbg_command_fn (struct dbg *d, const char *args);

/* Running and stopping (dbg-run.c).  */
dbg_command_fn dbg_run, dbg_start, dbg_continue, dbg_step, dbg_next,
  dbg_stepi, dbg_nexti, dbg_finish, dbg_until, dbg_advance, dbg_kill,
  dbg_break, dbg_tbreak,
  dbg_watch, dbg_rwatch, dbg_awatch, dbg_delete, dbg_disable, dbg_enable,
  dbg_info_breakpoints, dbg_reverse_stepi, dbg_reverse_continue,
  dbg_reverse_step, dbg_reverse_next, dbg_reverse_finish;
void dbg_points_free (struct dbg *d);

/* Looking (dbg-look.c).  */
dbg_command_fn dbg_backtrace, dbg_frame, dbg_up, dbg_down, dbg_info_frame,
  dbg_info_registers, dbg_info_locals, dbg_info_args, dbg_print, dbg_ptype,
  dbg_examine, dbg_list, dbg_info_line, dbg_info_maps, dbg_stats,
  dbg_display, dbg_undisplay, dbg_info_display, dbg_disassemble, dbg_history;
/* The displays, after a stop.  */
void dbg_do_displays (struct dbg *d);
void dbg_displays_free (struct dbg *d);

/* BPF things (dbg-bpf.c).  */
dbg_command_fn dbg_packet, dbg_ctx, dbg_map;
/* Where map element "NAME[KEY]" (or "NAME KEY") has its value: false
 * after a message.  */
bool dbg_map_value_address (struct dbg *d, const char *text, uint64_t *addr,
                            uint64_t *len);
/* Where the machine stopped, as GDB shows a stop: the frame's function
 * and arguments, then the source line (or the instruction).  */
void dbg_show_stop (struct dbg *d);
/* The selected frame; false (after a message) when nothing runs.  */
bool dbg_selected_frame (struct dbg *d, struct ebpf_frame_info *frame);
/* Evaluates EXPR in the selected frame (registers $r0-$r10, $pc, $fp as
 * well as C over the DWARF variables) to an integer: false after a
 * message.  */
bool dbg_eval_integer (struct dbg *d, const char *expr, int64_t *value);
/* A breakpoint's condition: integers compared (== != < <= > >=) and
 * joined (&& ||, !) as C does.  */
bool dbg_eval_condition (struct dbg *d, const char *expr, int64_t *value);

/* The message of a command that cannot be done: one line.  */
void dbg_error (struct dbg *d, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

/* Runs the debugger on session S (loaded and started) reading commands
 * from IN (a terminal gets readline and a prompt); SCRIPT, when given,
 * first.  BATCH: exit after the commands (at the end of input in any
 * case).  Returns the exit status: the last run's, as ebpf-run's.  */
int dbg_main (struct ebpf_session *s, const char *script, bool batch);

#endif
