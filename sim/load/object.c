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
#include <ctype.h>
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <linux/bpf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/error.h"
#include "core/byteorder.h"
#include "xalloc.h"
#include "btf-ext.h"
#include "btf.h"
#include "core-relo.h"
#include "ebpf-opcode.h"
#include "object.h"
#include "core/program.h"

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
  const struct ebpf_btf *target_btf;  /* CO-RE target: --btf, else own */
  const char *kconfig_path;           /* --kconfig, or NULL */
  bool executable;                    /* ET_EXEC: code may end with data */
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
  ebpf_error_set (l->err, "%s: %s", l->path, msg);
  return false;
}



static uint32_t
read_u32 (const struct loader *l, const uint8_t *p)
{
  return ebpf_load_u32 (p, l->big_endian);
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
  l->sections = ebpf_xcalloc (l->n_sections, sizeof *l->sections);
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
      if ((s->sh.sh_flags & SHF_EXECINSTR) && s->sh.sh_size % EBPF_INSN_SIZE
          && l->obj && !l->executable)
        return fail (l, "section %zu (%s): %llu bytes of code is not a whole "
                     "number of 8-byte instructions", i, s->name,
                     (unsigned long long) s->sh.sh_size);
      if (strcmp (s->name, ".text") == 0)
        l->text = (int) i;
      s->maps = strcmp (s->name, "maps") == 0 || strcmp (s->name, ".maps") == 0;
    }
  return true;
}

/* Gives each section of code its place in the code address space (see
 * struct ebpf_object_code_section).  */
static bool
lay_out_code (struct loader *l)
{
  uint64_t next = EBPF_BYTECODE_BASE;
  for (size_t i = 1; i < l->n_sections; i++)
    {
      const struct section *s = &l->sections[i];
      if (!(s->sh.sh_flags & SHF_EXECINSTR) || s->sh.sh_type != SHT_PROGBITS
          || s->sh.sh_size == 0)
        continue;
      ebpf_object *obj = l->obj;
      obj->code_sections = ebpf_xrealloc (obj->code_sections,
                                          (size_t) (obj->n_code_sections + 1)
                                          * sizeof *obj->code_sections);
      uint64_t addr = l->executable ? s->sh.sh_addr : next;
      obj->code_sections[obj->n_code_sections++]
        = (struct ebpf_object_code_section) { ebpf_xstrdup (s->name), (int) i,
                                              addr, s->sh.sh_size };
      next += (s->sh.sh_size + 7) / 8 * 8;
      if (next - EBPF_BYTECODE_BASE > UINT32_MAX)
        return fail (l, "more than 4 GiB of code");
    }
  return true;
}

