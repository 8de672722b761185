/* object.c — the ELF object loader: libbpf-style relocatable objects
 * from clang or bpf-gcc.
 *
 * A program is a global function in an executable section other than
 * .text (or the whole section when it has no function symbol).  Its code
 * is the function followed by all of .text, so BPF-to-BPF calls and
 * callback references into .text become plain pc-relative offsets.
 * References to maps and global data become the kernel's pseudo lddw
 * forms whose immediates index the object's map table; the machine gives
 * them guest addresses when it maps the maps.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <linux/bpf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ebpf-opcode.h"
#include "object.h"
#include "program.h"

#ifndef EM_BPF
#define EM_BPF 247
#endif
#define R_BPF_64_64 1
#define R_BPF_64_ABS64 2
#define R_BPF_64_ABS32 3
#define R_BPF_64_NODYLD32 4
#define R_BPF_64_32 10

struct section
{
  const char *name;
  GElf_Shdr sh;
  const uint8_t *data;       /* NULL for SHT_NOBITS */
  int map;                   /* data map made of it, or -1 */
  bool maps;                 /* "maps" or ".maps": map definitions */
};

/* The parts of the ELF file the loader works from.  */
struct loader
{
  const char *path;
  Elf *elf;
  size_t file_size;
  bool big_endian;
  struct section *sections;
  size_t n_sections;
  GElf_Sym *syms;
  const char **sym_names;
  size_t n_syms;
  int text;                  /* index of .text, or -1 */
  ebpf_object *obj;
  struct ebpf_error *err;
};

static bool __attribute__ ((format (printf, 2, 3)))
fail (struct loader *l, const char *fmt, ...)
{
  char msg[EBPF_ERROR_MAX - 64];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  snprintf (l->err->message, sizeof l->err->message, "%s: %s", l->path, msg);
  return false;
}

static void *
xcalloc (size_t n, size_t size)
{
  void *p = calloc (n ? n : 1, size);
  if (p == NULL)
    {
      fprintf (stderr, "ebpfsim: out of memory\n");
      exit (2);
    }
  return p;
}

static char *
xstrdup (const char *s)
{
  char *p = strdup (s);
  if (p == NULL)
    {
      fprintf (stderr, "ebpfsim: out of memory\n");
      exit (2);
    }
  return p;
}

static uint32_t
read_u32 (const struct loader *l, const uint8_t *p)
{
  return l->big_endian
         ? (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3]
         : (uint32_t) p[3] << 24 | (uint32_t) p[2] << 16 | (uint32_t) p[1] << 8 | p[0];
}

/* ---- Reading the ELF file ------------------------------------------------ */

static bool
read_sections (struct loader *l)
{
  GElf_Ehdr eh;
  size_t shstrndx;
  if (elf_kind (l->elf) != ELF_K_ELF || gelf_getehdr (l->elf, &eh) == NULL)
    return fail (l, "not an ELF object");
  if (eh.e_machine != EM_BPF)
    return fail (l, "ELF machine %d is not BPF (%d)", eh.e_machine, EM_BPF);
  if (eh.e_shoff > l->file_size
      || (uint64_t) eh.e_shnum * eh.e_shentsize > l->file_size - eh.e_shoff)
    return fail (l, "truncated: the section header table (offset 0x%llx, %u "
                 "entries) extends past the end of the file (%zu bytes)",
                 (unsigned long long) eh.e_shoff, eh.e_shnum, l->file_size);
  if (elf_getshdrnum (l->elf, &l->n_sections) != 0
      || elf_getshdrstrndx (l->elf, &shstrndx) != 0)
    return fail (l, "cannot read the section table: %s", elf_errmsg (-1));
  l->big_endian = eh.e_ident[EI_DATA] == ELFDATA2MSB;
  l->sections = xcalloc (l->n_sections, sizeof *l->sections);
  l->text = -1;
  for (size_t i = 1; i < l->n_sections; i++)
    {
      struct section *s = &l->sections[i];
      Elf_Scn *scn = elf_getscn (l->elf, i);
      s->map = -1;
      if (scn == NULL || gelf_getshdr (scn, &s->sh) == NULL)
        return fail (l, "section %zu: unreadable header: %s", i, elf_errmsg (-1));
      s->name = elf_strptr (l->elf, shstrndx, s->sh.sh_name);
      if (s->name == NULL)
        return fail (l, "section %zu: name offset %u is outside the section "
                     "name table", i, s->sh.sh_name);
      if (s->sh.sh_type == SHT_NOBITS || s->sh.sh_size == 0)
        continue;
      if (s->sh.sh_offset > l->file_size
          || s->sh.sh_size > l->file_size - s->sh.sh_offset)
        return fail (l, "section %zu (%s): contents at offset 0x%llx, size "
                     "0x%llx, extend past the end of the file (%zu bytes)", i,
                     s->name, (unsigned long long) s->sh.sh_offset,
                     (unsigned long long) s->sh.sh_size, l->file_size);
      Elf_Data *d = elf_rawdata (scn, NULL);
      if (d == NULL || d->d_size != s->sh.sh_size)
        return fail (l, "section %zu (%s): contents cannot be read", i, s->name);
      s->data = d->d_buf;
      if (strcmp (s->name, ".text") == 0)
        l->text = (int) i;
      s->maps = strcmp (s->name, "maps") == 0 || strcmp (s->name, ".maps") == 0;
    }
  return true;
}

