/* btf.c — parsing and validating a raw BTF blob.
 *
 * Three passes, so that the accessors never have to check anything:
 *  1. walk the type section record by record, checking that each record
 *     and its vlen entries fit and that its fixed fields make sense, and
 *     count the vlen entries of each sort;
 *  2. decode every record to host order into arrays sized by pass 1, and
 *     check every type id and string offset;
 *  3. walk the "holds a value of" graph (typedefs, modifiers, arrays,
 *     members, variables) depth first without recursion, rejecting loops
 *     and computing every type's size.
 * The blob may come from anywhere (it is fuzzed), so every read is bounded
 * and every message names the byte offset in the blob.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "core/byteorder.h"
#include "core/error.h"
#include "btf.h"

#define BTF_MAGIC 0xeb9f
#define BTF_HEADER_SIZE 24
#define BTF_TYPE_RECORD_SIZE 12
#define BTF_MAX_TYPES 0x000fffff     /* type ids are 20 bits in the kernel */
#define BTF_MAX_VLEN 0xffff
#define BTF_POINTER_SIZE 8           /* eBPF is a 64-bit machine */

/* Size of a type: NO_SIZE for void, functions, forward declarations.  */
#define NO_SIZE UINT64_MAX

struct ebpf_btf
{
  bool big_endian;
  uint32_t n_types;                  /* counting void, id 0 */
  struct ebpf_btf_type *types;
  uint64_t *sizes;                   /* per type, or NO_SIZE */
  uint32_t *resolved_ids;            /* per type, under typedefs/modifiers */
  char *strings;                     /* the string section, NUL-terminated */
  uint32_t strings_len;
  struct ebpf_btf_member *members;
  struct ebpf_btf_enumerator *enumerators;
  struct ebpf_btf_param *params;
  struct ebpf_btf_secinfo *secinfos;
};


static const char *const kind_names[] = {
  "UNKN", "INT", "PTR", "ARRAY", "STRUCT", "UNION", "ENUM", "FWD", "TYPEDEF",
  "VOLATILE", "CONST", "RESTRICT", "FUNC", "FUNC_PROTO", "VAR", "DATASEC",
  "FLOAT", "DECL_TAG", "TYPE_TAG", "ENUM64",
};

const char *
ebpf_btf_kind_name (enum ebpf_btf_kind kind)
{
  if ((unsigned) kind > EBPF_BTF_KIND_MAX)
    return "UNKN";
  return kind_names[kind];
}

/* ---- Reading the blob ---------------------------------------------------- */

struct reader
{
  const uint8_t *data;
  size_t len;
  bool big_endian;
  const char *what;
  struct ebpf_error *err;
};

/* Callers have checked that 4 bytes at POS are inside the blob.  */
static uint32_t
read_u32 (const struct reader *r, size_t pos)
{
  return ebpf_load_u32 (r->data + pos, r->big_endian);
}

/* Where each kind keeps its extra data: a fixed part after the 12-byte
 * record, then vlen entries of a fixed size.  */
static bool
kind_layout (unsigned kind, size_t *fixed, size_t *entry)
{
  *fixed = 0;
  *entry = 0;
  switch (kind)
    {
    case EBPF_BTF_KIND_INT: *fixed = 4; return true;
    case EBPF_BTF_KIND_ARRAY: *fixed = 12; return true;
    case EBPF_BTF_KIND_STRUCT:
    case EBPF_BTF_KIND_UNION: *entry = 12; return true;
    case EBPF_BTF_KIND_ENUM: *entry = 8; return true;
    case EBPF_BTF_KIND_FUNC_PROTO: *entry = 8; return true;
    case EBPF_BTF_KIND_VAR: *fixed = 4; return true;
    case EBPF_BTF_KIND_DATASEC: *entry = 12; return true;
    case EBPF_BTF_KIND_DECL_TAG: *fixed = 4; return true;
    case EBPF_BTF_KIND_ENUM64: *entry = 12; return true;
    case EBPF_BTF_KIND_PTR: case EBPF_BTF_KIND_FWD: case EBPF_BTF_KIND_TYPEDEF:
    case EBPF_BTF_KIND_VOLATILE: case EBPF_BTF_KIND_CONST:
    case EBPF_BTF_KIND_RESTRICT: case EBPF_BTF_KIND_FUNC:
    case EBPF_BTF_KIND_FLOAT: case EBPF_BTF_KIND_TYPE_TAG:
      return true;
    default:
      return false;
    }
}

/* Kinds whose vlen counts entries; FUNC's vlen is its linkage.  */
static bool
kind_has_entries (unsigned kind)
{
  size_t fixed, entry;
  return kind_layout (kind, &fixed, &entry) && entry != 0;
}

/* Kinds that must be named.  */
static bool
kind_needs_name (unsigned kind)
{
  switch (kind)
    {
    /* FUNC is left out: GCC 12 writes nameless ones, which libbpf
     * accepts in the objects it loads.  */
    case EBPF_BTF_KIND_INT: case EBPF_BTF_KIND_FWD: case EBPF_BTF_KIND_TYPEDEF:
    case EBPF_BTF_KIND_VAR: case EBPF_BTF_KIND_DATASEC:
    case EBPF_BTF_KIND_FLOAT: case EBPF_BTF_KIND_DECL_TAG:
    case EBPF_BTF_KIND_TYPE_TAG:
      return true;
    default:
      return false;
    }
}

