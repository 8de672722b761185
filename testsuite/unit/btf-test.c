/* btf-test — the BTF module: parser, value formatter, .BTF.ext, CO-RE.
 * Prints PASS/FAIL lines for DejaGnu (ebpf.load/btf.exp).
 *
 *   btf-test                      blobs built here only
 *   btf-test SRCDIR OBJDIR        also the objects btf.exp compiled from
 *                                 SRCDIR/NAME.c into OBJDIR (NAME.o, NAME-be.o)
 *   btf-test --dump FILE          types as "bpftool btf dump file" lists them
 *
 * The expected values in SRCDIR/types-*.plain and *.json were printed by
 * bpftool v7.1.0 (Debian 12) with "map dump" / "-j map dump" of the maps
 * libbpf made from types.o's .data, .bss and .rodata.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "load/btf.h"
#include "load/btf-ext.h"
#include "load/core-relo.h"
#include "ebpfsim.h"

static int failures;

static void __attribute__ ((format (printf, 2, 3)))
check (bool ok, const char *fmt, ...)
{
  char name[512];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (name, sizeof name, fmt, ap);
  va_end (ap);
  printf ("%s: btf: %s\n", ok ? "PASS" : "FAIL", name);
  failures += !ok;
}

static void __attribute__ ((format (printf, 1, 2)))
fail (const char *fmt, ...)
{
  char why[1024];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (why, sizeof why, fmt, ap);
  va_end (ap);
  printf ("FAIL: btf: %s\n", why);
  failures++;
}

/* ---- Building blobs by hand -------------------------------------------- */

struct blob
{
  bool big;
  uint8_t types[16384];
  size_t types_len;
  char strings[1024];
  size_t strings_len;
};

static void
blob_init (struct blob *b, bool big)
{
  memset (b, 0, sizeof *b);
  b->big = big;
  b->strings_len = 1;      /* the empty string */
}

static uint32_t
blob_string (struct blob *b, const char *s)
{
  uint32_t off = (uint32_t) b->strings_len;
  memcpy (b->strings + off, s, strlen (s) + 1);
  b->strings_len += strlen (s) + 1;
  return off;
}

static void
put_u32 (uint8_t *p, bool big, uint32_t v)
{
  for (int i = 0; i < 4; i++)
    p[big ? 3 - i : i] = (uint8_t) (v >> (8 * i));
}

static void
blob_u32 (struct blob *b, uint32_t v)
{
  put_u32 (b->types + b->types_len, b->big, v);
  b->types_len += 4;
}

/* One type record: NAME ("" for none), kind, kind_flag, vlen, size/type.  */
static void
blob_type (struct blob *b, const char *name, unsigned kind, bool kflag,
           uint32_t vlen, uint32_t size_or_type)
{
  blob_u32 (b, name[0] ? blob_string (b, name) : 0);
  blob_u32 (b, (uint32_t) kflag << 31 | kind << 24 | vlen);
  blob_u32 (b, size_or_type);
}

static void
blob_member (struct blob *b, const char *name, uint32_t type, uint32_t offset)
{
  blob_u32 (b, name[0] ? blob_string (b, name) : 0);
  blob_u32 (b, type);
  blob_u32 (b, offset);
}

/* The whole blob: header, types, strings.  Returns its length.  */
static size_t
blob_finish (const struct blob *b, uint8_t *out)
{
  uint8_t *h = out;
  h[0] = b->big ? 0xeb : 0x9f;
  h[1] = b->big ? 0x9f : 0xeb;
  h[2] = 1;
  h[3] = 0;
  put_u32 (h + 4, b->big, 24);
  put_u32 (h + 8, b->big, 0);
  put_u32 (h + 12, b->big, (uint32_t) b->types_len);
  put_u32 (h + 16, b->big, (uint32_t) b->types_len);
  put_u32 (h + 20, b->big, (uint32_t) b->strings_len);
  memcpy (out + 24, b->types, b->types_len);
  memcpy (out + 24 + b->types_len, b->strings, b->strings_len);
  return 24 + b->types_len + b->strings_len;
}

enum
{
  T_INT = 1, T_PTR, T_ARRAY, T_STRUCT, T_ENUM, T_TYPEDEF, T_CONST, T_PROTO,
  T_FUNC, T_VAR, T_DATASEC, T_FLOAT, T_DECL_TAG, T_TYPE_TAG, T_ENUM64, T_FWD,
  T_VOLATILE, T_RESTRICT, T_UNION, T_CHAR, T_CHARS, T_COUNT
};

/* Every kind once; ids as in the enum above.  */
static size_t
build_all_kinds (uint8_t *out, bool big)
{
  struct blob b;
  blob_init (&b, big);
  blob_type (&b, "int", 1, 0, 0, 4);             /* [1] INT */
  blob_u32 (&b, 1u << 24 | 32);                  /*     signed, 32 bits */
  blob_type (&b, "", 2, 0, 0, T_INT);            /* [2] PTR */
  blob_type (&b, "", 3, 0, 0, 0);                /* [3] ARRAY int[3] */
  blob_u32 (&b, T_INT); blob_u32 (&b, T_INT); blob_u32 (&b, 3);
  blob_type (&b, "s", 4, 1, 5, 24);              /* [4] STRUCT, kind_flag */
  blob_member (&b, "a", T_INT, 0);
  blob_member (&b, "arr", T_ARRAY, 32);
  blob_member (&b, "bits", T_INT, 3u << 24 | 128);
  blob_member (&b, "more", T_INT, 5u << 24 | 131);
  blob_member (&b, "name", T_CHARS, 160);
  blob_type (&b, "e", 6, 1, 2, 4);               /* [5] ENUM, signed */
  blob_u32 (&b, blob_string (&b, "A")); blob_u32 (&b, 0);
  blob_u32 (&b, blob_string (&b, "B")); blob_u32 (&b, (uint32_t) -2);
  blob_type (&b, "t", 8, 0, 0, T_STRUCT);        /* [6] TYPEDEF */
  blob_type (&b, "", 10, 0, 0, T_TYPEDEF);       /* [7] CONST */
  blob_type (&b, "", 13, 0, 1, T_INT);           /* [8] FUNC_PROTO */
  blob_u32 (&b, blob_string (&b, "x")); blob_u32 (&b, T_PTR);
  blob_type (&b, "f", 12, 0, 1, T_PROTO);        /* [9] FUNC, global */
  blob_type (&b, "v", 14, 0, 0, T_STRUCT);       /* [10] VAR */
  blob_u32 (&b, 1);
  blob_type (&b, ".data", 15, 0, 1, 24);         /* [11] DATASEC */
  blob_u32 (&b, T_VAR); blob_u32 (&b, 0); blob_u32 (&b, 24);
  blob_type (&b, "float", 16, 0, 0, 4);          /* [12] FLOAT */
  blob_type (&b, "tag", 17, 0, 0, T_STRUCT);     /* [13] DECL_TAG */
  blob_u32 (&b, 1);
  blob_type (&b, "user", 18, 0, 0, T_INT);       /* [14] TYPE_TAG */
  blob_type (&b, "big", 19, 0, 1, 8);            /* [15] ENUM64 */
  blob_u32 (&b, blob_string (&b, "X")); blob_u32 (&b, 0); blob_u32 (&b, 1);
  blob_type (&b, "fwd", 7, 1, 0, 0);             /* [16] FWD union */
  blob_type (&b, "", 9, 0, 0, T_INT);            /* [17] VOLATILE */
  blob_type (&b, "", 11, 0, 0, T_PTR);           /* [18] RESTRICT */
  blob_type (&b, "u", 5, 0, 2, 4);               /* [19] UNION */
  blob_member (&b, "i", T_INT, 0);
  blob_member (&b, "f", T_FLOAT, 0);
  blob_type (&b, "char", 1, 0, 0, 1);            /* [20] INT char */
  blob_u32 (&b, 1u << 24 | 8);
  blob_type (&b, "", 3, 0, 0, 0);                /* [21] ARRAY char[4] */
  blob_u32 (&b, T_CHAR); blob_u32 (&b, T_INT); blob_u32 (&b, 4);
  return blob_finish (&b, out);
}

