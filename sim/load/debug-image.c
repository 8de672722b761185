/* debug-image.c — the debug image of an object: the relocatable ELF file
 * rewritten as an executable (ET_EXEC, EM_BPF) whose sections lie at
 * their guest addresses, so that DWARF consumers read the addresses
 * ebpfsim uses.
 *
 * What the image holds, from the object as read:
 *  - code sections at their code addresses (struct ebpf_object_code_section),
 *    global-data sections at the values of their maps, each with one
 *    PT_LOAD program header; every other section loses SHF_ALLOC and lies
 *    at address 0 (.maps, license, sections of size 0);
 *  - every SHT_REL and SHT_RELA section applied, then dropped, section
 *    indices renumbered in sh_link, sh_info, st_shndx and e_shstrndx;
 *  - in code, lddw of a function gives its code address, of global data
 *    its map value address, of a map its handle (as the machine gives
 *    them), and a BPF-to-BPF call is pc-relative in the one code address
 *    space; elsewhere (DWARF, data) a relocation writes S + A, S being
 *    the symbol's value plus its section's guest address (0 for sections
 *    without one);
 *  - symbols with their section's address added to their values.
 * The ELF writer is this file's own: headers are written field by field
 * in the object's byte order.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/error.h"
#include "core/memory.h"
#include "core/program.h"
#include "btf.h"
#include "object.h"
#include "xalloc.h"
#include "debug-image.h"
#include "frame-base.h"
#include "out-file.h"

#ifndef EM_BPF
#define EM_BPF 247
#endif

/* Relocation types.  LLVM's numbering (also the ELF psABI document of
 * RFC 9669's companion) and binutils 2.40's, which bpf-gcc objects use:
 * the two agree on 1 (lddw) and 10 (call) and differ for data.  */
#define R_BPF_NONE 0
#define R_BPF_64_64 1          /* binutils: R_BPF_INSN_64 */
#define R_BPF_64_ABS64 2
#define R_BPF_64_ABS32 3
#define R_BPF_64_NODYLD32 4
#define R_BPF_64_32 10         /* binutils: R_BPF_INSN_DISP32 */
#define R_BPF_GNU_DATA_32 11   /* binutils 2.40: R_BPF_DATA_32 */
#define R_BPF_GNU_DATA_64 12   /* binutils 2.40: R_BPF_DATA_64 */

#define EHDR_SIZE 64
#define PHDR_SIZE 56
#define SHDR_SIZE 64
#define SYM_SIZE 24

/* A section header as read.  */
struct shdr
{
  uint32_t name, type;
  uint64_t flags, addr, offset, size;
  uint32_t link, info;
  uint64_t addralign, entsize;
  const char *sname;         /* never NULL */
};

struct sym
{
  uint32_t name;
  uint8_t info, other;
  uint16_t shndx;
  uint64_t value, size;
  const char *sname;         /* never NULL */
};

/* The object as this file reads it, and what the image makes of it.  */
struct image
{
  const ebpf_object *obj;
  const uint8_t *file;
  size_t size;
  bool be;
  uint16_t type, machine;
  uint32_t flags;
  struct shdr *sh;
  size_t n_sh, shstrndx;
  struct sym *syms;
  size_t n_syms, symtab;     /* symtab: its section, or 0 */
  /* Per section: */
  bool *placed;              /* has a guest address */
  uint64_t *addr;            /* that address */
  uint8_t **data;            /* contents being relocated (NULL: as read) */
  size_t *new_index;         /* in the image; 0 when dropped */
  struct ebpf_error *err;
};

static bool __attribute__ ((format (printf, 2, 3)))
fail (struct image *im, const char *fmt, ...)
{
  char msg[EBPF_ERROR_MAX - 96];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  ebpf_error_set (im->err, "%.80s: debug image: %s",
                  im->obj->path ? im->obj->path : "object", msg);
  return false;
}

/* ---- Byte order ------------------------------------------------------------ */

static uint64_t
get (const uint8_t *p, unsigned n, bool be)
{
  uint64_t v = 0;
  for (unsigned i = 0; i < n; i++)
    v |= (uint64_t) p[be ? n - 1 - i : i] << (8 * i);
  return v;
}

static void
put (uint8_t *p, unsigned n, uint64_t v, bool be)
{
  for (unsigned i = 0; i < n; i++)
    p[be ? n - 1 - i : i] = (uint8_t) (v >> (8 * i));
}

/* ---- Reading the object ------------------------------------------------------ */

