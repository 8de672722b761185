/* program.c — loading a program from bytecode or from an ELF object.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "disasm.h"
#include "program.h"

#ifndef EM_BPF
#define EM_BPF 247
#endif

static void
set_error (struct ebpf_error *err, const char *fmt, ...)
{
  if (err == NULL)
    return;
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (err->message, sizeof err->message, fmt, ap);
  va_end (ap);
}

ebpf_program *
ebpf_program_from_bytes (const uint8_t *bytes, size_t len, bool big_endian,
                         const char *name, struct ebpf_error *err)
{
  if (len == 0)
    {
      set_error (err, "%s: the program is empty", name);
      return NULL;
    }
  if (len % EBPF_INSN_SIZE != 0)
    {
      set_error (err, "%s: %zu bytes of code is not a whole number of "
                 "8-byte instructions", name, len);
      return NULL;
    }
  ebpf_program *prog = calloc (1, sizeof *prog);
  size_t n = len / EBPF_INSN_SIZE;
  if (prog == NULL
      || (prog->insns = calloc (n, sizeof *prog->insns)) == NULL
      || (prog->ops = calloc (n, sizeof *prog->ops)) == NULL
      || (prog->lddw_tail = calloc (n, sizeof *prog->lddw_tail)) == NULL
      || (prog->name = strdup (name)) == NULL)
    {
      ebpf_program_free (prog);
      set_error (err, "%s: out of memory", name);
      return NULL;
    }
  prog->big_endian = big_endian;
  prog->n_slots = n;
  for (size_t i = 0; i < n; i++)
    ebpf_insn_decode (bytes + i * EBPF_INSN_SIZE, big_endian, &prog->insns[i]);
  for (size_t i = 0; i < n; i++)
    {
      if (prog->lddw_tail[i])
        {
          prog->ops[i] = -1;
          continue;
        }
      int op = ebpf_opcode_lookup (&prog->insns[i]);
      /* An lddw in the last slot has no second half: unknown.  */
      if (op >= 0 && ebpf_op_slots (op) == 2 && i + 1 == n)
        op = -1;
      prog->ops[i] = op;
      if (op >= 0 && ebpf_op_slots (op) == 2)
        prog->lddw_tail[i + 1] = true;
    }
  return prog;
}

void
ebpf_program_free (ebpf_program *prog)
{
  if (prog == NULL)
    return;
  free (prog->insns);
  free (prog->ops);
  free (prog->lddw_tail);
  free (prog->name);
  free (prog);
}

size_t ebpf_program_slot_count (const ebpf_program *prog) { return prog->n_slots; }
bool ebpf_program_big_endian (const ebpf_program *prog) { return prog->big_endian; }
const char *ebpf_program_name (const ebpf_program *prog) { return prog->name; }

void
ebpf_program_describe (const ebpf_program *prog, size_t pc, char *buf,
                       size_t len)
{
  if (pc >= prog->n_slots)
    {
      snprintf (buf, len, "past the end");
      return;
    }
  if (prog->lddw_tail[pc])
    {
      snprintf (buf, len, "second half of lddw");
      return;
    }
  ebpf_disasm (&prog->insns[pc], pc + 1 < prog->n_slots ? &prog->insns[pc + 1]
               : NULL, EBPF_SYNTAX_LLVM, buf, len);
  for (char *p = buf; *p; p++)   /* messages stay on one line */
    if (*p == '\t')
      *p = ' ';
}

/* ---- ELF objects ------------------------------------------------------- */

static bool
section_has_code (GElf_Shdr *sh)
{
  return sh->sh_type == SHT_PROGBITS && (sh->sh_flags & SHF_EXECINSTR)
         && sh->sh_size > 0;
}

