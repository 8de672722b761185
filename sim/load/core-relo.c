/* core-relo.c — computing and applying CO-RE relocations.
 *
 * A relocation names a root type in the program's (local) BTF and an
 * access string: "2:1:0" is element 2 of the root, then its member 1,
 * then member 0 of that (array indices for arrays).  We turn it into a
 * "spec": the named steps (members with names, array indices) and the bit
 * offset they reach.  Target candidates are the target types of the root's
 * kind whose name equals the root's, both without any "___flavor" suffix;
 * a candidate matches when each named member exists (looked up by name,
 * through anonymous structs and unions) with a compatible type, and each
 * array index is in range.  All matching candidates must agree.
 * The compatibility rules and values follow libbpf's documentation of
 * bpf_core_read.h and of its relocation kinds.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "core/error.h"
#include "core-relo.h"

#define SPEC_MAX 64          /* libbpf's limit on access string length */
#define RECURSION_LIMIT 32   /* through pointers, arrays, prototypes */
#define MATCH_STEPS 1000000  /* types compared for one candidate, at most */

struct accessor
{
  uint32_t type_id;   /* member: its struct/union; array index: the array */
  uint32_t idx;
  const char *name;   /* member name; NULL for an array index */
};

struct spec
{
  const struct ebpf_btf *btf;
  uint32_t root_type_id;      /* as in the relocation: not resolved */
  struct accessor acc[SPEC_MAX];
  int len;
  uint64_t bit_offset;
};


static bool
is_field_kind (enum ebpf_core_relo_kind kind)
{
  return kind <= EBPF_CORE_FIELD_RSHIFT_U64;
}

static bool
is_enumval_kind (enum ebpf_core_relo_kind kind)
{
  return kind == EBPF_CORE_ENUMVAL_EXISTS || kind == EBPF_CORE_ENUMVAL_VALUE;
}

static bool
is_composite (const struct ebpf_btf_type *t)
{
  return t->kind == EBPF_BTF_KIND_STRUCT || t->kind == EBPF_BTF_KIND_UNION;
}

static bool
is_any_enum (const struct ebpf_btf_type *t)
{
  return t->kind == EBPF_BTF_KIND_ENUM || t->kind == EBPF_BTF_KIND_ENUM64;
}

static const struct ebpf_btf_type *
resolved (const struct ebpf_btf *btf, uint32_t *id)
{
  *id = ebpf_btf_resolve (btf, *id);
  return ebpf_btf_type (btf, *id);
}

/* Length of NAME without its flavor: "task_struct___v2" -> 11.  The
 * separator is the last "___" with a non-underscore on each side.  */
static size_t
essential_name_length (const char *name)
{
  size_t n = strlen (name);
  for (size_t i = n >= 5 ? n - 5 + 1 : 0; i-- > 0;)
    if (name[i] != '_' && name[i + 1] == '_' && name[i + 2] == '_'
        && name[i + 3] == '_' && name[i + 4] != '_')
      return i + 1;
  return n;
}

static bool
essential_names_equal (const char *a, const char *b)
{
  size_t la = essential_name_length (a), lb = essential_name_length (b);
  return la == lb && strncmp (a, b, la) == 0;
}

/* ---- Local spec ------------------------------------------------------------ */

static int
parse_access_string (const char *s, uint32_t *raw, int *raw_len)
{
  *raw_len = 0;
  while (*s)
    {
      if (*raw_len == SPEC_MAX || *s < '0' || *s > '9')
        return -1;
      uint64_t v = 0;
      while (*s >= '0' && *s <= '9')
        {
          v = v * 10 + (uint64_t) (*s++ - '0');
          if (v > INT32_MAX)
            return -1;
        }
      raw[(*raw_len)++] = (uint32_t) v;
      if (*s == ':')
        s++;
      else if (*s)
        return -1;
    }
  return *raw_len > 0 ? 0 : -1;
}

/* An array with no elements that is the last member of a struct: any
 * index is allowed into it (a flexible array member).  */
static bool
is_flexible_array (const struct ebpf_btf *btf, const struct accessor *parent,
                   const struct ebpf_btf_type *array)
{
  if (array->array_nelems != 0 || parent == NULL || parent->name == NULL)
    return false;
  const struct ebpf_btf_type *owner = ebpf_btf_type (btf, parent->type_id);
  return parent->idx + 1 == owner->vlen;
}