/* The NUL-terminated string at OFF of string table section SEC, or NULL.  */
static const char *
string_at (const struct image *im, size_t sec, uint64_t off)
{
  if (sec == 0 || sec >= im->n_sh || im->sh[sec].type == SHT_NOBITS)
    return NULL;
  const struct shdr *s = &im->sh[sec];
  if (off >= s->size)
    return NULL;
  const char *p = (const char *) im->file + s->offset + off;
  return memchr (p, 0, s->size - off) ? p : NULL;
}

static bool
read_elf (struct image *im)
{
  const uint8_t *f = im->file;
  if (im->size < EHDR_SIZE || memcmp (f, ELFMAG, SELFMAG) != 0)
    return fail (im, "not an ELF file");
  if (f[EI_CLASS] != ELFCLASS64
      || (f[EI_DATA] != ELFDATA2LSB && f[EI_DATA] != ELFDATA2MSB))
    return fail (im, "not a 64-bit ELF file of either byte order");
  im->be = f[EI_DATA] == ELFDATA2MSB;
  im->type = (uint16_t) get (f + 16, 2, im->be);
  im->machine = (uint16_t) get (f + 18, 2, im->be);
  im->flags = (uint32_t) get (f + 48, 4, im->be);
  uint64_t shoff = get (f + 40, 8, im->be);
  unsigned shentsize = (unsigned) get (f + 58, 2, im->be);
  uint64_t shnum = get (f + 60, 2, im->be);
  uint64_t shstrndx = get (f + 62, 2, im->be);
  if (shoff == 0)
    return fail (im, "the file has no section header table");
  if (shentsize != SHDR_SIZE || shoff > im->size || im->size - shoff < SHDR_SIZE)
    return fail (im, "truncated or malformed section header table (offset "
                 "0x%llx, file of %zu bytes)", (unsigned long long) shoff,
                 im->size);
  /* Extended numbering: section 0 holds the real count and index.  */
  if (shnum == 0)
    shnum = get (f + shoff + 32, 8, im->be);
  if (shstrndx == SHN_XINDEX)
    shstrndx = get (f + shoff + 40, 4, im->be);
  if (shnum > (im->size - shoff) / SHDR_SIZE)
    return fail (im, "truncated: the section header table (offset 0x%llx, "
                 "%llu entries) extends past the end of the file (%zu bytes)",
                 (unsigned long long) shoff, (unsigned long long) shnum,
                 im->size);
  im->n_sh = (size_t) shnum;
  im->shstrndx = (size_t) shstrndx;
  if (im->shstrndx >= im->n_sh)
    return fail (im, "the section name table's index %zu is not a section",
                 im->shstrndx);
  im->sh = ebpf_xcalloc (im->n_sh, sizeof *im->sh);
  for (size_t i = 0; i < im->n_sh; i++)
    {
      const uint8_t *p = f + shoff + i * SHDR_SIZE;
      struct shdr *s = &im->sh[i];
      s->name = (uint32_t) get (p, 4, im->be);
      s->type = (uint32_t) get (p + 4, 4, im->be);
      s->flags = get (p + 8, 8, im->be);
      s->addr = get (p + 16, 8, im->be);
      s->offset = get (p + 24, 8, im->be);
      s->size = get (p + 32, 8, im->be);
      s->link = (uint32_t) get (p + 40, 4, im->be);
      s->info = (uint32_t) get (p + 44, 4, im->be);
      s->addralign = get (p + 48, 8, im->be);
      s->entsize = get (p + 56, 8, im->be);
      if (i > 0 && s->type != SHT_NOBITS
          && (s->offset > im->size || s->size > im->size - s->offset))
        return fail (im, "truncated: section %zu's contents (offset 0x%llx, "
                     "size 0x%llx) extend past the end of the file (%zu "
                     "bytes)", i, (unsigned long long) s->offset,
                     (unsigned long long) s->size, im->size);
    }
  for (size_t i = 0; i < im->n_sh; i++)
    {
      const char *n = i ? string_at (im, im->shstrndx, im->sh[i].name) : "";
      if (n == NULL)
        return fail (im, "section %zu: its name (offset %u) is outside the "
                     "section name table", i, im->sh[i].name);
      im->sh[i].sname = n;
    }
  return true;
}