static bool
read_symbols (struct loader *l)
{
  for (size_t i = 1; i < l->n_sections; i++)
    {
      struct section *s = &l->sections[i];
      if (s->sh.sh_type != SHT_SYMTAB)
        continue;
      if (s->sh.sh_entsize == 0 || s->sh.sh_link >= l->n_sections)
        return fail (l, "section %zu (%s): malformed symbol table", i, s->name);
      Elf_Data *d = elf_getdata (elf_getscn (l->elf, i), NULL);
      if (d == NULL)
        return fail (l, "section %zu (%s): symbols cannot be read", i, s->name);
      l->n_syms = s->sh.sh_size / s->sh.sh_entsize;
      l->syms = xcalloc (l->n_syms, sizeof *l->syms);
      l->sym_names = xcalloc (l->n_syms, sizeof *l->sym_names);
      for (size_t k = 0; k < l->n_syms; k++)
        {
          if (gelf_getsym (d, (int) k, &l->syms[k]) == NULL)
            return fail (l, "symbol %zu cannot be read", k);
          const char *name = elf_strptr (l->elf, s->sh.sh_link, l->syms[k].st_name);
          l->sym_names[k] = name ? name : "";
          uint16_t shndx = l->syms[k].st_shndx;
          if (shndx != SHN_UNDEF && shndx < SHN_LORESERVE && shndx >= l->n_sections)
            return fail (l, "symbol %zu (%s) names section %u, which does not "
                         "exist", k, l->sym_names[k], shndx);
        }
      return true;
    }
  return true;   /* no symbols: only whole-section programs, no relocations */
}

/* ---- Maps ------------------------------------------------------------------- */

static int
add_map (struct loader *l, const char *name, enum ebpf_map_origin origin)
{
  ebpf_object *obj = l->obj;
  struct ebpf_object_map *maps = realloc (obj->maps, (size_t) (obj->n_maps + 1)
                                                     * sizeof *maps);
  if (maps == NULL)
    {
      fprintf (stderr, "ebpfsim: out of memory\n");
      exit (2);
    }
  obj->maps = maps;
  struct ebpf_object_map *m = &maps[obj->n_maps];
  memset (m, 0, sizeof *m);
  m->name = xstrdup (name);
  m->origin = origin;
  m->inner = -1;
  m->elf_section = -1;
  return obj->n_maps++;
}

static bool
is_data_section (const struct section *s)
{
  if (!(s->sh.sh_flags & SHF_ALLOC) || (s->sh.sh_flags & SHF_EXECINSTR))
    return false;
  const char *n = s->name;
  return strcmp (n, ".data") == 0 || strncmp (n, ".data.", 6) == 0
         || strcmp (n, ".rodata") == 0 || strncmp (n, ".rodata.", 8) == 0
         || strcmp (n, ".bss") == 0 || strncmp (n, ".bss.", 5) == 0;
}

