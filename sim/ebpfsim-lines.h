/* ebpfsim-lines.h — source lines, functions and variables of an object's
 * code, by code address (the addresses of ebpfsim-debug.h: one per
 * instruction, the same in the debug image, breakpoints and frames).
 *
 * The tables come from DWARF (.debug_line, .debug_info, read with libdw
 * from the object's debug image, so that they agree with what any DWARF
 * consumer reads there) or, when the object has no DWARF, from .BTF.ext's
 * line_info and func_info, which also carry each line's text.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPFSIM_LINES_H
#define EBPFSIM_LINES_H

#include "ebpfsim.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ebpf_lines ebpf_lines;

enum ebpf_lines_source
{
  EBPF_LINES_ANY,     /* DWARF when the object has it, else BTF */
  EBPF_LINES_DWARF,
  EBPF_LINES_BTF,
};

/* One row of the line table: the instructions from ADDR up to the next
 * row's address (or the end of the function) come from FILE:LINE.  */
struct ebpf_line
{
  uint64_t addr;
  const char *file;       /* the path the compiler recorded, directory
                             joined when relative */
  uint32_t line, column;  /* 0 when unknown */
  bool is_stmt;           /* a place to stop when stepping by line */
};

struct ebpf_function
{
  const char *name;
  uint64_t low, high;     /* its code: [low, high) */
  const char *file;       /* where it is defined, or NULL */
  uint32_t line;
};

/* The tables of OBJ from SOURCE; NULL with ERR when the object has no
 * such information (ERR says which).  OBJ must outlive the tables.  */
ebpf_lines *ebpf_lines_open (const ebpf_object *obj,
                             enum ebpf_lines_source source,
                             struct ebpf_error *err);
void ebpf_lines_close (ebpf_lines *lines);
/* Where the tables came from: EBPF_LINES_DWARF or EBPF_LINES_BTF.  */
enum ebpf_lines_source ebpf_lines_origin (const ebpf_lines *lines);

/* The rows, sorted by address.  */
size_t ebpf_lines_count (const ebpf_lines *lines);
const struct ebpf_line *ebpf_lines_row (const ebpf_lines *lines, size_t i);
/* The row that covers ADDR, or NULL.  */
const struct ebpf_line *ebpf_lines_find (const ebpf_lines *lines,
                                         uint64_t addr);
/* The addresses to stop at for FILE:LINE (FILE matched whole or by its
 * last path components, "fw.c" matching "/src/fw.c"): the first is_stmt
 * row of each block of code the line has.  Returns how many there are,
 * writing at most MAX into ADDRS.  */
size_t ebpf_lines_addresses (const ebpf_lines *lines, const char *file,
                             uint32_t line, uint64_t *addrs, size_t max);

/* Functions, sorted by address.  */
size_t ebpf_lines_function_count (const ebpf_lines *lines);
const struct ebpf_function *ebpf_lines_function (const ebpf_lines *lines,
                                                 size_t i);
const struct ebpf_function *ebpf_lines_function_at (const ebpf_lines *lines,
                                                    uint64_t addr);
const struct ebpf_function *ebpf_lines_function_named (const ebpf_lines *lines,
                                                       const char *name);

/* The text of FILE:LINE, without its newline: from the file on disk
 * when it can be read, else from BTF's line text when the object carries
 * it for that line.  NULL when neither has it.  The text stays valid
 * until the tables are closed.  */
const char *ebpf_lines_source_text (ebpf_lines *lines, const char *file,
                                    uint32_t line);

#ifdef __cplusplus
}
#endif
#endif