static bool
read_symbols (struct image *im)
{
  for (size_t i = 1; i < im->n_sh; i++)
    {
      const struct shdr *s = &im->sh[i];
      if (s->type != SHT_SYMTAB)
        continue;
      if (s->entsize != SYM_SIZE || s->link >= im->n_sh)
        return fail (im, "section %s: malformed symbol table", s->sname);
      im->symtab = i;
      im->n_syms = s->size / SYM_SIZE;
      im->syms = ebpf_xcalloc (im->n_syms ? im->n_syms : 1, sizeof *im->syms);
      for (size_t k = 0; k < im->n_syms; k++)
        {
          const uint8_t *p = im->file + s->offset + k * SYM_SIZE;
          struct sym *y = &im->syms[k];
          y->name = (uint32_t) get (p, 4, im->be);
          y->info = p[4];
          y->other = p[5];
          y->shndx = (uint16_t) get (p + 6, 2, im->be);
          y->value = get (p + 8, 8, im->be);
          y->size = get (p + 16, 8, im->be);
          y->sname = k ? string_at (im, s->link, y->name) : "";
          if (y->sname == NULL)
            return fail (im, "symbol %zu: its name (offset %u) is outside the "
                         "string table", k, y->name);
          if (y->sname[0] == 0 && ELF64_ST_TYPE (y->info) == STT_SECTION
              && y->shndx < im->n_sh)
            y->sname = im->sh[y->shndx].sname;
        }
      return true;
    }
  return true;
}

/* Gives each section its guest address: code sections as the loader laid
 * them out, global-data sections at their maps' values.  */
static void
place_sections (struct image *im)
{
  const ebpf_object *obj = im->obj;
  im->placed = ebpf_xcalloc (im->n_sh, sizeof *im->placed);
  im->addr = ebpf_xcalloc (im->n_sh, sizeof *im->addr);
  if (obj->executable)
    {
      for (size_t i = 1; i < im->n_sh; i++)
        if (im->sh[i].flags & SHF_ALLOC)
          {
            im->placed[i] = true;
            im->addr[i] = im->sh[i].addr;
          }
      return;
    }
  for (int i = 0; i < obj->n_code_sections; i++)
    {
      const struct ebpf_object_code_section *cs = &obj->code_sections[i];
      if (cs->elf_index > 0 && (size_t) cs->elf_index < im->n_sh)
        {
          im->placed[cs->elf_index] = true;
          im->addr[cs->elf_index] = cs->addr;
        }
    }
  for (int i = 0; i < obj->n_maps; i++)
    {
      const struct ebpf_object_map *m = &obj->maps[i];
      if (m->origin == EBPF_MAP_FROM_DATA && m->elf_section > 0
          && (size_t) m->elf_section < im->n_sh)
        {
          im->placed[m->elf_section] = true;
          im->addr[m->elf_section] = ebpf_window_base (EBPF_WINDOW_FIRST_MAP
                                                       + (unsigned) i);
        }
    }
}

static void
free_image (struct image *im)
{
  if (im->data)
    for (size_t i = 0; i < im->n_sh; i++)
      free (im->data[i]);
  free (im->data);
  free (im->sh);
  free (im->syms);
  free (im->placed);
  free (im->addr);
  free (im->new_index);
}

static bool
open_image (struct image *im, const ebpf_object *obj, struct ebpf_error *err)
{
  memset (im, 0, sizeof *im);
  im->obj = obj;
  im->err = err;
  im->file = obj->elf_file;
  im->size = obj->elf_size;
  if (im->file == NULL)
    return fail (im, "the object was not read from an ELF file");
  if (!read_elf (im) || !read_symbols (im))
    return false;
  place_sections (im);
  return true;
}

/* ---- Relocations --------------------------------------------------------------- */

struct reloc
{
  size_t rel_section, index;
  uint64_t offset;
  uint32_t type;
  size_t sym;
  int64_t addend;            /* RELA only */
  bool rela;
  char what[300];            /* "section S: relocation N (type T at O against 'X')" */
};