/* libbpf's names for global-data maps, which bpftool shows: the object's
 * name cut to fit 15 characters, then ".data", ".rodata", ".bss" or
 * ".kconfig"; other sections (.data.custom) keep their own name.  */
static void
name_data_map (struct loader *l, int idx, const char *section)
{
  if (strcmp (section, ".data") && strcmp (section, ".rodata")
      && strcmp (section, ".bss") && strcmp (section, ".kconfig"))
    return;
  const char *base = strrchr (l->path, '/');
  base = base ? base + 1 : l->path;
  size_t stem = strcspn (base, ".");
  size_t room = 15 - strlen (section);
  char name[16];
  snprintf (name, sizeof name, "%.*s%s", (int) (stem < room ? stem : room),
            base, section);
  free (l->obj->maps[idx].name);
  l->obj->maps[idx].name = xstrdup (name);
}

/* Global data sections are array maps of one element, as libbpf makes
 * them; .rodata is read-only to the program.  */
static bool
read_data_maps (struct loader *l)
{
  for (size_t i = 1; i < l->n_sections; i++)
    {
      struct section *s = &l->sections[i];
      if (!is_data_section (s) || s->sh.sh_size == 0)
        continue;
      if (s->sh.sh_size > UINT32_MAX / 2)
        return fail (l, "section %s: %llu bytes of global data is too large",
                     s->name, (unsigned long long) s->sh.sh_size);
      int idx = add_map (l, s->name, EBPF_MAP_FROM_DATA);
      name_data_map (l, idx, s->name);
      struct ebpf_object_map *m = &l->obj->maps[idx];
      m->type = BPF_MAP_TYPE_ARRAY;
      m->key_size = 4;
      m->value_size = (uint32_t) s->sh.sh_size;
      m->max_entries = 1;
      m->elf_section = (int) i;
      m->readonly = strncmp (s->name, ".rodata", 7) == 0;
      if (m->readonly)
        m->map_flags |= BPF_F_RDONLY_PROG;
      m->initial = xcalloc (1, m->value_size);
      if (s->data)
        memcpy (m->initial, s->data, m->value_size);
      s->map = idx;
    }
  return true;
}

/* SEC("maps"): struct bpf_map_def { type, key_size, value_size,
 * max_entries, map_flags } per symbol, in the object's byte order.  */
static bool
read_legacy_maps (struct loader *l)
{
  for (size_t k = 0; k < l->n_syms; k++)
    {
      const GElf_Sym *sym = &l->syms[k];
      if (sym->st_shndx == SHN_UNDEF || sym->st_shndx >= l->n_sections
          || strcmp (l->sections[sym->st_shndx].name, "maps") != 0
          || GELF_ST_TYPE (sym->st_info) == STT_SECTION)
        continue;
      const struct section *s = &l->sections[sym->st_shndx];
      if (s->data == NULL || sym->st_value > s->sh.sh_size
          || s->sh.sh_size - sym->st_value < 20)
        return fail (l, "section maps: map '%s' at offset 0x%llx is shorter "
                     "than struct bpf_map_def (20 bytes)", l->sym_names[k],
                     (unsigned long long) sym->st_value);
      int idx = add_map (l, l->sym_names[k], EBPF_MAP_FROM_LEGACY);
      struct ebpf_object_map *m = &l->obj->maps[idx];
      const uint8_t *p = s->data + sym->st_value;
      m->type = read_u32 (l, p);
      m->key_size = read_u32 (l, p + 4);
      m->value_size = read_u32 (l, p + 8);
      m->max_entries = read_u32 (l, p + 12);
      m->map_flags = read_u32 (l, p + 16);
      m->elf_section = sym->st_shndx;
      m->elf_offset = sym->st_value;
    }
  return true;
}

static int
find_map_at (const struct loader *l, int section, uint64_t offset)
{
  for (int i = 0; i < l->obj->n_maps; i++)
    if (l->obj->maps[i].elf_section == section
        && l->obj->maps[i].elf_offset == offset
        && l->obj->maps[i].origin != EBPF_MAP_FROM_DATA)
      return i;
  return -1;
}

