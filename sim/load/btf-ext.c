/* btf-ext.c — parsing .BTF.ext.
 *
 * After a header (magic 0xeB9F, version 1, and offsets relative to its
 * end) come up to three blocks: func_info, line_info and, when the header
 * is long enough, core_relo.  Each block is a record size, then groups of
 * records, one group per code section: the section's name (an offset in
 * the .BTF strings), a record count, the records.  Records may be longer
 * than we know (newer compilers); the extra bytes are skipped.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "core/byteorder.h"
#include "core/error.h"
#include "btf-ext.h"

#define EXT_HEADER_MIN 24        /* without the core_relo fields */
#define EXT_HEADER_CORE 32

struct section
{
  struct ebpf_btf_ext_section pub;
  struct ebpf_btf_func_info *func_info;
  struct ebpf_btf_line_info *line_info;
  struct ebpf_core_relo *core_relo;
};

struct ebpf_btf_ext
{
  struct section *sections;
  size_t n_sections;
};

enum block { FUNC_INFO, LINE_INFO, CORE_RELO };
static const char *const block_names[] = { "func_info", "line_info", "core_relo" };
static const uint32_t min_record_size[] = { 8, 16, 16 };

struct ext_reader
{
  const uint8_t *data;
  size_t len;
  bool big_endian;
  const struct ebpf_btf *btf;
  const char *what;
  struct ebpf_error *err;
  struct ebpf_btf_ext *ext;
};


static uint32_t
read_u32 (const struct ext_reader *r, size_t pos)
{
  return ebpf_load_u32 (r->data + pos, r->big_endian);
}

static const char *const relo_kind_names[] = {
  "byte_off", "byte_sz", "field_exists", "signed", "lshift_u64", "rshift_u64",
  "local_type_id", "target_type_id", "type_exists", "type_size",
  "enumval_exists", "enumval_value", "type_matches",
};

const char *
ebpf_core_relo_kind_name (enum ebpf_core_relo_kind kind)
{
  if ((unsigned) kind > EBPF_CORE_RELO_KIND_MAX)
    return "unknown";
  return relo_kind_names[kind];
}

static struct section *
section_named (struct ext_reader *r, const char *name)
{
  struct ebpf_btf_ext *ext = r->ext;
  for (size_t i = 0; i < ext->n_sections; i++)
    if (strcmp (ext->sections[i].pub.name, name) == 0)
      return &ext->sections[i];
  struct section *grown = realloc (ext->sections,
                                   (ext->n_sections + 1) * sizeof *grown);
  if (grown == NULL)
    return NULL;
  ext->sections = grown;
  struct section *s = &ext->sections[ext->n_sections++];
  memset (s, 0, sizeof *s);
  s->pub.name = name;
  return s;
}

/* Formats a record's defect into BUF and returns BUF.  */
static const char * __attribute__ ((format (printf, 3, 4)))
describe (char *buf, size_t len, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (buf, len, fmt, ap);
  va_end (ap);
  return buf;
}

