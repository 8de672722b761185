/* btf-format.c — a value printed with its BTF type as bpftool map dump
 * prints it.
 *
 * bpftool writes map values through a small JSON writer; without -j it
 * uses the writer's pretty mode (our EBPF_BTF_FORMAT_PLAIN), with -j the
 * compact mode inside the "formatted" object (EBPF_BTF_FORMAT_JSON).  The
 * writer's layout is reproduced here: in pretty mode a newline and four
 * spaces a level go before each object member and before a closing bracket
 * of a non-empty container, and nowhere else, so arrays stay on one line:
 *     "value": {
 *         "a": 1,
 *         "arr": [1,2,3
 *         ]
 *     }
 * What each kind prints, checked against bpftool v7.1 (Debian 12):
 *  - integers in decimal, signed per their encoding; 128-bit integers and
 *    bitfields in hex ("0x5"; a JSON string "\"0x5\"" in JSON form);
 *  - bool as true/false; a CHAR-encoded integer as a one-character string
 *    when printable, else 0x1f (plain) or "\u001f" (JSON);
 *  - an array of char (an INT named "char" or CHAR-encoded, of size 1,
 *    through modifiers but not typedefs) as a string when a NUL ends it
 *    and every byte before is printable ASCII; otherwise a list;
 *  - enums by enumerator name, or as a number when no enumerator has the
 *    value (ENUM sign-extended like bpftool, ENUM64 per its signedness);
 *  - pointers as numbers: hex in plain form ("(nil)" for 0, glibc's %p),
 *    decimal in JSON form;
 *  - a VAR as {"name": value}, a DATASEC as {"name": [vars...]};
 *  - FWD as (fwd-kind-invalid); kinds that hold no value (FUNC,
 *    FUNC_PROTO, DECL_TAG, void) as (unsupported-kind).
 * Where we differ on purpose:
 *  - bpftool prints a printable CHAR-encoded char as "%c" without
 *    escaping, so '"' and '\' give invalid JSON; we escape them;
 *  - for FLOAT, bpftool v7.1 prints "(unsupported-kind" (sic, no closing
 *    parenthesis) and drops the rest of the value; we print the number
 *    (%.9g for float, %.17g for double) and go on;
 *  - our "(unsupported-kind)" has its closing parenthesis.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>
#include "core/error.h"
#include "btf.h"
#include "object.h"

/* ---- bpftool's JSON writer, in our words ------------------------------- */

struct json
{
  FILE *out;
  bool pretty;
  int depth;
  char separator;   /* printed before the next item; 0 at a container start */
};

static void
json_item_start (struct json *j)
{
  if (j->separator)
    putc (j->separator, j->out);
  j->separator = ',';
}

static void
json_newline (struct json *j)
{
  if (!j->pretty)
    return;
  putc ('\n', j->out);
  for (int i = 0; i < j->depth; i++)
    fputs ("    ", j->out);
}

static void
json_open (struct json *j, char bracket)
{
  json_item_start (j);
  putc (bracket, j->out);
  j->depth++;
  j->separator = 0;
}

static void
json_close (struct json *j, char bracket)
{
  j->depth--;
  if (j->separator)     /* not empty */
    json_newline (j);
  putc (bracket, j->out);
  j->separator = ',';
}

static void
json_quoted (FILE *out, const char *s, size_t n)
{
  putc ('"', out);
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = s[i];
      switch (c)
        {
        case '"': fputs ("\\\"", out); break;
        case '\\': fputs ("\\\\", out); break;
        case '\n': fputs ("\\n", out); break;
        case '\t': fputs ("\\t", out); break;
        case '\r': fputs ("\\r", out); break;
        case '\b': fputs ("\\b", out); break;
        case '\f': fputs ("\\f", out); break;
        default:
          if (c < 0x20)
            fprintf (out, "\\u%04x", c);
          else
            putc (c, out);
        }
    }
  putc ('"', out);
}

static void
json_name (struct json *j, const char *name)
{
  json_item_start (j);
  json_newline (j);
  j->separator = 0;
  json_quoted (j->out, name, strlen (name));
  putc (':', j->out);
  if (j->pretty)
    putc (' ', j->out);
}

