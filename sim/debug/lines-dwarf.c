/* lines-dwarf.c — line tables and functions from DWARF, read with libdw
 * from the object's debug image (ebpfsim-debug.h), so that every address
 * is a code address and agrees with what other DWARF consumers read
 * there.  The libdw handle stays open in lines->reader for the readers
 * of variables and types that come later.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/error.h"
#include "ebpfsim-debug.h"
#include "load/object.h"
#include "xalloc.h"
#include "lines.h"

/* What lines->reader holds: the image stays alive as long as libdw reads
 * it.  */
struct dwarf_reader
{
  uint8_t *image;
  size_t len;
  Elf *elf;
  Dwarf *dwarf;
};

static void
close_reader (void *p)
{
  struct dwarf_reader *r = p;
  if (r == NULL)
    return;
  if (r->dwarf)
    dwarf_end (r->dwarf);
  if (r->elf)
    elf_end (r->elf);
  free (r->image);
  free (r);
}

/* PATH joined with the CU's compilation directory when PATH is relative
 * and the directory absolute; interned.  */
static const char *
full_path (ebpf_lines *lines, const char *comp_dir, const char *path)
{
  if (path == NULL)
    return NULL;
  if (path[0] == '/' || comp_dir == NULL || comp_dir[0] != '/')
    return ebpf_lines_intern (lines, path);
  size_t n = strlen (comp_dir) + strlen (path) + 2;
  char *joined = ebpf_xcalloc (1, n);
  snprintf (joined, n, "%s%s%s", comp_dir,
            comp_dir[strlen (comp_dir) - 1] == '/' ? "" : "/", path);
  const char *s = ebpf_lines_intern (lines, joined);
  free (joined);
  return s;
}

/* The rows of CU's line table.  False with ERR when it has one that
 * libdw cannot read.  */
static bool
read_rows (ebpf_lines *lines, Dwarf_Die *cu, const char *comp_dir,
           struct ebpf_error *err)
{
  Dwarf_Lines *dl;
  size_t n;
  if (dwarf_getsrclines (cu, &dl, &n) != 0)
    {
      ebpf_error_set (err, "%s: the line table (.debug_line) of compilation "
                      "unit %s cannot be read: %s", lines->obj->path,
                      dwarf_diename (cu) ? dwarf_diename (cu) : "?",
                      dwarf_errmsg (-1));
      return false;
    }
  for (size_t i = 0; i < n; i++)
    {
      Dwarf_Line *l = dwarf_onesrcline (dl, i);
      Dwarf_Addr addr;
      int line = 0, col = 0;
      bool stmt = false, end = false;
      if (l == NULL || dwarf_lineaddr (l, &addr) != 0)
        continue;
      dwarf_lineno (l, &line);
      dwarf_linecol (l, &col);
      dwarf_linebeginstatement (l, &stmt);
      dwarf_lineendsequence (l, &end);
      struct ebpf_line row = { .addr = addr, .line = line > 0 ? (uint32_t) line : 0,
                               .column = col > 0 ? (uint32_t) col : 0,
                               .is_stmt = stmt };
      /* A NULL file marks the end of a sequence (lines.c).  */
      row.file = end ? NULL
                 : full_path (lines, comp_dir, dwarf_linesrc (l, NULL, NULL));
      if (!end && row.file == NULL)
        row.file = ebpf_lines_intern (lines, "??");
      ebpf_lines_add_row (lines, &row);
    }
  return true;
}

/* The file DIE is declared in.  dwarf_decl_file of libdw 0.188 takes
 * file 0 for "none", as it was before DWARF 5, where it is the primary
 * source file (clang's DW_AT_decl_file for a source named by an
 * absolute path).  */
static const char *
decl_file (Dwarf_Die *die)
{
  const char *file = dwarf_decl_file (die);
  Dwarf_Attribute attr;
  Dwarf_Word index;
  Dwarf_Die cu;
  Dwarf_Half version;
  Dwarf_Files *files;
  size_t n;
  if (file == NULL
      && dwarf_attr_integrate (die, DW_AT_decl_file, &attr) != NULL
      && dwarf_formudata (&attr, &index) == 0 && index == 0
      && dwarf_cu_die (attr.cu, &cu, &version, NULL, NULL, NULL, NULL, NULL) != NULL
      && version >= 5 && dwarf_getsrcfiles (&cu, &files, &n) == 0 && n > 0)
    file = dwarf_filesrc (files, 0, NULL, NULL);
  return file;
}