/* ---- Programs and relocations ------------------------------------------- */

struct code
{
  uint8_t *bytes;
  size_t slots;
  size_t func_off;            /* byte offset of the function in its section */
  size_t func_slots;
  size_t text_base;           /* slot where .text starts, if appended */
};

static void
get_insn (const struct loader *l, const struct code *c, size_t slot,
          struct ebpf_insn *in)
{
  ebpf_insn_decode (c->bytes + slot * EBPF_INSN_SIZE, l->big_endian, in);
}

static void
put_insn (const struct loader *l, struct code *c, size_t slot,
          const struct ebpf_insn *in)
{
  ebpf_insn_encode (in, l->big_endian, c->bytes + slot * EBPF_INSN_SIZE);
}

/* The linked slot of byte offset OFF of section SECTION, or -1.  */
static int64_t
linked_slot (const struct loader *l, const struct code *c, int section,
             int64_t off, int prog_section)
{
  if (off < 0 || off % EBPF_INSN_SIZE)
    return -1;
  if (section == prog_section && (uint64_t) off >= c->func_off
      && (uint64_t) off < c->func_off + c->func_slots * EBPF_INSN_SIZE)
    return (int64_t) ((off - c->func_off) / EBPF_INSN_SIZE);
  if (section == l->text && c->text_base
      && (uint64_t) off < l->sections[l->text].sh.sh_size)
    return (int64_t) (c->text_base + off / EBPF_INSN_SIZE);
  return -1;
}

/* One relocation at linked slot SLOT, against symbol SYM.  */
static bool
relocate (struct loader *l, struct code *c, size_t slot, const GElf_Rel *rel,
          int prog_section, const char *where)
{
  size_t k = GELF_R_SYM (rel->r_info);
  uint32_t type = GELF_R_TYPE (rel->r_info);
  if (k >= l->n_syms)
    return fail (l, "%s: relocation at 0x%llx names symbol %zu, which does "
                 "not exist", where, (unsigned long long) rel->r_offset, k);
  const GElf_Sym *sym = &l->syms[k];
  const char *name = l->sym_names[k][0] ? l->sym_names[k]
                     : sym->st_shndx < l->n_sections && sym->st_shndx
                     ? l->sections[sym->st_shndx].name : "?";
  struct ebpf_insn in;
  get_insn (l, c, slot, &in);

  if (type == R_BPF_64_32 && in.opcode == 0x85)
    {
      /* A BPF-to-BPF call: target slot = symbol / 8 + imm + 1 in the
       * symbol's section (imm is -1 against a function symbol, the
       * offset against a section symbol).  */
      int64_t off = (int64_t) sym->st_value + ((int64_t) in.imm + 1) * EBPF_INSN_SIZE;
      int64_t target = linked_slot (l, c, sym->st_shndx, off, prog_section);
      if (target < 0)
        return fail (l, "%s: call at 0x%llx to '%s' does not reach code of "
                     "this program or .text", where,
                     (unsigned long long) rel->r_offset, name);
      in.src = 1;
      in.imm = (int32_t) (target - (int64_t) slot - 1);
      put_insn (l, c, slot, &in);
      return true;
    }
  if (type != R_BPF_64_64 || in.opcode != 0x18 || slot + 1 >= c->slots)
    return fail (l, "%s: relocation type %u at 0x%llx against '%s' on an "
                 "instruction (opcode 0x%02x) it cannot apply to", where, type,
                 (unsigned long long) rel->r_offset, name, in.opcode);

  struct ebpf_insn hi;
  get_insn (l, c, slot + 1, &hi);
  if (sym->st_shndx == SHN_UNDEF || sym->st_shndx >= l->n_sections)
    return fail (l, "%s: lddw at 0x%llx refers to '%s', which the object "
                 "does not define", where, (unsigned long long) rel->r_offset,
                 name);
  const struct section *target = &l->sections[sym->st_shndx];
  if (target->maps)
    {
      int map = find_map_at (l, sym->st_shndx, sym->st_value);
      if (map < 0)
        return fail (l, "%s: lddw at 0x%llx refers to '%s' in %s, which is "
                     "not a map definition", where,
                     (unsigned long long) rel->r_offset, name, target->name);
      in.src = BPF_PSEUDO_MAP_IDX;
      in.imm = map;
      hi.imm = 0;
    }
  else if (target->map >= 0)
    {
      /* Global data: the offset is the symbol's plus the immediate clang
       * left (the whole offset when the symbol is the section's).  */
      uint64_t off = sym->st_value + (uint32_t) in.imm;
      if (off >= target->sh.sh_size)
        return fail (l, "%s: lddw at 0x%llx points 0x%llx bytes into %s, past "
                     "its end", where, (unsigned long long) rel->r_offset,
                     (unsigned long long) off, target->name);
      in.src = BPF_PSEUDO_MAP_IDX_VALUE;
      in.imm = target->map;
      hi.imm = (int32_t) off;
    }
  else if (target->sh.sh_flags & SHF_EXECINSTR)
    {
      /* A function's address, for callbacks of bpf_loop and the like.  */
      int64_t off = (int64_t) sym->st_value + in.imm;
      int64_t t = linked_slot (l, c, sym->st_shndx, off, prog_section);
      if (t < 0)
        return fail (l, "%s: lddw at 0x%llx takes the address of '%s', "
                     "which is not code of this program or .text", where,
                     (unsigned long long) rel->r_offset, name);
      in.src = BPF_PSEUDO_FUNC;
      in.imm = (int32_t) (t - (int64_t) slot - 1);
      hi.imm = 0;
    }
  else
    return fail (l, "%s: lddw at 0x%llx refers to '%s' in section %s, which "
                 "is neither a map nor global data", where,
                 (unsigned long long) rel->r_offset, name, target->name);
  put_insn (l, c, slot, &in);
  put_insn (l, c, slot + 1, &hi);
  return true;
}