static void __attribute__ ((format (printf, 2, 3)))
json_printf (struct json *j, const char *fmt, ...)
{
  json_item_start (j);
  va_list ap;
  va_start (ap, fmt);
  vfprintf (j->out, fmt, ap);
  va_end (ap);
}

static void
json_string (struct json *j, const char *s, size_t n)
{
  json_item_start (j);
  json_quoted (j->out, s, n);
}

/* ---- Values --------------------------------------------------------------- */

struct formatter
{
  const struct ebpf_btf *btf;
  struct json json;
  const uint8_t *data;     /* the whole value, for bounds checks */
  size_t len;
  /* Items left to print: zero-sized structs and arrays could otherwise
   * make a small value print for ever.  */
  uint64_t budget;
  int nesting;             /* levels of format_type calls, bounded */
  struct ebpf_error *err;
};

static int format_type (struct formatter *f, uint32_t id, size_t offset,
                        unsigned bit_offset);

static bool
in_bounds (struct formatter *f, size_t offset, uint64_t size)
{
  if (offset <= f->len && size <= f->len - offset)
    return true;
  ebpf_error_set (f->err, "BTF value: %llu bytes at offset %zu are past the "
                  "end of the %zu-byte buffer", (unsigned long long) size,
                  offset, f->len);
  return false;
}

/* SIZE bytes (at most 8) at OFFSET as an unsigned number in the BTF's
 * byte order.  */
static uint64_t
read_uint (const struct formatter *f, size_t offset, unsigned size)
{
  uint64_t v = 0;
  const uint8_t *p = f->data + offset;
  bool big = ebpf_btf_big_endian (f->btf);
  for (unsigned i = 0; i < size; i++)
    v |= (uint64_t) p[big ? i : size - 1 - i] << (8 * (size - 1 - i));
  return v;
}

static int64_t
sign_extend (uint64_t v, unsigned bits)
{
  if (bits >= 64)
    return (int64_t) v;
  uint64_t sign = (uint64_t) 1 << (bits - 1);
  return (int64_t) ((v ^ sign) - sign);
}

/* The BITS bits (at most 128) at BIT_OFFSET from OFFSET (BIT_OFFSET < 8),
 * as HI:LO.  Bit offsets count from the least significant end of the
 * storage on a little-endian machine and from the most significant end on
 * a big-endian one, as compilers lay out bitfields.  */
static void
read_bits (const struct formatter *f, size_t offset, unsigned bit_offset,
           unsigned bits, uint64_t *hi, uint64_t *lo)
{
  unsigned nbytes = (bit_offset + bits + 7) / 8;
  const uint8_t *p = f->data + offset;
  bool big = ebpf_btf_big_endian (f->btf);
  /* The storage as one number N: our field is bits SHIFT.. of N.  */
  unsigned shift = big ? nbytes * 8 - bit_offset - bits : bit_offset;
  *hi = *lo = 0;
  for (unsigned i = 0; i < bits; i++)
    {
      unsigned k = shift + i;
      uint8_t byte = p[big ? nbytes - 1 - k / 8 : k / 8];
      if ((byte >> (k % 8)) & 1)
        {
          if (i < 64)
            *lo |= (uint64_t) 1 << i;
          else
            *hi |= (uint64_t) 1 << (i - 64);
        }
    }
}

static void
print_hex (struct formatter *f, uint64_t hi, uint64_t lo)
{
  const char *q = f->json.pretty ? "" : "\"";
  if (hi == 0)
    json_printf (&f->json, "%s0x%" PRIx64 "%s", q, lo, q);
  else
    json_printf (&f->json, "%s0x%" PRIx64 "%016" PRIx64 "%s", q, hi, lo, q);
}

static int
format_bitfield (struct formatter *f, size_t offset, unsigned bit_offset,
                 unsigned bits)
{
  if (!in_bounds (f, offset, (bit_offset + bits + 7) / 8))
    return -1;
  uint64_t hi, lo;
  read_bits (f, offset, bit_offset, bits, &hi, &lo);
  print_hex (f, hi, lo);
  return 0;
}

static void
format_char (struct formatter *f, uint8_t c)
{
  if (c >= 0x20 && c < 0x7f)
    json_string (&f->json, (const char *) &c, 1);
  else if (f->json.pretty)
    json_printf (&f->json, "0x%x", c);
  else
    json_printf (&f->json, "\"\\u00%02x\"", c);
}

