/* elf-write.c — ELF relocatable output through libelf.
 *
 * Layout: null section, the object's sections in order, one .rel section
 * per section that has relocations, .symtab, .strtab, .shstrtab.  Local
 * symbols come first in .symtab, as ELF requires.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "elf-write.h"
#include "out-file.h"
#include "xalloc.h"

#ifndef EM_BPF
#define EM_BPF 247
#endif

/* A growing string table.  */
struct strtab
{
  char *data;
  size_t len, cap;
};

static size_t
strtab_add (struct strtab *t, const char *s)
{
  size_t n = strlen (s) + 1;
  if (t->len + n > t->cap)
    {
      t->cap = (t->len + n) * 2 + 64;
      t->data = ebpf_xrealloc (t->data, t->cap);
    }
  memcpy (t->data + t->len, s, n);
  t->len += n;
  return t->len - n;
}

static Elf_Scn *
new_section (Elf *elf, const void *data, size_t size, size_t align,
             Elf_Type type)
{
  Elf_Scn *scn = elf_newscn (elf);
  Elf_Data *d = elf_newdata (scn);
  d->d_buf = (void *) data;
  d->d_size = size;
  d->d_align = align;
  d->d_type = type;
  d->d_version = EV_CURRENT;
  return scn;
}

static void
set_header (Elf_Scn *scn, size_t name, uint32_t type, uint64_t flags,
            size_t link, size_t info, size_t entsize, size_t align)
{
  GElf_Shdr sh;
  gelf_getshdr (scn, &sh);
  sh.sh_name = name;
  sh.sh_type = type;
  sh.sh_flags = flags;
  sh.sh_link = link;
  sh.sh_info = info;
  sh.sh_entsize = entsize;
  sh.sh_addralign = align;
  gelf_update_shdr (scn, &sh);
}

