/* btf.h — the BPF Type Format: a parsed .BTF blob, its types, and values
 * formatted with them the way bpftool's "map dump" prints them.
 *
 * The layout is the one of Linux 6.1's uapi linux/btf.h and of the kernel's
 * Documentation/bpf/btf.rst.  A parsed blob is fully validated: every type
 * id, string offset and vlen is checked once, and loops through typedefs,
 * modifiers, arrays or struct members are rejected, so the accessors below
 * never fail on a parsed object and no resolver can loop.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_BTF_H
#define EBPF_BTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "ebpfsim.h"

/* The numbers are the uapi BTF_KIND_* values.  */
enum ebpf_btf_kind
{
  EBPF_BTF_KIND_VOID = 0,
  EBPF_BTF_KIND_INT = 1,
  EBPF_BTF_KIND_PTR = 2,
  EBPF_BTF_KIND_ARRAY = 3,
  EBPF_BTF_KIND_STRUCT = 4,
  EBPF_BTF_KIND_UNION = 5,
  EBPF_BTF_KIND_ENUM = 6,
  EBPF_BTF_KIND_FWD = 7,
  EBPF_BTF_KIND_TYPEDEF = 8,
  EBPF_BTF_KIND_VOLATILE = 9,
  EBPF_BTF_KIND_CONST = 10,
  EBPF_BTF_KIND_RESTRICT = 11,
  EBPF_BTF_KIND_FUNC = 12,
  EBPF_BTF_KIND_FUNC_PROTO = 13,
  EBPF_BTF_KIND_VAR = 14,
  EBPF_BTF_KIND_DATASEC = 15,
  EBPF_BTF_KIND_FLOAT = 16,
  EBPF_BTF_KIND_DECL_TAG = 17,
  EBPF_BTF_KIND_TYPE_TAG = 18,
  EBPF_BTF_KIND_ENUM64 = 19,
};
#define EBPF_BTF_KIND_MAX EBPF_BTF_KIND_ENUM64

/* INT encoding bits (at most one is set).  */
#define EBPF_BTF_INT_SIGNED 1
#define EBPF_BTF_INT_CHAR 2
#define EBPF_BTF_INT_BOOL 4

/* Linkage of a FUNC (static, global, extern) and of a VAR (static,
 * global allocated, global extern): the same three numbers.  */
enum ebpf_btf_linkage
{
  EBPF_BTF_LINKAGE_STATIC = 0,
  EBPF_BTF_LINKAGE_GLOBAL = 1,
  EBPF_BTF_LINKAGE_EXTERN = 2,
};

struct ebpf_btf_member
{
  const char *name;         /* "" for an anonymous struct/union member */
  uint32_t type;
  uint32_t bit_offset;      /* from the start of the struct */
  uint32_t bitfield_size;   /* 0: not a bitfield (of a kind_flag struct) */
};

struct ebpf_btf_enumerator
{
  const char *name;
  uint64_t value;           /* two's complement when the enum is signed */
};

struct ebpf_btf_param
{
  const char *name;         /* "" when unnamed */
  uint32_t type;            /* 0 in the last parameter: "..." */
};

struct ebpf_btf_secinfo
{
  uint32_t type;            /* a VAR (or a FUNC, in .ksyms) */
  uint32_t offset;
  uint32_t size;
};

/* One type, decoded to host byte order.  Only the fields of its kind are
 * meaningful; the others are zero.  */
struct ebpf_btf_type
{
  uint32_t id;
  enum ebpf_btf_kind kind;
  const char *name;         /* "" when anonymous */
  bool kind_flag;
  uint32_t vlen;            /* number of members, enumerators, params, secinfos */
  uint32_t size;            /* INT, ENUM, ENUM64, STRUCT, UNION, DATASEC, FLOAT */
  uint32_t type;            /* PTR, TYPEDEF, VOLATILE, CONST, RESTRICT,
                               TYPE_TAG, FUNC (its FUNC_PROTO), FUNC_PROTO
                               (return type), VAR, DECL_TAG */
  uint8_t int_encoding;     /* INT: EBPF_BTF_INT_* */
  uint8_t int_offset;       /* INT: bit offset of the value (legacy bitfields) */
  uint8_t int_bits;         /* INT: number of value bits */
  uint32_t array_elem_type; /* ARRAY */
  uint32_t array_index_type;
  uint32_t array_nelems;
  uint32_t linkage;         /* FUNC, VAR: enum ebpf_btf_linkage */
  int32_t component_idx;    /* DECL_TAG: -1 for the type itself, else a
                               member or parameter index */
  bool is_signed;           /* ENUM, ENUM64: kind_flag; INT: encoding */
  union                     /* vlen entries */
  {
    const struct ebpf_btf_member *members;          /* STRUCT, UNION */
    const struct ebpf_btf_enumerator *enumerators;  /* ENUM, ENUM64 */
    const struct ebpf_btf_param *params;            /* FUNC_PROTO */
    const struct ebpf_btf_secinfo *secinfos;        /* DATASEC */
  };
  size_t blob_offset;       /* of its record in the blob, for messages */
};