static void
test_all_kinds (bool big)
{
  const char *order = big ? "big-endian" : "little-endian";
  uint8_t buf[8192];
  size_t len = build_all_kinds (buf, big);
  struct ebpf_error err = { "" };
  struct ebpf_btf *btf = ebpf_btf_parse (buf, len, "all-kinds", &err);
  check (btf != NULL, "%s: every kind parses%s%s", order, btf ? "" : ": ",
         btf ? "" : err.message);
  if (btf == NULL)
    return;
  check (ebpf_btf_big_endian (btf) == big, "%s: byte order from the magic",
         order);
  check (ebpf_btf_type_count (btf) == T_COUNT, "%s: type count", order);
  bool kinds_ok = true;
  static const enum ebpf_btf_kind kinds[T_COUNT] = {
    0, 1, 2, 3, 4, 6, 8, 10, 13, 12, 14, 15, 16, 17, 18, 19, 7, 9, 11, 5, 1, 3,
  };
  for (uint32_t id = 0; id < T_COUNT; id++)
    kinds_ok &= ebpf_btf_type (btf, id)->kind == kinds[id];
  check (kinds_ok, "%s: kinds of all %d types", order, T_COUNT - 1);
  check (ebpf_btf_type (btf, T_COUNT) == NULL, "%s: id past the end is NULL",
         order);
  const struct ebpf_btf_type *s = ebpf_btf_type (btf, T_STRUCT);
  check (s->vlen == 5 && strcmp (s->members[1].name, "arr") == 0
         && s->members[1].bit_offset == 32 && s->members[2].bitfield_size == 3
         && s->members[3].bit_offset == 131 && s->members[3].bitfield_size == 5,
         "%s: struct members, bit offsets and bitfield sizes", order);
  const struct ebpf_btf_type *i = ebpf_btf_type (btf, T_INT);
  check (i->size == 4 && i->int_bits == 32 && i->is_signed
         && strcmp (i->name, "int") == 0, "%s: INT fields", order);
  const struct ebpf_btf_type *e = ebpf_btf_type (btf, T_ENUM);
  check (e->is_signed && e->vlen == 2 && (int64_t) e->enumerators[1].value == -2,
         "%s: signed ENUM values", order);
  const struct ebpf_btf_type *e64 = ebpf_btf_type (btf, T_ENUM64);
  check (e64->enumerators[0].value == 0x100000000ULL, "%s: ENUM64 value",
         order);
  const struct ebpf_btf_type *a = ebpf_btf_type (btf, T_ARRAY);
  check (a->array_elem_type == T_INT && a->array_nelems == 3,
         "%s: ARRAY info", order);
  check (ebpf_btf_type (btf, T_FUNC)->linkage == EBPF_BTF_LINKAGE_GLOBAL
         && ebpf_btf_type (btf, T_VAR)->linkage == EBPF_BTF_LINKAGE_GLOBAL,
         "%s: FUNC and VAR linkage", order);
  check (ebpf_btf_type (btf, T_DECL_TAG)->component_idx == 1
         && ebpf_btf_type (btf, T_FWD)->kind_flag,
         "%s: DECL_TAG component and FWD union flag", order);
  check (ebpf_btf_type (btf, T_PROTO)->params[0].type == T_PTR
         && strcmp (ebpf_btf_type (btf, T_PROTO)->params[0].name, "x") == 0,
         "%s: FUNC_PROTO parameters", order);
  uint32_t size = 0;
  check (ebpf_btf_resolve (btf, T_CONST) == T_STRUCT
         && ebpf_btf_resolve (btf, T_INT) == T_INT,
         "%s: resolve through const and typedef", order);
  check (ebpf_btf_type_size (btf, T_CONST, &size) && size == 24
         && ebpf_btf_type_size (btf, T_ARRAY, &size) && size == 12
         && ebpf_btf_type_size (btf, T_PTR, &size) && size == 8
         && !ebpf_btf_type_size (btf, T_FUNC, &size)
         && !ebpf_btf_type_size (btf, 0, &size),
         "%s: type sizes", order);
  check (ebpf_btf_find (btf, "s", EBPF_BTF_KIND_STRUCT) == T_STRUCT
         && ebpf_btf_find (btf, "s", EBPF_BTF_KIND_UNION) == 0
         && ebpf_btf_find (btf, "t", EBPF_BTF_KIND_TYPEDEF) == T_TYPEDEF,
         "%s: find by name and kind", order);
  const struct ebpf_btf_type *ds = ebpf_btf_find_datasec (btf, ".data");
  check (ds != NULL && ds->id == T_DATASEC && ds->secinfos[0].type == T_VAR
         && ds->secinfos[0].size == 24 && ebpf_btf_find_datasec (btf, ".bss") == NULL,
         "%s: DATASEC lookup by section name", order);

  /* A value of struct s: a = -7, arr = {1, 2, 3}, bits = 5, more = 17,
   * name = "ok".  */
  uint8_t value[24] = { 0 };
  put_u32 (value, big, (uint32_t) -7);
  for (int k = 0; k < 3; k++)
    put_u32 (value + 4 + 4 * k, big, (uint32_t) k + 1);
  /* Bits 128..135 hold bits (3) and more (5) from the storage's start.  */
  value[16] = big ? (uint8_t) (5 << 5 | 17) : (uint8_t) (17 << 3 | 5);
  memcpy (value + 20, "ok", 3);
  char *text = NULL;
  size_t text_len = 0;
  FILE *out = open_memstream (&text, &text_len);
  int status = ebpf_btf_format_value (btf, T_CONST, value, sizeof value,
                                      EBPF_BTF_FORMAT_JSON, 0, out, &err);
  fclose (out);
  const char *want = "{\"a\":-7,\"arr\":[1,2,3],\"bits\":\"0x5\","
                     "\"more\":\"0x11\",\"name\":\"ok\"}";
  check (status == 0 && strcmp (text, want) == 0,
         "%s: JSON form of a struct (got %s)", order, text);
  free (text);
  out = open_memstream (&text, &text_len);
  status = ebpf_btf_format_value (btf, T_STRUCT, value, sizeof value,
                                  EBPF_BTF_FORMAT_PLAIN, 1, out, &err);
  fclose (out);
  want = "{\n        \"a\": -7,\n        \"arr\": [1,2,3\n        ],\n"
         "        \"bits\": 0x5,\n        \"more\": 0x11,\n"
         "        \"name\": \"ok\"\n    }";
  check (status == 0 && strcmp (text, want) == 0,
         "%s: plain form of a struct at depth 1", order);
  if (status != 0 || strcmp (text, want) != 0)
    printf ("# got:\n%s\n", text);
  free (text);
  out = open_memstream (&text, &text_len);
  status = ebpf_btf_format_value (btf, T_STRUCT, value, 20,
                                  EBPF_BTF_FORMAT_JSON, 0, out, &err);
  fclose (out);
  check (status != 0 && strstr (err.message, "needs 24 bytes") != NULL,
         "%s: a short buffer is refused (%s)", order, err.message);
  free (text);
  ebpf_btf_free (btf);
}