/* Kinds whose "type" field refers to another type.  */
static bool
kind_has_type_ref (unsigned kind)
{
  switch (kind)
    {
    case EBPF_BTF_KIND_PTR: case EBPF_BTF_KIND_TYPEDEF:
    case EBPF_BTF_KIND_VOLATILE: case EBPF_BTF_KIND_CONST:
    case EBPF_BTF_KIND_RESTRICT: case EBPF_BTF_KIND_TYPE_TAG:
    case EBPF_BTF_KIND_FUNC: case EBPF_BTF_KIND_FUNC_PROTO:
    case EBPF_BTF_KIND_VAR: case EBPF_BTF_KIND_DECL_TAG:
      return true;
    default:
      return false;
    }
}

static bool
is_modifier_or_typedef (enum ebpf_btf_kind kind)
{
  return kind == EBPF_BTF_KIND_TYPEDEF || kind == EBPF_BTF_KIND_VOLATILE
         || kind == EBPF_BTF_KIND_CONST || kind == EBPF_BTF_KIND_RESTRICT
         || kind == EBPF_BTF_KIND_TYPE_TAG;
}

/* ---- Pass 1: record layout ----------------------------------------------- */

struct section_counts
{
  uint32_t types, members, enumerators, params, secinfos;
};

static int
check_header (const struct reader *r, uint32_t *hdr_len, uint32_t *type_off,
              uint32_t *type_len, uint32_t *str_off, uint32_t *str_len)
{
  if (r->len < BTF_HEADER_SIZE)
    {
      ebpf_error_set (r->err, "%s: offset 0: truncated header: %zu bytes, the "
                 "header needs %d", r->what, r->len, BTF_HEADER_SIZE);
      return -1;
    }
  uint8_t version = r->data[2], flags = r->data[3];
  if (version != 1)
    {
      ebpf_error_set (r->err, "%s: offset 2: unsupported BTF version %u (only 1 "
                 "exists)", r->what, version);
      return -1;
    }
  if (flags != 0)
    {
      ebpf_error_set (r->err, "%s: offset 3: unsupported header flags 0x%x",
                 r->what, flags);
      return -1;
    }
  *hdr_len = read_u32 (r, 4);
  if (*hdr_len < BTF_HEADER_SIZE || *hdr_len > r->len)
    {
      ebpf_error_set (r->err, "%s: offset 4: header length %u is outside %d..%zu",
                 r->what, *hdr_len, BTF_HEADER_SIZE, r->len);
      return -1;
    }
  *type_off = read_u32 (r, 8);
  *type_len = read_u32 (r, 12);
  *str_off = read_u32 (r, 16);
  *str_len = read_u32 (r, 20);
  uint64_t room = r->len - *hdr_len;
  if ((uint64_t) *type_off + *type_len > room)
    {
      ebpf_error_set (r->err, "%s: offset 8: type section (offset %u, length %u) "
                 "ends past the end of the blob (%llu bytes after the header)",
                 r->what, *type_off, *type_len, (unsigned long long) room);
      return -1;
    }
  if ((uint64_t) *str_off + *str_len > room)
    {
      ebpf_error_set (r->err, "%s: offset 16: string section (offset %u, length "
                 "%u) ends past the end of the blob (%llu bytes after the "
                 "header)", r->what, *str_off, *str_len,
                 (unsigned long long) room);
      return -1;
    }
  if (*type_off % 4 != 0 || *type_len % 4 != 0)
    {
      ebpf_error_set (r->err, "%s: offset 8: type section (offset %u, length %u) "
                 "is not 4-byte aligned", r->what, *type_off, *type_len);
      return -1;
    }
  if (*type_len != 0 && *str_len != 0
      && (uint64_t) *type_off < (uint64_t) *str_off + *str_len
      && (uint64_t) *str_off < (uint64_t) *type_off + *type_len)
    {
      ebpf_error_set (r->err, "%s: offset 8: type section and string section "
                 "overlap", r->what);
      return -1;
    }
  size_t strings = (size_t) *hdr_len + *str_off;
  if (*str_len == 0 || r->data[strings] != '\0')
    {
      ebpf_error_set (r->err, "%s: offset %zu: the string section must start with "
                 "an empty string", r->what, strings);
      return -1;
    }
  if (r->data[strings + *str_len - 1] != '\0')
    {
      ebpf_error_set (r->err, "%s: offset %zu: the string section does not end "
                 "with a NUL byte", r->what, strings + *str_len - 1);
      return -1;
    }
  return 0;
}

/* Checks the record at POS (absolute), its fixed part and its vlen; sets
 * *NEXT past it.  */