/* What lddw of symbol Y plus IMM gives the program.  */
static bool
lddw_value (struct image *im, const struct reloc *r, const struct sym *y,
            int32_t imm, uint64_t *value)
{
  const char *section = y->shndx < im->n_sh ? im->sh[y->shndx].sname : NULL;
  struct ebpf_lddw_target t = ebpf_object_lddw_target (im->obj, y->sname,
                                                       y->shndx, section,
                                                       y->value, imm);
  switch (t.kind)
    {
    case EBPF_LDDW_MAP:
      *value = ebpf_window_base (EBPF_WINDOW_MAP_HANDLES) + 8 * (uint64_t) t.map;
      return true;
    case EBPF_LDDW_DATA:
      *value = ebpf_window_base (EBPF_WINDOW_FIRST_MAP + (unsigned) t.map)
               + (uint64_t) t.offset;
      return true;
    case EBPF_LDDW_ABSOLUTE:
      *value = (uint64_t) t.offset;
      return true;
    case EBPF_LDDW_CODE:
      if (t.offset < 0 || (uint64_t) t.offset >= im->sh[y->shndx].size
          || t.offset % EBPF_INSN_SIZE)
        return fail (im, "%s: lddw of offset %lld of %s, which is not an "
                     "instruction", r->what, (long long) t.offset, section);
      *value = im->addr[y->shndx] + (uint64_t) t.offset;
      return true;
    case EBPF_LDDW_UNDEFINED:
      return fail (im, "%s: lddw of '%s', which the object does not define",
                   r->what, y->sname);
    case EBPF_LDDW_NO_SECTION:
      return fail (im, "%s: the symbol's section %u does not exist", r->what,
                   y->shndx);
    case EBPF_LDDW_NO_MAP:
      return fail (im, "%s: lddw of offset 0x%llx of %s, where no map is "
                   "defined", r->what, (unsigned long long) t.offset, section);
    case EBPF_LDDW_PAST_END:
      return fail (im, "%s: lddw of offset 0x%llx of %s, past its end (0x%llx "
                   "bytes)", r->what, (unsigned long long) t.offset, section,
                   (unsigned long long) im->sh[y->shndx].size);
    case EBPF_LDDW_OTHER:
      break;
    }
  return fail (im, "%s: lddw of '%s' in section %s, which is neither code, "
               "a map nor global data", r->what, y->sname, section);
}

/* A relocation in code section T.  */
static bool
relocate_code (struct image *im, size_t t, const struct reloc *r,
               const struct sym *y)
{
  const struct shdr *s = &im->sh[t];
  uint8_t *code = im->data[t];
  if (r->rela)
    return fail (im, "%s: RELA relocations in code are not used by BPF "
                 "objects", r->what);
  if (r->offset % EBPF_INSN_SIZE || r->offset >= s->size)
    return fail (im, "%s: not at an instruction of %s", r->what, s->sname);
  uint8_t *insn = code + r->offset;
  int32_t imm = (int32_t) (uint32_t) get (insn + 4, 4, im->be);
  /* The source register is the high nibble of byte 1 in little-endian
   * objects, the low one in big-endian ones.  */
  uint8_t regs_keep_dst = im->be ? 0xf0 : 0x0f;
  if (r->type == R_BPF_64_64 && insn[0] == 0x18)
    {
      uint64_t value = 0;
      if (s->size - r->offset < 2 * EBPF_INSN_SIZE)
        return fail (im, "%s: lddw at the end of %s has no second half",
                     r->what, s->sname);
      if (!lddw_value (im, r, y, imm, &value))
        return false;
      insn[1] &= regs_keep_dst;  /* src 0: a plain 64-bit immediate */
      put (insn + 4, 4, value & 0xffffffff, im->be);
      put (insn + 12, 4, value >> 32, im->be);
      return true;
    }
  if (r->type == R_BPF_64_32 && insn[0] == 0x85)
    {
      /* target = symbol + (imm + 1) * 8 in the symbol's section.  */
      if (y->shndx == SHN_UNDEF || y->shndx >= im->n_sh
          || !(im->sh[y->shndx].flags & SHF_EXECINSTR) || !im->placed[y->shndx])
        return fail (im, "%s: call of '%s', which is not code of the object",
                     r->what, y->sname);
      const struct shdr *ts = &im->sh[y->shndx];
      int64_t off = (int64_t) y->value + ((int64_t) imm + 1) * EBPF_INSN_SIZE;
      if (off < 0 || (uint64_t) off >= ts->size)
        return fail (im, "%s: call to offset %lld of %s, outside it", r->what,
                     (long long) off, ts->sname);
      uint64_t target = im->addr[y->shndx] + (uint64_t) off;
      uint64_t next = im->addr[t] + r->offset + EBPF_INSN_SIZE;
      int64_t disp = ((int64_t) target - (int64_t) next) / EBPF_INSN_SIZE;
      if (disp < INT32_MIN || disp > INT32_MAX)
        return fail (im, "%s: call too far", r->what);
      put (insn + 4, 4, (uint32_t) (int32_t) disp, im->be);
      return true;
    }
  return fail (im, "%s: cannot apply to an instruction with opcode 0x%02x in "
               "code", r->what, insn[0]);
}