/* Applies the relocations of SECTION that fall in the linked code.  */
static bool
relocate_section (struct loader *l, struct code *c, int section,
                  int prog_section)
{
  for (size_t i = 1; i < l->n_sections; i++)
    {
      const struct section *rs = &l->sections[i];
      if (rs->sh.sh_type == SHT_RELA)
        {
          if (rs->sh.sh_info == (uint32_t) section && rs->sh.sh_size)
            return fail (l, "section %s: RELA relocations are not used by BPF "
                         "objects", rs->name);
          continue;
        }
      if (rs->sh.sh_type != SHT_REL || rs->sh.sh_info != (uint32_t) section)
        continue;
      Elf_Data *d = elf_getdata (elf_getscn (l->elf, i), NULL);
      size_t n = rs->sh.sh_entsize ? rs->sh.sh_size / rs->sh.sh_entsize : 0;
      for (size_t r = 0; r < n; r++)
        {
          GElf_Rel rel;
          if (d == NULL || gelf_getrel (d, (int) r, &rel) == NULL)
            return fail (l, "section %s: relocation %zu cannot be read",
                         rs->name, r);
          int64_t slot = linked_slot (l, c, section, (int64_t) rel.r_offset,
                                      prog_section);
          if (slot < 0)
            {
              if (rel.r_offset % EBPF_INSN_SIZE
                  || rel.r_offset >= l->sections[section].sh.sh_size)
                return fail (l, "section %s: relocation %zu at 0x%llx is not "
                             "at an instruction", rs->name, r,
                             (unsigned long long) rel.r_offset);
              continue;   /* another program's function */
            }
          if (!relocate (l, c, (size_t) slot, &rel, prog_section,
                         l->sections[section].name))
            return false;
        }
    }
  return true;
}