static int
parse_spec (const struct ebpf_btf *btf, const struct ebpf_core_relo *relo,
            struct spec *spec, char *problem, size_t problem_len)
{
  uint32_t raw[SPEC_MAX];
  int raw_len;
  memset (spec, 0, sizeof *spec);
  spec->btf = btf;
  spec->root_type_id = relo->type_id;
  if (parse_access_string (relo->access, raw, &raw_len) != 0)
    {
      snprintf (problem, problem_len, "malformed access string \"%s\"",
                relo->access);
      return -1;
    }
  uint32_t id = relo->type_id;
  const struct ebpf_btf_type *t = resolved (btf, &id);
  if (!is_field_kind (relo->kind) && !is_enumval_kind (relo->kind))
    {
      if (raw_len != 1 || raw[0] != 0)
        {
          snprintf (problem, problem_len, "a type relocation needs access "
                    "string \"0\", not \"%s\"", relo->access);
          return -1;
        }
      return 0;
    }
  if (is_enumval_kind (relo->kind))
    {
      if (!is_any_enum (t) || raw_len != 1 || raw[0] >= t->vlen)
        {
          snprintf (problem, problem_len, "access \"%s\" is not an "
                    "enumerator of type [%u] %s", relo->access, id,
                    ebpf_btf_kind_name (t->kind));
          return -1;
        }
      spec->acc[0] = (struct accessor) { id, raw[0],
                                         t->enumerators[raw[0]].name };
      spec->len = 1;
      return 0;
    }
  uint32_t size;
  if (!ebpf_btf_type_size (btf, id, &size))
    {
      snprintf (problem, problem_len, "root type [%u] %s has no size", id,
                ebpf_btf_kind_name (t->kind));
      return -1;
    }
  spec->acc[0] = (struct accessor) { id, raw[0], NULL };
  spec->len = 1;
  spec->bit_offset = (uint64_t) raw[0] * size * 8;
  const struct accessor *last_member = NULL;
  for (int i = 1; i < raw_len; i++)
    {
      t = ebpf_btf_type (btf, id);
      if (is_composite (t))
        {
          if (raw[i] >= t->vlen)
            {
              snprintf (problem, problem_len, "access step %d: member %u of "
                        "%s '%s' does not exist (it has %u)", i, raw[i],
                        ebpf_btf_kind_name (t->kind), t->name, t->vlen);
              return -1;
            }
          const struct ebpf_btf_member *m = &t->members[raw[i]];
          spec->bit_offset += m->bit_offset;
          struct accessor acc = { id, raw[i], m->name };
          /* Anonymous members are only a path: the target may nest
           * differently, so they are looked up by the named members.  */
          if (m->name[0] != '\0')
            {
              spec->acc[spec->len] = acc;
              last_member = &spec->acc[spec->len++];
            }
          else
            last_member = NULL;
          id = m->type;
          resolved (btf, &id);
        }
      else if (t->kind == EBPF_BTF_KIND_ARRAY)
        {
          bool flexible = is_flexible_array (btf, last_member, t);
          if (!flexible && raw[i] >= t->array_nelems)
            {
              snprintf (problem, problem_len, "access step %d: index %u is "
                        "past the %u elements of array [%u]", i, raw[i],
                        t->array_nelems, id);
              return -1;
            }
          spec->acc[spec->len++] = (struct accessor) { id, raw[i], NULL };
          last_member = NULL;
          id = t->array_elem_type;
          resolved (btf, &id);
          ebpf_btf_type_size (btf, id, &size);
          spec->bit_offset += (uint64_t) raw[i] * size * 8;
        }
      else
        {
          snprintf (problem, problem_len, "access step %d: type [%u] %s is "
                    "not a struct, union or array", i, id,
                    ebpf_btf_kind_name (t->kind));
          return -1;
        }
    }
  return 0;
}

/* ---- Compatibility ----------------------------------------------------------- */

/* Whether a field of local type LID may be relocated to a field of target
 * type TID: composites match composites, integers (except legacy bitfield
 * ints) match integers, enums and forward declarations match by name
 * (either side anonymous matches), arrays by element.  */
static bool
fields_compatible (const struct ebpf_btf *local, uint32_t lid,
                   const struct ebpf_btf *target, uint32_t tid)
{
  for (int depth = 0; depth < RECURSION_LIMIT; depth++)
    {
      const struct ebpf_btf_type *lt = resolved (local, &lid);
      const struct ebpf_btf_type *tt = resolved (target, &tid);
      if (is_composite (lt) && is_composite (tt))
        return true;
      if (lt->kind != tt->kind && !(is_any_enum (lt) && is_any_enum (tt)))
        return false;
      switch (lt->kind)
        {
        case EBPF_BTF_KIND_PTR:
        case EBPF_BTF_KIND_FLOAT:
          return true;
        case EBPF_BTF_KIND_FWD:
        case EBPF_BTF_KIND_ENUM:
        case EBPF_BTF_KIND_ENUM64:
          return lt->name[0] == '\0' || tt->name[0] == '\0'
                 || essential_names_equal (lt->name, tt->name);
        case EBPF_BTF_KIND_INT:
          return lt->int_offset == 0 && tt->int_offset == 0;
        case EBPF_BTF_KIND_ARRAY:
          lid = lt->array_elem_type;
          tid = tt->array_elem_type;
          continue;
        default:
          return false;
        }
    }
  return false;
}

