/* object.h — an eBPF ELF object as the loader reads it: programs found by
 * section, subprograms linked in, map and global-data references turned
 * into the kernel's pseudo instructions (lddw with BPF_PSEUDO_MAP_IDX and
 * BPF_PSEUDO_MAP_IDX_VALUE, whose immediates index the object's maps).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_OBJECT_H
#define EBPF_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ebpfsim.h"
#include "core/program.h"

/* Where a map came from.  */
enum ebpf_map_origin
{
  EBPF_MAP_FROM_BTF,       /* SEC(".maps") with BTF */
  EBPF_MAP_INNER_TEMPLATE, /* the shape of a map of maps' inner maps */
  EBPF_MAP_FROM_LEGACY,    /* SEC("maps"), struct bpf_map_def */
  EBPF_MAP_FROM_DATA,      /* .data, .rodata, .bss, .data.*, .rodata.*, .kconfig */
};

/* An element a BTF map definition sets with .values = { [i] = &x }: a
 * program (prog arrays) or another map (maps of maps).  */
struct ebpf_object_map_init
{
  uint32_t index;
  int program;               /* -1 when a map */
  int map;                   /* -1 when a program */
  const char *function;      /* while loading: the program's name */
};

struct ebpf_object_map
{
  char *name;
  enum ebpf_map_origin origin;
  uint32_t type, key_size, value_size, max_entries, map_flags;
  uint32_t btf_key_type, btf_value_type;  /* 0 when unknown */
  int inner;                 /* index of the inner map template, or -1 */
  int elf_section;           /* ELF section holding it (data maps: its data) */
  uint64_t elf_offset;       /* offset of the definition in that section */
  uint8_t *initial;          /* data maps: initial contents (value_size) */
  bool readonly;             /* .rodata / BPF_F_RDONLY_PROG */
  uint64_t map_extra;
  int32_t spin_lock_off;     /* struct bpf_spin_lock in the value, or -1 */
  struct ebpf_object_map_init *inits;
  int n_inits;
};

/* An instruction a CO-RE relocation could not be resolved for: it calls
 * the poison helper, and running it reports why.  */
struct ebpf_poison
{
  size_t slot;
  char *reason;
};

struct ebpf_object_program
{
  char *name;                /* function name */
  char *section;             /* ELF section name, e.g. "xdp" or "tc" */
  uint8_t *code;             /* linked bytecode: the function, then .text */
  size_t code_len;
  size_t entry;              /* slot where runs start */
  struct ebpf_poison *poisons; /* CO-RE relocations that failed */
  size_t n_poisons;
  char *unloadable;          /* why it cannot be relocated (a CO-RE
                                relocation that is wrong, not just
                                unresolved), or NULL: as libbpf, the object
                                still opens and its other programs run */
  struct ebpf_code_run runs[EBPF_MAX_CODE_RUNS]; /* slots' code addresses */
  int n_runs;
};

/* A section of code at its place in the object's code address space:
 * sections one after another from EBPF_BYTECODE_BASE, in the order of the
 * ELF file, each 8-byte aligned (an executable's are at their link
 * addresses).  */
struct ebpf_object_code_section
{
  char *name;
  int elf_index;
  uint64_t addr, size;
};

/* An executable (ET_EXEC, as bpf-gcc links them) is one program run from
 * its entry point over a flat image of its segments at their addresses.  */
struct ebpf_object_image
{
  uint8_t *bytes;
  uint64_t base;             /* lowest segment address */
  size_t len;                /* through the end of the highest segment */
};

struct ebpf_btf;
struct ebpf_btf_ext;

struct ebpf_object
{
  char *path;
  struct ebpf_btf *btf;      /* the object's own types, or NULL */
  struct ebpf_btf *target_btf; /* --btf, for CO-RE, or NULL */
  struct ebpf_btf_ext *btf_ext;
  bool big_endian;
  bool executable;
  struct ebpf_object_image image;
  char license[128];
  struct ebpf_object_map *maps;
  int n_maps;
  struct ebpf_object_program *programs;
  int n_programs;
  struct ebpf_object_code_section *code_sections;
  int n_code_sections;
  uint8_t *elf_file;         /* the file as read, for the debug image */
  size_t elf_size;
};

/* What an lddw relocated against a symbol refers to, as the loader and
 * the debug image both read it.  */
enum ebpf_lddw_kind
{
  EBPF_LDDW_MAP,        /* a map definition: MAP */
  EBPF_LDDW_DATA,       /* global data or a .kconfig extern: OFFSET in the
                           value of MAP */
  EBPF_LDDW_CODE,       /* code: OFFSET in the symbol's section */
  EBPF_LDDW_ABSOLUTE,   /* an absolute symbol: OFFSET is the value */
  /* What it cannot be: */
  EBPF_LDDW_UNDEFINED,  /* an extern other than .kconfig's */
  EBPF_LDDW_NO_SECTION, /* the symbol's section does not exist */
  EBPF_LDDW_NO_MAP,     /* OFFSET of a maps section, where no map is */
  EBPF_LDDW_PAST_END,   /* OFFSET past the end of the value of MAP */
  EBPF_LDDW_OTHER,      /* a section neither of code, maps nor data */
};

struct ebpf_lddw_target
{
  enum ebpf_lddw_kind kind;
  int map;              /* in the object's maps, or -1 */
  int64_t offset;
};

/* What lddw with immediate IMM refers to, relocated against symbol NAME
 * at VALUE in section SHNDX (SHN_UNDEF: an extern; SHN_ABS), whose name
 * is SECTION (NULL: the object has no such section).  A map is the one
 * defined at VALUE (the immediate is not looked at, as by libbpf); in
 * data and code the immediate is added (clang leaves the offset there
 * when the symbol is the section's).  */
struct ebpf_lddw_target ebpf_object_lddw_target (const ebpf_object *obj,
                                                 const char *name,
                                                 unsigned shndx,
                                                 const char *section,
                                                 uint64_t value, int32_t imm);

/* Where .kconfig extern NAME lives: its map (the .kconfig map, as the
 * loader lays it out) and the offset in the map's value.  False when NAME
 * is not one.  */
bool ebpf_object_kconfig_extern (const ebpf_object *obj, const char *name,
                                 int *map, uint64_t *offset);

/* Whether an instruction of the object's code starts at code address
 * ADDR (not inside an lddw).  */
bool ebpf_object_code_address_valid (const ebpf_object *obj, uint64_t addr);

#endif