static int
check_record (const struct reader *r, size_t pos, size_t end, uint32_t id,
              size_t *next, struct section_counts *counts)
{
  if (end - pos < BTF_TYPE_RECORD_SIZE)
    {
      ebpf_error_set (r->err, "%s: offset %zu: type [%u]: truncated record (%zu "
                 "bytes left in the type section, a record needs %d)",
                 r->what, pos, id, end - pos, BTF_TYPE_RECORD_SIZE);
      return -1;
    }
  uint32_t info = read_u32 (r, pos + 4);
  unsigned kind = (info >> 24) & 0x1f;
  uint32_t vlen = info & 0xffff;
  bool kind_flag = info >> 31;
  size_t fixed, entry;
  if (!kind_layout (kind, &fixed, &entry))
    {
      ebpf_error_set (r->err, "%s: offset %zu: type [%u]: unknown kind %u",
                 r->what, pos, id, kind);
      return -1;
    }
  if ((info & 0x60ff0000) != 0)
    {
      ebpf_error_set (r->err, "%s: offset %zu: type [%u] %s: reserved bits set in "
                 "info 0x%08x", r->what, pos, id, kind_names[kind], info);
      return -1;
    }
  if (!kind_has_entries (kind) && vlen != 0
      && !(kind == EBPF_BTF_KIND_FUNC && vlen <= EBPF_BTF_LINKAGE_EXTERN))
    {
      ebpf_error_set (r->err, "%s: offset %zu: type [%u] %s: vlen %u must be 0",
                 r->what, pos, id, kind_names[kind], vlen);
      return -1;
    }
  if (kind_flag && kind != EBPF_BTF_KIND_STRUCT && kind != EBPF_BTF_KIND_UNION
      && kind != EBPF_BTF_KIND_ENUM && kind != EBPF_BTF_KIND_ENUM64
      && kind != EBPF_BTF_KIND_FWD && kind != EBPF_BTF_KIND_DECL_TAG
      && kind != EBPF_BTF_KIND_TYPE_TAG)
    {
      ebpf_error_set (r->err, "%s: offset %zu: type [%u] %s: kind_flag set on a "
                 "kind that has none", r->what, pos, id, kind_names[kind]);
      return -1;
    }
  uint64_t need = BTF_TYPE_RECORD_SIZE + fixed + (uint64_t) vlen * entry;
  if (need > end - pos)
    {
      ebpf_error_set (r->err, "%s: offset %zu: type [%u] %s: vlen %u needs %llu "
                 "bytes but only %zu are left in the type section", r->what,
                 pos, id, kind_names[kind], vlen, (unsigned long long) need,
                 end - pos);
      return -1;
    }
  switch (kind)
    {
    case EBPF_BTF_KIND_STRUCT: case EBPF_BTF_KIND_UNION:
      counts->members += vlen; break;
    case EBPF_BTF_KIND_ENUM: case EBPF_BTF_KIND_ENUM64:
      counts->enumerators += vlen; break;
    case EBPF_BTF_KIND_FUNC_PROTO:
      counts->params += vlen; break;
    case EBPF_BTF_KIND_DATASEC:
      counts->secinfos += vlen; break;
    default:
      break;
    }
  *next = pos + need;
  return 0;
}

/* ---- Pass 2: decoding ---------------------------------------------------- */

struct decoder
{
  struct reader r;
  struct ebpf_btf *btf;
  uint32_t n_members, n_enumerators, n_params, n_secinfos;
};

/* The string at OFFSET, or NULL with an error naming WHERE and FIELD.  */
static const char *
decode_string (struct decoder *d, uint32_t offset, size_t where, uint32_t id,
               const char *field)
{
  const char *s = ebpf_btf_string (d->btf, offset);
  if (s == NULL)
    ebpf_error_set (d->r.err, "%s: offset %zu: type [%u]: %s string offset %u is "
               "past the end of the string section (%u bytes)", d->r.what,
               where, id, field, offset, d->btf->strings_len);
  return s;
}

static bool
valid_size (uint32_t size, const uint32_t *allowed, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (size == allowed[i])
      return true;
  return false;
}

static int
decode_int (struct decoder *d, struct ebpf_btf_type *t, size_t pos)
{
  static const uint32_t sizes[] = { 1, 2, 4, 8, 16 };
  uint32_t v = read_u32 (&d->r, pos + BTF_TYPE_RECORD_SIZE);
  t->int_encoding = (v >> 24) & 0x0f;
  t->int_offset = (v >> 16) & 0xff;
  t->int_bits = v & 0xff;
  t->is_signed = (t->int_encoding & EBPF_BTF_INT_SIGNED) != 0;
  const char *what = d->r.what;
  if ((v & 0xf000ff00) != 0)
    ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] INT '%s': reserved bits "
               "set in 0x%08x", what, pos, t->id, t->name, v);
  else if (!valid_size (t->size, sizes, 5))
    ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] INT '%s': size %u is not "
               "1, 2, 4, 8 or 16", what, pos, t->id, t->name, t->size);
  else if (t->int_bits == 0 || t->int_bits > 128
           || t->int_offset + t->int_bits > t->size * 8)
    ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] INT '%s': %u bits at bit "
               "offset %u do not fit in %u bytes", what, pos, t->id, t->name,
               t->int_bits, t->int_offset, t->size);
  /* The kernel allows one encoding bit; GCC 12 marks "signed char" with
   * both SIGNED and CHAR, which libbpf reads as it is: so do we.  */
  else if (t->int_encoding & ~(EBPF_BTF_INT_SIGNED | EBPF_BTF_INT_CHAR
                               | EBPF_BTF_INT_BOOL)
           || (t->int_encoding & EBPF_BTF_INT_BOOL
               && t->int_encoding != EBPF_BTF_INT_BOOL))
    ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] INT '%s': bad encoding "
               "0x%x", what, pos, t->id, t->name, t->int_encoding);
  else
    return 0;
  return -1;
}