/* ---- Malformed blobs ------------------------------------------------------- */

static void
expect_error (const char *name, const uint8_t *buf, size_t len,
              const char *want)
{
  struct ebpf_error err = { "" };
  struct ebpf_btf *btf = ebpf_btf_parse (buf, len, "bad", &err);
  check (btf == NULL && strstr (err.message, want) != NULL,
         "malformed: %s: \"%s\" (got \"%s\")", name, want,
         btf ? "no error" : err.message);
  ebpf_btf_free (btf);
}

static void
test_malformed (void)
{
  uint8_t buf[8192];
  size_t len = build_all_kinds (buf, false);
  expect_error ("truncated header", buf, 10, "offset 0: truncated header");
  uint8_t copy[8192];
  memcpy (copy, buf, len);
  copy[0] = 0x12;
  expect_error ("bad magic", copy, len, "offset 0: bad magic 0x12eb");
  memcpy (copy, buf, len);
  copy[2] = 2;
  expect_error ("bad version", copy, len, "unsupported BTF version 2");
  memcpy (copy, buf, len);
  put_u32 (copy + 12, false, 1 << 20);
  expect_error ("type section past the end", copy, len,
                "type section (offset 0, length 1048576) ends past the end");
  memcpy (copy, buf, len);
  copy[len - 1] = 'x';
  expect_error ("unterminated strings", copy, len,
                "does not end with a NUL byte");

  struct blob b;
  blob_init (&b, false);
  blob_u32 (&b, 9999);                          /* name offset */
  blob_u32 (&b, 1u << 24);
  blob_u32 (&b, 4);
  blob_u32 (&b, 32);
  len = blob_finish (&b, buf);
  expect_error ("string offset past the end", buf, len,
                "offset 24: type [1]: name string offset 9999 is past the end");

  blob_init (&b, false);
  blob_type (&b, "", 2, 0, 0, 99);              /* PTR to [99] */
  len = blob_finish (&b, buf);
  expect_error ("type id out of range", buf, len,
                "type [1] PTR '': referenced type id 99 is out of range");

  blob_init (&b, false);
  blob_type (&b, "s", 4, 0, 1000, 4);           /* 1000 members, none there */
  len = blob_finish (&b, buf);
  expect_error ("vlen overflow", buf, len,
                "type [1] STRUCT: vlen 1000 needs 12012 bytes but only 12");

  blob_init (&b, false);
  blob_type (&b, "a", 8, 0, 0, 2);              /* typedef a -> const -> a */
  blob_type (&b, "", 10, 0, 0, 1);
  len = blob_finish (&b, buf);
  expect_error ("typedef loop", buf, len, "contains itself");

  blob_init (&b, false);
  blob_type (&b, "s", 4, 0, 1, 4);              /* struct s { struct s x; } */
  blob_member (&b, "x", 1, 0);
  len = blob_finish (&b, buf);
  expect_error ("struct holding itself", buf, len,
                "type [1] STRUCT 's': member 0 refers to the type itself");

  blob_init (&b, false);
  blob_type (&b, "s", 4, 0, 1, 4);              /* member past the end */
  blob_member (&b, "x", 2, 8);
  blob_type (&b, "int", 1, 0, 0, 4);
  blob_u32 (&b, 32);
  len = blob_finish (&b, buf);
  expect_error ("member past the struct", buf, len,
                "member 0 'x' (type [2], bit offset 8) ends past the end");

  blob_init (&b, false);
  blob_type (&b, "", 25, 0, 0, 0);
  len = blob_finish (&b, buf);
  expect_error ("unknown kind", buf, len, "type [1]: unknown kind 25");

  blob_init (&b, false);
  blob_type (&b, "f", 12, 0, 0, 2);             /* FUNC -> INT */
  blob_type (&b, "int", 1, 0, 0, 4);
  blob_u32 (&b, 32);
  len = blob_finish (&b, buf);
  expect_error ("FUNC of a non-prototype", buf, len, "is a INT, not a FUNC_PROTO");

  /* A long chain of typedefs resolves without recursion.  */
  blob_init (&b, false);
  for (uint32_t id = 1; id < 300; id++)
    blob_type (&b, "t", 8, 0, 0, id + 1);
  blob_type (&b, "int", 1, 0, 0, 4);
  blob_u32 (&b, 32);
  len = blob_finish (&b, buf);
  struct ebpf_error err;
  struct ebpf_btf *btf = ebpf_btf_parse (buf, len, "chain", &err);
  uint32_t size = 0;
  check (btf && ebpf_btf_resolve (btf, 1) == 300
         && ebpf_btf_type_size (btf, 1, &size) && size == 4,
         "a chain of 299 typedefs resolves");
  ebpf_btf_free (btf);
}

/* Valid BTF that would make a naive formatter run for ever or overflow
 * the stack.  */
