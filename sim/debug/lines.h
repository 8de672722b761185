/* lines.h — how the line tables of ebpfsim-lines.h are built: a reader
 * (DWARF in lines-dwarf.c, BTF in lines-btf.c) adds rows, functions and
 * line texts; lines.c sorts them and answers the queries.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_LINES_H
#define EBPF_LINES_H

#include "ebpfsim-lines.h"

/* The text of one source line, as BTF's line_info carries it.  */
struct ebpf_line_text
{
  const char *file;
  uint32_t line;
  const char *text;
};

struct ebpf_lines
{
  const ebpf_object *obj;
  enum ebpf_lines_source origin;
  struct ebpf_line *rows;
  size_t n_rows, rows_cap;
  struct ebpf_function *functions;
  size_t n_functions, functions_cap;
  struct ebpf_line_text *texts;
  size_t n_texts, texts_cap;
  char **strings;                  /* owned: interned names and texts */
  size_t n_strings, strings_cap;
  struct ebpf_source_file *files;  /* read from disk on demand */
  size_t n_files;
  void *reader;                    /* the reader's own state (libdw's) */
  void (*close_reader) (void *reader);
};

/* A copy of S owned by the tables (the same pointer for equal strings).  */
const char *ebpf_lines_intern (ebpf_lines *lines, const char *s);
void ebpf_lines_add_row (ebpf_lines *lines, const struct ebpf_line *row);
void ebpf_lines_add_function (ebpf_lines *lines, const struct ebpf_function *f);
void ebpf_lines_add_text (ebpf_lines *lines, const char *file, uint32_t line,
                          const char *text);

/* The readers: false with ERR when the object has no such information.  */
bool ebpf_lines_read_dwarf (ebpf_lines *lines, struct ebpf_error *err);
bool ebpf_lines_read_btf (ebpf_lines *lines, struct ebpf_error *err);

#endif