/* The looser relation of TYPE_EXISTS, TYPE_SIZE and TYPE_ID_TARGET: same
 * kind, integers alike, pointers, arrays and prototypes compatible all
 * the way down; struct, union, enum and fwd need nothing more (their
 * names matched already).  */
static bool
types_compatible (const struct ebpf_btf *local, uint32_t lid,
                  const struct ebpf_btf *target, uint32_t tid, int depth,
                  long *steps)
{
  if (depth > RECURSION_LIMIT || --*steps < 0)
    return false;
  const struct ebpf_btf_type *lt = resolved (local, &lid);
  const struct ebpf_btf_type *tt = resolved (target, &tid);
  if (lt->kind != tt->kind && !(is_any_enum (lt) && is_any_enum (tt)))
    return false;
  switch (lt->kind)
    {
    case EBPF_BTF_KIND_VOID: case EBPF_BTF_KIND_STRUCT:
    case EBPF_BTF_KIND_UNION: case EBPF_BTF_KIND_ENUM:
    case EBPF_BTF_KIND_ENUM64: case EBPF_BTF_KIND_FWD:
    case EBPF_BTF_KIND_FLOAT:
      return true;
    case EBPF_BTF_KIND_INT:
      return lt->int_offset == 0 && tt->int_offset == 0;
    case EBPF_BTF_KIND_PTR:
      return types_compatible (local, lt->type, target, tt->type, depth + 1, steps);
    case EBPF_BTF_KIND_ARRAY:
      return types_compatible (local, lt->array_elem_type, target,
                               tt->array_elem_type, depth + 1, steps);
    case EBPF_BTF_KIND_FUNC_PROTO:
      if (lt->vlen != tt->vlen)
        return false;
      for (uint32_t i = 0; i < lt->vlen; i++)
        if (!types_compatible (local, lt->params[i].type, target,
                               tt->params[i].type, depth + 1, steps))
          return false;
      return types_compatible (local, lt->type, target, tt->type, depth + 1, steps);
    default:
      return false;
    }
}

static const struct ebpf_btf_member *
member_named (const struct ebpf_btf_type *t, const char *name, uint32_t index)
{
  for (uint32_t i = 0; i < t->vlen; i++)
    if (name[0] != '\0' ? strcmp (t->members[i].name, name) == 0
                        : (i == index && t->members[i].name[0] == '\0'))
      return &t->members[i];
  return NULL;
}

/* TYPE_MATCHES, as libbpf documents it: stricter than compatibility.
 * Modifiers and typedefs are stripped; kinds must be equal, except enum
 * against enum64 and, behind a pointer, a struct or union against a
 * forward declaration of the same flavor; named types must have equal
 * names (flavors ignored).  Integers: same size and signedness.  Arrays:
 * same length, elements matching.  Pointers: pointees matching.  Structs
 * and unions: every local member exists in the target by name, with a
 * matching type (behind a pointer only names and kinds are compared).
 * Enums: same size, every local enumerator name exists in the target.
 * Prototypes: same parameter count, parameters and result matching.  */