static void
test_format_limits (void)
{
  uint8_t buf[32768];
  struct blob b;
  blob_init (&b, false);
  blob_type (&b, "z", 4, 0, 0, 0);              /* [1] struct z {} */
  blob_type (&b, "", 3, 0, 0, 0);               /* [2] struct z[4G-1] */
  blob_u32 (&b, 1); blob_u32 (&b, 1); blob_u32 (&b, 0xffffffff);
  size_t len = blob_finish (&b, buf);
  struct ebpf_error err;
  struct ebpf_btf *btf = ebpf_btf_parse (buf, len, "zero-sized", &err);
  uint8_t value[8] = { 0 };
  FILE *out = fopen ("/dev/null", "w");
  check (btf && ebpf_btf_format_value (btf, 2, value, sizeof value,
                                       EBPF_BTF_FORMAT_JSON, 0, out, &err) != 0
         && strstr (err.message, "more parts than"),
         "format: 4 billion empty structs are refused (%s)", err.message);
  ebpf_btf_free (btf);

  blob_init (&b, false);
  blob_type (&b, "int", 1, 0, 0, 4);            /* [1] int */
  blob_u32 (&b, 32);
  for (uint32_t id = 2; id <= 300; id++)        /* int[1][1]...[1] */
    {
      blob_type (&b, "", 3, 0, 0, 0);
      blob_u32 (&b, id - 1); blob_u32 (&b, 1); blob_u32 (&b, 1);
    }
  len = blob_finish (&b, buf);
  btf = ebpf_btf_parse (buf, len, "deep", &err);
  check (btf && ebpf_btf_format_value (btf, 300, value, sizeof value,
                                       EBPF_BTF_FORMAT_JSON, 0, out, &err) != 0
         && strstr (err.message, "nests more than 256 levels"),
         "format: 299 nested arrays are refused (%s)", err.message);
  ebpf_btf_free (btf);
  fclose (out);
}

/* Random damage to a valid blob: every result is a clean parse or an
 * error, never a crash (run under ASan to see the difference).  */
static void
fuzz (const char *name, const uint8_t *good, size_t len,
      const uint8_t *ext, size_t ext_len, int rounds)
{
  uint8_t *copy = malloc (len + 1);
  uint8_t *ext_copy = malloc (ext_len + 1);
  uint64_t seed = 0x9e3779b97f4a7c15ULL;
  int parsed = 0;
  /* Every truncation first: only the whole blob may parse.  */
  bool truncations_fail = true;
  for (size_t n = 0; n < len; n++)
    {
      struct ebpf_error err;
      memcpy (copy, good, n);
      struct ebpf_btf *btf = ebpf_btf_parse (copy, n, "truncated", &err);
      truncations_fail &= btf == NULL;
      ebpf_btf_free (btf);
    }
  check (truncations_fail, "fuzz %s: all %zu truncations are refused", name,
         len);
  for (int round = 0; round < rounds; round++)
    {
      memcpy (copy, good, len);
      size_t n = len;
      int damage = 1 + round % 4;
      for (int d = 0; d < damage; d++)
        {
          seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
          size_t at = (seed >> 33) % n;
          switch ((seed >> 20) % 4)
            {
            case 0: copy[at] ^= (uint8_t) (1u << ((seed >> 8) % 8)); break;
            case 1: copy[at] = (uint8_t) (seed >> 40); break;
            case 2: copy[at] = 0xff; break;
            default: n = at > 24 ? at : n; break;   /* truncate */
            }
        }
      struct ebpf_error err;
      struct ebpf_btf *btf = ebpf_btf_parse (copy, n, "fuzz", &err);
      if (btf == NULL)
        continue;
      parsed++;
      /* Whatever parsed must be safe to use: format every type over a
       * buffer of its size, and read the extension against it.  */
      uint8_t data[256];
      memset (data, (int) (seed & 0xff), sizeof data);
      FILE *out = fopen ("/dev/null", "w");
      for (uint32_t id = 0; id < ebpf_btf_type_count (btf); id++)
        ebpf_btf_format_value (btf, id, data, sizeof data,
                               id % 2 ? EBPF_BTF_FORMAT_JSON
                                      : EBPF_BTF_FORMAT_PLAIN, 1, out, &err);
      fclose (out);
      if (ext != NULL)
        {
          memcpy (ext_copy, ext, ext_len);
          seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
          ext_copy[(seed >> 33) % ext_len] ^= (uint8_t) (seed >> 56);
          struct ebpf_btf_ext *x = ebpf_btf_ext_parse (ext_copy, ext_len, btf,
                                                       "fuzz ext", &err);
          for (size_t s = 0; x && s < ebpf_btf_ext_section_count (x); s++)
            {
              const struct ebpf_btf_ext_section *sec = ebpf_btf_ext_section (x, s);
              for (size_t r = 0; r < sec->n_core_relo; r++)
                {
                  struct ebpf_core_result res;
                  ebpf_core_relo_compute (btf, btf, &sec->core_relo[r], &res,
                                          &err);
                }
            }
          ebpf_btf_ext_free (x);
        }
      ebpf_btf_free (btf);
    }
  check (true, "fuzz %s: %d damaged copies, %d still parsed, no crash", name,
         rounds, parsed);
  free (copy);
  free (ext_copy);
}

/* ---- Objects compiled by btf.exp ------------------------------------------- */

struct object
{
  int fd;
  Elf *elf;
  size_t shstrndx;
};

static bool
object_open (struct object *o, const char *path)
{
  elf_version (EV_CURRENT);
  o->fd = open (path, O_RDONLY);
  o->elf = o->fd >= 0 ? elf_begin (o->fd, ELF_C_READ, NULL) : NULL;
  if (o->elf == NULL || elf_getshdrstrndx (o->elf, &o->shstrndx) != 0)
    {
      fail ("%s: cannot read the object", path);
      if (o->fd >= 0)
        close (o->fd);
      return false;
    }
  return true;
}

static void
object_close (struct object *o)
{
  elf_end (o->elf);
  close (o->fd);
}

/* The bytes of section NAME (NULL when absent); a NOBITS section reads
 * as zeros into *ZEROS, which the caller frees.  */
static const uint8_t *
object_section (struct object *o, const char *name, size_t *len,
                size_t *index, uint8_t **zeros)
{
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn (o->elf, scn)) != NULL)
    {
      GElf_Shdr sh;
      gelf_getshdr (scn, &sh);
      const char *n = elf_strptr (o->elf, o->shstrndx, sh.sh_name);
      if (n == NULL || strcmp (n, name) != 0)
        continue;
      *len = sh.sh_size;
      if (index)
        *index = elf_ndxscn (scn);
      if (sh.sh_type == SHT_NOBITS)
        {
          *zeros = calloc (1, sh.sh_size + 1);
          return *zeros;
        }
      Elf_Data *d = elf_rawdata (scn, NULL);
      return d ? d->d_buf : NULL;
    }
  return NULL;
}