static void
add_function (ebpf_lines *lines, Dwarf_Die *die, const char *comp_dir)
{
  Dwarf_Attribute attr;
  bool decl = false;
  if (dwarf_hasattr (die, DW_AT_declaration)
      && dwarf_formflag (dwarf_attr (die, DW_AT_declaration, &attr), &decl) == 0
      && decl)
    return;
  /* An inline function's abstract instance has no code of its own.  */
  const char *name = dwarf_formstring (dwarf_attr_integrate (die, DW_AT_name, &attr));
  if (name == NULL)
    name = dwarf_formstring (dwarf_attr_integrate (die, DW_AT_linkage_name, &attr));
  struct ebpf_function f = { .name = name ? name : "??" };
  f.file = full_path (lines, comp_dir, decl_file (die));
  int line;
  if (dwarf_decl_line (die, &line) == 0 && line > 0)
    f.line = (uint32_t) line;
  Dwarf_Addr low, high;
  if (dwarf_lowpc (die, &low) == 0 && dwarf_highpc (die, &high) == 0)
    {
      if (high > low)
        {
          f.low = low;
          f.high = high;
          ebpf_lines_add_function (lines, &f);
        }
      return;
    }
  /* Code in several pieces (DW_AT_ranges): one entry a piece.  */
  Dwarf_Addr base, start, end;
  ptrdiff_t off = 0;
  while ((off = dwarf_ranges (die, off, &base, &start, &end)) > 0)
    if (end > start)
      {
        f.low = start;
        f.high = end;
        ebpf_lines_add_function (lines, &f);
      }
}

/* The subprograms under DIE (a CU, a namespace, a lexical block...), not
 * descending into subprograms: what they hold are nested scopes and
 * inlined copies.  */
static void
read_functions (ebpf_lines *lines, Dwarf_Die *parent, const char *comp_dir,
                int depth)
{
  Dwarf_Die child;
  if (depth > 64 || dwarf_child (parent, &child) != 0)
    return;
  do
    {
      int tag = dwarf_tag (&child);
      if (tag == DW_TAG_subprogram)
        add_function (lines, &child, comp_dir);
      else if (tag == DW_TAG_namespace || tag == DW_TAG_lexical_block
               || tag == DW_TAG_module)
        read_functions (lines, &child, comp_dir, depth + 1);
    }
  while (dwarf_siblingof (&child, &child) == 0);
}

/* Line texts of .BTF.ext too, where the object has them, for sources
 * that are not on disk.  */
static void
add_btf_texts (ebpf_lines *lines)
{
  if (lines->obj->btf_ext == NULL)
    return;
  ebpf_lines *btf = ebpf_xcalloc (1, sizeof *btf);
  btf->obj = lines->obj;
  btf->origin = EBPF_LINES_BTF;
  struct ebpf_error ignored;
  if (ebpf_lines_read_btf (btf, &ignored))
    for (size_t i = 0; i < btf->n_texts; i++)
      ebpf_lines_add_text (lines, btf->texts[i].file, btf->texts[i].line,
                           btf->texts[i].text);
  ebpf_lines_close (btf);
}

bool
ebpf_lines_read_dwarf (ebpf_lines *lines, struct ebpf_error *err)
{
  const ebpf_object *obj = lines->obj;
  struct dwarf_reader *r = ebpf_xcalloc (1, sizeof *r);
  if (ebpf_object_debug_image (obj, &r->image, &r->len, err) != 0)
    {
      free (r);
      return false;
    }
  lines->reader = r;
  lines->close_reader = close_reader;
  elf_version (EV_CURRENT);
  r->elf = elf_memory ((char *) r->image, r->len);
  if (r->elf == NULL)
    {
      ebpf_error_set (err, "%s: the debug image cannot be read as ELF: %s",
                      obj->path, elf_errmsg (-1));
      return false;
    }
  r->dwarf = dwarf_begin_elf (r->elf, DWARF_C_READ, NULL);
  if (r->dwarf == NULL)
    {
      ebpf_error_set (err, "%s: no DWARF (%s): compile with -g for line "
                      "tables", obj->path, dwarf_errmsg (-1));
      return false;
    }
  Dwarf_Off off = 0, next;
  size_t header;
  int status;
  bool any_lines = false;
  size_t bad_units = 0;
  struct ebpf_error ignored;
  while ((status = dwarf_nextcu (r->dwarf, off, &next, &header, NULL, NULL,
                                 NULL)) == 0)
    {
      Dwarf_Die cu;
      if (dwarf_offdie (r->dwarf, off + header, &cu) == NULL)
        {
          ebpf_error_set (err, "%s: .debug_info: the unit at 0x%llx cannot be "
                          "read: %s", obj->path, (unsigned long long) off,
                          dwarf_errmsg (-1));
          return false;
        }
      Dwarf_Attribute attr;
      const char *comp_dir = dwarf_formstring (dwarf_attr (&cu, DW_AT_comp_dir, &attr));
      /* A unit whose line table is unreadable is left out, the others
       * kept: bpf-ld 2.40 garbles the string offsets of the units it
       * links from libraries built with merged debug strings.  */
      if (dwarf_hasattr (&cu, DW_AT_stmt_list))
        {
          if (read_rows (lines, &cu, comp_dir, any_lines || bad_units ? &ignored : err))
            any_lines = true;
          else
            bad_units++;
        }
      read_functions (lines, &cu, comp_dir, 0);
      off = next;
    }
  if (status < 0)
    {
      ebpf_error_set (err, "%s: .debug_info cannot be read: %s", obj->path,
                      dwarf_errmsg (-1));
      return false;
    }
  if (!any_lines && bad_units)
    return false;   /* ERR says why the first unit failed */
  if (!any_lines)
    {
      ebpf_error_set (err, "%s: the DWARF has no line table (.debug_line): "
                      "compile with -g", obj->path);
      return false;
    }
  add_btf_texts (lines);
  return true;
}