static int
decode_entries (struct decoder *d, struct ebpf_btf_type *t, size_t pos)
{
  struct ebpf_btf *btf = d->btf;
  size_t at = pos + BTF_TYPE_RECORD_SIZE;
  switch (t->kind)
    {
    case EBPF_BTF_KIND_STRUCT:
    case EBPF_BTF_KIND_UNION:
      {
        struct ebpf_btf_member *m = btf->members + d->n_members;
        t->members = m;
        d->n_members += t->vlen;
        for (uint32_t i = 0; i < t->vlen; i++, at += 12)
          {
            if ((m[i].name = decode_string (d, read_u32 (&d->r, at), at,
                                            t->id, "member name")) == NULL)
              return -1;
            m[i].type = read_u32 (&d->r, at + 4);
            uint32_t offset = read_u32 (&d->r, at + 8);
            m[i].bit_offset = t->kind_flag ? offset & 0xffffff : offset;
            m[i].bitfield_size = t->kind_flag ? offset >> 24 : 0;
          }
        return 0;
      }
    case EBPF_BTF_KIND_ENUM:
    case EBPF_BTF_KIND_ENUM64:
      {
        bool wide = t->kind == EBPF_BTF_KIND_ENUM64;
        struct ebpf_btf_enumerator *e = btf->enumerators + d->n_enumerators;
        t->enumerators = e;
        d->n_enumerators += t->vlen;
        for (uint32_t i = 0; i < t->vlen; i++, at += wide ? 12 : 8)
          {
            if ((e[i].name = decode_string (d, read_u32 (&d->r, at), at,
                                            t->id, "enumerator name")) == NULL)
              return -1;
            if (e[i].name[0] == '\0')
              {
                ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] %s: "
                           "enumerator %u has no name", d->r.what, at, t->id,
                           kind_names[t->kind], i);
                return -1;
              }
            uint32_t lo = read_u32 (&d->r, at + 4);
            if (wide)
              e[i].value = (uint64_t) read_u32 (&d->r, at + 8) << 32 | lo;
            else if (t->is_signed)
              e[i].value = (uint64_t) (int64_t) (int32_t) lo;
            else
              e[i].value = lo;
          }
        return 0;
      }
    case EBPF_BTF_KIND_FUNC_PROTO:
      {
        struct ebpf_btf_param *p = btf->params + d->n_params;
        t->params = p;
        d->n_params += t->vlen;
        for (uint32_t i = 0; i < t->vlen; i++, at += 8)
          {
            if ((p[i].name = decode_string (d, read_u32 (&d->r, at), at,
                                            t->id, "parameter name")) == NULL)
              return -1;
            p[i].type = read_u32 (&d->r, at + 4);
          }
        return 0;
      }
    case EBPF_BTF_KIND_DATASEC:
      {
        struct ebpf_btf_secinfo *s = btf->secinfos + d->n_secinfos;
        t->secinfos = s;
        d->n_secinfos += t->vlen;
        for (uint32_t i = 0; i < t->vlen; i++, at += 12)
          {
            s[i].type = read_u32 (&d->r, at);
            s[i].offset = read_u32 (&d->r, at + 4);
            s[i].size = read_u32 (&d->r, at + 8);
          }
        return 0;
      }
    default:
      return 0;
    }
}

static int
decode_record (struct decoder *d, struct ebpf_btf_type *t, uint32_t id,
               size_t pos)
{
  const struct reader *r = &d->r;
  uint32_t info = read_u32 (r, pos + 4);
  t->id = id;
  t->blob_offset = pos;
  t->kind = (info >> 24) & 0x1f;
  t->kind_flag = info >> 31;
  t->vlen = kind_has_entries (t->kind) ? (info & 0xffff) : 0;
  t->name = decode_string (d, read_u32 (r, pos), pos, id, "name");
  if (t->name == NULL)
    return -1;
  if (kind_needs_name (t->kind) && t->name[0] == '\0')
    {
      ebpf_error_set (r->err, "%s: offset %zu: type [%u] %s has no name", r->what,
                 pos, id, kind_names[t->kind]);
      return -1;
    }
  uint32_t size_or_type = read_u32 (r, pos + 8);
  if (kind_has_type_ref (t->kind))
    t->type = size_or_type;
  else if (t->kind != EBPF_BTF_KIND_PTR && t->kind != EBPF_BTF_KIND_ARRAY
           && t->kind != EBPF_BTF_KIND_FWD)
    t->size = size_or_type;
  size_t extra = pos + BTF_TYPE_RECORD_SIZE;
  static const uint32_t enum_sizes[] = { 1, 2, 4, 8 };
  static const uint32_t float_sizes[] = { 2, 4, 8, 12, 16 };
  switch (t->kind)
    {
    case EBPF_BTF_KIND_INT:
      if (decode_int (d, t, pos) != 0)
        return -1;
      break;
    case EBPF_BTF_KIND_ARRAY:
      t->array_elem_type = read_u32 (r, extra);
      t->array_index_type = read_u32 (r, extra + 4);
      t->array_nelems = read_u32 (r, extra + 8);
      break;
    case EBPF_BTF_KIND_ENUM:
    case EBPF_BTF_KIND_ENUM64:
      t->is_signed = t->kind_flag;
      if (!valid_size (t->size, enum_sizes, 4))
        {
          ebpf_error_set (r->err, "%s: offset %zu: type [%u] %s '%s': size %u is "
                     "not 1, 2, 4 or 8", r->what, pos, id, kind_names[t->kind],
                     t->name, t->size);
          return -1;
        }
      break;
    case EBPF_BTF_KIND_FLOAT:
      if (!valid_size (t->size, float_sizes, 5))
        {
          ebpf_error_set (r->err, "%s: offset %zu: type [%u] FLOAT '%s': size %u "
                     "is not 2, 4, 8, 12 or 16", r->what, pos, id, t->name,
                     t->size);
          return -1;
        }
      break;
    case EBPF_BTF_KIND_FUNC:
      t->linkage = info & 0xffff;
      break;
    case EBPF_BTF_KIND_VAR:
      t->linkage = read_u32 (r, extra);
      if (t->linkage > EBPF_BTF_LINKAGE_EXTERN)
        {
          ebpf_error_set (r->err, "%s: offset %zu: type [%u] VAR '%s': unknown "
                     "linkage %u", r->what, extra, id, t->name, t->linkage);
          return -1;
        }
      break;
    case EBPF_BTF_KIND_DECL_TAG:
      t->component_idx = (int32_t) read_u32 (r, extra);
      if (t->component_idx < -1)
        {
          ebpf_error_set (r->err, "%s: offset %zu: type [%u] DECL_TAG '%s': "
                     "component index %d is below -1", r->what, extra, id,
                     t->name, t->component_idx);
          return -1;
        }
      break;
    default:
      break;
    }
  return decode_entries (d, t, pos);
}

/* ---- Pass 2b: type references -------------------------------------------- */