/* st_value of symbol NAME defined in section SHNDX; -1 when absent.  */
static long
object_symbol (struct object *o, const char *name, size_t shndx)
{
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn (o->elf, scn)) != NULL)
    {
      GElf_Shdr sh;
      gelf_getshdr (scn, &sh);
      if (sh.sh_type != SHT_SYMTAB)
        continue;
      Elf_Data *d = elf_getdata (scn, NULL);
      for (size_t i = 0; d && i < sh.sh_size / sh.sh_entsize; i++)
        {
          GElf_Sym sym;
          gelf_getsym (d, (int) i, &sym);
          const char *n = elf_strptr (o->elf, sh.sh_link, sym.st_name);
          if (n && strcmp (n, name) == 0 && sym.st_shndx == shndx)
            return (long) sym.st_value;
        }
    }
  return -1;
}

static char *
read_text (const char *path)
{
  FILE *f = fopen (path, "r");
  if (f == NULL)
    return NULL;
  static char buf[65536];
  size_t n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[n] = '\0';
  while (n > 0 && buf[n - 1] == '\n')
    buf[--n] = '\0';
  return strdup (buf);
}

/* Formats section SECTION of OBJ the way bpftool dumps its global-data map
 * and compares with SRCDIR/types-<suffix>.{plain,json}.  */
static void
check_section_dump (struct object *obj, struct ebpf_btf *btf, const char *tag,
                    const char *srcdir, const char *section, const char *suffix)
{
  size_t len = 0, shndx = 0;
  uint8_t *zeros = NULL;
  const uint8_t *bytes = object_section (obj, section, &len, &shndx, &zeros);
  const struct ebpf_btf_type *ds = ebpf_btf_find_datasec (btf, section);
  if (bytes == NULL || ds == NULL)
    {
      fail ("%s: no section or DATASEC %s", tag, section);
      free (zeros);
      return;
    }
  struct ebpf_error err;
  /* The loader's job, done here by hand: sizes and offsets from ELF.  */
  ebpf_btf_set_datasec_size (btf, ds->id, (uint32_t) len, &err);
  for (uint32_t i = 0; i < ds->vlen; i++)
    {
      const struct ebpf_btf_type *var = ebpf_btf_type (btf, ds->secinfos[i].type);
      long at = object_symbol (obj, var->name, shndx);
      if (at >= 0)
        ebpf_btf_set_datasec_var_offset (btf, ds->id, i, (uint32_t) at, &err);
    }
  static const char *const forms[2] = { "plain", "json" };
  for (int form = 0; form < 2; form++)
    {
      char path[4096];
      snprintf (path, sizeof path, "%s/types-%s.%s", srcdir, suffix,
                forms[form]);
      char *want = read_text (path);
      char *text = NULL;
      size_t text_len = 0;
      FILE *out = open_memstream (&text, &text_len);
      int status = ebpf_btf_format_value (btf, ds->id, bytes, len,
                                          form ? EBPF_BTF_FORMAT_JSON
                                               : EBPF_BTF_FORMAT_PLAIN,
                                          2, out, &err);
      fclose (out);
      if (status == 0 && want && strcmp (text, want) == 0)
        check (true, "%s: %s formatted like bpftool's %s map dump", tag,
               section, forms[form]);
      else
        {
          fail ("%s: %s formatted like bpftool's %s map dump%s%s", tag,
                section, forms[form], status ? ": " : "",
                status ? err.message : "");
          printf ("# got:\n%s\n# want (%s):\n%s\n", text, path,
                  want ? want : "(no expected file)");
        }
      free (text);
      free (want);
    }
  free (zeros);
}

static void
test_types_object (const char *srcdir, const char *objdir, bool big)
{
  char path[4096], tag[64];
  snprintf (path, sizeof path, "%s/types%s.o", objdir, big ? "-be" : "");
  snprintf (tag, sizeof tag, "types%s.o", big ? "-be" : "");
  struct ebpf_error err;
  struct ebpf_btf *btf = ebpf_btf_load_file (path, &err);
  check (btf != NULL, "%s: .BTF parses%s%s", tag, btf ? "" : ": ",
         btf ? "" : err.message);
  if (btf == NULL)
    return;
  check (ebpf_btf_big_endian (btf) == big, "%s: byte order", tag);
  uint32_t id = ebpf_btf_find (btf, "sample", EBPF_BTF_KIND_STRUCT), size = 0;
  const struct ebpf_btf_type *t = ebpf_btf_type (btf, id);
  check (id != 0 && ebpf_btf_type_size (btf, id, &size) && size == 80
         && t->kind_flag && t->vlen == 18,
         "%s: struct sample: 80 bytes, 18 members, bitfields", tag);
  const char *sections[] = { ".data", ".bss", ".rodata", ".maps", "license" };
  bool all = true;
  for (int i = 0; i < 5; i++)
    all &= ebpf_btf_find_datasec (btf, sections[i]) != NULL;
  check (all, "%s: DATASECs .data .bss .rodata .maps license", tag);
  struct object obj;
  if (object_open (&obj, path))
    {
      check_section_dump (&obj, btf, tag, srcdir, ".data", "data");
      check_section_dump (&obj, btf, tag, srcdir, ".bss", "bss");
      check_section_dump (&obj, btf, tag, srcdir, ".rodata", "rodata");
      object_close (&obj);
    }
  ebpf_btf_free (btf);
}

/* What each relocation of core.c's info() must give against core-target.c.  */
struct core_expectation
{
  enum ebpf_core_relo_kind kind;
  const char *root;
  const char *access;
  uint64_t target_value;   /* big-endian objects: BE_VALUE when it differs */
  uint64_t be_value;
  bool poison;
};

static const struct core_expectation core_expectations[] = {
  { EBPF_CORE_FIELD_BYTE_OFFSET, "task", "0:1", 24, 24, false },
  { EBPF_CORE_FIELD_BYTE_SIZE, "task", "0:1", 8, 8, false },
  { EBPF_CORE_FIELD_EXISTS, "task", "0:5", 0, 0, false },
  { EBPF_CORE_FIELD_EXISTS, "task", "0:0", 1, 1, false },
  { EBPF_CORE_FIELD_SIGNED, "task", "0:0", 1, 1, false },
  { EBPF_CORE_FIELD_LSHIFT_U64, "task", "0:4", 52, 37, false },
  { EBPF_CORE_FIELD_RSHIFT_U64, "task", "0:4", 57, 57, false },
  { EBPF_CORE_TYPE_EXISTS, "task", "0", 1, 1, false },
  { EBPF_CORE_TYPE_SIZE, "task", "0", 64, 64, false },
  { EBPF_CORE_ENUMVAL_EXISTS, "state", "1", 1, 1, false },
  { EBPF_CORE_ENUMVAL_VALUE, "state", "1", 20, 20, false },
  { EBPF_CORE_ENUMVAL_EXISTS, "state", "2", 0, 0, false },
  { EBPF_CORE_TYPE_EXISTS, "missing", "0", 0, 0, false },
  { EBPF_CORE_FIELD_BYTE_OFFSET, "task___old", "0:1", 24, 24, false },
  { EBPF_CORE_FIELD_BYTE_OFFSET, "task", "0:3", 52, 52, false },
  { EBPF_CORE_FIELD_BYTE_OFFSET, "task", "0:2:3", 39, 39, false },
  { EBPF_CORE_FIELD_BYTE_OFFSET, "task", "0:6", 56, 56, false },
  { EBPF_CORE_FIELD_BYTE_OFFSET, "task", "0:0", 32, 32, false },
};

