/* asm.h — the assembler: GNU/uBPF syntax and LLVM pseudo-C, line by line,
 * into an object (sections, symbols, relocations) that elf-write.c writes.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_ASM_H
#define EBPF_ASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "diag.h"
#include "ebpf-opcode.h"

/* ELF relocation types of BPF, as LLVM and libbpf number them.  */
#define EBPF_R_BPF_64_64 1    /* lddw: 64-bit immediate over two slots */
#define EBPF_R_BPF_64_ABS64 2 /* data: 64-bit address */
#define EBPF_R_BPF_64_ABS32 3 /* data: 32-bit address */
#define EBPF_R_BPF_64_32 10   /* call: imm of a call instruction */

struct ebpf_obj_section
{
  char *name;
  uint64_t flags;       /* SHF_* */
  uint32_t type;        /* SHT_PROGBITS or SHT_NOBITS */
  unsigned align;
  uint8_t *data;
  size_t len, cap;
};

struct ebpf_obj_symbol
{
  char *name;
  int section;          /* index into sections; -1 when undefined */
  uint64_t value;       /* offset within its section */
  uint64_t size;
  bool global;
  bool defined;
  unsigned char type;   /* STT_NOTYPE, STT_FUNC, STT_OBJECT, STT_SECTION */
};

struct ebpf_obj_reloc
{
  int section;          /* section the relocation patches */
  uint64_t offset;
  int symbol;           /* index into symbols; -1: see target_section */
  uint32_t type;
  int target_section;   /* with symbol -1: against this section's symbol,
                           the offset in it held by the instruction */
};

struct ebpf_asm_object
{
  bool big_endian;
  struct ebpf_obj_section *sections;
  int n_sections;
  struct ebpf_obj_symbol *symbols;
  int n_symbols;
  struct ebpf_obj_reloc *relocs;
  int n_relocs;
  int *symbol_index;    /* the symbols by name: an open-addressing hash */
  size_t index_cap;     /* of indices into symbols, -1 empty; a power of 2 */
};

/* Assembles TEXT (LEN bytes, named FILE in messages) into OBJ.  Errors go
 * to DIAG; returns the number of errors.  */
int ebpf_assemble (const char *text, size_t len, bool big_endian,
                   struct ebpf_asm_object *obj, struct ebpf_diag *diag);

/* The same in the dialect DIALECT (NULL: RFC 9669 as ebpfsim reads it).  */
int ebpf_assemble_dialect (const char *text, size_t len, bool big_endian,
                           const struct ebpf_dialect *dialect,
                           struct ebpf_asm_object *obj, struct ebpf_diag *diag);

/* Index of the named section, or -1.  */
int ebpf_asm_find_section (const struct ebpf_asm_object *obj, const char *name);
void ebpf_asm_object_free (struct ebpf_asm_object *obj);

#endif
