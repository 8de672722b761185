/* session.h — what every front end does before a program runs: read the
 * options that say which program and what it runs on (ebpf-run's, which
 * the GDB server and the interactive debugger take as they are), load the
 * object and pick the program, make the machine, set its environment and
 * maps, and feed it its inputs for each run.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_SESSION_H
#define EBPF_SESSION_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include "ebpfsim.h"

/* Exit statuses of every front end, as ebpf-run(1) documents them.  */
enum
{
  EXIT_RAN = 0,        /* the program exited; its r0 is printed */
  EXIT_USAGE = 1,      /* bad command line */
  EXIT_INPUT = 2,      /* unreadable or malformed input */
  EXIT_FAULT = 3,      /* the program faulted */
  EXIT_LIMIT = 4,      /* the instruction budget ran out */
  EXIT_STOPPED = 5,    /* a --break or --watch stopped the run */
  EXIT_ABORT = 134,    /* an executable called abort (128 + SIGABRT) */
};

#define EBPF_SESSION_MAX_LIST 64

/* What the options said.  */
struct ebpf_session_config
{
  const char *path;                    /* the program file */
  bool raw, big_endian, list, json;
  bool maps_only;                      /* an object without programs loads
                                          (its maps are all that is asked) */
  const char *section, *prog, *btf, *kconfig;
  const char *mem_path, *mem_hex;      /* input memory of bytecode */
  const char *data_in, *ctx_in;        /* BPF_PROG_TEST_RUN's inputs */
  const char *map_seeds[EBPF_SESSION_MAX_LIST];
  int n_map_seeds;
  const char *stubs[EBPF_SESSION_MAX_LIST];
  int n_stubs;
  uint64_t seed, max_insns;
  const char *comm, *trace_path;
  FILE *default_trace;                 /* where trace_printk goes without
                                          --trace: NULL for stdout */
  struct ebpf_machine_options machine;
  const char *memory_size, *endian;    /* as given, for their checks */
  const char *cycle_model;             /* --cycle-model: a file or the name
                                          of a model shipped with ebpfsim */
};

/* A program loaded and its machine.  */
struct ebpf_session
{
  struct ebpf_session_config config;
  ebpf_object *obj;                    /* NULL for bytecode and source */
  ebpf_program *prog;
  ebpf_machine *m;
  FILE *trace;                         /* --trace FILE, opened */
  ebpf_cost_model *model;              /* --cycle-model's, read */
};

/* A front end's getopt_long table: the session's options (their values
 * lie from EBPF_SESSION_OPTION_BASE up; -E is 'E'; ebpf-run(1) documents
 * them) followed by the front end's own N_OWN (OWN has no terminating
 * entry), ended by a zero entry.  Malloc'd (out of memory exits).  */
#define EBPF_SESSION_OPTION_BASE 1000
struct option *ebpf_session_merge_options (const struct option *own,
                                           size_t n_own);

/* Sets CONFIG's defaults.  */
void ebpf_session_config_init (struct ebpf_session_config *config);
/* Takes option C with argument ARG: 1 when it is a session option, 0 when
 * it is not, -1 when its argument is bad (a message printed).  */
int ebpf_session_option (struct ebpf_session_config *config, int c,
                         const char *arg);
/* The checks between options, once all are read: false after a message
 * (exit status EXIT_USAGE).  */
bool ebpf_session_check (const struct ebpf_session_config *config);

/* Loads the program file; with --list prints the object's programs and
 * maps instead and returns EXIT_RAN with no program, as it does with
 * maps_only for an object that has maps and no program.  EXIT_RAN, or the
 * exit status after a message.  On success S->prog is set (and S->obj
 * for ELF objects); a failed pick leaves S->obj open, for --debug-image.  */
int ebpf_session_load (struct ebpf_session *s,
                       const struct ebpf_session_config *config);
/* Makes the machine with its environment, map contents, helper stubs and
 * input memory: EXIT_RAN, or the exit status after a message.  */
int ebpf_session_start (struct ebpf_session *s);
/* Gives the machine a fresh copy of --data-in and --ctx-in for a run:
 * false after a message.  */
bool ebpf_session_feed (struct ebpf_session *s);
void ebpf_session_close (struct ebpf_session *s);

/* The program of OBJ that WANTED names (a program, or a section as HOW
 * says), or the only one: NULL with ERR.  */
ebpf_program *ebpf_session_pick (ebpf_object *obj, const char *path,
                                 const char *wanted, const char *how,
                                 struct ebpf_error *err);

/* A positive count for OPTION: false after a message.  */
bool ebpf_session_parse_count (const char *option, const char *text,
                               uint64_t *value);

#endif