int
ebpf_write_elf (const struct ebpf_asm_object *obj, const char *path, char *err,
                size_t err_len)
{
  elf_version (EV_CURRENT);
  /* Whole or not at all: an existing object survives a failed write.  */
  struct ebpf_out_file out;
  if (!ebpf_out_open (&out, path))
    {
      snprintf (err, err_len, "%s: %s", path, strerror (errno));
      return -1;
    }
  Elf *elf = elf_begin (out.fd, ELF_C_WRITE, NULL);
  GElf_Ehdr eh;
  if (elf == NULL || gelf_newehdr (elf, ELFCLASS64) == 0)
    {
      snprintf (err, err_len, "%s: %s", path, elf_errmsg (-1));
      ebpf_out_abandon (&out);
      return -1;
    }
  gelf_getehdr (elf, &eh);
  eh.e_ident[EI_DATA] = obj->big_endian ? ELFDATA2MSB : ELFDATA2LSB;
  eh.e_type = ET_REL;
  eh.e_machine = EM_BPF;
  eh.e_version = EV_CURRENT;
  gelf_update_ehdr (elf, &eh);

  struct strtab shstr = { 0 }, str = { 0 };
  strtab_add (&shstr, "");
  strtab_add (&str, "");

  /* Object sections are ELF sections 1..n.  */
  int n = obj->n_sections;
  for (int i = 0; i < n; i++)
    {
      const struct ebpf_obj_section *s = &obj->sections[i];
      Elf_Scn *scn = new_section (elf, s->type == SHT_NOBITS ? NULL : s->data,
                                  s->len, s->align, ELF_T_BYTE);
      set_header (scn, strtab_add (&shstr, s->name), s->type, s->flags, 0, 0,
                  0, s->align);
    }

  /* Symbols: null, a section symbol per section, locals, then globals.  */
  int nsyms = 1 + n + obj->n_symbols;
  GElf_Sym *syms = calloc ((size_t) nsyms, sizeof *syms);
  int *sym_index = calloc ((size_t) obj->n_symbols + 1, sizeof *sym_index);
  int k = 1;
  for (int i = 0; i < n; i++, k++)
    {
      syms[k].st_info = GELF_ST_INFO (STB_LOCAL, STT_SECTION);
      syms[k].st_shndx = (uint16_t) (i + 1);
    }
  /* Defined non-global symbols are local; undefined ones are global.  */
  int first_global = 0;
  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        first_global = k;
      for (int i = 0; i < obj->n_symbols; i++)
        {
          const struct ebpf_obj_symbol *s = &obj->symbols[i];
          bool local = s->defined && !s->global;
          if (local != (pass == 0))
            continue;
          sym_index[i] = k;
          GElf_Sym *e = &syms[k++];
          e->st_name = (uint32_t) strtab_add (&str, s->name);
          e->st_value = s->value;
          e->st_size = s->size;
          e->st_info = GELF_ST_INFO (local ? STB_LOCAL : STB_GLOBAL, s->type);
          e->st_shndx = s->defined ? (uint16_t) (s->section + 1) : SHN_UNDEF;
        }
    }

  /* Relocation sections, one per patched section.  */
  int nrel_secs = 0;
  for (int i = 0; i < n; i++)
    for (int r = 0; r < obj->n_relocs; r++)
      if (obj->relocs[r].section == i)
        {
          nrel_secs++;
          break;
        }
  size_t symtab_ndx = (size_t) n + 1 + (size_t) nrel_secs;
  void **buffers = calloc ((size_t) nrel_secs + 2, sizeof *buffers);
  int n_buffers = 0;
  for (int i = 0; i < n; i++)
    {
      int count = 0;
      for (int r = 0; r < obj->n_relocs; r++)
        count += obj->relocs[r].section == i;
      if (count == 0)
        continue;
      char name[128];
      snprintf (name, sizeof name, ".rel%s", obj->sections[i].name);
      Elf_Scn *scn = elf_newscn (elf);
      Elf_Data *d = elf_newdata (scn);
      d->d_type = ELF_T_REL;
      d->d_size = (size_t) count * gelf_fsize (elf, ELF_T_REL, 1, EV_CURRENT);
      d->d_buf = buffers[n_buffers++] = malloc (d->d_size);
      d->d_align = 8;
      d->d_version = EV_CURRENT;
      int j = 0;
      for (int r = 0; r < obj->n_relocs; r++)
        if (obj->relocs[r].section == i)
          {
            const struct ebpf_obj_reloc *or = &obj->relocs[r];
            /* Section symbols are entries 1..n, in section order.  */
            size_t sym = or->symbol >= 0 ? (size_t) sym_index[or->symbol]
                                         : (size_t) or->target_section + 1;
            GElf_Rel rel = { .r_offset = or->offset,
                             .r_info = GELF_R_INFO (sym, or->type) };
            gelf_update_rel (d, j++, &rel);
          }
      set_header (scn, strtab_add (&shstr, name), SHT_REL, 0, symtab_ndx,
                  (size_t) i + 1, gelf_fsize (elf, ELF_T_REL, 1, EV_CURRENT), 8);
    }

  Elf_Scn *symscn = elf_newscn (elf);
  Elf_Data *sd = elf_newdata (symscn);
  sd->d_type = ELF_T_SYM;
  sd->d_size = (size_t) k * gelf_fsize (elf, ELF_T_SYM, 1, EV_CURRENT);
  sd->d_buf = buffers[n_buffers++] = malloc (sd->d_size);
  sd->d_align = 8;
  sd->d_version = EV_CURRENT;
  for (int i = 0; i < k; i++)
    gelf_update_sym (sd, i, &syms[i]);
  size_t symtab_name = strtab_add (&shstr, ".symtab");
  size_t strtab_name = strtab_add (&shstr, ".strtab");
  size_t shstrtab_name = strtab_add (&shstr, ".shstrtab");
  set_header (symscn, symtab_name, SHT_SYMTAB, 0, symtab_ndx + 1,
              (size_t) first_global, gelf_fsize (elf, ELF_T_SYM, 1, EV_CURRENT), 8);

  Elf_Scn *strscn = new_section (elf, str.data, str.len, 1, ELF_T_BYTE);
  set_header (strscn, strtab_name, SHT_STRTAB, 0, 0, 0, 0, 1);
  Elf_Scn *shstrscn = new_section (elf, shstr.data, shstr.len, 1, ELF_T_BYTE);
  set_header (shstrscn, shstrtab_name, SHT_STRTAB, 0, 0, 0, 0, 1);
  eh.e_shstrndx = (uint16_t) elf_ndxscn (shstrscn);
  gelf_update_ehdr (elf, &eh);

  int rc = 0;
  if (elf_update (elf, ELF_C_WRITE) < 0)
    {
      snprintf (err, err_len, "%s: %s", path, elf_errmsg (-1));
      rc = -1;
    }
  elf_end (elf);
  if (rc != 0)
    ebpf_out_abandon (&out);
  else if (!ebpf_out_commit (&out))
    {
      snprintf (err, err_len, "%s: %s", path, strerror (errno));
      rc = -1;
    }
  free (syms);
  free (sym_index);
  for (int i = 0; i < n_buffers; i++)
    free (buffers[i]);
  free (buffers);
  free (str.data);
  free (shstr.data);
  return rc;
}