static bool
types_match (const struct ebpf_btf *local, uint32_t lid,
             const struct ebpf_btf *target, uint32_t tid, bool behind_pointer,
             int depth, long *steps)
{
  if (depth > RECURSION_LIMIT || --*steps < 0)
    return false;
  const struct ebpf_btf_type *lt = resolved (local, &lid);
  const struct ebpf_btf_type *tt = resolved (target, &tid);
  if (lt->name[0] != '\0' && !essential_names_equal (lt->name, tt->name))
    return false;
  if (lt->kind != tt->kind)
    {
      if (is_any_enum (lt) && is_any_enum (tt))
        ;
      else if (behind_pointer
               && ((lt->kind == EBPF_BTF_KIND_FWD && is_composite (tt))
                   || (tt->kind == EBPF_BTF_KIND_FWD && is_composite (lt))))
        {
          const struct ebpf_btf_type *fwd
            = lt->kind == EBPF_BTF_KIND_FWD ? lt : tt;
          const struct ebpf_btf_type *full = fwd == lt ? tt : lt;
          /* A FWD's kind_flag marks a union.  */
          return fwd->kind_flag == (full->kind == EBPF_BTF_KIND_UNION);
        }
      else
        return false;
    }
  switch (lt->kind)
    {
    case EBPF_BTF_KIND_VOID:
      return true;
    case EBPF_BTF_KIND_FWD:
      return lt->kind_flag == tt->kind_flag;
    case EBPF_BTF_KIND_INT:
      return lt->size == tt->size
             && (lt->int_encoding & EBPF_BTF_INT_SIGNED)
                == (tt->int_encoding & EBPF_BTF_INT_SIGNED);
    case EBPF_BTF_KIND_FLOAT:
      return lt->size == tt->size;
    case EBPF_BTF_KIND_ENUM:
    case EBPF_BTF_KIND_ENUM64:
      if (lt->size != tt->size)
        return false;
      for (uint32_t i = 0; i < lt->vlen; i++)
        {
          bool found = false;
          for (uint32_t j = 0; j < tt->vlen && !found; j++)
            found = essential_names_equal (lt->enumerators[i].name,
                                           tt->enumerators[j].name);
          if (!found)
            return false;
        }
      return true;
    case EBPF_BTF_KIND_STRUCT:
    case EBPF_BTF_KIND_UNION:
      if (behind_pointer)
        return true;
      for (uint32_t i = 0; i < lt->vlen; i++)
        {
          const struct ebpf_btf_member *lm = &lt->members[i];
          const struct ebpf_btf_member *tm = member_named (tt, lm->name, i);
          if (tm == NULL
              || !types_match (local, lm->type, target, tm->type, false,
                               depth + 1, steps))
            return false;
        }
      return true;
    case EBPF_BTF_KIND_PTR:
      return types_match (local, lt->type, target, tt->type, true, depth + 1, steps);
    case EBPF_BTF_KIND_ARRAY:
      return lt->array_nelems == tt->array_nelems
             && types_match (local, lt->array_elem_type, target,
                             tt->array_elem_type, behind_pointer, depth + 1, steps);
    case EBPF_BTF_KIND_FUNC_PROTO:
      if (lt->vlen != tt->vlen)
        return false;
      for (uint32_t i = 0; i < lt->vlen; i++)
        if (!types_match (local, lt->params[i].type, target, tt->params[i].type,
                          behind_pointer, depth + 1, steps))
          return false;
      return types_match (local, lt->type, target, tt->type, behind_pointer,
                          depth + 1, steps);
    default:
      return false;
    }
}

/* ---- Matching a target candidate --------------------------------------------- */

/* Finds member NAME in target composite TID, descending into anonymous
 * struct/union members; on success appends the accessor, adds its bit
 * offset and sets *MEMBER_TYPE.  */
static bool
find_target_member (const struct ebpf_btf *target, uint32_t tid,
                    const char *name, struct spec *spec,
                    uint32_t *member_type, int depth)
{
  const struct ebpf_btf_type *t = ebpf_btf_type (target, tid);
  if (depth > RECURSION_LIMIT || spec->len >= SPEC_MAX)
    return false;
  for (uint32_t i = 0; i < t->vlen; i++)
    {
      const struct ebpf_btf_member *m = &t->members[i];
      if (m->name[0] == '\0')
        {
          uint32_t inner = m->type;
          const struct ebpf_btf_type *it = resolved (target, &inner);
          if (!is_composite (it))
            continue;
          spec->bit_offset += m->bit_offset;
          if (find_target_member (target, inner, name, spec, member_type,
                                  depth + 1))
            return true;
          spec->bit_offset -= m->bit_offset;
        }
      else if (strcmp (m->name, name) == 0)
        {
          spec->bit_offset += m->bit_offset;
          spec->acc[spec->len++] = (struct accessor) { tid, i, m->name };
          *member_type = m->type;
          return true;
        }
    }
  return false;
}

/* Whether target type TID matches the local spec; fills TSPEC.  */
static bool
match_candidate (const struct spec *local, enum ebpf_core_relo_kind kind,
                 const struct ebpf_btf *target, uint32_t tid,
                 struct spec *tspec)
{
  /* Shared types make the walk a DAG that can be exponential in its
   * depth: a budget keeps a hostile BTF from hanging us.  */
  long steps = MATCH_STEPS;
  memset (tspec, 0, sizeof *tspec);
  tspec->btf = target;
  tspec->root_type_id = tid;
  if (kind == EBPF_CORE_TYPE_MATCHES)
    return types_match (local->btf, local->root_type_id, target, tid, false, 0,
                        &steps);
  if (!is_field_kind (kind) && !is_enumval_kind (kind))
    return types_compatible (local->btf, local->root_type_id, target, tid, 0,
                             &steps);
  if (is_enumval_kind (kind))
    {
      const struct ebpf_btf_type *t = resolved (target, &tid);
      if (!is_any_enum (t))
        return false;
      for (uint32_t i = 0; i < t->vlen; i++)
        if (essential_names_equal (local->acc[0].name, t->enumerators[i].name))
          {
            tspec->acc[0] = (struct accessor) { tid, i, t->enumerators[i].name };
            tspec->len = 1;
            return true;
          }
      return false;
    }
  /* Fields: the root element, then each named member or index.  */
  const struct ebpf_btf_type *t = resolved (target, &tid);
  uint32_t size;
  if (!ebpf_btf_type_size (target, tid, &size))
    return false;
  tspec->acc[0] = (struct accessor) { tid, local->acc[0].idx, NULL };
  tspec->len = 1;
  tspec->bit_offset = (uint64_t) local->acc[0].idx * size * 8;
  for (int i = 1; i < local->len; i++)
    {
      const struct accessor *la = &local->acc[i];
      t = ebpf_btf_type (target, tid);
      if (la->name != NULL)
        {
          if (!is_composite (t))
            return false;
          uint32_t member_type;
          if (!find_target_member (target, tid, la->name, tspec, &member_type, 0))
            return false;
          const struct ebpf_btf_type *lparent
            = ebpf_btf_type (local->btf, la->type_id);
          if (!fields_compatible (local->btf, lparent->members[la->idx].type,
                                  target, member_type))
            return false;
          tid = member_type;
          resolved (target, &tid);
        }
      else
        {
          if (t->kind != EBPF_BTF_KIND_ARRAY)
            return false;
          const struct accessor *parent = &tspec->acc[tspec->len - 1];
          bool flexible = is_flexible_array (target, parent->name ? parent : NULL, t);
          if (!flexible && la->idx >= t->array_nelems)
            return false;
          if (tspec->len >= SPEC_MAX)
            return false;
          tspec->acc[tspec->len++] = (struct accessor) { tid, la->idx, NULL };
          tid = t->array_elem_type;
          resolved (target, &tid);
          ebpf_btf_type_size (target, tid, &size);
          tspec->bit_offset += (uint64_t) la->idx * size * 8;
        }
    }
  return true;
}

