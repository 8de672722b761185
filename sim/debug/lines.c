/* lines.c — the line tables of ebpfsim-lines.h: what the readers
 * (lines-dwarf.c, lines-btf.c) add, sorted, and the queries over it.
 *
 * A row covers the code from its address up to the next row's, unless a
 * sequence ends between them: a reader marks the end of a sequence of
 * rows (DWARF's end_sequence, the end of a BTF function) by adding a row
 * whose file is NULL.  Those marks are kept apart from the rows the
 * interface shows: once sorted, rows[0, n_rows) are the rows and
 * rows[n_rows, rows_cap) the sequence ends, by address.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/error.h"
#include "load/debug-image.h"
#include "load/object.h"
#include "xalloc.h"
#include "lines.h"

/* A source file read from disk, split into lines (NULL: unreadable).  */
struct ebpf_source_file
{
  const char *path;          /* interned */
  char *text;                /* the whole file, newlines made NULs */
  char **lines;
  size_t n_lines;
};

/* ---- Building ---------------------------------------------------------------- */

/* Interned strings are kept sorted, for a binary search.  */
static size_t
string_slot (const ebpf_lines *lines, const char *s, bool *found)
{
  size_t lo = 0, hi = lines->n_strings;
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      int c = strcmp (lines->strings[mid], s);
      if (c == 0)
        {
          *found = true;
          return mid;
        }
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  *found = false;
  return lo;
}

const char *
ebpf_lines_intern (ebpf_lines *lines, const char *s)
{
  if (s == NULL)
    return NULL;
  bool found;
  size_t at = string_slot (lines, s, &found);
  if (found)
    return lines->strings[at];
  if (lines->n_strings == lines->strings_cap)
    {
      lines->strings_cap = lines->strings_cap ? 2 * lines->strings_cap : 64;
      lines->strings = ebpf_xrealloc (lines->strings,
                                      lines->strings_cap * sizeof *lines->strings);
    }
  memmove (lines->strings + at + 1, lines->strings + at,
           (lines->n_strings - at) * sizeof *lines->strings);
  lines->strings[at] = ebpf_xstrdup (s);
  lines->n_strings++;
  return lines->strings[at];
}

void
ebpf_lines_add_row (ebpf_lines *lines, const struct ebpf_line *row)
{
  if (lines->n_rows == lines->rows_cap)
    {
      lines->rows_cap = lines->rows_cap ? 2 * lines->rows_cap : 256;
      lines->rows = ebpf_xrealloc (lines->rows, lines->rows_cap * sizeof *lines->rows);
    }
  struct ebpf_line *r = &lines->rows[lines->n_rows++];
  *r = *row;
  r->file = ebpf_lines_intern (lines, row->file);
}

void
ebpf_lines_add_function (ebpf_lines *lines, const struct ebpf_function *f)
{
  if (lines->n_functions == lines->functions_cap)
    {
      lines->functions_cap = lines->functions_cap ? 2 * lines->functions_cap : 32;
      lines->functions = ebpf_xrealloc (lines->functions, lines->functions_cap
                                                          * sizeof *lines->functions);
    }
  struct ebpf_function *g = &lines->functions[lines->n_functions++];
  *g = *f;
  g->name = ebpf_lines_intern (lines, f->name ? f->name : "");
  g->file = ebpf_lines_intern (lines, f->file);
}

void
ebpf_lines_add_text (ebpf_lines *lines, const char *file, uint32_t line,
                     const char *text)
{
  if (lines->n_texts == lines->texts_cap)
    {
      lines->texts_cap = lines->texts_cap ? 2 * lines->texts_cap : 64;
      lines->texts = ebpf_xrealloc (lines->texts, lines->texts_cap * sizeof *lines->texts);
    }
  lines->texts[lines->n_texts++] = (struct ebpf_line_text) {
    ebpf_lines_intern (lines, file), line, ebpf_lines_intern (lines, text) };
}

/* Rows by address, then sequence ends before rows at the same address (a
 * sequence that ends where another starts), then in the order added:
 * DWARF's rule is that the last row at an address is the one that
 * covers it.  */