static bool
add_program (struct loader *l, int section, const char *name, uint64_t off,
             uint64_t size)
{
  const struct section *s = &l->sections[section];
  if (off % EBPF_INSN_SIZE || size % EBPF_INSN_SIZE || size == 0
      || off > s->sh.sh_size || size > s->sh.sh_size - off)
    return fail (l, "section %s: function '%s' (offset 0x%llx, size 0x%llx) "
                 "is not a whole number of instructions inside the section",
                 s->name, name, (unsigned long long) off,
                 (unsigned long long) size);
  size_t text_len = l->text > 0 && l->text != section
                    ? l->sections[l->text].sh.sh_size : 0;
  struct code c = { 0 };
  c.func_off = off;
  c.func_slots = size / EBPF_INSN_SIZE;
  c.text_base = text_len ? c.func_slots : 0;
  c.slots = c.func_slots + text_len / EBPF_INSN_SIZE;
  c.bytes = xcalloc (c.slots, EBPF_INSN_SIZE);
  memcpy (c.bytes, s->data + off, size);
  if (text_len)
    memcpy (c.bytes + size, l->sections[l->text].data, text_len);
  if (!relocate_section (l, &c, section, section)
      || (text_len && !relocate_section (l, &c, l->text, section)))
    {
      free (c.bytes);
      return false;
    }
  ebpf_object *obj = l->obj;
  struct ebpf_object_program *progs
    = realloc (obj->programs, (size_t) (obj->n_programs + 1) * sizeof *progs);
  if (progs == NULL)
    {
      fprintf (stderr, "ebpfsim: out of memory\n");
      exit (2);
    }
  obj->programs = progs;
  progs[obj->n_programs++] = (struct ebpf_object_program) {
    xstrdup (name), xstrdup (s->name), c.bytes, c.slots * EBPF_INSN_SIZE, 0 };
  return true;
}

static bool
read_programs (struct loader *l)
{
  for (size_t i = 1; i < l->n_sections; i++)
    {
      const struct section *s = &l->sections[i];
      if (!(s->sh.sh_flags & SHF_EXECINSTR) || s->sh.sh_type != SHT_PROGBITS
          || s->sh.sh_size == 0 || (int) i == l->text)
        continue;
      int found = 0;
      for (size_t k = 0; k < l->n_syms; k++)
        {
          const GElf_Sym *sym = &l->syms[k];
          if (sym->st_shndx != i || GELF_ST_TYPE (sym->st_info) != STT_FUNC
              || GELF_ST_BIND (sym->st_info) == STB_LOCAL)
            continue;
          found++;
          if (!add_program (l, (int) i, l->sym_names[k], sym->st_value,
                            sym->st_size))
            return false;
        }
      if (found == 0 && !add_program (l, (int) i, s->name, 0, s->sh.sh_size))
        return false;
    }
  /* An object whose only code is .text (ebpf-as output, hand-written
   * assembler) is one program.  */
  if (l->obj->n_programs == 0 && l->text > 0 && l->sections[l->text].sh.sh_size)
    {
      int text = l->text;
      l->text = -1;
      bool ok = add_program (l, text, ".text", 0, l->sections[text].sh.sh_size);
      l->text = text;
      return ok;
    }
  return true;
}

static void
read_license (struct loader *l)
{
  for (size_t i = 1; i < l->n_sections; i++)
    if (strcmp (l->sections[i].name, "license") == 0 && l->sections[i].data)
      snprintf (l->obj->license, sizeof l->obj->license, "%.*s",
                (int) l->sections[i].sh.sh_size, l->sections[i].data);
}

/* ---- Executables -------------------------------------------------------------- */

/* The most an executable's image may span, from its lowest segment to the
 * end of its highest: bpf-ld places .data megabytes after .text.  */
#define MAX_IMAGE (256u << 20)