static ebpf_program *
program_from_elf (Elf *elf, size_t file_size, const char *what,
                  const char *section, struct ebpf_error *err)
{
  GElf_Ehdr eh;
  size_t shstrndx;
  if (elf_kind (elf) != ELF_K_ELF || gelf_getehdr (elf, &eh) == NULL)
    {
      if (file_size >= 4 && file_size < 64)
        set_error (err, "%s: truncated: %zu bytes is shorter than an ELF "
                   "header", what, file_size);
      else
        set_error (err, "%s: not an ELF object", what);
      return NULL;
    }
  if (eh.e_machine != EM_BPF)
    {
      set_error (err, "%s: ELF machine %d is not BPF (%d)", what,
                 eh.e_machine, EM_BPF);
      return NULL;
    }
  if (eh.e_shoff > file_size
      || (uint64_t) eh.e_shnum * eh.e_shentsize > file_size - eh.e_shoff)
    {
      set_error (err, "%s: truncated: the section header table (offset 0x%llx, "
                 "%u entries) extends past the end of the file (%zu bytes)",
                 what, (unsigned long long) eh.e_shoff, eh.e_shnum, file_size);
      return NULL;
    }
  if (elf_getshdrstrndx (elf, &shstrndx) != 0)
    {
      set_error (err, "%s: no section name table: %s", what, elf_errmsg (-1));
      return NULL;
    }
  bool big_endian = eh.e_ident[EI_DATA] == ELFDATA2MSB;

  Elf_Scn *found = NULL, *scn = NULL;
  const char *found_name = NULL;
  int candidates = 0;
  while ((scn = elf_nextscn (elf, scn)) != NULL)
    {
      GElf_Shdr sh;
      if (gelf_getshdr (scn, &sh) == NULL)
        {
          set_error (err, "%s: section %zu: unreadable header: %s", what,
                     elf_ndxscn (scn), elf_errmsg (-1));
          return NULL;
        }
      if (sh.sh_type != SHT_NOBITS
          && (sh.sh_offset > file_size || sh.sh_size > file_size - sh.sh_offset))
        {
          set_error (err, "%s: section %zu: contents at offset 0x%llx, size "
                     "0x%llx, extend past the end of the file (%zu bytes)",
                     what, elf_ndxscn (scn), (unsigned long long) sh.sh_offset,
                     (unsigned long long) sh.sh_size, file_size);
          return NULL;
        }
      const char *name = elf_strptr (elf, shstrndx, sh.sh_name);
      if (name == NULL)
        {
          set_error (err, "%s: section %zu has a bad name offset %u", what,
                     elf_ndxscn (scn), sh.sh_name);
          return NULL;
        }
      if (section != NULL ? strcmp (name, section) == 0 : section_has_code (&sh))
        {
          candidates++;
          if (found == NULL)
            {
              found = scn;
              found_name = name;
            }
        }
    }
  if (found == NULL)
    {
      if (section != NULL)
        set_error (err, "%s: no section named '%s'", what, section);
      else
        set_error (err, "%s: no executable section with code", what);
      return NULL;
    }
  if (section == NULL && candidates > 1)
    {
      set_error (err, "%s: %d executable sections; name one with --section",
                 what, candidates);
      return NULL;
    }
  GElf_Shdr sh;
  gelf_getshdr (found, &sh);
  if (sh.sh_type == SHT_NOBITS || sh.sh_size == 0)
    {
      set_error (err, "%s: section '%s' is empty", what, found_name);
      return NULL;
    }
  /* Relocations against the code need the object loader, which places
   * maps and other sections; running the code without them would run
   * placeholder values.  */
  Elf_Scn *rscn = NULL;
  while ((rscn = elf_nextscn (elf, rscn)) != NULL)
    {
      GElf_Shdr rsh;
      if (gelf_getshdr (rscn, &rsh) == NULL
          || (rsh.sh_type != SHT_REL && rsh.sh_type != SHT_RELA)
          || rsh.sh_info != elf_ndxscn (found) || rsh.sh_size == 0)
        continue;
      Elf_Data *rd = elf_getdata (rscn, NULL);
      GElf_Rel rel;
      const char *sym_name = "?";
      uint64_t offset = 0;
      if (rd && rsh.sh_type == SHT_REL && gelf_getrel (rd, 0, &rel))
        {
          GElf_Shdr symsh;
          Elf_Scn *symscn = elf_getscn (elf, rsh.sh_link);
          Elf_Data *sd = symscn ? elf_getdata (symscn, NULL) : NULL;
          GElf_Sym sym;
          offset = rel.r_offset;
          if (sd && gelf_getshdr (symscn, &symsh)
              && gelf_getsym (sd, (int) GELF_R_SYM (rel.r_info), &sym))
            {
              const char *n = elf_strptr (elf, symsh.sh_link, sym.st_name);
              if (n && *n)
                sym_name = n;
            }
        }
      set_error (err, "%s: section '%s' has relocations (the first, at offset "
                 "0x%llx, against '%s'); objects with maps, globals or calls "
                 "across sections are not loaded yet", what, found_name,
                 (unsigned long long) offset, sym_name);
      return NULL;
    }
  Elf_Data *data = elf_rawdata (found, NULL);
  if (data == NULL || data->d_buf == NULL || data->d_size != sh.sh_size)
    {
      set_error (err, "%s: section '%s' cannot be read (offset 0x%llx, size "
                 "0x%llx): %s", what, found_name,
                 (unsigned long long) sh.sh_offset,
                 (unsigned long long) sh.sh_size, elf_errmsg (-1));
      return NULL;
    }
  char name[512];
  snprintf (name, sizeof name, "%s:%s", what, found_name);
  return ebpf_program_from_bytes (data->d_buf, data->d_size, big_endian,
                                  name, err);
}

ebpf_program *
ebpf_program_from_elf_memory (const uint8_t *image, size_t len,
                              const char *what, const char *section,
                              struct ebpf_error *err)
{
  elf_version (EV_CURRENT);
  /* libelf reads from the image; it does not write to it.  */
  Elf *elf = elf_memory ((char *) image, len);
  if (elf == NULL)
    {
      set_error (err, "%s: cannot read ELF: %s", what, elf_errmsg (-1));
      return NULL;
    }
  ebpf_program *prog = program_from_elf (elf, len, what, section, err);
  elf_end (elf);
  return prog;
}

ebpf_program *
ebpf_program_from_elf (const char *path, const char *section,
                       struct ebpf_error *err)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    {
      set_error (err, "%s: %s", path, strerror (errno));
      return NULL;
    }
  uint8_t *image = NULL;
  size_t len = 0, cap = 0;
  for (;;)
    {
      if (len == cap)
        {
          cap = cap ? cap * 2 : 65536;
          uint8_t *p = realloc (image, cap);
          if (p == NULL)
            {
              free (image);
              fclose (f);
              set_error (err, "%s: out of memory", path);
              return NULL;
            }
          image = p;
        }
      size_t got = fread (image + len, 1, cap - len, f);
      len += got;
      if (got == 0)
        break;
    }
  bool failed = ferror (f);
  fclose (f);
  ebpf_program *prog = NULL;
  if (failed)
    set_error (err, "%s: read error", path);
  else
    prog = ebpf_program_from_elf_memory (image, len, path, section, err);
  free (image);
  return prog;
}
