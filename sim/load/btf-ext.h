/* btf-ext.h — the .BTF.ext section of an object: per code section, the
 * functions (func_info), the source lines (line_info) and the CO-RE
 * relocations (core_relo) the compiler recorded.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_BTF_EXT_H
#define EBPF_BTF_EXT_H

#include "btf.h"

/* The uapi enum bpf_core_relo_kind.  */
enum ebpf_core_relo_kind
{
  EBPF_CORE_FIELD_BYTE_OFFSET = 0,
  EBPF_CORE_FIELD_BYTE_SIZE = 1,
  EBPF_CORE_FIELD_EXISTS = 2,
  EBPF_CORE_FIELD_SIGNED = 3,
  EBPF_CORE_FIELD_LSHIFT_U64 = 4,
  EBPF_CORE_FIELD_RSHIFT_U64 = 5,
  EBPF_CORE_TYPE_ID_LOCAL = 6,
  EBPF_CORE_TYPE_ID_TARGET = 7,
  EBPF_CORE_TYPE_EXISTS = 8,
  EBPF_CORE_TYPE_SIZE = 9,
  EBPF_CORE_ENUMVAL_EXISTS = 10,
  EBPF_CORE_ENUMVAL_VALUE = 11,
  EBPF_CORE_TYPE_MATCHES = 12,
};
#define EBPF_CORE_RELO_KIND_MAX EBPF_CORE_TYPE_MATCHES

/* Instruction offsets are in bytes from the start of the code section,
 * as the compiler writes them in an object file.  */
struct ebpf_btf_func_info
{
  uint32_t insn_off;
  uint32_t type_id;        /* a FUNC */
};

struct ebpf_btf_line_info
{
  uint32_t insn_off;
  const char *file_name;
  const char *line;        /* the source text of the line */
  uint32_t line_num;
  uint32_t column;
};

struct ebpf_core_relo
{
  uint32_t insn_off;
  uint32_t type_id;        /* root type in the local (program's) BTF */
  const char *access;      /* "0:1:2": the access string */
  enum ebpf_core_relo_kind kind;
};

struct ebpf_btf_ext_section
{
  const char *name;        /* the ELF code section, e.g. "kprobe/sys_open" */
  size_t n_func_info, n_line_info, n_core_relo;
  const struct ebpf_btf_func_info *func_info;
  const struct ebpf_btf_line_info *line_info;
  const struct ebpf_core_relo *core_relo;
};

struct ebpf_btf_ext;

/* Parses .BTF.ext.  Its strings (section names, file names, access
 * strings) live in BTF's string section, and its type ids are BTF's: BTF
 * must outlive the result.  */
struct ebpf_btf_ext *ebpf_btf_ext_parse (const void *data, size_t len,
                                         const struct ebpf_btf *btf,
                                         const char *what,
                                         struct ebpf_error *err);
void ebpf_btf_ext_free (struct ebpf_btf_ext *ext);

size_t ebpf_btf_ext_section_count (const struct ebpf_btf_ext *ext);
const struct ebpf_btf_ext_section *
ebpf_btf_ext_section (const struct ebpf_btf_ext *ext, size_t index);
/* NULL when the section has no records.  */
const struct ebpf_btf_ext_section *
ebpf_btf_ext_find_section (const struct ebpf_btf_ext *ext, const char *name);

/* "byte_off", "byte_sz", ... as libbpf names the kinds in messages.  */
const char *ebpf_core_relo_kind_name (enum ebpf_core_relo_kind kind);

#endif