/* Appends COUNT records of BLOCK to S, read from AT with RECORD_SIZE.  */
static int
read_records (struct ext_reader *r, enum block block, struct section *s,
              size_t at, uint32_t count, uint32_t record_size)
{
  const struct ebpf_btf *btf = r->btf;
  uint32_t n_types = ebpf_btf_type_count (btf);
  void **array = block == FUNC_INFO ? (void **) &s->func_info
                 : block == LINE_INFO ? (void **) &s->line_info
                 : (void **) &s->core_relo;
  size_t *n = block == FUNC_INFO ? &s->pub.n_func_info
              : block == LINE_INFO ? &s->pub.n_line_info : &s->pub.n_core_relo;
  size_t elem = block == FUNC_INFO ? sizeof *s->func_info
                : block == LINE_INFO ? sizeof *s->line_info : sizeof *s->core_relo;
  void *grown = realloc (*array, (*n + count) * elem);
  if (grown == NULL)
    {
      ebpf_error_set (r->err, "%s: out of memory", r->what);
      return -1;
    }
  *array = grown;
  for (uint32_t i = 0; i < count; i++, at += record_size)
    {
      uint32_t insn_off = read_u32 (r, at);
      const char *problem = NULL;
      char detail[96] = "";
      if (insn_off % 8 != 0)
        problem = describe (detail, sizeof detail, "instruction offset %u "
                            "is not a multiple of 8", insn_off);
      else if (block == FUNC_INFO)
        {
          uint32_t type_id = read_u32 (r, at + 4);
          const struct ebpf_btf_type *t = ebpf_btf_type (btf, type_id);
          if (t == NULL || t->kind != EBPF_BTF_KIND_FUNC)
            problem = describe (detail, sizeof detail, "type id %u is not a "
                                "FUNC", type_id);
          else
            s->func_info[*n] = (struct ebpf_btf_func_info) { insn_off, type_id };
        }
      else if (block == LINE_INFO)
        {
          const char *file = ebpf_btf_string (btf, read_u32 (r, at + 4));
          const char *line = ebpf_btf_string (btf, read_u32 (r, at + 8));
          uint32_t line_col = read_u32 (r, at + 12);
          if (file == NULL || line == NULL)
            problem = "string offset past the end of the .BTF strings";
          else
            s->line_info[*n] = (struct ebpf_btf_line_info) {
              insn_off, file, line, line_col >> 10, line_col & 0x3ff };
        }
      else
        {
          uint32_t type_id = read_u32 (r, at + 4);
          const char *access = ebpf_btf_string (btf, read_u32 (r, at + 8));
          uint32_t kind = read_u32 (r, at + 12);
          if (type_id >= n_types)
            problem = describe (detail, sizeof detail, "type id %u is out of "
                                "range (%u types)", type_id, n_types - 1);
          else if (access == NULL || access[0] == '\0')
            problem = "access string offset is past the end of the .BTF "
                      "strings or empty";
          else if (kind > EBPF_CORE_RELO_KIND_MAX)
            problem = describe (detail, sizeof detail, "unknown relocation "
                                "kind %u", kind);
          else
            s->core_relo[*n] = (struct ebpf_core_relo) {
              insn_off, type_id, access, (enum ebpf_core_relo_kind) kind };
        }
      if (problem != NULL)
        {
          ebpf_error_set (r->err, "%s: offset %zu: %s record %u of section '%s': "
                     "%s", r->what, at, block_names[block], i, s->pub.name,
                     problem);
          return -1;
        }
      ++*n;
    }
  return 0;
}

static int
read_block (struct ext_reader *r, enum block block, size_t start, uint32_t len)
{
  if (len == 0)
    return 0;
  const char *name = block_names[block];
  if (len < 4)
    {
      ebpf_error_set (r->err, "%s: offset %zu: %s block of %u bytes has no room "
                 "for its record size", r->what, start, name, len);
      return -1;
    }
  uint32_t record_size = read_u32 (r, start);
  if (record_size < min_record_size[block] || record_size % 4 != 0)
    {
      ebpf_error_set (r->err, "%s: offset %zu: %s record size %u (it must be a "
                 "multiple of 4, at least %u)", r->what, start, name,
                 record_size, min_record_size[block]);
      return -1;
    }
  size_t pos = start + 4, end = start + len;
  while (pos < end)
    {
      if (end - pos < 8)
        {
          ebpf_error_set (r->err, "%s: offset %zu: %s: truncated section header "
                     "(%zu bytes left)", r->what, pos, name, end - pos);
          return -1;
        }
      uint32_t name_off = read_u32 (r, pos);
      uint32_t count = read_u32 (r, pos + 4);
      const char *sec_name = ebpf_btf_string (r->btf, name_off);
      if (sec_name == NULL || sec_name[0] == '\0')
        {
          ebpf_error_set (r->err, "%s: offset %zu: %s: section name offset %u is "
                     "past the end of the .BTF strings or empty", r->what, pos,
                     name, name_off);
          return -1;
        }
      if (count == 0)
        {
          ebpf_error_set (r->err, "%s: offset %zu: %s: section '%s' has no "
                     "records", r->what, pos, name, sec_name);
          return -1;
        }
      if ((uint64_t) count * record_size > end - pos - 8)
        {
          ebpf_error_set (r->err, "%s: offset %zu: %s: section '%s' has %u records "
                     "of %u bytes, past the end of the block (%zu bytes "
                     "left)", r->what, pos, name, sec_name, count, record_size,
                     end - pos - 8);
          return -1;
        }
      struct section *s = section_named (r, sec_name);
      if (s == NULL)
        {
          ebpf_error_set (r->err, "%s: out of memory", r->what);
          return -1;
        }
      if (read_records (r, block, s, pos + 8, count, record_size) != 0)
        return -1;
      pos += 8 + (size_t) count * record_size;
    }
  return 0;
}

void
ebpf_btf_ext_free (struct ebpf_btf_ext *ext)
{
  if (ext == NULL)
    return;
  for (size_t i = 0; i < ext->n_sections; i++)
    {
      free (ext->sections[i].func_info);
      free (ext->sections[i].line_info);
      free (ext->sections[i].core_relo);
    }
  free (ext->sections);
  free (ext);
}