static int
format_int (struct formatter *f, const struct ebpf_btf_type *t, size_t offset,
            unsigned bit_offset)
{
  unsigned bits = t->int_bits;
  bit_offset += t->int_offset;
  bool whole = bit_offset == 0 && bits == t->size * 8;
  if (!whole || bits == 128)
    {
      /* 128-bit integers, and legacy bitfields (bits inside a wider
         integer), print in hex like bitfields.  */
      offset += bit_offset / 8;
      return format_bitfield (f, offset, bit_offset % 8, bits);
    }
  if (!in_bounds (f, offset, t->size))
    return -1;
  uint64_t v = read_uint (f, offset, t->size);
  switch (t->int_encoding)
    {
    case EBPF_BTF_INT_SIGNED:
      json_printf (&f->json, "%" PRId64, sign_extend (v, bits));
      break;
    case EBPF_BTF_INT_CHAR:
      format_char (f, (uint8_t) v);
      break;
    case EBPF_BTF_INT_BOOL:
      json_printf (&f->json, "%s", v ? "true" : "false");
      break;
    default:
      json_printf (&f->json, "%" PRIu64, v);
      break;
    }
  return 0;
}

static int
format_enum (struct formatter *f, const struct ebpf_btf_type *t, size_t offset)
{
  if (!in_bounds (f, offset, t->size))
    return -1;
  unsigned bits = t->size * 8;
  uint64_t mask = bits == 64 ? UINT64_MAX : ((uint64_t) 1 << bits) - 1;
  uint64_t v = read_uint (f, offset, t->size);
  for (uint32_t i = 0; i < t->vlen; i++)
    if ((t->enumerators[i].value & mask) == v)
      {
        const char *name = t->enumerators[i].name;
        json_string (&f->json, name, strlen (name));
        return 0;
      }
  if (t->kind == EBPF_BTF_KIND_ENUM64 && !t->is_signed)
    json_printf (&f->json, "%" PRIu64, v);
  else
    json_printf (&f->json, "%" PRId64, sign_extend (v, bits));
  return 0;
}

static int
format_float (struct formatter *f, const struct ebpf_btf_type *t, size_t offset)
{
  if (!in_bounds (f, offset, t->size))
    return -1;
  uint64_t v = read_uint (f, offset, t->size > 8 ? 8 : t->size);
  if (t->size == 4)
    {
      uint32_t bits32 = (uint32_t) v;
      float x;
      memcpy (&x, &bits32, 4);
      json_printf (&f->json, "%.9g", x);
    }
  else if (t->size == 8)
    {
      double x;
      memcpy (&x, &v, 8);
      json_printf (&f->json, "%.17g", x);
    }
  else
    /* Half and long double: no host type to print them with.  */
    json_printf (&f->json, "%s", "(unsupported-kind)");
  return 0;
}

/* bpftool's test for printing a char array as a string.  */
static bool
is_string (struct formatter *f, const struct ebpf_btf_type *array,
           size_t offset)
{
  if (array->array_nelems == 0)
    return false;
  const struct ebpf_btf_type *elem = ebpf_btf_type (f->btf, array->array_elem_type);
  while (elem->kind == EBPF_BTF_KIND_VOLATILE || elem->kind == EBPF_BTF_KIND_CONST
         || elem->kind == EBPF_BTF_KIND_RESTRICT || elem->kind == EBPF_BTF_KIND_TYPE_TAG)
    elem = ebpf_btf_type (f->btf, elem->type);
  if (elem->kind != EBPF_BTF_KIND_INT || elem->size != 1
      || (elem->int_encoding != EBPF_BTF_INT_CHAR && strcmp (elem->name, "char") != 0))
    return false;
  for (uint32_t i = 0; i < array->array_nelems; i++)
    {
      uint8_t c = f->data[offset + i];
      if (c == 0)
        return true;
      if (c < 0x20 || c >= 0x7f)
        return false;
    }
  return false;
}

