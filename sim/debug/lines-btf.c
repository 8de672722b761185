/* lines-btf.c — line tables from .BTF.ext: a row per line_info record, a
 * function per func_info record, and each record's line text, so that an
 * object stripped of DWARF (llvm-strip -g) still shows its source.
 *
 * .BTF.ext groups its records by code section; an instruction offset is
 * in bytes from the start of that section (the kernel's are instruction
 * indexes, but not in the ELF files compilers write).  A record's code
 * address is its section's code address plus that offset.  Unlike
 * DWARF's, BTF's rows say nothing of statements (every row is one) and
 * end nowhere: a row covers the instructions up to the next one, or to
 * the end of its function, where the reader ends the sequence (a row
 * with no file, lines.c's mark), as it does at the end of each section.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lines.h"
#include "core/error.h"
#include "load/btf.h"
#include "load/btf-ext.h"
#include "load/debug-image.h"
#include "load/object.h"
#include "xalloc.h"

/* ---- Line texts, each (file, line) added once ---------------------------- */

/* An open-addressing set of (interned file, line).  */
struct text_set
{
  struct text_key { const char *file; uint32_t line; } *slots;
  size_t cap, used;
};

static size_t
text_hash (const char *file, uint32_t line)
{
  uint64_t h = (uint64_t) (uintptr_t) file * 0x9e3779b97f4a7c15ULL;
  h ^= (uint64_t) line * 0xc2b2ae3d27d4eb4fULL;
  return (size_t) (h ^ (h >> 29));
}

/* Whether (FILE, LINE) was new; it is in the set afterwards.  */
static bool
text_set_add (struct text_set *set, const char *file, uint32_t line)
{
  if (2 * (set->used + 1) > set->cap)
    {
      struct text_set bigger = { NULL, set->cap ? 2 * set->cap : 64, 0 };
      bigger.slots = ebpf_xcalloc (bigger.cap, sizeof *bigger.slots);
      for (size_t i = 0; i < set->cap; i++)
        if (set->slots[i].file)
          text_set_add (&bigger, set->slots[i].file, set->slots[i].line);
      free (set->slots);
      *set = bigger;
    }
  size_t mask = set->cap - 1;
  for (size_t i = text_hash (file, line) & mask;; i = (i + 1) & mask)
    {
      struct text_key *k = &set->slots[i];
      if (k->file == NULL)
        {
          *k = (struct text_key) { file, line };
          set->used++;
          return true;
        }
      if (k->file == file && k->line == line)
        return false;
    }
}

/* ---- Helpers ----------------------------------------------------------------- */

/* Interns BTF's file names: the records of a section name few files, each
 * by one string of BTF, so the last one asked for is nearly always the
 * one asked for next.  */
struct file_cache
{
  const char *btf_name, *interned;
};

static const char *
intern_file (ebpf_lines *lines, struct file_cache *cache, const char *name)
{
  if (name == NULL)
    name = "";
  if (name != cache->btf_name)
    *cache = (struct file_cache) { name, ebpf_lines_intern (lines, name) };
  return cache->interned;
}

/* Record indexes of a section sorted by instruction offset, records with
 * one offset in their order in the section (qsort is not stable).  */
struct order { uint32_t off; size_t index; };