/* ---- Values ---------------------------------------------------------------- */

struct value
{
  uint64_t value;
  bool validate;
  uint32_t field_size;     /* whole-field FIELD_BYTE_OFFSET only */
  uint32_t field_type;
};

static int
field_value (const struct spec *spec, enum ebpf_core_relo_kind kind,
             struct value *out, char *problem, size_t problem_len)
{
  const struct ebpf_btf *btf = spec->btf;
  const struct accessor *acc = &spec->acc[spec->len - 1];
  memset (out, 0, sizeof *out);
  out->validate = true;
  if (kind == EBPF_CORE_FIELD_EXISTS)
    {
      out->value = 1;
      return 0;
    }
  if (acc->name == NULL)
    {
      /* The spec ends on an array element (or the root): only its offset
       * means something.  */
      if (kind != EBPF_CORE_FIELD_BYTE_OFFSET)
        {
          snprintf (problem, problem_len, "a %s relocation must end on a "
                    "struct or union member, not an array element",
                    ebpf_core_relo_kind_name (kind));
          return -1;
        }
      uint32_t elem = acc->type_id;
      const struct ebpf_btf_type *t = ebpf_btf_type (btf, elem);
      if (t->kind == EBPF_BTF_KIND_ARRAY && spec->len > 1)
        elem = ebpf_btf_resolve (btf, t->array_elem_type);
      out->value = spec->bit_offset / 8;
      ebpf_btf_type_size (btf, elem, &out->field_size);
      out->field_type = elem;
      return 0;
    }
  const struct ebpf_btf_type *parent = ebpf_btf_type (btf, acc->type_id);
  const struct ebpf_btf_member *m = &parent->members[acc->idx];
  uint32_t mtype = m->type;
  const struct ebpf_btf_type *mt = resolved (btf, &mtype);
  uint64_t bit_off = spec->bit_offset;
  uint32_t bit_size = m->bitfield_size, byte_size, byte_off;
  bool bitfield = bit_size > 0;
  if (bitfield)
    {
      /* The smallest naturally aligned load that holds the bitfield.  */
      byte_size = mt->size;
      byte_off = (uint32_t) (bit_off / 8 / byte_size * byte_size);
      while (bit_off + bit_size - (uint64_t) byte_off * 8 > byte_size * 8)
        {
          if (byte_size >= 8)
            {
              snprintf (problem, problem_len, "bitfield '%s' (bit offset "
                        "%llu, %u bits) cannot be read with one 64-bit load",
                        m->name, (unsigned long long) bit_off, bit_size);
              return -1;
            }
          byte_size *= 2;
          byte_off = (uint32_t) (bit_off / 8 / byte_size * byte_size);
        }
    }
  else
    {
      ebpf_btf_type_size (btf, mtype, &byte_size);
      byte_off = (uint32_t) (bit_off / 8);
      bit_size = byte_size * 8;
    }
  /* Compilers may compute bitfield offsets and sizes otherwise.  */
  out->validate = !bitfield;
  switch (kind)
    {
    case EBPF_CORE_FIELD_BYTE_OFFSET:
      out->value = byte_off;
      if (!bitfield)
        {
          out->field_size = byte_size;
          out->field_type = mtype;
        }
      break;
    case EBPF_CORE_FIELD_BYTE_SIZE:
      out->value = byte_size;
      break;
    case EBPF_CORE_FIELD_SIGNED:
      out->value = (is_any_enum (mt) && mt->kind_flag)
                   || (mt->kind == EBPF_BTF_KIND_INT
                       && (mt->int_encoding & EBPF_BTF_INT_SIGNED));
      out->validate = true;
      break;
    case EBPF_CORE_FIELD_LSHIFT_U64:
      /* After a load of BYTE_SIZE bytes into a 64-bit register, the
       * shift that puts the field's top bit at bit 63.  It depends on the
       * program's byte order (libbpf uses the host's, the same thing
       * when host and program agree).  */
      if (ebpf_btf_big_endian (btf))
        out->value = (8 - byte_size) * 8 + (bit_off - (uint64_t) byte_off * 8);
      else
        out->value = 64 - (bit_off + bit_size - (uint64_t) byte_off * 8);
      break;
    case EBPF_CORE_FIELD_RSHIFT_U64:
      out->value = 64 - bit_size;
      out->validate = true;
      break;
    default:
      break;
    }
  return 0;
}

