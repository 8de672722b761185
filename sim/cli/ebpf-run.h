/* ebpf-run.h — what the parts of ebpf-run share.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_RUN_H
#define EBPF_RUN_H

#include <stdbool.h>
#include <stdio.h>
#include "disasm.h"
#include "ebpfsim.h"
#include "ebpfsim-lines.h"

extern const char *progname;

/* --map NAME=FILE.json: false after a message on stderr.  */
bool run_seed_map (ebpf_machine *m, const char *spec);
/* Ring buffer samples and perf events the program sent, drained: plain
 * lines, or a JSON member to add to the result object.  */
void run_print_output (ebpf_machine *m, FILE *out, bool json);
/* --dump-maps: plain text, or JSON members to add to the result object.  */
void run_dump_maps (ebpf_machine *m, FILE *out, bool json);
/* Map MAP's elements (plain: its header, then a key and value line each,
 * and bpftool's BTF form; JSON: an object), and the list of maps.  */
void run_dump_map (ebpf_machine *m, int map, FILE *out, bool json);
void run_list_maps (ebpf_machine *m, FILE *out);
/* The words for a map operation's negative errno RC, the kernel's own
 * ENOTSUPP (524) too: "the map is full (E2BIG)".  */
const char *run_map_error (long rc);

/* --break FUNCTION|FILE:LINE|ADDRESS and --watch ADDRESS[,LENGTH][:KIND]:
 * false after a message on stderr.  */
bool run_add_breakpoint (ebpf_machine *m, const ebpf_object *obj,
                         const char *spec);
bool run_add_watchpoint (ebpf_machine *m, const char *spec);
/* The code addresses of a location: FUNCTION, FILE:LINE (the first
 * statement of each block of code the line has; a line without code
 * stands for the next one with code) or an address (N or *N).  Writes at
 * most MAX and returns how many; -1 with ERR.  */
int run_resolve_location (const ebpf_object *obj, const char *spec,
                          uint64_t *addrs, size_t max, struct ebpf_error *err);

/* The instruction at code address ADDR of M's object as text (one line,
 * in SYNTAX) into TEXT: the bytes it takes (8, or 16 for lddw), 0 when
 * ADDR is not code.  What the debugger's x/i and the GDB server's
 * `monitor disassemble` print.  */
int run_disassemble (const ebpf_machine *m, const ebpf_program *prog, uint64_t addr,
                     enum ebpf_syntax syntax, char *text, size_t len);
/* OBJ's line tables, opened on first use; NULL when it has none.
 * run_close_lines closes them.  */
ebpf_lines *run_lines (const ebpf_object *obj);
void run_close_lines (void);
/* "FILE:LINE" of code address PC in BUF, from OBJ's line tables, or
 * NULL.  */
const char *run_source_location (const ebpf_object *obj, uint64_t pc,
                                 char *buf, size_t len);

#endif