static int
compare_order (const void *a, const void *b)
{
  const struct order *x = a, *y = b;
  if (x->off != y->off)
    return x->off < y->off ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Whether identifier NAME occurs in TEXT as a whole word.  */
static bool
has_identifier (const char *text, const char *name)
{
  size_t len = strlen (name);
  if (len == 0)
    return false;
  for (const char *p = strstr (text, name); p; p = strstr (p + 1, name))
    {
      bool before = p > text && (isalnum ((unsigned char) p[-1]) || p[-1] == '_');
      bool after = isalnum ((unsigned char) p[len]) || p[len] == '_';
      if (!before && !after)
        return true;
    }
  return false;
}

/* The .BTF.ext records of code section CS, or NULL.  */
static const struct ebpf_btf_ext_section *
records_of (const ebpf_object *obj, const struct ebpf_object_code_section *cs)
{
  return obj->btf_ext ? ebpf_btf_ext_find_section (obj->btf_ext, cs->name) : NULL;
}

/* ---- Rows and texts ---------------------------------------------------------- */

static void
read_section_lines (ebpf_lines *lines, const struct ebpf_object_code_section *cs,
                    const struct ebpf_btf_ext_section *es,
                    struct text_set *texts, struct file_cache *files)
{
  size_t n = es->n_line_info;
  struct order *order = ebpf_xcalloc (n ? n : 1, sizeof *order);
  for (size_t i = 0; i < n; i++)
    order[i] = (struct order) { es->line_info[i].insn_off, i };
  qsort (order, n, sizeof *order, compare_order);
  for (size_t k = 0; k < n; k++)
    {
      const struct ebpf_btf_line_info *li = &es->line_info[order[k].index];
      /* Past the section's code: nothing to describe.  */
      if (li->insn_off >= cs->size)
        continue;
      const char *file = intern_file (lines, files, li->file_name);
      /* Every line's text, even of a record a later one at the same
       * offset replaces as the row.  */
      if (li->line && li->line[0] && li->line_num
          && text_set_add (texts, file, li->line_num))
        ebpf_lines_add_text (lines, file, li->line_num, li->line);
      /* Two records of one instruction (which the kernel refuses): the
       * last is the row, as a DWARF consumer takes the last row of an
       * address.  */
      if (k + 1 < n && order[k + 1].off == li->insn_off)
        continue;
      struct ebpf_line row = {
        .addr = cs->addr + li->insn_off,
        .file = file,
        .line = li->line_num,
        .column = li->column,
        .is_stmt = true,
      };
      ebpf_lines_add_row (lines, &row);
    }
  free (order);
}

/* The end of a sequence of rows at ADDR (lines.c: a row with no file).  */
static void
end_sequence (ebpf_lines *lines, uint64_t addr)
{
  struct ebpf_line end = { .addr = addr };
  ebpf_lines_add_row (lines, &end);
}

/* ---- Functions ------------------------------------------------------------ */

/* Where function [LOW, HIGH) of section ES is defined: the file of its
 * first line record, and of its records at LOW the one whose text names
 * the function (clang's record of a function's first instruction is the
 * line of its name when that instruction has no line of its own, the
 * line DWARF's DW_AT_decl_line gives), else the first record's line.  */
static void
function_place (ebpf_lines *lines, const struct ebpf_btf_ext_section *es,
                uint32_t low, uint32_t high, const char *name,
                struct file_cache *files, struct ebpf_function *f)
{
  const struct ebpf_btf_line_info *first = NULL, *named = NULL;
  for (size_t i = 0; i < es->n_line_info; i++)
    {
      const struct ebpf_btf_line_info *li = &es->line_info[i];
      if (li->insn_off < low || li->insn_off >= high || li->line_num == 0)
        continue;
      if (first == NULL || li->insn_off < first->insn_off)
        first = li;
      if (named == NULL && li->insn_off == low && li->line
          && has_identifier (li->line, name))
        named = li;
    }
  const struct ebpf_btf_line_info *place = named ? named : first;
  if (place)
    {
      f->file = intern_file (lines, files, place->file_name);
      f->line = place->line_num;
    }
}

static void
read_section_functions (ebpf_lines *lines, const ebpf_object *obj,
                        const struct ebpf_object_code_section *cs,
                        const struct ebpf_btf_ext_section *es,
                        struct file_cache *files)
{
  size_t n = es->n_func_info;
  struct order *order = ebpf_xcalloc (n ? n : 1, sizeof *order);
  for (size_t i = 0; i < n; i++)
    order[i] = (struct order) { es->func_info[i].insn_off, i };
  qsort (order, n, sizeof *order, compare_order);
  for (size_t k = 0; k < n; k++)
    {
      uint32_t low = order[k].off;
      /* One function an offset: the first record of it.  */
      if ((k > 0 && order[k - 1].off == low) || low >= cs->size)
        continue;
      uint64_t high = cs->size;
      for (size_t j = k + 1; j < n; j++)
        if (order[j].off != low)
          {
            high = order[j].off < cs->size ? order[j].off : cs->size;
            break;
          }
      const struct ebpf_btf_func_info *fi = &es->func_info[order[k].index];
      const struct ebpf_btf_type *t = ebpf_btf_type (obj->btf, fi->type_id);
      char fallback[40];
      const char *name = t && t->kind == EBPF_BTF_KIND_FUNC ? t->name : NULL;
      if (name == NULL || name[0] == '\0')
        {
          snprintf (fallback, sizeof fallback, "<BTF type %u>", fi->type_id);
          name = fallback;
        }
      struct ebpf_function f = {
        .name = ebpf_lines_intern (lines, name),
        .low = cs->addr + low,
        .high = cs->addr + high,
      };
      function_place (lines, es, low, (uint32_t) high, name, files, &f);
      ebpf_lines_add_function (lines, &f);
      /* No row covers the next function's code before its own first.  */
      if (high < cs->size)
        end_sequence (lines, f.high);
    }
  free (order);
}

/* ---- The reader ------------------------------------------------------------- */

bool
ebpf_lines_read_btf (ebpf_lines *lines, struct ebpf_error *err)
{
  const ebpf_object *obj = lines->obj;
  size_t records = 0;
  for (int i = 0; i < obj->n_code_sections; i++)
    {
      const struct ebpf_btf_ext_section *es = records_of (obj, &obj->code_sections[i]);
      if (es)
        records += es->n_line_info;
    }
  if (records == 0)
    {
      if (ebpf_object_has_section (obj, ".debug_line"))
        ebpf_error_set (err, "%s has no .BTF.ext line_info (its line information "
                        "is DWARF's .debug_line)", obj->path);
      else
        ebpf_error_set (err, "%s has no line information: neither DWARF "
                        "(.debug_line) nor .BTF.ext line_info", obj->path);
      return false;
    }
  struct text_set texts = { NULL, 0, 0 };
  struct file_cache files = { NULL, NULL };
  for (int i = 0; i < obj->n_code_sections; i++)
    {
      const struct ebpf_object_code_section *cs = &obj->code_sections[i];
      const struct ebpf_btf_ext_section *es = records_of (obj, cs);
      if (es == NULL)
        continue;
      read_section_lines (lines, cs, es, &texts, &files);
      read_section_functions (lines, obj, cs, es, &files);
      end_sequence (lines, cs->addr + cs->size);
    }
  free (texts.slots);
  lines->origin = EBPF_LINES_BTF;
  return true;
}