static bool
read_executable (struct loader *l)
{
  GElf_Ehdr eh;
  size_t nph;
  gelf_getehdr (l->elf, &eh);
  if (elf_getphdrnum (l->elf, &nph) != 0 || nph == 0)
    return fail (l, "executable without program headers");
  uint64_t lo = UINT64_MAX, hi = 0;
  for (size_t i = 0; i < nph; i++)
    {
      GElf_Phdr ph;
      if (gelf_getphdr (l->elf, (int) i, &ph) == NULL)
        return fail (l, "program header %zu cannot be read", i);
      if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
        continue;
      if (ph.p_filesz > ph.p_memsz || ph.p_offset > l->file_size
          || ph.p_filesz > l->file_size - ph.p_offset
          || ph.p_vaddr > UINT32_MAX || ph.p_memsz > MAX_IMAGE)
        return fail (l, "segment %zu (address 0x%llx, file offset 0x%llx, "
                     "%llu bytes) lies outside the file or the 4 GiB the "
                     "simulator gives an executable", i,
                     (unsigned long long) ph.p_vaddr,
                     (unsigned long long) ph.p_offset,
                     (unsigned long long) ph.p_filesz);
      lo = ph.p_vaddr < lo ? ph.p_vaddr : lo;
      hi = ph.p_vaddr + ph.p_memsz > hi ? ph.p_vaddr + ph.p_memsz : hi;
    }
  if (hi <= lo || hi - lo > MAX_IMAGE || hi > UINT32_MAX || lo == 0)
    return fail (l, "loadable segments 0x%llx-0x%llx: none, at address 0, or "
                 "spanning more than %u MiB", (unsigned long long) lo,
                 (unsigned long long) hi, MAX_IMAGE >> 20);
  struct ebpf_object_image *img = &l->obj->image;
  img->base = lo;
  img->len = hi - lo;
  img->bytes = xcalloc (1, img->len);
  const GElf_Phdr *text = NULL;
  GElf_Phdr phs[64];
  for (size_t i = 0; i < nph && i < 64; i++)
    {
      gelf_getphdr (l->elf, (int) i, &phs[i]);
      if (phs[i].p_type != PT_LOAD || phs[i].p_memsz == 0)
        continue;
      memcpy (img->bytes + (phs[i].p_vaddr - lo), (const uint8_t *) elf_rawfile (l->elf, NULL)
              + phs[i].p_offset, phs[i].p_filesz);
      if (eh.e_entry >= phs[i].p_vaddr && eh.e_entry < phs[i].p_vaddr + phs[i].p_filesz)
        text = &phs[i];
    }
  if (text == NULL || (eh.e_entry - text->p_vaddr) % EBPF_INSN_SIZE
      || text->p_filesz % EBPF_INSN_SIZE)
    return fail (l, "entry point 0x%llx is not an instruction of a loadable "
                 "segment", (unsigned long long) eh.e_entry);
  /* The program is the code segment; its slots sit at their addresses in
   * the image too, where the program may read them as data.  */
  const char *name = "_start";
  for (size_t k = 0; k < l->n_syms; k++)
    if (l->syms[k].st_value == eh.e_entry
        && GELF_ST_TYPE (l->syms[k].st_info) == STT_FUNC && l->sym_names[k][0])
      name = l->sym_names[k];
  struct ebpf_object_program *prog = xcalloc (1, sizeof *prog);
  prog->name = xstrdup (name);
  prog->section = xstrdup (".text");
  prog->code_len = text->p_filesz;
  prog->code = xcalloc (1, prog->code_len);
  memcpy (prog->code, img->bytes + (text->p_vaddr - lo), prog->code_len);
  prog->entry = (eh.e_entry - text->p_vaddr) / EBPF_INSN_SIZE;
  l->obj->programs = prog;
  l->obj->n_programs = 1;
  l->obj->executable = true;
  return true;
}

/* ---- Entry ------------------------------------------------------------------ */

ebpf_object *
ebpf_object_open_memory (const uint8_t *image, size_t len, const char *path,
                         struct ebpf_error *err)
{
  elf_version (EV_CURRENT);
  struct loader l = { .path = path, .file_size = len, .err = err };
  l.elf = elf_memory ((char *) image, len);
  if (l.elf == NULL)
    {
      snprintf (err->message, sizeof err->message, "%s: cannot read ELF: %s",
                path, elf_errmsg (-1));
      return NULL;
    }
  l.obj = xcalloc (1, sizeof *l.obj);
  l.obj->path = xstrdup (path);
  GElf_Ehdr eh;
  bool exec = gelf_getehdr (l.elf, &eh) != NULL && eh.e_type == ET_EXEC;
  bool ok = read_sections (&l) && read_symbols (&l)
            && (exec ? read_executable (&l)
                : read_data_maps (&l) && read_legacy_maps (&l) && read_programs (&l));
  if (ok)
    {
      l.obj->big_endian = l.big_endian;
      read_license (&l);
      if (l.obj->n_programs == 0)
        ok = fail (&l, "no programs: no executable section has code");
    }
  free (l.sections);
  free (l.syms);
  free (l.sym_names);
  elf_end (l.elf);
  if (!ok)
    {
      ebpf_object_close (l.obj);
      return NULL;
    }
  return l.obj;
}