struct ebpf_btf_ext *
ebpf_btf_ext_parse (const void *data, size_t len, const struct ebpf_btf *btf,
                    const char *what, struct ebpf_error *err)
{
  struct ext_reader r = { data, len, false, btf, what ? what : ".BTF.ext",
                          err, NULL };
  const uint8_t *bytes = data;
  if (data == NULL || len < EXT_HEADER_MIN)
    {
      ebpf_error_set (err, "%s: offset 0: truncated header: %zu bytes, the header "
                 "needs %d", r.what, data ? len : 0, EXT_HEADER_MIN);
      return NULL;
    }
  if (bytes[0] == 0x9f && bytes[1] == 0xeb)
    r.big_endian = false;
  else if (bytes[0] == 0xeb && bytes[1] == 0x9f)
    r.big_endian = true;
  else
    {
      ebpf_error_set (err, "%s: offset 0: bad magic 0x%02x%02x", r.what, bytes[0],
                 bytes[1]);
      return NULL;
    }
  if (r.big_endian != ebpf_btf_big_endian (btf))
    {
      ebpf_error_set (err, "%s: offset 0: byte order differs from the .BTF's",
                 r.what);
      return NULL;
    }
  if (bytes[2] != 1 || bytes[3] != 0)
    {
      ebpf_error_set (err, "%s: offset 2: unsupported version %u or flags 0x%x",
                 r.what, bytes[2], bytes[3]);
      return NULL;
    }
  uint32_t hdr_len = read_u32 (&r, 4);
  if (hdr_len < EXT_HEADER_MIN || hdr_len > len)
    {
      ebpf_error_set (err, "%s: offset 4: header length %u is outside %d..%zu",
                 r.what, hdr_len, EXT_HEADER_MIN, len);
      return NULL;
    }
  struct { uint32_t off, len; } blocks[3] = {
    { read_u32 (&r, 8), read_u32 (&r, 12) },
    { read_u32 (&r, 16), read_u32 (&r, 20) },
    { 0, 0 },
  };
  if (hdr_len >= EXT_HEADER_CORE)
    blocks[CORE_RELO] = (typeof (blocks[0])) { read_u32 (&r, 24),
                                               read_u32 (&r, 28) };
  r.ext = calloc (1, sizeof *r.ext);
  if (r.ext == NULL)
    {
      ebpf_error_set (err, "%s: out of memory", r.what);
      return NULL;
    }
  for (int b = FUNC_INFO; b <= CORE_RELO; b++)
    {
      uint64_t room = len - hdr_len;
      if ((uint64_t) blocks[b].off + blocks[b].len > room)
        {
          ebpf_error_set (err, "%s: offset %d: %s block (offset %u, length %u) "
                     "ends past the end of the section (%llu bytes after the "
                     "header)", r.what, 8 + 8 * b, block_names[b],
                     blocks[b].off, blocks[b].len, (unsigned long long) room);
          goto fail;
        }
      if (blocks[b].off % 4 != 0)
        {
          ebpf_error_set (err, "%s: offset %d: %s block offset %u is not 4-byte "
                     "aligned", r.what, 8 + 8 * b, block_names[b],
                     blocks[b].off);
          goto fail;
        }
      if (read_block (&r, b, (size_t) hdr_len + blocks[b].off, blocks[b].len))
        goto fail;
    }
  /* The public views point into the arrays, which no longer move.  */
  for (size_t i = 0; i < r.ext->n_sections; i++)
    {
      struct section *s = &r.ext->sections[i];
      s->pub.func_info = s->func_info;
      s->pub.line_info = s->line_info;
      s->pub.core_relo = s->core_relo;
    }
  return r.ext;
fail:
  ebpf_btf_ext_free (r.ext);
  return NULL;
}

size_t
ebpf_btf_ext_section_count (const struct ebpf_btf_ext *ext)
{
  return ext->n_sections;
}

const struct ebpf_btf_ext_section *
ebpf_btf_ext_section (const struct ebpf_btf_ext *ext, size_t index)
{
  return index < ext->n_sections ? &ext->sections[index].pub : NULL;
}

const struct ebpf_btf_ext_section *
ebpf_btf_ext_find_section (const struct ebpf_btf_ext *ext, const char *name)
{
  for (size_t i = 0; i < ext->n_sections; i++)
    if (strcmp (ext->sections[i].pub.name, name) == 0)
      return &ext->sections[i].pub;
  return NULL;
}