static void
test_core_info (const struct ebpf_btf *local, const struct ebpf_btf *target,
                const struct ebpf_btf_ext_section *sec, const char *tag,
                bool big)
{
  uint32_t target_task = ebpf_btf_find (target, "task", EBPF_BTF_KIND_STRUCT);
  uint32_t local_task = ebpf_btf_find (local, "task", EBPF_BTF_KIND_STRUCT);
  size_t checked = 0;
  for (size_t r = 0; r < sec->n_core_relo; r++)
    {
      const struct ebpf_core_relo *relo = &sec->core_relo[r];
      const char *root = ebpf_btf_type (local, relo->type_id)->name;
      struct ebpf_core_result res;
      struct ebpf_error err;
      if (ebpf_core_relo_compute (local, target, relo, &res, &err) != 0)
        {
          fail ("%s: %s", tag, err.message);
          continue;
        }
      const char *kind = ebpf_core_relo_kind_name (relo->kind);
      if (relo->kind == EBPF_CORE_TYPE_ID_LOCAL
          || relo->kind == EBPF_CORE_TYPE_ID_TARGET)
        {
          uint32_t want = relo->kind == EBPF_CORE_TYPE_ID_LOCAL ? local_task
                                                                 : target_task;
          check (res.target_value == want && res.local_value == local_task,
                 "%s: %s of %s = %u", tag, kind, root, want);
          checked++;
          continue;
        }
      const struct core_expectation *e = NULL;
      for (size_t i = 0; i < sizeof core_expectations / sizeof *e; i++)
        if (core_expectations[i].kind == relo->kind
            && strcmp (core_expectations[i].root, root) == 0
            && strcmp (core_expectations[i].access, relo->access) == 0)
          e = &core_expectations[i];
      if (e == NULL)
        {
          fail ("%s: unexpected relocation %s %s \"%s\"", tag, kind, root,
                relo->access);
          continue;
        }
      uint64_t want = big ? e->be_value : e->target_value;
      check (res.target_value == want && res.poison == e->poison,
             "%s: %s of %s \"%s\" = %llu (got %llu%s)", tag, kind, root,
             relo->access, (unsigned long long) want,
             (unsigned long long) res.target_value,
             res.poison ? ", poisoned" : "");
      checked++;
    }
  check (checked == sizeof core_expectations / sizeof *core_expectations + 2,
         "%s: all %zu relocations of info() were checked", tag, checked);
}

/* The machine and the program it runs (machines do not own programs).  */
static ebpf_program *run_program;

static void
free_run (ebpf_machine *m)
{
  ebpf_machine_free (m);
  ebpf_program_free (run_program);
  run_program = NULL;
}

/* Patches section SEC_NAME of the object and runs it on TASK.  */
static ebpf_machine *
run_patched (struct object *obj, const struct ebpf_btf *local,
             const struct ebpf_btf *target,
             const struct ebpf_btf_ext_section *sec, bool big,
             const uint8_t *task, size_t task_len, const char *tag,
             bool *poisoned)
{
  size_t len = 0;
  uint8_t *zeros = NULL;
  const uint8_t *code = object_section (obj, sec->name, &len, NULL, &zeros);
  uint8_t *patched = malloc (len);
  memcpy (patched, code, len);
  struct ebpf_error err;
  *poisoned = false;
  for (size_t r = 0; r < sec->n_core_relo; r++)
    {
      struct ebpf_core_result res;
      if (ebpf_core_relo_compute (local, target, &sec->core_relo[r], &res, &err)
          || ebpf_core_patch_insn (patched, len, big, sec->core_relo[r].insn_off,
                                   &res, &err))
        {
          fail ("%s: section %s: %s", tag, sec->name, err.message);
          free (patched);
          return NULL;
        }
      *poisoned |= res.poison;
    }
  ebpf_program *prog = ebpf_program_from_bytes (patched, len, big, sec->name,
                                                &err);
  free (patched);
  run_program = prog;
  ebpf_machine *m = prog ? ebpf_machine_new (prog, NULL, &err) : NULL;
  if (m == NULL || ebpf_machine_set_input (m, task, task_len, &err) != 0)
    {
      fail ("%s: section %s: %s", tag, sec->name, err.message);
      free_run (m);
      return NULL;
    }
  ebpf_machine_run (m);
  return m;
}

static void
put_field (uint8_t *p, bool big, uint64_t v, int size)
{
  for (int i = 0; i < size; i++)
    p[big ? size - 1 - i : i] = (uint8_t) (v >> (8 * i));
}