/* A relocation in a section other than code: S + A.  */
static bool
relocate_data (struct image *im, size_t t, const struct reloc *r,
               const struct sym *y)
{
  const struct shdr *s = &im->sh[t];
  unsigned width;
  switch (r->type)
    {
    case R_BPF_64_ABS64: case R_BPF_GNU_DATA_64: width = 8; break;
    case R_BPF_64_ABS32: case R_BPF_64_NODYLD32: case R_BPF_GNU_DATA_32:
      width = 4; break;
    default:
      return fail (im, "%s: not a relocation of data (section %s)", r->what,
                   s->sname);
    }
  if (r->offset > s->size || s->size - r->offset < width)
    return fail (im, "%s: outside section %s (0x%llx bytes)", r->what,
                 s->sname, (unsigned long long) s->size);
  uint64_t sv;
  if (y->shndx == SHN_UNDEF)
    {
      /* An extern: a .kconfig variable, else 0 as for an undefined weak
       * symbol.  */
      int map;
      uint64_t off;
      sv = ebpf_object_kconfig_extern (im->obj, y->sname, &map, &off)
           ? ebpf_window_base (EBPF_WINDOW_FIRST_MAP + (unsigned) map) + off
           : 0;
    }
  else if (y->shndx == SHN_ABS)
    sv = y->value;
  else if (y->shndx >= im->n_sh)
    return fail (im, "%s: the symbol's section %u does not exist", r->what,
                 y->shndx);
  else
    sv = (im->placed[y->shndx] ? im->addr[y->shndx] : 0) + y->value;
  uint8_t *p = im->data[t] + r->offset;
  uint64_t a = r->rela ? (uint64_t) r->addend : get (p, width, im->be);
  uint64_t v = sv + a;
  if (width == 4 && v > UINT32_MAX)
    return fail (im, "%s: the value 0x%llx does not fit in 32 bits", r->what,
                 (unsigned long long) v);
  put (p, width, v, im->be);
  return true;
}

/* Applies relocation section RS to its target.  */
static bool
apply_relocation_section (struct image *im, size_t rs)
{
  const struct shdr *s = &im->sh[rs];
  bool rela = s->type == SHT_RELA;
  size_t t = s->info;
  if (t == 0 || t >= im->n_sh || im->sh[t].type == SHT_NOBITS
      || im->new_index[t] == 0 || s->size == 0)
    return true;
  /* .BTF and .BTF.ext keep offsets relative to their sections: the
   * insn_off fields of func_info, line_info and CO-RE records are
   * offsets in a code section by definition, whatever the relocations
   * that compilers emit against them say.  Their relocations are
   * dropped unapplied.  */
  if (strcmp (im->sh[t].sname, ".BTF") == 0 || strcmp (im->sh[t].sname, ".BTF.ext") == 0)
    return true;
  size_t entsize = rela ? 24 : 16;
  if (s->entsize != entsize)
    return fail (im, "section %s: relocation entries of %llu bytes, not %zu",
                 s->sname, (unsigned long long) s->entsize, entsize);
  if (im->symtab == 0 || s->link != im->symtab)
    return fail (im, "section %s: its symbol table (section %u) is not the "
                 "object's", s->sname, s->link);
  if (im->data[t] == NULL)
    {
      im->data[t] = ebpf_xcalloc (1, im->sh[t].size ? im->sh[t].size : 1);
      memcpy (im->data[t], im->file + im->sh[t].offset, im->sh[t].size);
    }
  bool code = (im->sh[t].flags & SHF_EXECINSTR) != 0;
  size_t n = s->size / entsize;
  for (size_t j = 0; j < n; j++)
    {
      const uint8_t *p = im->file + s->offset + j * entsize;
      struct reloc r = { .rel_section = rs, .index = j, .rela = rela };
      r.offset = get (p, 8, im->be);
      uint64_t info = get (p + 8, 8, im->be);
      r.sym = (size_t) (info >> 32);
      r.type = (uint32_t) info;
      r.addend = rela ? (int64_t) get (p + 16, 8, im->be) : 0;
      if (r.type == R_BPF_NONE)
        continue;
      if (r.sym >= im->n_syms)
        return fail (im, "section %s: relocation %zu (type %u at 0x%llx) names "
                     "symbol %zu, which does not exist (the symbol table has "
                     "%zu)", s->sname, j, r.type, (unsigned long long) r.offset,
                     r.sym, im->n_syms);
      const struct sym *y = &im->syms[r.sym];
      snprintf (r.what, sizeof r.what, "section %s: relocation %zu (type %u at "
                "0x%llx against '%.80s')", s->sname, j, r.type,
                (unsigned long long) r.offset, y->sname);
      if (y->shndx == SHN_COMMON)
        return fail (im, "%s: common symbols are not placed", r.what);
      if (!(code ? relocate_code (im, t, &r, y) : relocate_data (im, t, &r, y)))
        return false;
    }
  return true;
}