/* The value of a relocation of KIND for a matched SPEC.  */
static int
spec_value (const struct spec *spec, enum ebpf_core_relo_kind kind,
            struct value *out, char *problem, size_t problem_len)
{
  memset (out, 0, sizeof *out);
  out->validate = true;
  if (is_field_kind (kind))
    return field_value (spec, kind, out, problem, problem_len);
  switch (kind)
    {
    case EBPF_CORE_TYPE_ID_LOCAL:
    case EBPF_CORE_TYPE_ID_TARGET:
      out->value = spec->root_type_id;
      break;
    case EBPF_CORE_TYPE_EXISTS:
    case EBPF_CORE_TYPE_MATCHES:
    case EBPF_CORE_ENUMVAL_EXISTS:
      out->value = 1;
      break;
    case EBPF_CORE_TYPE_SIZE:
      {
        uint32_t size = 0;
        if (!ebpf_btf_type_size (spec->btf, spec->root_type_id, &size))
          {
            snprintf (problem, problem_len, "type [%u] has no size",
                      spec->root_type_id);
            return -1;
          }
        out->value = size;
        break;
      }
    case EBPF_CORE_ENUMVAL_VALUE:
      {
        const struct ebpf_btf_type *t
          = ebpf_btf_type (spec->btf, spec->acc[0].type_id);
        out->value = t->enumerators[spec->acc[0].idx].value;
        break;
      }
    default:
      break;
    }
  return 0;
}

/* "struct s.a[2].b" for messages.  */
static void
describe_spec (const struct spec *spec, const struct ebpf_core_relo *relo,
               char *buf, size_t len)
{
  const struct ebpf_btf_type *root = ebpf_btf_type (spec->btf, relo->type_id);
  size_t used = snprintf (buf, len, "[%u] %s '%s'", relo->type_id,
                          ebpf_btf_kind_name (root->kind), root->name);
  for (int i = 1; i < spec->len && used < len; i++)
    {
      const struct accessor *a = &spec->acc[i];
      used += a->name ? snprintf (buf + used, len - used, ".%s", a->name)
                      : snprintf (buf + used, len - used, "[%u]", a->idx);
    }
  if (is_enumval_kind (relo->kind) && spec->len == 1 && used < len)
    snprintf (buf + used, len - used, "::%s", spec->acc[0].name);
}

int
ebpf_core_relo_compute (const struct ebpf_btf *local,
                        const struct ebpf_btf *target,
                        const struct ebpf_core_relo *relo,
                        struct ebpf_core_result *result,
                        struct ebpf_error *err)
{
  memset (result, 0, sizeof *result);
  char problem[256] = "";
  const char *kind_name = ebpf_core_relo_kind_name (relo->kind);
  const struct ebpf_btf_type *root = ebpf_btf_type (local, relo->type_id);
  if (root == NULL || (unsigned) relo->kind > EBPF_CORE_RELO_KIND_MAX)
    {
      ebpf_error_set (err, "CO-RE relocation at insn offset %u: bad type id %u or "
                 "kind %u", relo->insn_off, relo->type_id, relo->kind);
      return -1;
    }
  struct spec local_spec;
  if (parse_spec (local, relo, &local_spec, problem, sizeof problem) != 0)
    goto fail;
  char described[200];
  describe_spec (&local_spec, relo, described, sizeof described);

  if (relo->kind == EBPF_CORE_TYPE_ID_LOCAL)
    {
      result->local_value = result->target_value = relo->type_id;
      result->validate = true;
      return 0;
    }
  struct value local_value;
  if (spec_value (&local_spec, relo->kind, &local_value, problem,
                  sizeof problem) != 0)
    goto fail;
  result->local_value = local_value.value;
  if (root->name[0] == '\0')
    {
      snprintf (problem, sizeof problem, "the root type is anonymous: there "
                "is no name to find it by in the target");
      goto fail;
    }