static int
check_ref (struct decoder *d, const struct ebpf_btf_type *t, uint32_t ref,
           bool void_ok, const char *field)
{
  const char *what = d->r.what;
  size_t pos = t->blob_offset;
  if (ref >= d->btf->n_types)
    ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] %s '%s': %s type id %u "
               "is out of range (%u types)", what, pos, t->id,
               kind_names[t->kind], t->name, field, ref, d->btf->n_types - 1);
  else if (ref == 0 && !void_ok)
    ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] %s '%s': %s is void",
               what, pos, t->id, kind_names[t->kind], t->name, field);
  else if (ref == t->id && t->kind != EBPF_BTF_KIND_PTR)
    ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] %s '%s': %s refers to "
               "the type itself", what, pos, t->id, kind_names[t->kind],
               t->name, field);
  else
    return 0;
  return -1;
}

static int
check_refs (struct decoder *d, const struct ebpf_btf_type *t)
{
  const struct ebpf_btf_type *types = d->btf->types;
  char field[48];
  switch (t->kind)
    {
    case EBPF_BTF_KIND_PTR: case EBPF_BTF_KIND_TYPEDEF:
    case EBPF_BTF_KIND_VOLATILE: case EBPF_BTF_KIND_CONST:
    case EBPF_BTF_KIND_RESTRICT: case EBPF_BTF_KIND_TYPE_TAG:
      return check_ref (d, t, t->type, true, "referenced");
    case EBPF_BTF_KIND_ARRAY:
      if (check_ref (d, t, t->array_elem_type, false, "element")
          || check_ref (d, t, t->array_index_type, true, "index"))
        return -1;
      return 0;
    case EBPF_BTF_KIND_STRUCT: case EBPF_BTF_KIND_UNION:
      for (uint32_t i = 0; i < t->vlen; i++)
        {
          snprintf (field, sizeof field, "member %u", i);
          if (check_ref (d, t, t->members[i].type, false, field))
            return -1;
        }
      return 0;
    case EBPF_BTF_KIND_FUNC:
      if (check_ref (d, t, t->type, false, "prototype"))
        return -1;
      if (types[t->type].kind != EBPF_BTF_KIND_FUNC_PROTO)
        {
          ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] FUNC '%s': type [%u] "
                     "is a %s, not a FUNC_PROTO", d->r.what, t->blob_offset,
                     t->id, t->name, t->type, kind_names[types[t->type].kind]);
          return -1;
        }
      return 0;
    case EBPF_BTF_KIND_FUNC_PROTO:
      if (check_ref (d, t, t->type, true, "return"))
        return -1;
      for (uint32_t i = 0; i < t->vlen; i++)
        {
          snprintf (field, sizeof field, "parameter %u", i);
          /* Only the last parameter may be void: it stands for "...".  */
          if (check_ref (d, t, t->params[i].type, i + 1 == t->vlen, field))
            return -1;
        }
      return 0;
    case EBPF_BTF_KIND_VAR:
      return check_ref (d, t, t->type, false, "variable");
    case EBPF_BTF_KIND_DATASEC:
      for (uint32_t i = 0; i < t->vlen; i++)
        {
          snprintf (field, sizeof field, "entry %u", i);
          uint32_t ref = t->secinfos[i].type;
          if (check_ref (d, t, ref, false, field))
            return -1;
          if (types[ref].kind != EBPF_BTF_KIND_VAR
              && types[ref].kind != EBPF_BTF_KIND_FUNC)
            {
              ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] DATASEC '%s': "
                         "entry %u is a %s, not a VAR or FUNC", d->r.what,
                         t->blob_offset, t->id, t->name, i,
                         kind_names[types[ref].kind]);
              return -1;
            }
        }
      return 0;
    case EBPF_BTF_KIND_DECL_TAG:
      {
        if (check_ref (d, t, t->type, false, "tagged"))
          return -1;
        if (t->component_idx < 0)
          return 0;
        const struct ebpf_btf_type *target = &types[t->type];
        uint32_t components = 0;
        if (target->kind == EBPF_BTF_KIND_STRUCT
            || target->kind == EBPF_BTF_KIND_UNION)
          components = target->vlen;
        else if (target->kind == EBPF_BTF_KIND_FUNC
                 && target->type < d->btf->n_types)
          components = types[target->type].vlen;
        if ((uint32_t) t->component_idx >= components)
          {
            ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] DECL_TAG '%s': "
                       "component %d of type [%u] %s does not exist",
                       d->r.what, t->blob_offset, t->id, t->name,
                       t->component_idx, t->type, kind_names[target->kind]);
            return -1;
          }
        return 0;
      }
    default:
      return 0;
    }
}

/* ---- Pass 3: loops and sizes --------------------------------------------- */

/* The I-th type whose value a value of T holds (its "value children"), or
 * 0 past the last.  Pointers and functions end the walk: a pointer to
 * itself is fine, a struct that holds itself is not.  */
static uint32_t
value_child (const struct ebpf_btf_type *t, uint32_t i)
{
  switch (t->kind)
    {
    case EBPF_BTF_KIND_TYPEDEF: case EBPF_BTF_KIND_VOLATILE:
    case EBPF_BTF_KIND_CONST: case EBPF_BTF_KIND_RESTRICT:
    case EBPF_BTF_KIND_TYPE_TAG: case EBPF_BTF_KIND_VAR:
      return i == 0 ? t->type : 0;
    case EBPF_BTF_KIND_ARRAY:
      return i == 0 ? t->array_elem_type : 0;
    case EBPF_BTF_KIND_STRUCT: case EBPF_BTF_KIND_UNION:
      return i < t->vlen ? t->members[i].type : 0;
    case EBPF_BTF_KIND_DATASEC:
      return i < t->vlen ? t->secinfos[i].type : 0;
    default:
      return 0;
    }
}