/* ---- Writing the image ------------------------------------------------------- */

static uint64_t
align_up (uint64_t x, uint64_t a)
{
  return a > 1 ? (x + a - 1) / a * a : x;
}

/* The symbol table as the image has it.  */
static uint8_t *
image_symbols (const struct image *im)
{
  uint8_t *out = ebpf_xcalloc (im->n_syms ? im->n_syms : 1, SYM_SIZE);
  for (size_t k = 0; k < im->n_syms; k++)
    {
      const struct sym *y = &im->syms[k];
      uint8_t *p = out + k * SYM_SIZE;
      uint16_t shndx = y->shndx;
      uint64_t value = y->value;
      if (shndx != SHN_UNDEF && shndx < SHN_LORESERVE)
        {
          if (shndx < im->n_sh && im->placed[shndx])
            value += im->addr[shndx];
          shndx = shndx < im->n_sh ? (uint16_t) im->new_index[shndx] : SHN_UNDEF;
        }
      put (p, 4, y->name, im->be);
      p[4] = y->info;
      p[5] = y->other;
      put (p + 6, 2, shndx, im->be);
      put (p + 8, 8, value, im->be);
      put (p + 16, 8, y->size, im->be);
    }
  return out;
}

static bool
build (struct image *im, uint8_t **image, size_t *len)
{
  const ebpf_object *obj = im->obj;
  im->new_index = ebpf_xcalloc (im->n_sh, sizeof *im->new_index);
  im->data = ebpf_xcalloc (im->n_sh, sizeof *im->data);
  size_t n_out = 1, n_ph = 0;
  for (size_t i = 1; i < im->n_sh; i++)
    if (im->sh[i].type != SHT_REL && im->sh[i].type != SHT_RELA)
      {
        im->new_index[i] = n_out++;
        n_ph += im->placed[i];
      }
  if (n_out >= SHN_LORESERVE)
    return fail (im, "%zu sections are more than the image can number", n_out);
  if (im->new_index[im->shstrndx] == 0)
    return fail (im, "the section name table is a relocation section");
  for (size_t i = 1; i < im->n_sh; i++)
    if ((im->sh[i].type == SHT_REL || im->sh[i].type == SHT_RELA)
        && !apply_relocation_section (im, i))
      return false;
  if (im->symtab)
    {
      free (im->data[im->symtab]);
      im->data[im->symtab] = image_symbols (im);
    }

  /* Layout: header, program headers, contents, section headers.  The
   * contents of sections do not overlap in a sound file: then they add
   * up to no more than the file.  */
  uint64_t sum = 0;
  for (size_t i = 1; i < im->n_sh; i++)
    {
      const struct shdr *s = &im->sh[i];
      if (s->addralign > 4096)
        return fail (im, "section %s: alignment %llu is more than a page",
                     s->sname, (unsigned long long) s->addralign);
      if (im->new_index[i] && s->type != SHT_NOBITS)
        sum += s->size;
    }
  if (sum > im->size)
    return fail (im, "the sections' contents overlap (0x%llx bytes in a file "
                 "of 0x%zx)", (unsigned long long) sum, im->size);
  uint64_t off = EHDR_SIZE + (uint64_t) n_ph * PHDR_SIZE;
  uint64_t *offsets = ebpf_xcalloc (im->n_sh, sizeof *offsets);
  for (size_t i = 1; i < im->n_sh; i++)
    {
      if (im->new_index[i] == 0)
        continue;
      uint64_t a = im->sh[i].addralign ? im->sh[i].addralign : 1;
      if (im->placed[i] && a < 8)
        a = 8;   /* so that p_offset and p_vaddr agree modulo p_align */
      off = align_up (off, a);
      offsets[i] = off;
      if (im->sh[i].type != SHT_NOBITS)
        off += im->sh[i].size;
    }
  uint64_t shoff = align_up (off, 8);
  uint64_t total = shoff + (uint64_t) n_out * SHDR_SIZE;
  uint8_t *out = ebpf_xcalloc (1, total);

  /* ELF header.  */
  memcpy (out, im->file, EI_NIDENT);
  out[EI_CLASS] = ELFCLASS64;
  out[EI_DATA] = im->be ? ELFDATA2MSB : ELFDATA2LSB;
  out[EI_VERSION] = EV_CURRENT;
  uint64_t entry = 0;
  if (obj->n_programs > 0 && obj->programs[0].n_runs > 0)
    entry = obj->programs[0].runs[0].addr
            + obj->programs[0].entry * EBPF_INSN_SIZE;
  put (out + 16, 2, ET_EXEC, im->be);
  put (out + 18, 2, EM_BPF, im->be);
  put (out + 20, 4, EV_CURRENT, im->be);
  put (out + 24, 8, entry, im->be);
  put (out + 32, 8, n_ph ? EHDR_SIZE : 0, im->be);
  put (out + 40, 8, shoff, im->be);
  put (out + 48, 4, im->flags, im->be);
  put (out + 52, 2, EHDR_SIZE, im->be);
  put (out + 54, 2, PHDR_SIZE, im->be);
  put (out + 56, 2, n_ph, im->be);
  put (out + 58, 2, SHDR_SIZE, im->be);
  put (out + 60, 2, n_out, im->be);
  put (out + 62, 2, im->new_index[im->shstrndx], im->be);

  /* Program headers, by address.  */
  size_t *order = ebpf_xcalloc (n_ph ? n_ph : 1, sizeof *order);
  size_t k = 0;
  for (size_t i = 1; i < im->n_sh; i++)
    if (im->new_index[i] && im->placed[i])
      order[k++] = i;
  for (size_t a = 1; a < n_ph; a++)       /* a few sections: insertion */
    for (size_t b = a; b > 0 && im->addr[order[b - 1]] > im->addr[order[b]]; b--)
      {
        size_t t = order[b];
        order[b] = order[b - 1];
        order[b - 1] = t;
      }
  for (k = 0; k < n_ph; k++)
    {
      const struct shdr *s = &im->sh[order[k]];
      uint8_t *p = out + EHDR_SIZE + k * PHDR_SIZE;
      uint32_t pflags = PF_R | (s->flags & SHF_EXECINSTR ? PF_X : 0)
                        | (s->flags & SHF_WRITE ? PF_W : 0);
      put (p, 4, PT_LOAD, im->be);
      put (p + 4, 4, pflags, im->be);
      put (p + 8, 8, offsets[order[k]], im->be);
      put (p + 16, 8, im->addr[order[k]], im->be);
      put (p + 24, 8, im->addr[order[k]], im->be);
      put (p + 32, 8, s->type == SHT_NOBITS ? 0 : s->size, im->be);
      put (p + 40, 8, s->size, im->be);
      put (p + 48, 8, 8, im->be);
    }
  free (order);

  /* Contents and section headers.  */
  for (size_t i = 1; i < im->n_sh; i++)
    {
      if (im->new_index[i] == 0)
        continue;
      const struct shdr *s = &im->sh[i];
      if (s->type != SHT_NOBITS && s->size)
        memcpy (out + offsets[i], im->data[i] ? im->data[i] : im->file + s->offset,
                s->size);
      uint64_t flags = im->placed[i] ? s->flags : s->flags & ~(uint64_t) SHF_ALLOC;
      uint32_t link = s->link < im->n_sh ? (uint32_t) im->new_index[s->link] : 0;
      uint32_t info = s->info;
      if ((s->flags & SHF_INFO_LINK) && s->info < im->n_sh)
        info = (uint32_t) im->new_index[s->info];
      uint8_t *p = out + shoff + im->new_index[i] * SHDR_SIZE;
      put (p, 4, s->name, im->be);
      put (p + 4, 4, s->type, im->be);
      put (p + 8, 8, flags, im->be);
      put (p + 16, 8, im->placed[i] ? im->addr[i] : 0, im->be);
      put (p + 24, 8, offsets[i], im->be);
      put (p + 32, 8, s->size, im->be);
      put (p + 40, 4, link, im->be);
      put (p + 44, 4, info, im->be);
      put (p + 48, 8, s->addralign, im->be);
      put (p + 56, 8, s->entsize, im->be);
    }
  free (offsets);
  *image = out;
  *len = (size_t) total;
  return true;
}