struct keyed_row
{
  struct ebpf_line row;
  size_t order;
};

static int
compare_rows (const void *a, const void *b)
{
  const struct keyed_row *x = a, *y = b;
  if (x->row.addr != y->row.addr)
    return x->row.addr < y->row.addr ? -1 : 1;
  bool xe = x->row.file == NULL, ye = y->row.file == NULL;
  if (xe != ye)
    return xe ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static int
compare_functions (const void *a, const void *b)
{
  const struct ebpf_function *x = a, *y = b;
  if (x->low != y->low)
    return x->low < y->low ? -1 : 1;
  if (x->high != y->high)
    return x->high > y->high ? -1 : 1;   /* the outer one first */
  return strcmp (x->name, y->name);
}

/* Sorts what the reader added; the sequence ends go after the rows.  */
static void
finish (ebpf_lines *lines)
{
  size_t n = lines->n_rows;
  struct keyed_row *k = ebpf_xcalloc (n ? n : 1, sizeof *k);
  for (size_t i = 0; i < n; i++)
    k[i] = (struct keyed_row) { lines->rows[i], i };
  qsort (k, n, sizeof *k, compare_rows);
  size_t n_real = 0, n_ends = 0;
  for (size_t i = 0; i < n; i++)
    n_real += k[i].row.file != NULL;
  for (size_t i = 0, r = 0; i < n; i++)
    {
      if (k[i].row.file)
        lines->rows[r++] = k[i].row;
      else if (n_ends == 0 || lines->rows[n_real + n_ends - 1].addr != k[i].row.addr)
        lines->rows[n_real + n_ends++] = k[i].row;
    }
  free (k);
  lines->n_rows = n_real;
  lines->rows_cap = n_real + n_ends;
  if (lines->n_functions)
    qsort (lines->functions, lines->n_functions, sizeof *lines->functions,
           compare_functions);
}

/* ---- Opening ------------------------------------------------------------------- */

ebpf_lines *
ebpf_lines_open (const ebpf_object *obj, enum ebpf_lines_source source,
                 struct ebpf_error *err)
{
  ebpf_lines *lines = ebpf_xcalloc (1, sizeof *lines);
  lines->obj = obj;
  if (source == EBPF_LINES_ANY)
    source = ebpf_object_has_section (obj, ".debug_line") ? EBPF_LINES_DWARF
             : EBPF_LINES_BTF;
  lines->origin = source;
  bool ok = source == EBPF_LINES_DWARF ? ebpf_lines_read_dwarf (lines, err)
            : source == EBPF_LINES_BTF ? ebpf_lines_read_btf (lines, err)
            : false;
  if (!ok)
    {
      if (source != EBPF_LINES_DWARF && source != EBPF_LINES_BTF)
        ebpf_error_set (err, "%s: no such source of line tables (%d)",
                        obj->path, (int) source);
      ebpf_lines_close (lines);
      return NULL;
    }
  finish (lines);
  return lines;
}

void
ebpf_lines_close (ebpf_lines *lines)
{
  if (lines == NULL)
    return;
  if (lines->close_reader)
    lines->close_reader (lines->reader);
  for (size_t i = 0; i < lines->n_files; i++)
    {
      free (lines->files[i].text);
      free (lines->files[i].lines);
    }
  free (lines->files);
  for (size_t i = 0; i < lines->n_strings; i++)
    free (lines->strings[i]);
  free (lines->strings);
  free (lines->rows);
  free (lines->functions);
  free (lines->texts);
  free (lines);
}

enum ebpf_lines_source
ebpf_lines_origin (const ebpf_lines *lines)
{
  return lines->origin;
}

/* ---- Rows ---------------------------------------------------------------------- */

size_t
ebpf_lines_count (const ebpf_lines *lines)
{
  return lines->n_rows;
}

const struct ebpf_line *
ebpf_lines_row (const ebpf_lines *lines, size_t i)
{
  return i < lines->n_rows ? &lines->rows[i] : NULL;
}

/* The number of rows (or ends) of A[0, N) at or below ADDR.  */
static size_t
count_at_or_below (const struct ebpf_line *a, size_t n, uint64_t addr)
{
  size_t lo = 0, hi = n;
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      if (a[mid].addr <= addr)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Whether a sequence ends in (LOW, HIGH].  */
static bool
sequence_ends_between (const ebpf_lines *lines, uint64_t low, uint64_t high)
{
  const struct ebpf_line *ends = lines->rows + lines->n_rows;
  size_t n = lines->rows_cap - lines->n_rows;
  size_t i = count_at_or_below (ends, n, low);
  return i < n && ends[i].addr <= high;
}

const struct ebpf_line *
ebpf_lines_find (const ebpf_lines *lines, uint64_t addr)
{
  size_t i = count_at_or_below (lines->rows, lines->n_rows, addr);
  if (i == 0)
    return NULL;
  const struct ebpf_line *row = &lines->rows[i - 1];
  if (sequence_ends_between (lines, row->addr, addr))
    return NULL;
  /* Nor does a row reach past the end of its function.  */
  const struct ebpf_function *f = ebpf_lines_function_at (lines, row->addr);
  if (f && addr >= f->high)
    return NULL;
  return row;
}

/* Whether row I of LINES covers no code: a later row has its address.  */
static bool
row_hidden (const ebpf_lines *lines, size_t i)
{
  return i + 1 < lines->n_rows && lines->rows[i + 1].addr == lines->rows[i].addr;
}

/* Whether row R belongs to the line of ROW when stepping: the same file
 * and line, or no line at all.  */
static bool
same_line (const struct ebpf_line *row, const struct ebpf_line *r)
{
  return r->line == 0
         || (r->line == row->line && r->file != NULL && row->file != NULL
             && strcmp (r->file, row->file) == 0);
}

bool
ebpf_lines_line_range (const ebpf_lines *lines, uint64_t addr, uint64_t *low,
                       uint64_t *high)
{
  const struct ebpf_line *row = ebpf_lines_find (lines, addr);
  if (row == NULL)
    return false;
  const struct ebpf_function *f = ebpf_lines_function_at (lines, row->addr);
  uint64_t f_low = f ? f->low : 0, f_high = f ? f->high : UINT64_MAX;
  size_t at = (size_t) (row - lines->rows);
  /* Back: rows of the line (or hidden ones) down to the function's start. */
  size_t i = at;
  while (i > 0 && lines->rows[i - 1].addr >= f_low
         && (row_hidden (lines, i - 1) || same_line (row, &lines->rows[i - 1]))
         && !sequence_ends_between (lines, lines->rows[i - 1].addr, lines->rows[i].addr - 1))
    i--;
  /* Forth: up to the first row of another line, the function's end or
   * the sequence's.  */
  size_t j = at + 1;
  while (j < lines->n_rows && lines->rows[j].addr < f_high
         && !sequence_ends_between (lines, lines->rows[j - 1].addr, lines->rows[j].addr)
         && (row_hidden (lines, j) || same_line (row, &lines->rows[j])))
    j++;
  uint64_t end = j < lines->n_rows ? lines->rows[j].addr : f_high;
  const struct ebpf_line *ends = lines->rows + lines->n_rows;
  size_t n_ends = lines->rows_cap - lines->n_rows;
  size_t e = count_at_or_below (ends, n_ends, lines->rows[j - 1].addr);
  if (e < n_ends && ends[e].addr < end)
    end = ends[e].addr;
  if (end > f_high)
    end = f_high;
  *low = lines->rows[i].addr;
  *high = end;
  return true;
}

/* FILE (as a row has it) is QUERY, or ends with "/" QUERY.  */
static bool
file_matches (const char *file, const char *query)
{
  if (file == NULL || query == NULL)
    return false;
  while (query[0] == '.' && query[1] == '/')
    query += 2;
  size_t fl = strlen (file), ql = strlen (query);
  if (strcmp (file, query) == 0)
    return true;
  return ql > 0 && fl > ql && strcmp (file + fl - ql, query) == 0
         && file[fl - ql - 1] == '/';
}

size_t
ebpf_lines_addresses (const ebpf_lines *lines, const char *file, uint32_t line,
                      uint64_t *addrs, size_t max)
{
  size_t found = 0;
  bool in_block = false, have_addr = false;
  for (size_t i = 0; i < lines->n_rows; i++)
    {
      const struct ebpf_line *r = &lines->rows[i];
      /* A row that a later one at its address hides covers no code, yet
       * it is where its line starts (a function's opening line often
       * has only such a row), as for GDB.  */
      /* The previous row's block ends at a sequence end.  */
      if (in_block && i > 0 && sequence_ends_between (lines, lines->rows[i - 1].addr,
                                                      r->addr))
        in_block = false;
      bool match = r->line == line && file_matches (r->file, file);
      if (!match)
        {
          in_block = false;
          continue;
        }
      if (!in_block)
        {
          in_block = true;
          have_addr = false;
        }
      if (!have_addr && r->is_stmt)
        {
          bool dup = false;
          for (size_t k = 0; k < found && k < max; k++)
            dup |= addrs[k] == r->addr;
          if (!dup)
            {
              if (found < max)
                addrs[found] = r->addr;
              found++;
            }
          have_addr = true;
        }
    }
  return found;
}

/* ---- Functions ----------------------------------------------------------------- */

size_t
ebpf_lines_function_count (const ebpf_lines *lines)
{
  return lines->n_functions;
}

const struct ebpf_function *
ebpf_lines_function (const ebpf_lines *lines, size_t i)
{
  return i < lines->n_functions ? &lines->functions[i] : NULL;
}

const struct ebpf_function *
ebpf_lines_function_at (const ebpf_lines *lines, uint64_t addr)
{
  /* The last function starting at or below ADDR that contains it: the
   * innermost when they nest.  */
  size_t lo = 0, hi = lines->n_functions;
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      if (lines->functions[mid].low <= addr)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (size_t i = lo; i-- > 0;)
    if (addr < lines->functions[i].high)
      return &lines->functions[i];
  return NULL;
}

const struct ebpf_function *
ebpf_lines_function_named (const ebpf_lines *lines, const char *name)
{
  for (size_t i = 0; i < lines->n_functions; i++)
    if (strcmp (lines->functions[i].name, name) == 0)
      return &lines->functions[i];
  return NULL;
}

/* ---- Source text --------------------------------------------------------------- */

/* FILE read from disk and split into lines; the entry for it (with no
 * text when it cannot be read).  */
static const struct ebpf_source_file *
source_file (ebpf_lines *lines, const char *file)
{
  file = ebpf_lines_intern (lines, file);
  for (size_t i = 0; i < lines->n_files; i++)
    if (lines->files[i].path == file)
      return &lines->files[i];
  lines->files = ebpf_xrealloc (lines->files, (lines->n_files + 1)
                                              * sizeof *lines->files);
  struct ebpf_source_file *sf = &lines->files[lines->n_files++];
  memset (sf, 0, sizeof *sf);
  sf->path = file;
  size_t len;
  char *text = (char *) ebpf_read_whole_file (file, &len, NULL);
  if (text == NULL)
    return sf;
  size_t n = 1;
  for (size_t i = 0; i < len; i++)
    n += text[i] == '\n';
  sf->lines = ebpf_xcalloc (n, sizeof *sf->lines);
  char *p = text;
  while (p < text + len)
    {
      char *nl = memchr (p, '\n', (size_t) (text + len - p));
      char *end = nl ? nl : text + len;
      if (end > p && end[-1] == '\r')
        end[-1] = 0;
      *end = 0;
      sf->lines[sf->n_lines++] = p;
      p = end + 1;
    }
  sf->text = text;
  return sf;
}

const char *
ebpf_lines_source_text (ebpf_lines *lines, const char *file, uint32_t line)
{
  if (file == NULL || line == 0)
    return NULL;
  const struct ebpf_source_file *sf = source_file (lines, file);
  if (sf->text && line <= sf->n_lines)
    return sf->lines[line - 1];
  for (size_t i = 0; i < lines->n_texts; i++)
    if (lines->texts[i].line == line
        && (lines->texts[i].file == file
            || file_matches (lines->texts[i].file, file)
            || file_matches (file, lines->texts[i].file)))
      return lines->texts[i].text;
  return NULL;
}