static void
test_core_object (const char *objdir, bool big)
{
  const char *be = big ? "-be" : "";
  char local_path[4096], target_path[4096], tag[64];
  snprintf (local_path, sizeof local_path, "%s/core%s.o", objdir, be);
  snprintf (target_path, sizeof target_path, "%s/core-target%s.o", objdir, be);
  snprintf (tag, sizeof tag, "core%s.o", be);
  struct ebpf_error err;
  struct ebpf_btf *local = ebpf_btf_load_file (local_path, &err);
  struct ebpf_btf *target = local ? ebpf_btf_load_file (target_path, &err) : NULL;
  struct object obj;
  if (target == NULL || !object_open (&obj, local_path))
    {
      fail ("%s: %s", tag, err.message);
      ebpf_btf_free (local);
      ebpf_btf_free (target);
      return;
    }
  size_t ext_len = 0;
  uint8_t *zeros = NULL;
  const uint8_t *ext_bytes = object_section (&obj, ".BTF.ext", &ext_len, NULL,
                                             &zeros);
  struct ebpf_btf_ext *ext = ext_bytes
    ? ebpf_btf_ext_parse (ext_bytes, ext_len, local, tag, &err) : NULL;
  check (ext != NULL, "%s: .BTF.ext parses%s%s", tag, ext ? "" : ": ",
         ext ? "" : err.message);
  if (ext == NULL)
    goto out;
  const struct ebpf_btf_ext_section *tc = ebpf_btf_ext_find_section (ext, "tc");
  const struct ebpf_btf_ext_section *info
    = ebpf_btf_ext_find_section (ext, "tc/info");
  const struct ebpf_btf_ext_section *gone
    = ebpf_btf_ext_find_section (ext, "tc/gone");
  check (tc && info && gone && ebpf_btf_ext_section_count (ext) == 3,
         "%s: three code sections in .BTF.ext", tag);
  if (!tc || !info || !gone)
    goto out;
  const struct ebpf_btf_type *fn
    = ebpf_btf_type (local, tc->n_func_info ? tc->func_info[0].type_id : 0);
  check (tc->n_func_info == 1 && tc->func_info[0].insn_off == 0
         && strcmp (fn->name, "prog") == 0,
         "%s: func_info of tc names prog at 0", tag);
  check (tc->n_line_info > 0 && strstr (tc->line_info[0].file_name, "core.c")
         && tc->line_info[0].line_num > 0
         && strstr (tc->line_info[0].line, "READ (t->pid)") != NULL,
         "%s: line_info of tc: file, line number, source text", tag);
  check (tc->n_core_relo == 3 && info->n_core_relo == 20
         && gone->n_core_relo == 1,
         "%s: core_relo counts 3, 20, 1 (got %zu, %zu, %zu)", tag,
         tc->n_core_relo, info->n_core_relo, gone->n_core_relo);
  test_core_info (local, target, info, tag, big);

  /* prog() against a task laid out as core-target.c's: pid 100 at 32,
   * flags 0x100000005 at 24 (now 8 bytes wide), comm "ABC..." at 36.  */
  uint8_t task[64] = { 0 };
  put_field (task + 32, big, 100, 4);
  put_field (task + 24, big, 0x100000005ULL, 8);
  memcpy (task + 36, "ABCD", 4);
  bool poisoned;
  ebpf_machine *m = run_patched (&obj, local, target, tc, big, task,
                                 sizeof task, tag, &poisoned);
  if (m)
    {
      uint32_t r0 = (uint32_t) ebpf_machine_reg (m, 0);
      check (!poisoned && r0 == 100 + 5 + 'C',
             "%s: relocated prog() reads the target layout: %u", tag, r0);
      free_run (m);
    }
  m = run_patched (&obj, local, target, gone, big, task, sizeof task, tag,
                   &poisoned);
  if (m)
    {
      const char *why = ebpf_machine_stop_message (m);
      check (poisoned && strstr (why, "195896080") != NULL,
             "%s: a missing field poisons its load: %s", tag, why);
      free_run (m);
    }

  /* Fuzz the real .BTF and .BTF.ext together.  */
  if (!big)
    {
      size_t btf_len = 0;
      uint8_t *z2 = NULL;
      const uint8_t *btf_bytes = object_section (&obj, ".BTF", &btf_len, NULL,
                                                 &z2);
      fuzz ("core.o", btf_bytes, btf_len, ext_bytes, ext_len, 20000);
      free (z2);
    }
out:
  ebpf_btf_ext_free (ext);
  free (zeros);
  object_close (&obj);
  ebpf_btf_free (local);
  ebpf_btf_free (target);
}

/* CO-RE failures that must be errors, not poison, on hand-made records.  */
static void
test_core_errors (void)
{
  uint8_t buf[8192];
  size_t len = build_all_kinds (buf, false);
  struct ebpf_error err;
  struct ebpf_btf *btf = ebpf_btf_parse (buf, len, "all-kinds", &err);
  if (btf == NULL)
    return;
  struct ebpf_core_result res;
  struct ebpf_core_relo relo = { 8, T_STRUCT, "0:9", EBPF_CORE_FIELD_BYTE_OFFSET };
  check (ebpf_core_relo_compute (btf, btf, &relo, &res, &err) != 0
         && strstr (err.message, "insn offset 8") != NULL
         && strstr (err.message, "member 9 of STRUCT 's' does not exist"),
         "CO-RE: access past the members is an error (%s)", err.message);
  relo.access = "0:x";
  check (ebpf_core_relo_compute (btf, btf, &relo, &res, &err) != 0
         && strstr (err.message, "malformed access string"),
         "CO-RE: malformed access string (%s)", err.message);
  relo = (struct ebpf_core_relo) { 0, T_STRUCT, "0:1:2", EBPF_CORE_FIELD_BYTE_OFFSET };
  check (ebpf_core_relo_compute (btf, btf, &relo, &res, &err) == 0
         && res.local_value == 12 && res.target_value == 12
         && res.local_size == 4,
         "CO-RE: s.arr[2] against itself is at 12");
  relo = (struct ebpf_core_relo) { 0, T_STRUCT, "0:4", EBPF_CORE_FIELD_BYTE_SIZE };
  check (ebpf_core_relo_compute (btf, btf, &relo, &res, &err) == 0
         && res.target_value == 4, "CO-RE: byte size of char[4]");

  relo = (struct ebpf_core_relo) { 0, T_STRUCT, "0", EBPF_CORE_TYPE_MATCHES };
  check (ebpf_core_relo_compute (btf, btf, &relo, &res, &err) == 0
         && res.target_value == 1 && res.target_type_id == T_STRUCT,
         "CO-RE: TYPE_MATCHES of struct s against itself");
  uint8_t other[8192];
  size_t other_len = build_all_kinds (other, false);
  other[other_len - 2] = 'b';      /* the last string, "char", now "chab" */
  struct ebpf_btf *changed = ebpf_btf_parse (other, other_len, "changed", &err);
  check (changed && ebpf_core_relo_compute (btf, changed, &relo, &res, &err) == 0
         && res.target_value == 0 && !res.poison,
         "CO-RE: TYPE_MATCHES fails when a member's type name differs");
  ebpf_btf_free (changed);

  /* Patching: an ALU immediate, a load offset, an lddw, a poison.  */
  uint8_t code[32] = {
    0xb7, 0x01, 0, 0, 4, 0, 0, 0,          /* r1 = 4 */
    0x61, 0x12, 4, 0, 0, 0, 0, 0,          /* r2 = *(u32 *)(r1 + 4) */
    0x18, 0x03, 0, 0, 2, 0, 0, 0,          /* r3 = 2 ll */
    0, 0, 0, 0, 0, 0, 0, 0,
  };
  res = (struct ebpf_core_result) { .local_value = 4, .target_value = 24,
                                    .validate = true };
  check (ebpf_core_patch_insn (code, sizeof code, false, 0, &res, &err) == 0
         && code[4] == 24, "patch: ALU immediate");
  res.local_size = 4;
  res.target_size = 8;
  res.size_change_ok = true;
  check (ebpf_core_patch_insn (code, sizeof code, false, 8, &res, &err) == 0
         && code[10] == 24 && code[8] == 0x79,
         "patch: load offset and width u32 -> u64");
  res = (struct ebpf_core_result) { .local_value = 2,
                                    .target_value = 0x500000007ULL,
                                    .validate = true };
  check (ebpf_core_patch_insn (code, sizeof code, false, 16, &res, &err) == 0
         && code[20] == 7 && code[28] == 5, "patch: lddw 64-bit immediate");
  res.local_value = 99;
  check (ebpf_core_patch_insn (code, sizeof code, false, 0, &res, &err) != 0
         && strstr (err.message, "expected 99"),
         "patch: an unexpected immediate is refused (%s)", err.message);
  res.poison = true;
  check (ebpf_core_patch_insn (code, sizeof code, false, 16, &res, &err) == 0
         && code[16] == 0x85 && code[24] == 0x85 && code[20] == 0x10
         && code[21] == 0x23 && code[22] == 0xad && code[23] == 0x0b,
         "patch: poison an lddw: both slots call 0xbad2310");
  ebpf_btf_free (btf);
}