/* ---- Entry points --------------------------------------------------------------- */

int
ebpf_object_debug_image (const ebpf_object *obj, uint8_t **image, size_t *len,
                         struct ebpf_error *err)
{
  *image = NULL;
  *len = 0;
  if (obj->executable)
    {
      /* Already at its addresses, relocated by bpf-ld.  */
      *image = ebpf_xcalloc (1, obj->elf_size ? obj->elf_size : 1);
      memcpy (*image, obj->elf_file, obj->elf_size);
      *len = obj->elf_size;
      return 0;
    }
  struct image im;
  bool ok = open_image (&im, obj, err) && build (&im, image, len);
  free_image (&im);
  if (ok)
    ebpf_debug_image_fix_frame_bases (*image, *len);
  return ok ? 0 : -1;
}

int
ebpf_object_write_debug_image (const ebpf_object *obj, const char *path,
                               struct ebpf_error *err)
{
  uint8_t *image;
  size_t len;
  if (ebpf_object_debug_image (obj, &image, &len, err) != 0)
    return -1;
  /* Whole or not at all: an existing image survives a failed write.  */
  struct ebpf_out_file out;
  FILE *f = ebpf_out_open (&out, path) ? ebpf_out_stream (&out) : NULL;
  bool ok = f != NULL && fwrite (image, 1, len, f) == len;
  if (ok)
    ok = ebpf_out_commit (&out);
  else if (out.path)
    ebpf_out_abandon (&out);
  if (!ok)
    ebpf_error_set (err, "%.200s: cannot write the debug image: %s", path,
                    strerror (errno));
  free (image);
  return ok ? 0 : -1;
}