void
ebpf_object_close (ebpf_object *obj)
{
  if (obj == NULL)
    return;
  for (int i = 0; i < obj->n_maps; i++)
    {
      free (obj->maps[i].name);
      free (obj->maps[i].initial);
    }
  for (int i = 0; i < obj->n_programs; i++)
    {
      free (obj->programs[i].name);
      free (obj->programs[i].section);
      free (obj->programs[i].code);
    }
  free (obj->maps);
  free (obj->programs);
  free (obj->image.bytes);
  free (obj->path);
  free (obj);
}

/* ---- Accessors -------------------------------------------------------------- */

ebpf_object *
ebpf_object_open (const char *path, struct ebpf_error *err)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    {
      snprintf (err->message, sizeof err->message, "%s: %s", path,
                strerror (errno));
      return NULL;
    }
  uint8_t *image = NULL;
  size_t len = 0, cap = 0, got;
  do
    {
      if (len == cap)
        {
          cap = cap ? cap * 2 : 65536;
          uint8_t *p = realloc (image, cap);
          if (p == NULL)
            {
              free (image);
              fclose (f);
              snprintf (err->message, sizeof err->message, "%s: out of memory",
                        path);
              return NULL;
            }
          image = p;
        }
      got = fread (image + len, 1, cap - len, f);
      len += got;
    }
  while (got > 0);
  bool failed = ferror (f);
  fclose (f);
  ebpf_object *obj = NULL;
  if (failed)
    snprintf (err->message, sizeof err->message, "%s: read error", path);
  else
    obj = ebpf_object_open_memory (image, len, path, err);
  free (image);
  return obj;
}

int ebpf_object_program_count (const ebpf_object *obj) { return obj->n_programs; }
bool ebpf_object_is_executable (const ebpf_object *obj) { return obj->executable; }
int ebpf_object_map_count (const ebpf_object *obj) { return obj->n_maps; }

const char *
ebpf_object_program_name (const ebpf_object *obj, int index)
{
  return index >= 0 && index < obj->n_programs ? obj->programs[index].name : NULL;
}

const char *
ebpf_object_program_section (const ebpf_object *obj, int index)
{
  return index >= 0 && index < obj->n_programs ? obj->programs[index].section : NULL;
}

const char *
ebpf_object_map_name (const ebpf_object *obj, int index)
{
  return index >= 0 && index < obj->n_maps ? obj->maps[index].name : NULL;
}

int
ebpf_object_find_program (const ebpf_object *obj, const char *name)
{
  for (int i = 0; i < obj->n_programs; i++)
    if (strcmp (obj->programs[i].name, name) == 0)
      return i;
  int found = -1;
  for (int i = 0; i < obj->n_programs; i++)
    if (strcmp (obj->programs[i].section, name) == 0)
      {
        if (found >= 0)
          return -2;
        found = i;
      }
  return found;
}

ebpf_program *
ebpf_object_program (ebpf_object *obj, int index, struct ebpf_error *err)
{
  if (index < 0 || index >= obj->n_programs)
    {
      snprintf (err->message, sizeof err->message, "%s: no program %d",
                obj->path, index);
      return NULL;
    }
  const struct ebpf_object_program *p = &obj->programs[index];
  char name[512];
  snprintf (name, sizeof name, "%s:%s", obj->path, p->name);
  ebpf_program *prog = ebpf_program_from_bytes (p->code, p->code_len,
                                                obj->big_endian, name, err);
  if (prog)
    {
      prog->object = obj;
      prog->section = xstrdup (p->section);
      prog->entry = p->entry;
      prog->index = index;
    }
  return prog;
}