struct ebpf_btf;

/* Parses a raw BTF blob (a .BTF section, or a file such as
 * /sys/kernel/btf/vmlinux) in either byte order.  WHAT names the blob in
 * error messages ("prog.o: .BTF").  The blob is copied: DATA may be freed
 * afterwards.  NULL and ERR set on any defect.  */
struct ebpf_btf *ebpf_btf_parse (const void *data, size_t len,
                                 const char *what, struct ebpf_error *err);

/* A raw BTF file, or the .BTF section of an ELF file.  */
struct ebpf_btf *ebpf_btf_load_file (const char *path, struct ebpf_error *err);

void ebpf_btf_free (struct ebpf_btf *btf);

bool ebpf_btf_big_endian (const struct ebpf_btf *btf);

/* Number of type ids, counting void (id 0): valid ids are 0..count-1.  */
uint32_t ebpf_btf_type_count (const struct ebpf_btf *btf);

/* NULL when ID is out of range.  Id 0 is the void type.  */
const struct ebpf_btf_type *ebpf_btf_type (const struct ebpf_btf *btf,
                                           uint32_t id);

/* The string at OFFSET of the string section; NULL when out of range.  */
const char *ebpf_btf_string (const struct ebpf_btf *btf, uint32_t offset);

/* "INT", "STRUCT", ... as bpftool prints kinds; "UNKN" past the table.  */
const char *ebpf_btf_kind_name (enum ebpf_btf_kind kind);

/* The id under typedefs and modifiers (const, volatile, restrict, type
 * tags); ID itself when it is none of these.  */
uint32_t ebpf_btf_resolve (const struct ebpf_btf *btf, uint32_t id);

/* Size in bytes of a value of type ID (through typedefs and modifiers,
 * arrays multiplied out, pointers 8 bytes).  False for types without a
 * size: void, FWD, FUNC, FUNC_PROTO, DECL_TAG.  */
bool ebpf_btf_type_size (const struct ebpf_btf *btf, uint32_t id,
                         uint32_t *size);

/* The first type of that exact name and kind; 0 when there is none.  */
uint32_t ebpf_btf_find (const struct ebpf_btf *btf, const char *name,
                        enum ebpf_btf_kind kind);

/* The DATASEC of an ELF section (".data", ".bss", ".rodata", ".maps",
 * ".kconfig", ...); NULL when the blob has none.  */
const struct ebpf_btf_type *ebpf_btf_find_datasec (const struct ebpf_btf *btf,
                                                   const char *section_name);

/* Compilers leave a DATASEC's size and its variables' offsets at 0 in an
 * object file; the loader fills them in from the ELF section and symbol
 * table, as libbpf does, before values of the section are formatted.  */
int ebpf_btf_set_datasec_size (struct ebpf_btf *btf, uint32_t datasec_id,
                               uint32_t size, struct ebpf_error *err);
int ebpf_btf_set_datasec_var_offset (struct ebpf_btf *btf, uint32_t datasec_id,
                                     uint32_t index, uint32_t offset,
                                     struct ebpf_error *err);

/* ---- Values (btf-format.c) --------------------------------------------- */

enum ebpf_btf_format_style
{
  /* bpftool map dump without -j: the value as indented JSON, bpftool's
   * "human readable" form (pointers in hex, bitfields in hex).  */
  EBPF_BTF_FORMAT_PLAIN,
  /* The "formatted" object of bpftool -j map dump: compact JSON.  */
  EBPF_BTF_FORMAT_JSON,
};

/* Writes the value of type TYPE_ID held in DATA (LEN bytes, in the byte
 * order of BTF) to OUT.  DEPTH is the nesting level at which the value
 * sits in the surrounding output, for the indentation of the plain form
 * (bpftool prints a map's values at depth 2).  Fails when LEN is shorter
 * than the type or the type cannot be a value (FUNC, void, ...).  */
int ebpf_btf_format_value (const struct ebpf_btf *btf, uint32_t type_id,
                           const void *data, size_t len,
                           enum ebpf_btf_format_style style, int depth,
                           FILE *out, struct ebpf_error *err);

#endif