static uint32_t
value_child_count (const struct ebpf_btf_type *t)
{
  switch (t->kind)
    {
    case EBPF_BTF_KIND_TYPEDEF: case EBPF_BTF_KIND_VOLATILE:
    case EBPF_BTF_KIND_CONST: case EBPF_BTF_KIND_RESTRICT:
    case EBPF_BTF_KIND_TYPE_TAG: case EBPF_BTF_KIND_VAR:
    case EBPF_BTF_KIND_ARRAY:
      return 1;
    case EBPF_BTF_KIND_STRUCT: case EBPF_BTF_KIND_UNION:
    case EBPF_BTF_KIND_DATASEC:
      return t->vlen;
    default:
      return 0;
    }
}

/* Checks the members of struct/union T against its size, once their own
 * sizes are known.  */
static int
check_members (struct decoder *d, const struct ebpf_btf_type *t)
{
  const struct ebpf_btf *btf = d->btf;
  uint64_t limit = (uint64_t) t->size * 8;
  for (uint32_t i = 0; i < t->vlen; i++)
    {
      const struct ebpf_btf_member *m = &t->members[i];
      uint64_t msize = btf->sizes[m->type];
      const char *problem = NULL;
      uint64_t bits = 0;
      if (msize == NO_SIZE)
        problem = "has a type without a size";
      else if (m->bitfield_size != 0)
        {
          const struct ebpf_btf_type *mt
            = &btf->types[ebpf_btf_resolve (btf, m->type)];
          bits = m->bitfield_size;
          if (mt->kind != EBPF_BTF_KIND_INT && mt->kind != EBPF_BTF_KIND_ENUM
              && mt->kind != EBPF_BTF_KIND_ENUM64)
            problem = "is a bitfield of a type that is not an integer or enum";
          else if (bits > 64 || bits > msize * 8)
            problem = "is a bitfield wider than its type";
        }
      else
        {
          bits = msize * 8;
          const struct ebpf_btf_type *mt
            = &btf->types[ebpf_btf_resolve (btf, m->type)];
          /* Legacy bitfields: an INT whose bits do not fill it, at any bit
           * offset; every other member starts on a byte.  */
          if (mt->kind == EBPF_BTF_KIND_INT
              && (mt->int_offset != 0 || mt->int_bits != mt->size * 8))
            bits = mt->int_offset + mt->int_bits;
          else if (m->bit_offset % 8 != 0)
            problem = "does not start on a byte boundary";
        }
      if (problem == NULL && m->bit_offset + bits > limit)
        problem = "ends past the end of the struct";
      if (problem != NULL)
        {
          ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] %s '%s': member %u "
                     "'%s' (type [%u], bit offset %u) %s", d->r.what,
                     t->blob_offset, t->id, kind_names[t->kind], t->name, i,
                     m->name, m->type, m->bit_offset, problem);
          return -1;
        }
    }
  return 0;
}

/* The size of T once the sizes of its value children are known.  */
static int
compute_size (struct decoder *d, const struct ebpf_btf_type *t)
{
  struct ebpf_btf *btf = d->btf;
  uint64_t size = NO_SIZE;
  switch (t->kind)
    {
    case EBPF_BTF_KIND_INT: case EBPF_BTF_KIND_ENUM: case EBPF_BTF_KIND_ENUM64:
    case EBPF_BTF_KIND_FLOAT: case EBPF_BTF_KIND_DATASEC:
      size = t->size;
      break;
    case EBPF_BTF_KIND_STRUCT: case EBPF_BTF_KIND_UNION:
      if (check_members (d, t) != 0)
        return -1;
      size = t->size;
      break;
    case EBPF_BTF_KIND_PTR:
      size = BTF_POINTER_SIZE;
      break;
    case EBPF_BTF_KIND_TYPEDEF: case EBPF_BTF_KIND_VOLATILE:
    case EBPF_BTF_KIND_CONST: case EBPF_BTF_KIND_RESTRICT:
    case EBPF_BTF_KIND_TYPE_TAG:
      size = btf->sizes[t->type];
      break;
    case EBPF_BTF_KIND_VAR:
      size = btf->sizes[t->type];
      if (size == NO_SIZE)
        {
          ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] VAR '%s': its type "
                     "[%u] %s has no size", d->r.what, t->blob_offset, t->id,
                     t->name, t->type,
                     kind_names[btf->types[t->type].kind]);
          return -1;
        }
      break;
    case EBPF_BTF_KIND_ARRAY:
      {
        uint64_t elem = btf->sizes[t->array_elem_type];
        if (elem == NO_SIZE)
          {
            ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] ARRAY: element "
                       "type [%u] %s has no size", d->r.what, t->blob_offset,
                       t->id, t->array_elem_type,
                       kind_names[btf->types[t->array_elem_type].kind]);
            return -1;
          }
        size = elem * t->array_nelems;   /* both below 2^32: no overflow */
        if (size > UINT32_MAX)
          {
            ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] ARRAY: %u elements "
                       "of %llu bytes exceed 4 GiB", d->r.what, t->blob_offset,
                       t->id, t->array_nelems, (unsigned long long) elem);
            return -1;
          }
        break;
      }
    default:
      break;
    }
  btf->sizes[t->id] = size;
  /* The target of a typedef or modifier is a value child, done first.  */
  btf->resolved_ids[t->id] = is_modifier_or_typedef (t->kind)
                             ? btf->resolved_ids[t->type] : t->id;
  return 0;
}

/* Depth-first walk of the value graph with an explicit stack, so that a
 * chain of a million typedefs cannot overflow the host stack.  */