static int
format_array (struct formatter *f, const struct ebpf_btf_type *t, size_t offset)
{
  uint32_t elem_size, total;
  ebpf_btf_type_size (f->btf, t->array_elem_type, &elem_size);
  ebpf_btf_type_size (f->btf, t->id, &total);
  if (!in_bounds (f, offset, total))
    return -1;
  if (is_string (f, t, offset))
    {
      const char *s = (const char *) f->data + offset;
      json_string (&f->json, s, strlen (s));
      return 0;
    }
  json_open (&f->json, '[');
  for (uint32_t i = 0; i < t->array_nelems; i++)
    if (format_type (f, t->array_elem_type, offset + (size_t) i * elem_size, 0))
      return -1;
  json_close (&f->json, ']');
  return 0;
}

static int
format_struct (struct formatter *f, const struct ebpf_btf_type *t,
               size_t offset)
{
  if (!in_bounds (f, offset, t->size))
    return -1;
  json_open (&f->json, '{');
  for (uint32_t i = 0; i < t->vlen; i++)
    {
      const struct ebpf_btf_member *m = &t->members[i];
      json_name (&f->json, m->name);
      size_t at = offset + m->bit_offset / 8;
      int status = m->bitfield_size
                   ? format_bitfield (f, at, m->bit_offset % 8, m->bitfield_size)
                   : format_type (f, m->type, at, m->bit_offset % 8);
      if (status != 0)
        return -1;
    }
  json_close (&f->json, '}');
  return 0;
}

static int
format_datasec (struct formatter *f, const struct ebpf_btf_type *t,
                size_t offset)
{
  json_open (&f->json, '{');
  json_name (&f->json, t->name);
  json_open (&f->json, '[');
  for (uint32_t i = 0; i < t->vlen; i++)
    {
      const struct ebpf_btf_secinfo *s = &t->secinfos[i];
      if (!in_bounds (f, offset, (uint64_t) s->offset + s->size)
          || format_type (f, s->type, offset + s->offset, 0))
        return -1;
    }
  json_close (&f->json, ']');
  json_close (&f->json, '}');
  return 0;
}

static int
format_kind (struct formatter *f, uint32_t id, size_t offset,
             unsigned bit_offset);

#define MAX_NESTING 256    /* deeper than any C type a program uses */

static int
format_type (struct formatter *f, uint32_t id, size_t offset,
             unsigned bit_offset)
{
  if (f->nesting >= MAX_NESTING)
    {
      ebpf_error_set (f->err, "BTF value: type [%u] nests more than %d levels "
                      "deep", id, MAX_NESTING);
      return -1;
    }
  f->nesting++;
  int status = format_kind (f, id, offset, bit_offset);
  f->nesting--;
  return status;
}

/* One value of type ID, by its kind.  */
static int
format_kind (struct formatter *f, uint32_t id, size_t offset,
             unsigned bit_offset)
{
  if (f->budget-- == 0)
    {
      ebpf_error_set (f->err, "BTF value: type [%u] has more parts than a "
                      "%zu-byte value can hold (zero-sized members or "
                      "elements?)", id, f->len);
      return -1;
    }
  const struct ebpf_btf_type *t
    = ebpf_btf_type (f->btf, ebpf_btf_resolve (f->btf, id));
  switch (t->kind)
    {
    case EBPF_BTF_KIND_INT:
      return format_int (f, t, offset, bit_offset);
    case EBPF_BTF_KIND_PTR:
      {
        if (!in_bounds (f, offset, 8))
          return -1;
        uint64_t v = read_uint (f, offset, 8);
        if (!f->json.pretty)
          json_printf (&f->json, "%" PRIu64, v);
        else if (v == 0)
          json_printf (&f->json, "(nil)");
        else
          json_printf (&f->json, "0x%" PRIx64, v);
        return 0;
      }
    case EBPF_BTF_KIND_ARRAY:
      return format_array (f, t, offset);
    case EBPF_BTF_KIND_STRUCT:
    case EBPF_BTF_KIND_UNION:
      return format_struct (f, t, offset);
    case EBPF_BTF_KIND_ENUM:
    case EBPF_BTF_KIND_ENUM64:
      return format_enum (f, t, offset);
    case EBPF_BTF_KIND_FLOAT:
      return format_float (f, t, offset);
    case EBPF_BTF_KIND_VAR:
      json_open (&f->json, '{');
      json_name (&f->json, t->name);
      if (format_type (f, t->type, offset, 0))
        return -1;
      json_close (&f->json, '}');
      return 0;
    case EBPF_BTF_KIND_DATASEC:
      return format_datasec (f, t, offset);
    case EBPF_BTF_KIND_FWD:
      json_printf (&f->json, "(fwd-kind-invalid)");
      return 0;
    default:
      json_printf (&f->json, "(unsupported-kind)");
      return 0;
    }
}