/* ---- bpftool-style listing --------------------------------------------------- */

static const char *
display_name (const char *name)
{
  return name[0] ? name : "(anon)";
}

static int
dump_types (const char *path)
{
  struct ebpf_error err;
  struct ebpf_btf *btf = ebpf_btf_load_file (path, &err);
  if (btf == NULL)
    {
      fprintf (stderr, "btf-test: %s\n", err.message);
      return 2;
    }
  static const char *const linkages[] = { "static", "global", "extern" };
  for (uint32_t id = 1; id < ebpf_btf_type_count (btf); id++)
    {
      const struct ebpf_btf_type *t = ebpf_btf_type (btf, id);
      printf ("[%u] %s '%s'", id, ebpf_btf_kind_name (t->kind),
              display_name (t->name));
      switch (t->kind)
        {
        case EBPF_BTF_KIND_INT:
          printf (" size=%u bits_offset=%u nr_bits=%u encoding=%s", t->size,
                  t->int_offset, t->int_bits,
                  t->int_encoding == 1 ? "SIGNED" : t->int_encoding == 2
                  ? "CHAR" : t->int_encoding == 4 ? "BOOL" : "(none)");
          break;
        case EBPF_BTF_KIND_PTR: case EBPF_BTF_KIND_TYPEDEF:
        case EBPF_BTF_KIND_VOLATILE: case EBPF_BTF_KIND_CONST:
        case EBPF_BTF_KIND_RESTRICT: case EBPF_BTF_KIND_TYPE_TAG:
          printf (" type_id=%u", t->type);
          break;
        case EBPF_BTF_KIND_ARRAY:
          printf (" type_id=%u index_type_id=%u nr_elems=%u",
                  t->array_elem_type, t->array_index_type, t->array_nelems);
          break;
        case EBPF_BTF_KIND_STRUCT: case EBPF_BTF_KIND_UNION:
          printf (" size=%u vlen=%u", t->size, t->vlen);
          for (uint32_t i = 0; i < t->vlen; i++)
            {
              const struct ebpf_btf_member *m = &t->members[i];
              printf ("\n\t'%s' type_id=%u bits_offset=%u",
                      display_name (m->name), m->type, m->bit_offset);
              if (m->bitfield_size)
                printf (" bitfield_size=%u", m->bitfield_size);
            }
          break;
        case EBPF_BTF_KIND_ENUM: case EBPF_BTF_KIND_ENUM64:
          printf (" encoding=%s size=%u vlen=%u",
                  t->is_signed ? "SIGNED" : "UNSIGNED", t->size, t->vlen);
          for (uint32_t i = 0; i < t->vlen; i++)
            {
              const struct ebpf_btf_enumerator *e = &t->enumerators[i];
              if (t->kind == EBPF_BTF_KIND_ENUM)
                printf (t->is_signed ? "\n\t'%s' val=%d" : "\n\t'%s' val=%u",
                        e->name, (int) e->value);
              else
                printf (t->is_signed ? "\n\t'%s' val=%lldLL"
                                     : "\n\t'%s' val=%lluULL",
                        e->name, (long long) e->value);
            }
          break;
        case EBPF_BTF_KIND_FWD:
          printf (" fwd_kind=%s", t->kind_flag ? "union" : "struct");
          break;
        case EBPF_BTF_KIND_FUNC:
          printf (" type_id=%u linkage=%s", t->type, linkages[t->linkage]);
          break;
        case EBPF_BTF_KIND_FUNC_PROTO:
          printf (" ret_type_id=%u vlen=%u", t->type, t->vlen);
          for (uint32_t i = 0; i < t->vlen; i++)
            printf ("\n\t'%s' type_id=%u", display_name (t->params[i].name),
                    t->params[i].type);
          break;
        case EBPF_BTF_KIND_VAR:
          printf (" type_id=%u, linkage=%s", t->type, linkages[t->linkage]);
          break;
        case EBPF_BTF_KIND_DATASEC:
          printf (" size=%u vlen=%u", t->size, t->vlen);
          for (uint32_t i = 0; i < t->vlen; i++)
            {
              const struct ebpf_btf_secinfo *s = &t->secinfos[i];
              const struct ebpf_btf_type *v = ebpf_btf_type (btf, s->type);
              printf ("\n\ttype_id=%u offset=%u size=%u (%s '%s')", s->type,
                      s->offset, s->size, ebpf_btf_kind_name (v->kind),
                      display_name (v->name));
            }
          break;
        case EBPF_BTF_KIND_FLOAT:
          printf (" size=%u", t->size);
          break;
        case EBPF_BTF_KIND_DECL_TAG:
          printf (" type_id=%u component_idx=%d", t->type, t->component_idx);
          break;
        default:
          break;
        }
      putchar ('\n');
    }
  ebpf_btf_free (btf);
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc == 3 && strcmp (argv[1], "--dump") == 0)
    return dump_types (argv[2]);
  if (argc != 1 && argc != 3)
    {
      fprintf (stderr, "usage: btf-test [SRCDIR OBJDIR] | --dump FILE\n");
      return 1;
    }
  test_all_kinds (false);
  test_all_kinds (true);
  test_malformed ();
  test_core_errors ();
  test_format_limits ();
  uint8_t buf[8192];
  size_t len = build_all_kinds (buf, false);
  fuzz ("all-kinds", buf, len, NULL, 0, 20000);
  len = build_all_kinds (buf, true);
  fuzz ("all-kinds big-endian", buf, len, NULL, 0, 5000);
  if (argc == 3)
    {
      for (int big = 0; big < 2; big++)
        {
          test_types_object (argv[1], argv[2], big);
          test_core_object (argv[2], big);
        }
    }
  return failures ? 1 : 0;
}