static int
resolve_all (struct decoder *d)
{
  struct ebpf_btf *btf = d->btf;
  uint32_t n = btf->n_types;
  enum { UNSEEN, ON_STACK, DONE };
  uint8_t *state = calloc (n, 1);
  struct frame { uint32_t id, next_child; } *stack = malloc (n * sizeof *stack);
  int status = -1;
  if (state == NULL || stack == NULL)
    {
      ebpf_error_set (d->r.err, "%s: out of memory", d->r.what);
      goto out;
    }
  state[0] = DONE;
  btf->sizes[0] = NO_SIZE;
  for (uint32_t root = 1; root < n; root++)
    {
      if (state[root] != UNSEEN)
        continue;
      size_t depth = 0;
      stack[depth++] = (struct frame) { root, 0 };
      state[root] = ON_STACK;
      while (depth > 0)
        {
          struct frame *f = &stack[depth - 1];
          const struct ebpf_btf_type *t = &btf->types[f->id];
          if (f->next_child < value_child_count (t))
            {
              uint32_t child = value_child (t, f->next_child++);
              if (state[child] == ON_STACK)
                {
                  ebpf_error_set (d->r.err, "%s: offset %zu: type [%u] %s '%s' "
                             "contains itself (through type [%u] %s): a loop "
                             "of types", d->r.what, t->blob_offset, t->id,
                             kind_names[t->kind], t->name, child,
                             kind_names[btf->types[child].kind]);
                  goto out;
                }
              if (state[child] == UNSEEN)
                {
                  state[child] = ON_STACK;
                  stack[depth++] = (struct frame) { child, 0 };
                }
              continue;
            }
          if (compute_size (d, t) != 0)
            goto out;
          state[f->id] = DONE;
          depth--;
        }
    }
  status = 0;
out:
  free (state);
  free (stack);
  return status;
}

/* ---- Parse ---------------------------------------------------------------- */

void
ebpf_btf_free (struct ebpf_btf *btf)
{
  if (btf == NULL)
    return;
  free (btf->types);
  free (btf->sizes);
  free (btf->resolved_ids);
  free (btf->strings);
  free (btf->members);
  free (btf->enumerators);
  free (btf->params);
  free (btf->secinfos);
  free (btf);
}

/* calloc that never returns NULL for a zero count, so that NULL means
 * out of memory.  */
static void *
alloc_array (size_t n, size_t size)
{
  return calloc (n ? n : 1, size);
}

struct ebpf_btf *
ebpf_btf_parse (const void *data, size_t len, const char *what,
                struct ebpf_error *err)
{
  struct reader r = { data, len, false, what ? what : "BTF", err };
  if (len < 2 || data == NULL)
    {
      ebpf_error_set (err, "%s: offset 0: truncated header: %zu bytes, the header "
                 "needs %d", r.what, data ? len : 0, BTF_HEADER_SIZE);
      return NULL;
    }
  const uint8_t *bytes = data;
  if (bytes[0] == 0x9f && bytes[1] == 0xeb)
    r.big_endian = false;
  else if (bytes[0] == 0xeb && bytes[1] == 0x9f)
    r.big_endian = true;
  else
    {
      ebpf_error_set (err, "%s: offset 0: bad magic 0x%02x%02x (BTF starts with "
                 "0xeb9f in either byte order)", r.what, bytes[0], bytes[1]);
      return NULL;
    }
  uint32_t hdr_len, type_off, type_len, str_off, str_len;
  if (check_header (&r, &hdr_len, &type_off, &type_len, &str_off, &str_len))
    return NULL;

  /* Pass 1.  */
  struct section_counts counts = { 0 };
  size_t pos = (size_t) hdr_len + type_off, end = pos + type_len;
  while (pos < end)
    {
      if (counts.types >= BTF_MAX_TYPES)
        {
          ebpf_error_set (err, "%s: offset %zu: more than %u types", r.what, pos,
                     BTF_MAX_TYPES);
          return NULL;
        }
      if (check_record (&r, pos, end, counts.types + 1, &pos, &counts))
        return NULL;
      counts.types++;
    }

  struct ebpf_btf *btf = calloc (1, sizeof *btf);
  if (btf == NULL)
    goto oom;
  btf->big_endian = r.big_endian;
  btf->n_types = counts.types + 1;
  btf->types = alloc_array (btf->n_types, sizeof *btf->types);
  btf->sizes = alloc_array (btf->n_types, sizeof *btf->sizes);
  btf->resolved_ids = alloc_array (btf->n_types, sizeof *btf->resolved_ids);
  btf->strings = malloc (str_len);
  btf->members = alloc_array (counts.members, sizeof *btf->members);
  btf->enumerators = alloc_array (counts.enumerators, sizeof *btf->enumerators);
  btf->params = alloc_array (counts.params, sizeof *btf->params);
  btf->secinfos = alloc_array (counts.secinfos, sizeof *btf->secinfos);
  if (!btf->types || !btf->sizes || !btf->resolved_ids || !btf->strings
      || !btf->members
      || !btf->enumerators || !btf->params || !btf->secinfos)
    goto oom;
  memcpy (btf->strings, bytes + hdr_len + str_off, str_len);
  btf->strings_len = str_len;
  btf->types[0].name = btf->strings;   /* void: "" */

  /* Pass 2.  */
  struct decoder d = { r, btf, 0, 0, 0, 0 };
  pos = (size_t) hdr_len + type_off;
  for (uint32_t id = 1; id < btf->n_types; id++)
    {
      struct ebpf_btf_type *t = &btf->types[id];
      if (decode_record (&d, t, id, pos) != 0)
        goto fail;
      size_t fixed, entry;
      kind_layout (t->kind, &fixed, &entry);
      pos += BTF_TYPE_RECORD_SIZE + fixed + (size_t) t->vlen * entry;
    }
  for (uint32_t id = 1; id < btf->n_types; id++)
    if (check_refs (&d, &btf->types[id]) != 0)
      goto fail;