  /* Every target type of the same kind and essential name is a
   * candidate; the ones that match must agree.  */
  uint32_t n = ebpf_btf_type_count (target), matches = 0;
  struct value target_value = { 0 };
  for (uint32_t tid = 1; tid < n; tid++)
    {
      const struct ebpf_btf_type *t = ebpf_btf_type (target, tid);
      if ((t->kind != root->kind && !(is_any_enum (t) && is_any_enum (root)))
          || !essential_names_equal (t->name, root->name))
        continue;
      struct spec tspec;
      if (!match_candidate (&local_spec, relo->kind, target, tid, &tspec))
        continue;
      struct value v;
      if (spec_value (&tspec, relo->kind, &v, problem, sizeof problem) != 0)
        goto fail;
      if (matches > 0 && v.value != target_value.value)
        {
          snprintf (problem, sizeof problem, "ambiguous: target types [%u] "
                    "and [%u] both match, giving %llu and %llu",
                    result->target_type_id, tid,
                    (unsigned long long) target_value.value,
                    (unsigned long long) v.value);
          goto fail;
        }
      if (matches++ == 0)
        {
          target_value = v;
          result->target_type_id = tid;
        }
    }

  if (matches == 0)
    {
      /* Existence checks answer 0; type-based relocations answer 0 too
       * (libbpf's rule); anything else cannot be computed.  */
      result->validate = true;
      result->target_value = 0;
      if (relo->kind != EBPF_CORE_FIELD_EXISTS
          && relo->kind != EBPF_CORE_ENUMVAL_EXISTS
          && (is_field_kind (relo->kind) || is_enumval_kind (relo->kind)))
        {
          result->poison = true;
          snprintf (result->reason, sizeof result->reason, "%s of %s: not "
                    "found in the target BTF", kind_name, described);
        }
      return 0;
    }
  result->target_value = target_value.value;
  result->validate = local_value.validate && target_value.validate;
  if (relo->kind == EBPF_CORE_FIELD_BYTE_OFFSET && local_value.field_size
      && target_value.field_size)
    {
      result->local_size = local_value.field_size;
      result->target_size = target_value.field_size;
      const struct ebpf_btf_type *lt
        = ebpf_btf_type (local, local_value.field_type);
      const struct ebpf_btf_type *tt
        = ebpf_btf_type (target, target_value.field_type);
      result->size_change_ok
        = lt->kind == tt->kind || (is_any_enum (lt) && is_any_enum (tt));
      result->size_change_ok = result->size_change_ok
                               && (lt->kind == EBPF_BTF_KIND_INT
                                   || lt->kind == EBPF_BTF_KIND_PTR
                                   || is_any_enum (lt));
    }
  return 0;

fail:
  ebpf_error_set (err, "CO-RE relocation at insn offset %u (%s of type [%u] "
             "access \"%s\"): %s", relo->insn_off, kind_name, relo->type_id,
             relo->access, problem);
  return -1;
}

/* ---- Patching --------------------------------------------------------------- */

#define OP_CLASS(op) ((op) & 0x07)
#define CLASS_LD 0x00
#define CLASS_LDX 0x01
#define CLASS_ST 0x02
#define CLASS_STX 0x03
#define CLASS_ALU 0x04
#define CLASS_ALU64 0x07
#define OP_LDDW 0x18
#define OP_CALL 0x85
#define SOURCE_REGISTER 0x08