int
ebpf_btf_format_value (const struct ebpf_btf *btf, uint32_t type_id,
                       const void *data, size_t len,
                       enum ebpf_btf_format_style style, int depth, FILE *out,
                       struct ebpf_error *err)
{
  struct ebpf_error scratch;
  struct formatter f = {
    btf, { out, style == EBPF_BTF_FORMAT_PLAIN, depth, 0 }, data, len,
    /* Nesting needs an item per level; bitfields 8 a byte.  */
    1024 + 16 * (uint64_t) len, 0, err ? err : &scratch,
  };
  uint32_t size;
  if (type_id >= ebpf_btf_type_count (btf))
    {
      ebpf_error_set (f.err, "BTF value: type id %u is out of range (%u "
                      "types)", type_id, ebpf_btf_type_count (btf) - 1);
      return -1;
    }
  if (ebpf_btf_type_size (btf, type_id, &size) && size > len)
    {
      ebpf_error_set (f.err, "BTF value: type [%u] needs %u bytes, the buffer "
                      "has %zu", type_id, size, len);
      return -1;
    }
  return format_type (&f, type_id, 0, 0);
}

/* ---- By name, for front ends (ebpfsim-debug.h) ------------------------------ */

/* The type C names NAME ("struct iphdr", "union u", "enum e", a typedef,
 * an integer or float type) in OBJ's BTF: 0 with ERR when none.  */
static uint32_t
find_named (const ebpf_object *obj, const char *name, struct ebpf_error *err)
{
  static const struct { const char *prefix; enum ebpf_btf_kind kind; } tags[] = {
    { "struct ", EBPF_BTF_KIND_STRUCT }, { "union ", EBPF_BTF_KIND_UNION },
    { "enum ", EBPF_BTF_KIND_ENUM },
  };
  if (obj == NULL || obj->btf == NULL)
    {
      ebpf_error_set (err, "the object has no BTF");
      return 0;
    }
  uint32_t id = 0;
  for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
    if (strncmp (name, tags[i].prefix, strlen (tags[i].prefix)) == 0)
      {
        const char *tag = name + strlen (tags[i].prefix);
        id = ebpf_btf_find (obj->btf, tag, tags[i].kind);
        if (id == 0 && tags[i].kind == EBPF_BTF_KIND_ENUM)
          id = ebpf_btf_find (obj->btf, tag, EBPF_BTF_KIND_ENUM64);
        if (id == 0)
          ebpf_error_set (err, "no type \"%s\" in the object's BTF", name);
        return id;
      }
  static const enum ebpf_btf_kind plain[] = { EBPF_BTF_KIND_TYPEDEF, EBPF_BTF_KIND_INT,
                                              EBPF_BTF_KIND_FLOAT };
  for (size_t i = 0; id == 0 && i < sizeof plain / sizeof plain[0]; i++)
    id = ebpf_btf_find (obj->btf, name, plain[i]);
  if (id == 0)
    ebpf_error_set (err, "no type \"%s\" in the object's BTF", name);
  return id;
}

int
ebpf_object_btf_type_size (const ebpf_object *obj, const char *name,
                           uint32_t *size, struct ebpf_error *err)
{
  uint32_t id = find_named (obj, name, err);
  if (id == 0)
    return -1;
  if (!ebpf_btf_type_size (obj->btf, id, size))
    {
      ebpf_error_set (err, "BTF type \"%s\" has no size", name);
      return -1;
    }
  return 0;
}

int
ebpf_object_btf_format (const ebpf_object *obj, const char *name,
                        const void *data, size_t len, FILE *out,
                        struct ebpf_error *err)
{
  uint32_t id = find_named (obj, name, err);
  if (id == 0)
    return -1;
  return ebpf_btf_format_value (obj->btf, id, data, len, EBPF_BTF_FORMAT_JSON, 0,
                                out, err);
}