  /* Pass 3.  */
  if (resolve_all (&d) != 0)
    goto fail;
  return btf;

oom:
  ebpf_error_set (err, "%s: out of memory for %u types", r.what, counts.types);
fail:
  ebpf_btf_free (btf);
  return NULL;
}

/* ---- Files ----------------------------------------------------------------- */

static struct ebpf_btf *
parse_elf_btf (const char *path, uint8_t *image, size_t len,
               struct ebpf_error *err)
{
  elf_version (EV_CURRENT);
  Elf *elf = elf_memory ((char *) image, len);
  size_t shstrndx;
  if (elf == NULL || elf_getshdrstrndx (elf, &shstrndx) != 0)
    {
      ebpf_error_set (err, "%s: cannot read ELF: %s", path, elf_errmsg (-1));
      if (elf)
        elf_end (elf);
      return NULL;
    }
  struct ebpf_btf *btf = NULL;
  Elf_Scn *scn = NULL;
  bool found = false;
  while ((scn = elf_nextscn (elf, scn)) != NULL)
    {
      GElf_Shdr sh;
      const char *name;
      if (gelf_getshdr (scn, &sh) == NULL
          || (name = elf_strptr (elf, shstrndx, sh.sh_name)) == NULL
          || strcmp (name, ".BTF") != 0)
        continue;
      found = true;
      Elf_Data *data = elf_rawdata (scn, NULL);
      char what[512];
      snprintf (what, sizeof what, "%s: .BTF", path);
      if (data == NULL || data->d_buf == NULL)
        ebpf_error_set (err, "%s: cannot read the section: %s", what,
                   elf_errmsg (-1));
      else
        btf = ebpf_btf_parse (data->d_buf, data->d_size, what, err);
      break;
    }
  if (!found)
    ebpf_error_set (err, "%s: no .BTF section", path);
  elf_end (elf);
  return btf;
}

struct ebpf_btf *
ebpf_btf_load_file (const char *path, struct ebpf_error *err)
{
  size_t len;
  uint8_t *image = ebpf_read_whole_file (path, &len, err);
  if (image == NULL)
    return NULL;
  struct ebpf_btf *btf;
  if (len >= 4 && memcmp (image, "\177ELF", 4) == 0)
    btf = parse_elf_btf (path, image, len, err);
  else
    btf = ebpf_btf_parse (image, len, path, err);
  free (image);
  return btf;
}

/* ---- Queries --------------------------------------------------------------- */

bool
ebpf_btf_big_endian (const struct ebpf_btf *btf)
{
  return btf->big_endian;
}

uint32_t
ebpf_btf_type_count (const struct ebpf_btf *btf)
{
  return btf->n_types;
}

const struct ebpf_btf_type *
ebpf_btf_type (const struct ebpf_btf *btf, uint32_t id)
{
  return id < btf->n_types ? &btf->types[id] : NULL;
}

const char *
ebpf_btf_string (const struct ebpf_btf *btf, uint32_t offset)
{
  /* The section ends with a NUL, so every offset inside starts a string.  */
  return offset < btf->strings_len ? btf->strings + offset : NULL;
}

uint32_t
ebpf_btf_resolve (const struct ebpf_btf *btf, uint32_t id)
{
  /* Computed once by the parser, so resolving is constant time even at
   * the end of a long chain of typedefs.  */
  return id < btf->n_types ? btf->resolved_ids[id] : id;
}

bool
ebpf_btf_type_size (const struct ebpf_btf *btf, uint32_t id, uint32_t *size)
{
  if (id >= btf->n_types || btf->sizes[id] == NO_SIZE)
    return false;
  *size = (uint32_t) btf->sizes[id];
  return true;
}

uint32_t
ebpf_btf_find (const struct ebpf_btf *btf, const char *name,
               enum ebpf_btf_kind kind)
{
  for (uint32_t id = 1; id < btf->n_types; id++)
    if (btf->types[id].kind == kind && strcmp (btf->types[id].name, name) == 0)
      return id;
  return 0;
}

const struct ebpf_btf_type *
ebpf_btf_find_datasec (const struct ebpf_btf *btf, const char *section_name)
{
  uint32_t id = ebpf_btf_find (btf, section_name, EBPF_BTF_KIND_DATASEC);
  return id ? &btf->types[id] : NULL;
}

static struct ebpf_btf_type *
datasec_for_update (struct ebpf_btf *btf, uint32_t id, struct ebpf_error *err)
{
  if (id >= btf->n_types || btf->types[id].kind != EBPF_BTF_KIND_DATASEC)
    {
      ebpf_error_set (err, "BTF type [%u] is not a DATASEC", id);
      return NULL;
    }
  return &btf->types[id];
}

int
ebpf_btf_set_datasec_size (struct ebpf_btf *btf, uint32_t datasec_id,
                           uint32_t size, struct ebpf_error *err)
{
  struct ebpf_btf_type *t = datasec_for_update (btf, datasec_id, err);
  if (t == NULL)
    return -1;
  t->size = size;
  btf->sizes[datasec_id] = size;
  return 0;
}

int
ebpf_btf_set_datasec_var_offset (struct ebpf_btf *btf, uint32_t datasec_id,
                                 uint32_t index, uint32_t offset,
                                 struct ebpf_error *err)
{
  struct ebpf_btf_type *t = datasec_for_update (btf, datasec_id, err);
  if (t == NULL)
    return -1;
  if (index >= t->vlen)
    {
      ebpf_error_set (err, "BTF DATASEC '%s' has no entry %u (it has %u)", t->name,
                 index, t->vlen);
      return -1;
    }
  /* The secinfo array is ours: the const in the public view is for users.  */
  struct ebpf_btf_secinfo *s = &btf->secinfos[t->secinfos - btf->secinfos];
  s[index].offset = offset;
  return 0;
}