static uint32_t
get32 (const uint8_t *p, bool big)
{
  return big ? (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16
               | (uint32_t) p[2] << 8 | p[3]
             : (uint32_t) p[3] << 24 | (uint32_t) p[2] << 16
               | (uint32_t) p[1] << 8 | p[0];
}

static void
put32 (uint8_t *p, bool big, uint32_t v)
{
  for (int i = 0; i < 4; i++)
    p[big ? 3 - i : i] = (uint8_t) (v >> (8 * i));
}

static int16_t
get16 (const uint8_t *p, bool big)
{
  return (int16_t) (big ? p[0] << 8 | p[1] : p[1] << 8 | p[0]);
}

static void
put16 (uint8_t *p, bool big, uint16_t v)
{
  p[big ? 1 : 0] = (uint8_t) v;
  p[big ? 0 : 1] = (uint8_t) (v >> 8);
}

static void
poison (uint8_t *insn, bool big)
{
  insn[0] = OP_CALL;
  insn[1] = 0;
  put16 (insn + 2, big, 0);
  put32 (insn + 4, big, EBPF_CORE_POISON_HELPER);
}

/* BPF_SIZE bits of a load/store for an access of BYTES bytes.  */
static int
size_code (uint32_t bytes)
{
  switch (bytes)
    {
    case 1: return 0x10;
    case 2: return 0x08;
    case 4: return 0x00;
    case 8: return 0x18;
    default: return -1;
    }
}

int
ebpf_core_patch_insn (uint8_t *code, size_t code_len, bool big_endian,
                      uint32_t insn_off, const struct ebpf_core_result *res,
                      struct ebpf_error *err)
{
  if (insn_off % 8 != 0 || code_len < 8 || insn_off > code_len - 8)
    {
      ebpf_error_set (err, "CO-RE: instruction offset %u is not an instruction of "
                 "the %zu-byte section", insn_off, code_len);
      return -1;
    }
  uint8_t *insn = code + insn_off;
  uint8_t op = insn[0];
  bool is_lddw = op == OP_LDDW && code_len - insn_off >= 16;
  if (res->poison)
    {
      /* Both slots of an lddw, so no half-instruction remains.  */
      if (is_lddw)
        poison (insn + 8, big_endian);
      poison (insn, big_endian);
      return 0;
    }
  uint64_t want = res->local_value, value = res->target_value;
  switch (OP_CLASS (op))
    {
    case CLASS_ALU:
    case CLASS_ALU64:
      {
        if (op & SOURCE_REGISTER)
          {
            ebpf_error_set (err, "CO-RE: insn at offset %u (opcode 0x%02x) has a "
                       "register operand, not an immediate", insn_off, op);
            return -1;
          }
        int32_t imm = (int32_t) get32 (insn + 4, big_endian);
        if (res->validate && (uint64_t) (int64_t) imm != want
            && (uint32_t) imm != want)
          {
            ebpf_error_set (err, "CO-RE: insn at offset %u: immediate %d, expected "
                       "%llu", insn_off, imm, (unsigned long long) want);
            return -1;
          }
        bool fits = value <= UINT32_MAX
                    || ((int64_t) value < 0 && (int64_t) value >= INT32_MIN);
        if (!fits)
          {
            ebpf_error_set (err, "CO-RE: insn at offset %u: value %llu does not fit "
                       "a 32-bit immediate", insn_off,
                       (unsigned long long) value);
            return -1;
          }
        put32 (insn + 4, big_endian, (uint32_t) value);
        return 0;
      }
    case CLASS_LDX:
    case CLASS_ST:
    case CLASS_STX:
      {
        int16_t off = get16 (insn + 2, big_endian);
        if (res->validate && (uint64_t) (int64_t) off != want)
          {
            ebpf_error_set (err, "CO-RE: insn at offset %u: offset %d, expected "
                       "%llu", insn_off, off, (unsigned long long) want);
            return -1;
          }
        if (value > INT16_MAX)
          {
            ebpf_error_set (err, "CO-RE: insn at offset %u: field offset %llu does "
                       "not fit the 16-bit offset", insn_off,
                       (unsigned long long) value);
            return -1;
          }
        if (res->local_size != res->target_size)
          {
            static const uint32_t bytes[4] = { 4, 2, 1, 8 };
            uint32_t access = bytes[(op >> 3) & 3];
            if (access != res->local_size)
              {
                ebpf_error_set (err, "CO-RE: insn at offset %u accesses %u bytes of "
                           "a %u-byte field", insn_off, access,
                           res->local_size);
                return -1;
              }
            int code_bits = size_code (res->target_size);
            if (!res->size_change_ok || code_bits < 0)
              {
                ebpf_error_set (err, "CO-RE: insn at offset %u: the field changed "
                           "from %u to %u bytes and the access cannot follow",
                           insn_off, res->local_size, res->target_size);
                return -1;
              }
            insn[0] = (uint8_t) ((op & ~0x18) | code_bits);
          }
        put16 (insn + 2, big_endian, (uint16_t) value);
        return 0;
      }
    case CLASS_LD:
      {
        uint8_t *next = insn + 8;
        if (!is_lddw || next[0] != 0 || next[1] != 0
            || get16 (next + 2, big_endian) != 0)
          {
            ebpf_error_set (err, "CO-RE: insn at offset %u (opcode 0x%02x) is not "
                       "a whole lddw", insn_off, op);
            return -1;
          }
        uint64_t imm = (uint64_t) get32 (next + 4, big_endian) << 32
                       | get32 (insn + 4, big_endian);
        if (res->validate && imm != want)
          {
            ebpf_error_set (err, "CO-RE: insn at offset %u: lddw value %llu, "
                       "expected %llu", insn_off, (unsigned long long) imm,
                       (unsigned long long) want);
            return -1;
          }
        put32 (insn + 4, big_endian, (uint32_t) value);
        put32 (next + 4, big_endian, (uint32_t) (value >> 32));
        return 0;
      }
    default:
      ebpf_error_set (err, "CO-RE: insn at offset %u (opcode 0x%02x) is not an ALU, "
                 "load, store or lddw instruction", insn_off, op);
      return -1;
    }
}