int
ebpf_object_program_code (const ebpf_object *obj, int index, uint64_t *low,
                          uint64_t *high)
{
  if (index < 0 || index >= obj->n_programs || obj->programs[index].n_runs < 1)
    return -1;
  const struct ebpf_object_program *p = &obj->programs[index];
  if (!obj->executable)
    {
      /* The first run is the program's function, as its symbol sizes it.  */
      *low = p->runs[0].addr;
      *high = p->runs[0].addr + p->runs[0].n_slots * EBPF_INSN_SIZE;
      return 0;
    }
  /* An executable's program is its code segment, entered at its entry
   * point: the function is what the entry's symbol spans.  */
  *low = p->runs[0].addr + p->entry * EBPF_INSN_SIZE;
  *high = p->runs[0].addr + p->runs[0].n_slots * EBPF_INSN_SIZE;
  struct image im;
  struct ebpf_error err;
  if (!open_image (&im, obj, &err))
    {
      free_image (&im);
      return 0;
    }
  for (size_t k = 1; k < im.n_syms; k++)
    {
      const struct sym *y = &im.syms[k];
      if (ELF64_ST_TYPE (y->info) == STT_FUNC && y->value == *low && y->size
          && strcmp (y->sname, p->name) == 0)
        {
          *high = y->value + y->size;
          break;
        }
    }
  free_image (&im);
  return 0;
}

bool
ebpf_object_section_address (const ebpf_object *obj, int elf_index,
                             uint64_t *addr)
{
  if (!obj->executable)
    {
      for (int i = 0; i < obj->n_code_sections; i++)
        if (obj->code_sections[i].elf_index == elf_index)
          {
            *addr = obj->code_sections[i].addr;
            return true;
          }
      for (int i = 0; i < obj->n_maps; i++)
        if (obj->maps[i].origin == EBPF_MAP_FROM_DATA
            && obj->maps[i].elf_section == elf_index && elf_index > 0)
          {
            *addr = ebpf_window_base (EBPF_WINDOW_FIRST_MAP + (unsigned) i);
            return true;
          }
      return false;
    }
  struct image im;
  struct ebpf_error err;
  bool ok = open_image (&im, obj, &err) && elf_index > 0
            && (size_t) elf_index < im.n_sh && im.placed[elf_index];
  if (ok)
    *addr = im.addr[elf_index];
  free_image (&im);
  return ok;
}

bool
ebpf_object_has_section (const ebpf_object *obj, const char *name)
{
  struct image im;
  struct ebpf_error err;
  bool found = false;
  if (open_image (&im, obj, &err))
    for (size_t i = 1; i < im.n_sh && !found; i++)
      found = strcmp (im.sh[i].sname, name) == 0 && im.sh[i].size > 0
              && im.sh[i].type != SHT_NOBITS;
  free_image (&im);
  return found;
}