/* The code address of byte OFF of ELF section SECTION.  */
static uint64_t
code_address (const struct loader *l, int section, uint64_t off)
{
  for (int i = 0; i < l->obj->n_code_sections; i++)
    if (l->obj->code_sections[i].elf_index == section)
      return l->obj->code_sections[i].addr + off;
  return 0;
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
      l->syms = ebpf_xcalloc (l->n_syms, sizeof *l->syms);
      l->sym_names = ebpf_xcalloc (l->n_syms, sizeof *l->sym_names);
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
  obj->maps = ebpf_xrealloc (obj->maps, (size_t) (obj->n_maps + 1) * sizeof *obj->maps);
  struct ebpf_object_map *m = &obj->maps[obj->n_maps];
  memset (m, 0, sizeof *m);
  m->name = ebpf_xstrdup (name);
  m->origin = origin;
  m->inner = -1;
  m->spin_lock_off = -1;
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

/* libbpf's names for global-data maps, which bpftool shows: at most 8
 * characters of the object's name (less for long section names) then the
 * section's, as in "globals.bss"; a section with a second dot
 * (".rodata.str1.1") keeps its own name.  15 characters at most.  */
static void
name_data_map (struct loader *l, int idx, const char *section)
{
  const char *base = strrchr (l->path, '/');
  base = base ? base + 1 : l->path;
  size_t stem = strcspn (base, ".");
  size_t suffix = strlen (section) > 7 ? strlen (section) : 7;
  size_t prefix = strchr (section + 1, '.') ? 0
                  : suffix < 15 ? 15 - suffix : 0;
  if (prefix > stem)
    prefix = stem;
  char name[16];
  snprintf (name, sizeof name, "%.*s%s", (int) prefix, base, section);
  for (char *p = name; *p; p++)
    if (!isalnum ((unsigned char) *p) && *p != '_' && *p != '.')
      *p = '_';
  free (l->obj->maps[idx].name);
  l->obj->maps[idx].name = ebpf_xstrdup (name);
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
      /* The kernel caps an array map's value below KMALLOC_MAX_SIZE
       * (4 MiB on x86-64).  */
      if (s->sh.sh_size >= (4u << 20))
        return fail (l, "section %s: %llu bytes of global data is more than "
                     "a map value may hold (4 MiB)", s->name,
                     (unsigned long long) s->sh.sh_size);
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
      m->initial = ebpf_xcalloc (1, m->value_size);
      if (s->data)
        memcpy (m->initial, s->data, m->value_size);
      s->map = idx;
      /* The section's DATASEC describes the value, for dumps.  */
      const struct ebpf_btf_type *ds = l->obj->btf
        ? ebpf_btf_find_datasec (l->obj->btf, s->name) : NULL;
      if (ds)
        m->btf_value_type = ds->id;
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

/* The map defined at OFFSET of section SECTION ("maps", ".maps"), or -1.  */
static int
find_map_at (const ebpf_object *obj, int section, uint64_t offset)
{
  for (int i = 0; i < obj->n_maps; i++)
    if (obj->maps[i].elf_section == section
        && obj->maps[i].elf_offset == offset
        && obj->maps[i].origin != EBPF_MAP_FROM_DATA)
      return i;
  return -1;
}

/* ---- BTF ---------------------------------------------------------------- */

static int
find_section (const struct loader *l, const char *name)
{
  for (size_t i = 1; i < l->n_sections; i++)
    if (strcmp (l->sections[i].name, name) == 0)
      return (int) i;
  return -1;
}

static const GElf_Sym *
find_symbol (const struct loader *l, int section, const char *name)
{
  for (size_t k = 0; k < l->n_syms; k++)
    if (l->syms[k].st_shndx == section && strcmp (l->sym_names[k], name) == 0)
      return &l->syms[k];
  return NULL;
}

/* The object's BTF and .BTF.ext.  Compilers leave the sizes of DATASECs
 * and their variables' offsets 0 in objects: fill them in from the ELF
 * sections and symbols, as libbpf does, so data can be formatted.  */
static bool
read_btf (struct loader *l)
{
  int sec = find_section (l, ".BTF");
  if (sec < 0 || l->sections[sec].data == NULL)
    return true;
  char what[300];
  snprintf (what, sizeof what, "%s: .BTF", l->path);
  struct ebpf_btf *btf = ebpf_btf_parse (l->sections[sec].data,
                                         l->sections[sec].sh.sh_size, what, l->err);
  if (btf == NULL)
    return false;
  l->obj->btf = btf;
  for (uint32_t id = 1; id < ebpf_btf_type_count (btf); id++)
    {
      const struct ebpf_btf_type *t = ebpf_btf_type (btf, id);
      if (t->kind != EBPF_BTF_KIND_DATASEC)
        continue;
      int ds = find_section (l, t->name);
      if (ds < 0)
        continue;
      if (ebpf_btf_set_datasec_size (btf, id, (uint32_t) l->sections[ds].sh.sh_size,
                                     l->err) != 0)
        return false;
      for (uint32_t v = 0; v < t->vlen; v++)
        {
          const struct ebpf_btf_type *var = ebpf_btf_type (btf, t->secinfos[v].type);
          const GElf_Sym *sym = var ? find_symbol (l, ds, var->name) : NULL;
          if (sym && ebpf_btf_set_datasec_var_offset (btf, id, v,
                                                      (uint32_t) sym->st_value,
                                                      l->err) != 0)
            return false;
        }
    }
  int ext = find_section (l, ".BTF.ext");
  if (ext >= 0 && l->sections[ext].data)
    {
      snprintf (what, sizeof what, "%s: .BTF.ext", l->path);
      l->obj->btf_ext = ebpf_btf_ext_parse (l->sections[ext].data,
                                            l->sections[ext].sh.sh_size, btf,
                                            what, l->err);
      if (l->obj->btf_ext == NULL)
        return false;
    }
  if (l->target_btf == NULL)
    l->target_btf = btf;
  return true;
}

/* __uint(name, N) is "int (*name)[N]": N is the array's length.  */
static bool
btf_uint (const struct ebpf_btf *btf, uint32_t type, uint32_t *value)
{
  const struct ebpf_btf_type *p = ebpf_btf_type (btf, type);
  const struct ebpf_btf_type *a = p && p->kind == EBPF_BTF_KIND_PTR
                                  ? ebpf_btf_type (btf, ebpf_btf_resolve (btf, p->type))
                                  : NULL;
  if (a == NULL || a->kind != EBPF_BTF_KIND_ARRAY)
    return false;
  *value = a->array_nelems;
  return true;
}

/* Where a value of type ID holds its struct bpf_spin_lock (a member at
 * the top level, as the kernel requires), or -1.  */
static int32_t
spin_lock_offset (const struct ebpf_btf *btf, uint32_t id)
{
  const struct ebpf_btf_type *t = ebpf_btf_type (btf, ebpf_btf_resolve (btf, id));
  if (t == NULL || t->kind != EBPF_BTF_KIND_STRUCT)
    return -1;
  for (uint32_t i = 0; i < t->vlen; i++)
    {
      const struct ebpf_btf_type *mt
        = ebpf_btf_type (btf, ebpf_btf_resolve (btf, t->members[i].type));
      if (mt && mt->kind == EBPF_BTF_KIND_STRUCT
          && strcmp (mt->name, "bpf_spin_lock") == 0)
        return (int32_t) (t->members[i].bit_offset / 8);
    }
  return -1;
}

/* One BTF map definition: the members of struct { __uint(type, ...); ... }
 * named NAME, defined at OFFSET of section SEC (or, for an inner map's
 * template, nowhere: SEC -1).  Returns the map's index.  */
static int
read_btf_map_def (struct loader *l, const char *name, uint32_t struct_id,
                  int sec, uint64_t offset, int depth)
{
  const struct ebpf_btf *btf = l->obj->btf;
  const struct ebpf_btf_type *t = ebpf_btf_type (btf, ebpf_btf_resolve (btf, struct_id));
  if (t == NULL || t->kind != EBPF_BTF_KIND_STRUCT || depth > 1)
    {
      fail (l, "section .maps: map '%s' is not defined by a struct", name);
      return -1;
    }
  int idx = add_map (l, name, sec < 0 ? EBPF_MAP_INNER_TEMPLATE : EBPF_MAP_FROM_BTF);
  uint32_t values_type = 0, values_offset = 0;
  bool have_type = false;
  for (uint32_t i = 0; i < t->vlen; i++)
    {
      const struct ebpf_btf_member *mb = &t->members[i];
      struct ebpf_object_map *m = &l->obj->maps[idx];
      uint32_t v = 0;
      const struct ebpf_btf_type *mt = ebpf_btf_type (btf, mb->type);
      if (strcmp (mb->name, "key") == 0 || strcmp (mb->name, "value") == 0)
        {
          /* __type(key, T) is "T *key".  */
          uint32_t size;
          if (mt == NULL || mt->kind != EBPF_BTF_KIND_PTR
              || !ebpf_btf_type_size (btf, mt->type, &size))
            {
              fail (l, "section .maps: map '%s': member %s is not a pointer "
                    "to a sized type", name, mb->name);
              return -1;
            }
          if (mb->name[0] == 'k')
            m->key_size = size, m->btf_key_type = mt->type;
          else
            {
              m->value_size = size;
              m->btf_value_type = mt->type;
              m->spin_lock_off = spin_lock_offset (btf, mt->type);
            }
          continue;
        }
      if (strcmp (mb->name, "values") == 0)
        {
          values_type = mb->type;
          values_offset = mb->bit_offset / 8;
          continue;
        }
      if (!btf_uint (btf, mb->type, &v))
        {
          if (strcmp (mb->name, "pinning") == 0)
            continue;
          fail (l, "section .maps: map '%s': member '%s' is not __uint(...)",
                name, mb->name);
          return -1;
        }
      if (strcmp (mb->name, "type") == 0)
        m->type = v, have_type = true;
      else if (strcmp (mb->name, "max_entries") == 0)
        m->max_entries = v;
      else if (strcmp (mb->name, "map_flags") == 0)
        m->map_flags = v;
      else if (strcmp (mb->name, "key_size") == 0)
        m->key_size = v;
      else if (strcmp (mb->name, "value_size") == 0)
        m->value_size = v;
      else if (strcmp (mb->name, "map_extra") == 0)
        m->map_extra = v;
      else if (strcmp (mb->name, "numa_node") != 0 && strcmp (mb->name, "pinning") != 0)
        {
          fail (l, "section .maps: map '%s': unknown member '%s'", name, mb->name);
          return -1;
        }
    }
  struct ebpf_object_map *m = &l->obj->maps[idx];
  m->elf_section = sec;
  m->elf_offset = offset;
  if (!have_type)
    {
      fail (l, "section .maps: map '%s' has no type", name);
      return -1;
    }
  if (m->readonly || (m->map_flags & BPF_F_RDONLY_PROG))
    m->readonly = true;
  if (values_type == 0)
    return idx;

  /* __array(values, T) is "T *values[]": for maps of maps, T defines the
   * inner maps; the elements set are relocations in .maps.  */
  const struct ebpf_btf_type *arr = ebpf_btf_type (btf, values_type);
  const struct ebpf_btf_type *ptr = arr && arr->kind == EBPF_BTF_KIND_ARRAY
                                    ? ebpf_btf_type (btf, arr->array_elem_type) : NULL;
  if (ptr == NULL || ptr->kind != EBPF_BTF_KIND_PTR)
    {
      fail (l, "section .maps: map '%s': member values is not an array of "
            "pointers", name);
      return -1;
    }
  bool of_maps = m->type == BPF_MAP_TYPE_ARRAY_OF_MAPS
                 || m->type == BPF_MAP_TYPE_HASH_OF_MAPS;
  if (of_maps)
    {
      char inner_name[256];
      snprintf (inner_name, sizeof inner_name, "%s.inner", name);
      int inner = read_btf_map_def (l, inner_name, ptr->type, -1, 0, depth + 1);
      if (inner < 0)
        return -1;
      m = &l->obj->maps[idx];
      m->inner = inner;
      if (m->value_size == 0)
        m->value_size = 4;
      if (m->key_size == 0)
        m->key_size = 4;
    }
  else if (m->type == BPF_MAP_TYPE_PROG_ARRAY)
    {
      if (m->value_size == 0)
        m->value_size = 4;
      if (m->key_size == 0)
        m->key_size = 4;
    }
  /* The relocations of .rel.maps in [values, values + 8 * max_entries).  */
  for (size_t i = 1; sec >= 0 && i < l->n_sections; i++)
    {
      const struct section *rs = &l->sections[i];
      if (rs->sh.sh_type != SHT_REL || rs->sh.sh_info != (uint32_t) sec)
        continue;
      Elf_Data *d = elf_getdata (elf_getscn (l->elf, i), NULL);
      size_t n = rs->sh.sh_entsize ? rs->sh.sh_size / rs->sh.sh_entsize : 0;
      for (size_t r = 0; r < n; r++)
        {
          GElf_Rel rel;
          if (d == NULL || gelf_getrel (d, (int) r, &rel) == NULL)
            {
              fail (l, "section %s: relocation %zu cannot be read", rs->name, r);
              return -1;
            }
          uint64_t start = offset + values_offset;
          if (rel.r_offset < start || rel.r_offset >= start + 8ull * m->max_entries)
            continue;
          size_t k = GELF_R_SYM (rel.r_info);
          if (k >= l->n_syms)
            {
              fail (l, "section %s: relocation %zu names symbol %zu, which "
                    "does not exist", rs->name, r, k);
              return -1;
            }
          /* Programs are named now and found once they are read.  */
          struct ebpf_object_map_init init = {
            (uint32_t) ((rel.r_offset - start) / 8), -1, -1,
            of_maps ? NULL : l->sym_names[k] };
          const GElf_Sym *sym = &l->syms[k];
          if (of_maps && (init.map = find_map_at (l->obj, sym->st_shndx, sym->st_value)) < 0)
            {
              fail (l, "section .maps: map '%s' element %u is '%s', which is "
                    "not a map defined before it", name, init.index,
                    l->sym_names[k]);
              return -1;
            }
          m = &l->obj->maps[idx];
          m->inits = ebpf_xrealloc (m->inits, (size_t) (m->n_inits + 1)
                                              * sizeof *m->inits);
          m->inits[m->n_inits++] = init;
        }
    }
  return idx;
}

/* SEC(".maps"): each variable of the .maps DATASEC is a map definition,
 * placed where its symbol says.  */
static bool
read_btf_maps (struct loader *l)
{
  int sec = find_section (l, ".maps");
  if (sec < 0)
    return true;
  if (l->obj->btf == NULL)
    return fail (l, "section .maps needs BTF to describe its maps, and the "
                 "object has no .BTF (compile with -g)");
  const struct ebpf_btf_type *ds = ebpf_btf_find_datasec (l->obj->btf, ".maps");
  if (ds == NULL)
    return fail (l, ".BTF has no DATASEC for section .maps");
  for (uint32_t v = 0; v < ds->vlen; v++)
    {
      const struct ebpf_btf_type *var = ebpf_btf_type (l->obj->btf, ds->secinfos[v].type);
      if (var == NULL || var->kind != EBPF_BTF_KIND_VAR)
        return fail (l, ".BTF: .maps entry %u is not a variable", v);
      const GElf_Sym *sym = find_symbol (l, sec, var->name);
      if (sym == NULL)
        return fail (l, "section .maps: no symbol for map '%s'", var->name);
      if (read_btf_map_def (l, var->name, var->type, sec, sym->st_value, 0) < 0)
        return false;
    }
  return true;
}

/* Prog arrays' elements name programs: find them once all are read.  */
static bool
resolve_program_inits (struct loader *l)
{
  for (int i = 0; i < l->obj->n_maps; i++)
    for (int k = 0; k < l->obj->maps[i].n_inits; k++)
      {
        struct ebpf_object_map_init *init = &l->obj->maps[i].inits[k];
        if (init->function == NULL)
          continue;
        for (int p = 0; p < l->obj->n_programs; p++)
          if (strcmp (l->obj->programs[p].name, init->function) == 0)
            init->program = p;
        if (init->program < 0)
          return fail (l, "section .maps: map '%s' element %u is '%s', which "
                       "is not a program", l->obj->maps[i].name, init->index,
                       init->function);
        init->function = NULL;   /* its name dies with the ELF file */
      }
  return true;
}

/* ---- .kconfig externs ------------------------------------------------------- */

/* Linux 6.1.0, as KERNEL_VERSION (6, 1, 0) encodes it.  */
#define DEFAULT_KERNEL_VERSION ((6u << 16) | (1u << 8) | 0u)

/* The value of CONFIG name in the kernel config text CONFIG, or NULL:
 * "CONFIG_X=y" lines; "# CONFIG_X is not set" means n.  */
static const char *
kconfig_lookup (const char *config, const char *name, size_t *len)
{
  size_t n = strlen (name);
  for (const char *line = config; line && *line;)
    {
      const char *end = strchr (line, '\n');
      size_t ll = end ? (size_t) (end - line) : strlen (line);
      if (ll > n && strncmp (line, name, n) == 0 && line[n] == '=')
        {
          *len = ll - n - 1;
          return line + n + 1;
        }
      if (ll > n + 2 && line[0] == '#' && strstr (line, name) == line + 2
          && strncmp (line + 2 + n, " is not set", 11) == 0)
        {
          *len = 1;
          return "n";
        }
      line = end ? end + 1 : NULL;
    }
  return NULL;
}

/* Writes the value TEXT of a config option into VALUE (SIZE bytes) as its
 * BTF type asks: a tristate enum (y 1, m 2, n 0), a bool, an integer, or
 * a char array for strings.  */
static bool
kconfig_encode (struct loader *l, const char *name, uint32_t type,
                const char *text, size_t len, uint8_t *value, uint32_t size)
{
  const struct ebpf_btf *btf = l->obj->btf;
  const struct ebpf_btf_type *t = ebpf_btf_type (btf, ebpf_btf_resolve (btf, type));
  char buf[256];
  snprintf (buf, sizeof buf, "%.*s", (int) len, text);
  bool tristate = len == 1 && (buf[0] == 'y' || buf[0] == 'm' || buf[0] == 'n');
  uint64_t v = 0;
  if (t && t->kind == EBPF_BTF_KIND_ARRAY)
    {
      if (buf[0] != '"' || len < 2 || buf[len - 1] != '"')
        return fail (l, "--kconfig: %s=%s is not a string for a char array",
                     name, buf);
      buf[len - 1] = 0;
      snprintf ((char *) value, size, "%s", buf + 1);
      return true;
    }
  /* As libbpf: a tristate (enum libbpf_tristate) takes y, m, n; a bool
   * y or n; an integer a number.  */
  bool is_enum = t && (t->kind == EBPF_BTF_KIND_ENUM || t->kind == EBPF_BTF_KIND_ENUM64);
  bool is_bool = t && t->kind == EBPF_BTF_KIND_INT
                 && (t->int_encoding & EBPF_BTF_INT_BOOL);
  if (is_enum || is_bool)
    {
      if (!tristate || (is_bool && buf[0] == 'm'))
        return fail (l, "--kconfig: %s=%s: a %s takes %s", name, buf,
                     is_bool ? "bool" : "tristate", is_bool ? "y or n" : "y, m or n");
      v = buf[0] == 'y' ? 1 : buf[0] == 'm' ? 2 : 0;
    }
  else
    {
      char *end;
      v = strtoull (buf, &end, 0);
      if (*end || end == buf)
        return fail (l, "--kconfig: %s=%s is not a number", name, buf);
    }
  for (uint32_t i = 0; i < size && i < 8; i++)
    value[l->big_endian ? size - 1 - i : i] = (uint8_t) (v >> (8 * i));
  return true;
}

/* extern ... CONFIG_X __kconfig: a read-only data map laid out as libbpf
 * lays it out (each variable at its natural alignment, in DATASEC order),
 * holding the values of --kconfig.  Options it does not have read 0.  */
static bool
read_kconfig (struct loader *l)
{
  const struct ebpf_btf_type *ds = l->obj->btf
    ? ebpf_btf_find_datasec (l->obj->btf, ".kconfig") : NULL;
  if (ds == NULL || ds->vlen == 0)
    return true;
  char *config = NULL;
  if (l->kconfig_path)
    {
      struct ebpf_error why;
      size_t len;
      config = (char *) ebpf_read_whole_file (l->kconfig_path, &len, &why);
      if (config == NULL)
        return fail (l, "--kconfig %s", why.message);
    }
  uint32_t total = 0;
  for (uint32_t v = 0; v < ds->vlen; v++)
    {
      uint32_t size = 0;
      const struct ebpf_btf_type *var = ebpf_btf_type (l->obj->btf, ds->secinfos[v].type);
      if (var == NULL || !ebpf_btf_type_size (l->obj->btf, var->type, &size) || size == 0)
        {
          free (config);
          return fail (l, ".kconfig extern %u has no size", v);
        }
      uint32_t align = size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1;
      total = (total + align - 1) / align * align + size;
    }
  int idx = add_map (l, ".kconfig", EBPF_MAP_FROM_DATA);
  name_data_map (l, idx, ".kconfig");
  struct ebpf_object_map *m = &l->obj->maps[idx];
  m->type = BPF_MAP_TYPE_ARRAY;
  m->key_size = 4;
  m->value_size = total;
  m->max_entries = 1;
  m->readonly = true;
  m->map_flags = BPF_F_RDONLY_PROG;
  m->initial = ebpf_xcalloc (1, total);
  m->btf_value_type = ds->id;
  uint32_t off = 0;
  for (uint32_t v = 0; v < ds->vlen; v++)
    {
      const struct ebpf_btf_type *var = ebpf_btf_type (l->obj->btf, ds->secinfos[v].type);
      uint32_t size = 0;
      ebpf_btf_type_size (l->obj->btf, var->type, &size);
      uint32_t align = size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1;
      off = (off + align - 1) / align * align;
      ebpf_btf_set_datasec_var_offset (l->obj->btf, ds->id, v, off, l->err);
      size_t len = 0;
      const char *text = config ? kconfig_lookup (config, var->name, &len) : NULL;
      char version[32];
      if (text == NULL && strcmp (var->name, "LINUX_KERNEL_VERSION") == 0)
        {
          len = (size_t) snprintf (version, sizeof version, "%u", DEFAULT_KERNEL_VERSION);
          text = version;
        }
      if (text && !kconfig_encode (l, var->name, var->type, text, len,
                                   l->obj->maps[idx].initial + off, size))
        {
          free (config);
          return false;
        }
      off += size;
    }
  ebpf_btf_set_datasec_size (l->obj->btf, ds->id, total, l->err);
  free (config);
  return true;
}

/* ---- Programs and relocations ------------------------------------------- */

struct code
{
  struct ebpf_poison *poisons;
  size_t n_poisons;
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

bool
ebpf_object_kconfig_extern (const ebpf_object *obj, const char *name,
                            int *map, uint64_t *offset)
{
  int kconfig = -1;
  for (int i = 0; i < obj->n_maps; i++)
    if (obj->maps[i].origin == EBPF_MAP_FROM_DATA && obj->maps[i].elf_section < 0)
      kconfig = i;
  const struct ebpf_btf_type *ds = kconfig >= 0 && obj->btf
    ? ebpf_btf_find_datasec (obj->btf, ".kconfig") : NULL;
  for (uint32_t v = 0; ds && v < ds->vlen; v++)
    {
      const struct ebpf_btf_type *var = ebpf_btf_type (obj->btf, ds->secinfos[v].type);
      if (var && var->name && strcmp (var->name, name) == 0)
        {
          *map = kconfig;
          *offset = ds->secinfos[v].offset;
          return true;
        }
    }
  return false;
}

struct ebpf_lddw_target
ebpf_object_lddw_target (const ebpf_object *obj, const char *name,
                         unsigned shndx, const char *section, uint64_t value,
                         int32_t imm)
{
  struct ebpf_lddw_target t = { .kind = EBPF_LDDW_OTHER, .map = -1 };
  if (shndx == SHN_UNDEF)
    {
      uint64_t off;
      t.kind = EBPF_LDDW_UNDEFINED;
      if (ebpf_object_kconfig_extern (obj, name, &t.map, &off))
        t.kind = EBPF_LDDW_DATA, t.offset = (int64_t) off;
      return t;
    }
  if (shndx == SHN_ABS)
    {
      t.kind = EBPF_LDDW_ABSOLUTE;
      t.offset = (int64_t) (value + (uint64_t) (int64_t) imm);
      return t;
    }
  if (section == NULL)
    {
      t.kind = EBPF_LDDW_NO_SECTION;
      return t;
    }
  if (strcmp (section, "maps") == 0 || strcmp (section, ".maps") == 0)
    {
      t.map = find_map_at (obj, (int) shndx, value);
      t.kind = t.map >= 0 ? EBPF_LDDW_MAP : EBPF_LDDW_NO_MAP;
      t.offset = (int64_t) value;
      return t;
    }
  for (int i = 0; i < obj->n_maps; i++)
    if (obj->maps[i].origin == EBPF_MAP_FROM_DATA
        && obj->maps[i].elf_section == (int) shndx)
      {
        uint64_t off = value + (uint32_t) imm;
        t.kind = off >= obj->maps[i].value_size ? EBPF_LDDW_PAST_END
                                                : EBPF_LDDW_DATA;
        t.map = i;
        t.offset = (int64_t) off;
        return t;
      }
  for (int i = 0; i < obj->n_code_sections; i++)
    if (obj->code_sections[i].elf_index == (int) shndx)
      {
        t.kind = EBPF_LDDW_CODE;
        t.offset = (int64_t) value + imm;
        return t;
      }
  return t;
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
  const char *section = sym->st_shndx < l->n_sections
                        ? l->sections[sym->st_shndx].name : NULL;
  struct ebpf_lddw_target t = ebpf_object_lddw_target (l->obj, name,
                                                       sym->st_shndx, section,
                                                       sym->st_value, in.imm);
  switch (t.kind)
    {
    case EBPF_LDDW_MAP:
      in.src = BPF_PSEUDO_MAP_IDX;
      in.imm = t.map;
      hi.imm = 0;
      break;
    case EBPF_LDDW_DATA:
      in.src = BPF_PSEUDO_MAP_IDX_VALUE;
      in.imm = t.map;
      hi.imm = (int32_t) t.offset;
      break;
    case EBPF_LDDW_CODE:
      {
        /* A function's address, for callbacks of bpf_loop and the like.  */
        int64_t target = linked_slot (l, c, sym->st_shndx, t.offset,
                                      prog_section);
        if (target < 0)
          return fail (l, "%s: lddw at 0x%llx takes the address of '%s', "
                       "which is not code of this program or .text", where,
                       (unsigned long long) rel->r_offset, name);
        in.src = BPF_PSEUDO_FUNC;
        in.imm = (int32_t) (target - (int64_t) slot - 1);
        hi.imm = 0;
        break;
      }
    case EBPF_LDDW_ABSOLUTE: case EBPF_LDDW_UNDEFINED:
    case EBPF_LDDW_NO_SECTION:
      return fail (l, "%s: lddw at 0x%llx refers to '%s', which the object "
                   "does not define (only .kconfig externs are simulated)",
                   where, (unsigned long long) rel->r_offset, name);
    case EBPF_LDDW_NO_MAP:
      return fail (l, "%s: lddw at 0x%llx refers to '%s' in %s, which is "
                   "not a map definition", where,
                   (unsigned long long) rel->r_offset, name, section);
    case EBPF_LDDW_PAST_END:
      return fail (l, "%s: lddw at 0x%llx points 0x%llx bytes into %s, past "
                   "its end", where, (unsigned long long) rel->r_offset,
                   (unsigned long long) t.offset, section);
    case EBPF_LDDW_OTHER:
      return fail (l, "%s: lddw at 0x%llx refers to '%s' in section %s, "
                   "which is neither a map nor global data", where,
                   (unsigned long long) rel->r_offset, name, section);
    }
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

/* CO-RE: the .BTF.ext relocations of code section SECTION that land in
 * the linked code, computed against the target BTF and patched in.  */
static bool
apply_core_relocations (struct loader *l, struct code *c, int section,
                        int prog_section)
{
  if (l->obj->btf_ext == NULL)
    return true;
  const struct ebpf_btf_ext_section *es
    = ebpf_btf_ext_find_section (l->obj->btf_ext, l->sections[section].name);
  for (size_t i = 0; es && i < es->n_core_relo; i++)
    {
      const struct ebpf_core_relo *relo = &es->core_relo[i];
      int64_t slot = linked_slot (l, c, section, relo->insn_off, prog_section);
      if (slot < 0)
        continue;
      struct ebpf_core_result result;
      struct ebpf_error why;
      if (ebpf_core_relo_compute (l->obj->btf, l->target_btf, relo, &result, &why) != 0
          || ebpf_core_patch_insn (c->bytes, c->slots * EBPF_INSN_SIZE, l->big_endian,
                                   (uint32_t) slot * EBPF_INSN_SIZE, &result, &why) != 0)
        return fail (l, "section %s: CO-RE relocation at 0x%x (%s, access %s): %s",
                     l->sections[section].name, relo->insn_off,
                     ebpf_core_relo_kind_name (relo->kind), relo->access,
                     why.message);
      if (result.poison)
        {
          char reason[512];
          snprintf (reason, sizeof reason, "the CO-RE relocation of section %s "
                    "at 0x%x (%s, access %s) could not be resolved against the "
                    "target BTF: %s", l->sections[section].name, relo->insn_off,
                    ebpf_core_relo_kind_name (relo->kind), relo->access,
                    result.reason);
          c->poisons = ebpf_xrealloc (c->poisons, (c->n_poisons + 1) * sizeof *c->poisons);
          c->poisons[c->n_poisons++] = (struct ebpf_poison) { (size_t) slot,
                                                              ebpf_xstrdup (reason) };
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
  const struct section *text = text_len ? &l->sections[l->text] : NULL;
  if (text && (text->data == NULL || text_len % EBPF_INSN_SIZE))
    return fail (l, "section .text: %zu bytes of code is not a whole number "
                 "of 8-byte instructions", text_len);
  struct code c = { 0 };
  c.func_off = off;
  c.func_slots = size / EBPF_INSN_SIZE;
  c.text_base = text_len ? c.func_slots : 0;
  c.slots = c.func_slots + text_len / EBPF_INSN_SIZE;
  c.bytes = ebpf_xcalloc (c.slots, EBPF_INSN_SIZE);
  memcpy (c.bytes, s->data + off, size);
  if (text_len)
    memcpy (c.bytes + size, l->sections[l->text].data, text_len);
  if (!relocate_section (l, &c, section, section)
      || (text_len && !relocate_section (l, &c, l->text, section)))
    {
      free (c.bytes);
      return false;
    }
  /* CO-RE is the program's own business: a relocation that cannot be
   * applied makes this program unloadable, not the object.  */
  struct ebpf_error *object_err = l->err, core_err = { "" };
  l->err = &core_err;
  bool core_ok = apply_core_relocations (l, &c, section, section)
                 && (!text_len || apply_core_relocations (l, &c, l->text, section));
  l->err = object_err;
  ebpf_object *obj = l->obj;
  obj->programs = ebpf_xrealloc (obj->programs, (size_t) (obj->n_programs + 1)
                                                * sizeof *obj->programs);
  struct ebpf_object_program *p = &obj->programs[obj->n_programs++];
  *p = (struct ebpf_object_program) {
    ebpf_xstrdup (name), ebpf_xstrdup (s->name), c.bytes,
    c.slots * EBPF_INSN_SIZE, 0, c.poisons, c.n_poisons,
    .unloadable = core_ok ? NULL : ebpf_xstrdup (core_err.message), .n_runs = 1 };
  p->runs[0] = (struct ebpf_code_run) { 0, c.func_slots,
                                        code_address (l, section, off) };
  if (text_len)
    p->runs[p->n_runs++] = (struct ebpf_code_run) {
      c.text_base, text_len / EBPF_INSN_SIZE, code_address (l, l->text, 0) };
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
  /* An image at address 0 is for the machine to refuse or run: GDB's
   * simulator conventions put flat memory there.  */
  if (hi <= lo || hi - lo > MAX_IMAGE || hi > UINT32_MAX)
    return fail (l, "loadable segments 0x%llx-0x%llx: none, beyond 4 GiB, or "
                 "spanning more than %u MiB", (unsigned long long) lo,
                 (unsigned long long) hi, MAX_IMAGE >> 20);
  struct ebpf_object_image *img = &l->obj->image;
  img->base = lo;
  img->len = hi - lo;
  img->bytes = ebpf_xcalloc (1, img->len);
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
  /* bpf-ld puts .rodata after .text in the code segment: the program is
   * its whole instructions, the rest data in the image.  */
  if (text == NULL || (eh.e_entry - text->p_vaddr) % EBPF_INSN_SIZE
      || eh.e_entry - text->p_vaddr >= text->p_filesz / EBPF_INSN_SIZE * EBPF_INSN_SIZE)
    return fail (l, "entry point 0x%llx is not an instruction of a loadable "
                 "segment", (unsigned long long) eh.e_entry);
  /* The program is the code segment; its slots sit at their addresses in
   * the image too, where the program may read them as data.  */
  const char *name = "_start";
  for (size_t k = 0; k < l->n_syms; k++)
    if (l->syms[k].st_value == eh.e_entry
        && GELF_ST_TYPE (l->syms[k].st_info) == STT_FUNC && l->sym_names[k][0])
      name = l->sym_names[k];
  struct ebpf_object_program *prog = ebpf_xcalloc (1, sizeof *prog);
  prog->name = ebpf_xstrdup (name);
  prog->section = ebpf_xstrdup (".text");
  prog->code_len = text->p_filesz / EBPF_INSN_SIZE * EBPF_INSN_SIZE;
  prog->code = ebpf_xcalloc (1, prog->code_len);
  memcpy (prog->code, img->bytes + (text->p_vaddr - lo), prog->code_len);
  prog->entry = (eh.e_entry - text->p_vaddr) / EBPF_INSN_SIZE;
  prog->runs[0] = (struct ebpf_code_run) { 0, prog->code_len / EBPF_INSN_SIZE,
                                           text->p_vaddr };
  prog->n_runs = 1;
  l->obj->programs = prog;
  l->obj->n_programs = 1;
  l->obj->executable = true;
  return true;
}

/* ---- Entry ------------------------------------------------------------------ */

ebpf_object *
ebpf_object_open_memory (const uint8_t *image, size_t len, const char *path,
                         const struct ebpf_object_options *opts,
                         struct ebpf_error *err)
{
  struct ebpf_btf *target = NULL;
  if (opts && opts->target_btf
      && (target = ebpf_btf_load_file (opts->target_btf, err)) == NULL)
    return NULL;
  elf_version (EV_CURRENT);
  struct loader l = { .path = path, .file_size = len, .err = err,
                      .target_btf = target,
                      .kconfig_path = opts ? opts->kconfig : NULL };
  /* libelf's own words for a short file say nothing of where.  */
  if (len < EI_NIDENT || (image[EI_CLASS] == ELFCLASS64 && len < sizeof (Elf64_Ehdr)))
    {
      ebpf_error_set (err, "%s: the ELF header is cut short: the file has %zu "
                      "bytes, the header %zu", path, len,
                      len < EI_NIDENT ? (size_t) EI_NIDENT : sizeof (Elf64_Ehdr));
      ebpf_btf_free (target);
      return NULL;
    }
  l.elf = elf_memory ((char *) image, len);
  if (l.elf == NULL)
    {
      ebpf_error_set (err, "%s: cannot read ELF: %s", path, elf_errmsg (-1));
      ebpf_btf_free (target);
      return NULL;
    }
  l.obj = ebpf_xcalloc (1, sizeof *l.obj);
  l.obj->path = ebpf_xstrdup (path);
  l.obj->target_btf = target;
  GElf_Ehdr eh;
  bool exec = gelf_getehdr (l.elf, &eh) != NULL && eh.e_type == ET_EXEC;
  l.executable = exec;
  bool ok = read_sections (&l) && lay_out_code (&l) && read_symbols (&l)
            && (exec ? read_executable (&l)
                /* Maps in libbpf's order: the object's own, then
                 * global data and .kconfig.  */
                : read_btf (&l) && read_legacy_maps (&l) && read_btf_maps (&l)
                  && read_data_maps (&l) && read_kconfig (&l) && read_programs (&l)
                  && resolve_program_inits (&l));
  if (ok)
    {
      l.obj->elf_file = ebpf_xcalloc (1, len ? len : 1);
      memcpy (l.obj->elf_file, image, len);
      l.obj->elf_size = len;
      l.obj->big_endian = l.big_endian;
      read_license (&l);
      /* An object of maps alone, or of nothing (a BTF test object, gcc's
       * crti.o): it opens, as libbpf opens it, and lists what it has;
       * asking to run it says there is nothing to run.  */
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
      free (obj->maps[i].inits);
    }
  ebpf_btf_ext_free (obj->btf_ext);
  ebpf_btf_free (obj->btf);
  ebpf_btf_free (obj->target_btf);
  for (int i = 0; i < obj->n_programs; i++)
    {
      free (obj->programs[i].name);
      free (obj->programs[i].section);
      free (obj->programs[i].code);
      for (size_t k = 0; k < obj->programs[i].n_poisons; k++)
        free (obj->programs[i].poisons[k].reason);
      free (obj->programs[i].poisons);
      free (obj->programs[i].unloadable);
    }
  for (int i = 0; i < obj->n_code_sections; i++)
    free (obj->code_sections[i].name);
  free (obj->code_sections);
  free (obj->elf_file);
  free (obj->maps);
  free (obj->programs);
  free (obj->image.bytes);
  free (obj->path);
  free (obj);
}

/* ---- Accessors -------------------------------------------------------------- */

ebpf_object *
ebpf_object_open (const char *path, const struct ebpf_object_options *opts,
                  struct ebpf_error *err)
{
  size_t len;
  uint8_t *image = ebpf_read_whole_file (path, &len, err);
  if (image == NULL)
    return NULL;
  ebpf_object *obj = ebpf_object_open_memory (image, len, path, opts, err);
  free (image);
  return obj;
}

bool
ebpf_object_code_address_valid (const ebpf_object *obj, uint64_t addr)
{
  for (int i = 0; i < obj->n_code_sections; i++)
    {
      const struct ebpf_object_code_section *cs = &obj->code_sections[i];
      if (addr < cs->addr || addr - cs->addr >= cs->size
          || (addr - cs->addr) % EBPF_INSN_SIZE)
        continue;
      /* Walk from the section's start: an lddw takes two slots.  */
      GElf_Shdr sh;
      Elf *elf = elf_memory ((char *) obj->elf_file, obj->elf_size);
      Elf_Scn *scn = elf ? elf_getscn (elf, (size_t) cs->elf_index) : NULL;
      bool ok = scn && gelf_getshdr (scn, &sh) && sh.sh_offset + cs->size
                                                   <= obj->elf_size;
      uint64_t off = 0;
      while (ok && off < addr - cs->addr)
        off += obj->elf_file[sh.sh_offset + off] == 0x18 ? 16 : 8;
      elf_end (elf);
      return ok && off == addr - cs->addr;
    }
  return false;
}

int ebpf_object_program_count (const ebpf_object *obj) { return obj->n_programs; }
bool ebpf_object_is_executable (const ebpf_object *obj) { return obj->executable; }
int ebpf_object_map_count (const ebpf_object *obj) { return obj->n_maps; }

const char *
ebpf_object_program_unloadable (const ebpf_object *obj, int index)
{
  return index >= 0 && index < obj->n_programs ? obj->programs[index].unloadable : NULL;
}

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
      ebpf_error_set (err, "%s: no program %d", obj->path, index);
      return NULL;
    }
  const struct ebpf_object_program *p = &obj->programs[index];
  if (p->unloadable)
    {
      ebpf_error_set (err, "program %s cannot be loaded: %s", p->name, p->unloadable);
      return NULL;
    }
  char name[512];
  snprintf (name, sizeof name, "%s:%s", obj->path, p->name);
  ebpf_program *prog = ebpf_program_from_bytes (p->code, p->code_len,
                                                obj->big_endian, name, err);
  if (prog)
    {
      prog->object = obj;
      prog->section = ebpf_xstrdup (p->section);
      prog->entry = p->entry;
      prog->index = index;
      memcpy (prog->runs, p->runs, sizeof prog->runs);
      prog->n_runs = p->n_runs;
    }
  return prog;
}
