/* variables.c — variables and types of ebpfsim-lines.h, from DWARF: the
 * variables in scope at a code address, their locations in a frame (a
 * small DWARF expression machine over the frame's registers and guest
 * memory), their types, a C-like formatter of values and an evaluator of
 * paths such as ip->saddr, s.total, *p, arr[2] or &x.
 *
 * The DWARF is read with libdw from the object's debug image
 * (ebpfsim-debug.h), whose addresses are code addresses and map value
 * addresses, so DW_OP_addr of a global is where the program sees it.
 *
 * A type handle's id packs a DIE offset in .debug_info (bits 0-39; 0 is
 * void), which dimension of a multi-dimensional array it stands for
 * (bits 40-47) and how many levels of pointer the evaluator put on top
 * (bits 48-55, for &x and casts); bit 63 marks the evaluator's own
 * integer type of literals ("long").
 *
 * LLVM's BPF frame bases (DW_OP_reg10 with fbreg offsets from the
 * bottom of the frame) arrive rewritten by the debug image; a function
 * the rewrite could not reach is read as frame-base.h says.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ebpfsim-debug.h"
#include "load/debug-image.h"
#include "load/frame-base.h"
#include "load/object.h"
#include "core/byteorder.h"
#include "xalloc.h"
#include "lines.h"

/* ---- The handle ------------------------------------------------------------ */

struct frame_cache
{
  uint64_t die;          /* the subprogram */
  bool from_bottom;      /* fbreg offsets count from r10 - size */
  uint64_t size;
};

struct ebpf_vars
{
  ebpf_lines *lines;
  const ebpf_object *obj;
  uint8_t *image;
  size_t len;
  Elf *elf;
  Dwarf *dwarf;
  bool big_endian;
  struct frame_cache *frames;
  size_t n_frames;
};

#define ID_DIE(id) ((id) & ((UINT64_C (1) << 40) - 1))
#define ID_DIM(id) ((unsigned) (((id) >> 40) & 0xff))
#define ID_PTRS(id) ((unsigned) (((id) >> 48) & 0xff))
#define ID_PTR_ONE (UINT64_C (1) << 48)
#define ID_DIM_ONE (UINT64_C (1) << 40)
#define ID_BUILTIN (UINT64_C (1) << 63)
#define BUILTIN_LONG 1

/* Values bigger than this are not read whole.  */
#define VALUE_MAX (UINT64_C (1) << 20)
/* Nesting of types followed before giving up (a loop in bad DWARF).  */
#define TYPE_DEPTH 64

static int
fail (struct ebpf_error *err, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (err->message, sizeof err->message, fmt, ap);
  va_end (ap);
  return -1;
}

static struct ebpf_type
mk (const ebpf_vars *vars, uint64_t id)
{
  return (struct ebpf_type) { vars, id };
}

ebpf_vars *
ebpf_vars_open (ebpf_lines *lines, struct ebpf_error *err)
{
  struct ebpf_error local;
  if (err == NULL)
    err = &local;
  if (lines == NULL)
    {
      fail (err, "variables: no line tables given");
      return NULL;
    }
  const ebpf_object *obj = lines->obj;
  if (!ebpf_object_has_section (obj, ".debug_info"))
    {
      fail (err, "%s: no DWARF (.debug_info): compile with -g for variables "
            "and types", obj->path);
      return NULL;
    }
  ebpf_vars *v = ebpf_xcalloc (1, sizeof *v);
  v->lines = lines;
  v->obj = obj;
  if (ebpf_object_debug_image (obj, &v->image, &v->len, err) != 0)
    {
      free (v);
      return NULL;
    }
  elf_version (EV_CURRENT);
  v->elf = elf_memory ((char *) v->image, v->len);
  GElf_Ehdr eh;
  if (v->elf == NULL || gelf_getehdr (v->elf, &eh) == NULL)
    {
      fail (err, "%s: the debug image cannot be read as ELF: %s", obj->path,
            elf_errmsg (-1));
      ebpf_vars_close (v);
      return NULL;
    }
  v->big_endian = eh.e_ident[EI_DATA] == ELFDATA2MSB;
  v->dwarf = dwarf_begin_elf (v->elf, DWARF_C_READ, NULL);
  if (v->dwarf == NULL)
    {
      fail (err, "%s: the DWARF cannot be read: %s", obj->path, dwarf_errmsg (-1));
      ebpf_vars_close (v);
      return NULL;
    }
  return v;
}

void
ebpf_vars_close (ebpf_vars *vars)
{
  if (vars == NULL)
    return;
  if (vars->dwarf)
    dwarf_end (vars->dwarf);
  if (vars->elf)
    elf_end (vars->elf);
  free (vars->image);
  free (vars->frames);
  free (vars);
}

bool
ebpf_vars_read_machine (void *machine, uint64_t addr, void *buf, size_t len)
{
  return machine != NULL && ebpf_machine_read (machine, addr, buf, len);
}

/* Reads guest memory as the debug image has it: the initial values of
 * global data (zeros for .bss) and code.  */
static bool
image_read (const ebpf_vars *v, uint64_t addr, void *buf, size_t len)
{
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn (v->elf, scn)) != NULL)
    {
      GElf_Shdr sh;
      if (gelf_getshdr (scn, &sh) == NULL || !(sh.sh_flags & SHF_ALLOC)
          || sh.sh_addr == 0 || addr < sh.sh_addr
          || addr - sh.sh_addr > sh.sh_size || len > sh.sh_size - (addr - sh.sh_addr))
        continue;
      if (sh.sh_type == SHT_NOBITS)
        {
          memset (buf, 0, len);
          return true;
        }
      Elf_Data *d = elf_getdata (scn, NULL);
      if (d == NULL || d->d_buf == NULL || d->d_size < sh.sh_size)
        return false;
      memcpy (buf, (const uint8_t *) d->d_buf + (addr - sh.sh_addr), len);
      return true;
    }
  return false;
}

/* ---- Bytes ----------------------------------------------------------------- */


static void
put_uint (bool be, uint8_t *p, size_t n, uint64_t x)
{
  for (size_t i = 0; i < n; i++)
    p[be ? n - 1 - i : i] = i < 8 ? (uint8_t) (x >> (8 * i)) : 0;
}

static int64_t
sign_extend (uint64_t x, unsigned bits)
{
  if (bits == 0 || bits >= 64)
    return (int64_t) x;
  uint64_t m = UINT64_C (1) << (bits - 1);
  x &= (m << 1) - 1;
  return (int64_t) ((x ^ m) - m);
}

/* ---- DIEs ------------------------------------------------------------------ */

static const char *
die_name (Dwarf_Die *die)
{
  Dwarf_Attribute a;
  return dwarf_formstring (dwarf_attr_integrate (die, DW_AT_name, &a));
}

static bool
die_flag (Dwarf_Die *die, unsigned attr)
{
  Dwarf_Attribute a;
  bool f = false;
  return dwarf_attr_integrate (die, attr, &a) != NULL && dwarf_formflag (&a, &f) == 0 && f;
}

static bool
die_udata (Dwarf_Die *die, unsigned attr, uint64_t *x)
{
  Dwarf_Attribute a;
  Dwarf_Word w;
  if (dwarf_attr_integrate (die, attr, &a) == NULL || dwarf_formudata (&a, &w) != 0)
    return false;
  *x = w;
  return true;
}

/* The DIE's DW_AT_type as a type id (0: void).  */
static uint64_t
die_type (Dwarf_Die *die)
{
  Dwarf_Attribute a;
  Dwarf_Die t;
  if (dwarf_attr_integrate (die, DW_AT_type, &a) == NULL
      || dwarf_formref_die (&a, &t) == NULL)
    return 0;
  return ID_DIE (dwarf_dieoffset (&t));
}

/* A struct, union or enum declared but not defined here, replaced by a
 * definition of the same tag and name elsewhere in the object.  */
static void
complete_die (const ebpf_vars *v, Dwarf_Die *die)
{
  int tag = dwarf_tag (die);
  if ((tag != DW_TAG_structure_type && tag != DW_TAG_union_type
       && tag != DW_TAG_enumeration_type && tag != DW_TAG_class_type)
      || !die_flag (die, DW_AT_declaration))
    return;
  const char *name = die_name (die);
  if (name == NULL)
    return;
  Dwarf_Off off = 0, next;
  size_t hsize;
  while (dwarf_nextcu (v->dwarf, off, &next, &hsize, NULL, NULL, NULL) == 0)
    {
      Dwarf_Die cu, c;
      if (dwarf_offdie (v->dwarf, off + hsize, &cu) != NULL && dwarf_child (&cu, &c) == 0)
        do
          if (dwarf_tag (&c) == tag && !die_flag (&c, DW_AT_declaration)
              && die_name (&c) && strcmp (die_name (&c), name) == 0)
            {
              *die = c;
              return;
            }
        while (dwarf_siblingof (&c, &c) == 0);
      off = next;
    }
}

static bool
type_die (const ebpf_vars *v, uint64_t id, Dwarf_Die *die)
{
  if ((id & ID_BUILTIN) || ID_PTRS (id) || ID_DIE (id) == 0 || v == NULL
      || dwarf_offdie (v->dwarf, ID_DIE (id), die) == NULL)
    return false;
  complete_die (v, die);
  return true;
}

/* An array's subranges (its dimensions), at most MAX.  */
static unsigned
array_dims (Dwarf_Die *array, Dwarf_Die *dims, unsigned max)
{
  Dwarf_Die c;
  unsigned n = 0;
  if (dwarf_child (array, &c) != 0)
    return 0;
  do
    if (dwarf_tag (&c) == DW_TAG_subrange_type && n < max)
      dims[n++] = c;
  while (dwarf_siblingof (&c, &c) == 0);
  return n;
}

static bool
subrange_count (Dwarf_Die *sr, uint64_t *count)
{
  Dwarf_Attribute a;
  Dwarf_Word w;
  if (dwarf_attr_integrate (sr, DW_AT_count, &a) != NULL)
    {
      if (dwarf_whatform (&a) == DW_FORM_exprloc || dwarf_whatform (&a) == DW_FORM_ref4
          || dwarf_formudata (&a, &w) != 0)
        return false;
      *count = w;
      return true;
    }
  if (dwarf_attr_integrate (sr, DW_AT_upper_bound, &a) == NULL)
    return false;
  unsigned form = dwarf_whatform (&a);
  if (form == DW_FORM_exprloc || form == DW_FORM_ref4 || form == DW_FORM_ref_udata
      || dwarf_formudata (&a, &w) != 0)
    return false;
  int64_t upper = form == DW_FORM_sdata ? (int64_t) w
                  : form == DW_FORM_data1 ? sign_extend (w, 8)
                  : form == DW_FORM_data2 ? sign_extend (w, 16)
                  : form == DW_FORM_data4 ? sign_extend (w, 32) : (int64_t) w;
  uint64_t lower = 0;
  die_udata (sr, DW_AT_lower_bound, &lower);
  if (upper < (int64_t) lower - 1)
    return false;   /* [0, -1]: a flexible array member */
  *count = (uint64_t) (upper - (int64_t) lower + 1);
  return true;
}

/* ---- Types ----------------------------------------------------------------- */

static int type_get (const ebpf_vars *v, uint64_t id, struct ebpf_type_info *info,
                     struct ebpf_error *err, int depth);

static int
type_size (const ebpf_vars *v, uint64_t id, uint64_t *size, struct ebpf_error *err,
           int depth)
{
  struct ebpf_type_info info;
  if (type_get (v, id, &info, err, depth) != 0)
    return -1;
  *size = info.size;
  return 0;
}

static int
type_get (const ebpf_vars *v, uint64_t id, struct ebpf_type_info *info,
          struct ebpf_error *err, int depth)
{
  memset (info, 0, sizeof *info);
  info->target = mk (v, 0);
  if (v == NULL)
    return fail (err, "no type: the type handle has no variables tables");
  if (depth > TYPE_DEPTH)
    return fail (err, "type at DIE 0x%" PRIx64 " nests too deeply", ID_DIE (id));
  if (id & ID_BUILTIN)
    {
      info->kind = EBPF_TYPE_INT;
      info->name = "long";
      info->size = 8;
      info->is_signed = true;
      info->encoding = DW_ATE_signed;
      return 0;
    }
  if (ID_PTRS (id))
    {
      info->kind = EBPF_TYPE_POINTER;
      info->size = 8;
      info->target = mk (v, id - ID_PTR_ONE);
      return 0;
    }
  if (ID_DIE (id) == 0)
    {
      info->kind = EBPF_TYPE_VOID;
      info->name = "void";
      info->incomplete = true;
      return 0;
    }
  Dwarf_Die die;
  if (!type_die (v, id, &die))
    return fail (err, "no type at DIE 0x%" PRIx64 " of .debug_info", ID_DIE (id));
  int tag = dwarf_tag (&die);
  uint64_t size = 0;
  bool has_size = die_udata (&die, DW_AT_byte_size, &size);
  info->name = die_name (&die);
  switch (tag)
    {
    case DW_TAG_base_type:
      {
        uint64_t enc = 0;
        die_udata (&die, DW_AT_encoding, &enc);
        if (!has_size && die_udata (&die, DW_AT_bit_size, &size))
          size = (size + 7) / 8;
        info->size = size;
        info->encoding = (unsigned) enc;
        info->is_signed = enc == DW_ATE_signed || enc == DW_ATE_signed_char;
        info->kind = enc == DW_ATE_boolean ? EBPF_TYPE_BOOL
                     : enc == DW_ATE_float ? EBPF_TYPE_FLOAT
                     : (enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char)
                       && size == 1 ? EBPF_TYPE_CHAR
                     : EBPF_TYPE_INT;
        return 0;
      }
    case DW_TAG_unspecified_type:
      info->kind = EBPF_TYPE_VOID;
      info->incomplete = true;
      return 0;
    case DW_TAG_pointer_type:
    case DW_TAG_reference_type:
    case DW_TAG_rvalue_reference_type:
      info->kind = EBPF_TYPE_POINTER;
      info->name = NULL;
      info->size = has_size ? size : 8;
      info->target = mk (v, die_type (&die));
      return 0;
    case DW_TAG_structure_type:
    case DW_TAG_class_type:
    case DW_TAG_union_type:
      {
        info->kind = tag == DW_TAG_union_type ? EBPF_TYPE_UNION : EBPF_TYPE_STRUCT;
        info->size = size;
        info->incomplete = die_flag (&die, DW_AT_declaration);
        Dwarf_Die c;
        if (dwarf_child (&die, &c) == 0)
          do
            info->count += dwarf_tag (&c) == DW_TAG_member;
          while (dwarf_siblingof (&c, &c) == 0);
        return 0;
      }
    case DW_TAG_enumeration_type:
      {
        info->kind = EBPF_TYPE_ENUM;
        info->size = size;
        info->incomplete = die_flag (&die, DW_AT_declaration);
        info->target = mk (v, die_type (&die));
        struct ebpf_type_info under;
        if (info->target.id && type_get (v, info->target.id, &under, err, depth + 1) == 0)
          info->is_signed = under.is_signed;
        Dwarf_Die c;
        if (dwarf_child (&die, &c) == 0)
          do
            if (dwarf_tag (&c) == DW_TAG_enumerator)
              {
                info->count++;
                Dwarf_Attribute a;
                Dwarf_Sword s;
                if (info->target.id == 0
                    && dwarf_attr (&c, DW_AT_const_value, &a) != NULL
                    && dwarf_whatform (&a) == DW_FORM_sdata
                    && dwarf_formsdata (&a, &s) == 0 && s < 0)
                  info->is_signed = true;
              }
          while (dwarf_siblingof (&c, &c) == 0);
        return 0;
      }
    case DW_TAG_typedef:
    case DW_TAG_const_type:
    case DW_TAG_volatile_type:
    case DW_TAG_restrict_type:
    case DW_TAG_atomic_type:
      {
        info->kind = tag == DW_TAG_typedef ? EBPF_TYPE_TYPEDEF
                     : tag == DW_TAG_const_type ? EBPF_TYPE_CONST
                     : tag == DW_TAG_volatile_type ? EBPF_TYPE_VOLATILE
                     : tag == DW_TAG_restrict_type ? EBPF_TYPE_RESTRICT
                     : EBPF_TYPE_ATOMIC;
        if (tag != DW_TAG_typedef)
          info->name = NULL;
        info->target = mk (v, die_type (&die));
        struct ebpf_type_info t;
        if (type_get (v, info->target.id, &t, err, depth + 1) != 0)
          return -1;
        info->size = t.size;
        info->is_signed = t.is_signed;
        info->incomplete = t.incomplete;
        return 0;
      }
    case DW_TAG_subroutine_type:
      {
        info->kind = EBPF_TYPE_FUNCTION;
        info->name = NULL;
        info->target = mk (v, die_type (&die));
        info->incomplete = true;
        Dwarf_Die c;
        if (dwarf_child (&die, &c) == 0)
          do
            {
              info->count += dwarf_tag (&c) == DW_TAG_formal_parameter;
              info->variadic |= dwarf_tag (&c) == DW_TAG_unspecified_parameters;
            }
          while (dwarf_siblingof (&c, &c) == 0);
        info->variadic |= !die_flag (&die, DW_AT_prototyped) && info->count == 0;
        return 0;
      }
    case DW_TAG_array_type:
      {
        Dwarf_Die dims[256];
        unsigned n = array_dims (&die, dims, 256), d = ID_DIM (id);
        info->kind = EBPF_TYPE_ARRAY;
        info->name = NULL;
        if (n == 0 || d >= n)
          return fail (err, "array type at DIE 0x%" PRIx64 " has no dimension %u",
                       ID_DIE (id), d);
        info->target = mk (v, d + 1 < n ? ID_DIE (id) | (uint64_t) (d + 1) << 40
                                        : die_type (&die));
        info->bounded = subrange_count (&dims[d], &info->count);
        if (!info->bounded)
          info->count = 0;
        uint64_t elem;
        if (type_size (v, info->target.id, &elem, err, depth + 1) != 0)
          return -1;
        info->size = info->count * elem;
        info->incomplete = !info->bounded;
        return 0;
      }
    default:
      return fail (err, "DIE 0x%" PRIx64 " (tag 0x%x) is not a type this reader knows",
                   ID_DIE (id), (unsigned) tag);
    }
}

int
ebpf_type_get (struct ebpf_type type, struct ebpf_type_info *info,
               struct ebpf_error *err)
{
  struct ebpf_error local;
  if (err == NULL)
    err = &local;
  if (info == NULL)
    return fail (err, "ebpf_type_get: no place for the answer");
  return type_get (type.vars, type.id, info, err, 0);
}

static bool
is_qualifier (enum ebpf_type_kind k)
{
  return k == EBPF_TYPE_TYPEDEF || k == EBPF_TYPE_CONST || k == EBPF_TYPE_VOLATILE
         || k == EBPF_TYPE_RESTRICT || k == EBPF_TYPE_ATOMIC;
}

static uint64_t
strip_id (const ebpf_vars *v, uint64_t id)
{
  struct ebpf_error ignored;
  struct ebpf_type_info info;
  for (int i = 0; i < TYPE_DEPTH; i++)
    {
      if (type_get (v, id, &info, &ignored, 0) != 0 || !is_qualifier (info.kind))
        return id;
      id = info.target.id;
    }
  return id;
}

struct ebpf_type
ebpf_type_strip (struct ebpf_type type)
{
  return mk (type.vars, strip_id (type.vars, type.id));
}

/* The DIE of a struct, union, enum or function type, for its children.  */
static int
container_die (const ebpf_vars *v, uint64_t id, int tag1, int tag2, Dwarf_Die *die,
               struct ebpf_error *err)
{
  id = strip_id (v, id);
  if (!type_die (v, id, die) || (dwarf_tag (die) != tag1 && dwarf_tag (die) != tag2))
    return fail (err, "not a %s type", tag1 == DW_TAG_structure_type ? "struct or union"
                                       : tag1 == DW_TAG_enumeration_type ? "enum"
                                       : "function");
  return 0;
}

static void
member_from_die (const ebpf_vars *v, Dwarf_Die *c, struct ebpf_member *m)
{
  memset (m, 0, sizeof *m);
  m->name = die_name (c);
  m->type = mk (v, die_type (c));
  uint64_t off = 0, bits = 0, dbo;
  Dwarf_Attribute a;
  if (dwarf_attr_integrate (c, DW_AT_data_member_location, &a) != NULL)
    {
      Dwarf_Word w;
      Dwarf_Op *ops;
      size_t n;
      if (dwarf_formudata (&a, &w) == 0)
        off = w;
      else if (dwarf_getlocation (&a, &ops, &n) == 0 && n == 1
               && (ops[0].atom == DW_OP_plus_uconst || ops[0].atom == DW_OP_constu))
        off = ops[0].number;
    }
  die_udata (c, DW_AT_bit_size, &bits);
  if (die_udata (c, DW_AT_data_bit_offset, &dbo))
    off = off * 8 + dbo;
  else if (bits)
    {
      /* DWARF 2 and 3: DW_AT_bit_offset counts from the most significant
       * bit of a storage unit of DW_AT_byte_size bytes.  */
      uint64_t bo = 0, unit = 0;
      die_udata (c, DW_AT_bit_offset, &bo);
      if (!die_udata (c, DW_AT_byte_size, &unit))
        {
          struct ebpf_error ignored;
          type_size (v, m->type.id, &unit, &ignored, 0);
        }
      off = v->big_endian ? off * 8 + bo : off * 8 + unit * 8 - bo - bits;
    }
  else
    off *= 8;
  m->offset = off / 8;
  m->bit_offset = bits ? (uint32_t) (off % 8) : 0;
  m->bit_size = (uint32_t) bits;
}

int
ebpf_type_member (struct ebpf_type type, size_t i, struct ebpf_member *member,
                  struct ebpf_error *err)
{
  struct ebpf_error local;
  if (err == NULL)
    err = &local;
  Dwarf_Die die, c;
  if (member == NULL)
    return fail (err, "ebpf_type_member: no place for the answer");
  if (container_die (type.vars, type.id, DW_TAG_structure_type, DW_TAG_union_type,
                     &die, err) != 0
      && container_die (type.vars, type.id, DW_TAG_class_type, DW_TAG_union_type,
                        &die, err) != 0)
    return -1;
  size_t k = 0;
  if (dwarf_child (&die, &c) == 0)
    do
      if (dwarf_tag (&c) == DW_TAG_member && k++ == i)
        {
          member_from_die (type.vars, &c, member);
          return 0;
        }
    while (dwarf_siblingof (&c, &c) == 0);
  return fail (err, "no member %zu: the type has %zu", i, k);
}

/* Member NAME of the struct or union ID, looking into anonymous members;
 * its offset counted from the start of ID.  */
static bool
find_member (const ebpf_vars *v, uint64_t id, const char *name, struct ebpf_member *m,
             int depth)
{
  Dwarf_Die die, c;
  id = strip_id (v, id);
  if (depth > TYPE_DEPTH || !type_die (v, id, &die)
      || (dwarf_tag (&die) != DW_TAG_structure_type && dwarf_tag (&die) != DW_TAG_union_type
          && dwarf_tag (&die) != DW_TAG_class_type)
      || dwarf_child (&die, &c) != 0)
    return false;
  do
    {
      if (dwarf_tag (&c) != DW_TAG_member)
        continue;
      struct ebpf_member cand;
      member_from_die (v, &c, &cand);
      if (cand.name && strcmp (cand.name, name) == 0)
        {
          *m = cand;
          return true;
        }
      if (cand.name == NULL && find_member (v, cand.type.id, name, m, depth + 1))
        {
          m->offset += cand.offset;
          return true;
        }
    }
  while (dwarf_siblingof (&c, &c) == 0);
  return false;
}

int
ebpf_type_member_named (struct ebpf_type type, const char *name,
                        struct ebpf_member *member, struct ebpf_error *err)
{
  struct ebpf_error local;
  if (err == NULL)
    err = &local;
  if (name == NULL || member == NULL)
    return fail (err, "ebpf_type_member_named: no name or no place for the answer");
  struct ebpf_type_info info;
  if (type_get (type.vars, strip_id (type.vars, type.id), &info, err, 0) != 0)
    return -1;
  if (info.kind != EBPF_TYPE_STRUCT && info.kind != EBPF_TYPE_UNION)
    return fail (err, "Attempt to extract a component of a value that is not a "
                 "structure.");
  if (!find_member (type.vars, type.id, name, member, 0))
    return fail (err, "There is no member named %s.", name);
  return 0;
}

static int64_t
enumerator_value (Dwarf_Die *c, bool is_signed)
{
  Dwarf_Attribute a;
  Dwarf_Word w = 0;
  Dwarf_Sword s;
  if (dwarf_attr (c, DW_AT_const_value, &a) == NULL)
    return 0;
  unsigned form = dwarf_whatform (&a);
  if (form == DW_FORM_sdata && dwarf_formsdata (&a, &s) == 0)
    return s;
  if (dwarf_formudata (&a, &w) != 0)
    return 0;
  if (!is_signed)
    return (int64_t) w;
  return form == DW_FORM_data1 ? sign_extend (w, 8) : form == DW_FORM_data2 ? sign_extend (w, 16)
         : form == DW_FORM_data4 ? sign_extend (w, 32) : (int64_t) w;
}

int
ebpf_type_enumerator (struct ebpf_type type, size_t i, struct ebpf_enumerator *e,
                      struct ebpf_error *err)
{
  struct ebpf_error local;
  if (err == NULL)
    err = &local;
  Dwarf_Die die, c;
  struct ebpf_type_info info;
  if (e == NULL)
    return fail (err, "ebpf_type_enumerator: no place for the answer");
  if (container_die (type.vars, type.id, DW_TAG_enumeration_type,
                     DW_TAG_enumeration_type, &die, err) != 0
      || type_get (type.vars, strip_id (type.vars, type.id), &info, err, 0) != 0)
    return -1;
  size_t k = 0;
  if (dwarf_child (&die, &c) == 0)
    do
      if (dwarf_tag (&c) == DW_TAG_enumerator && k++ == i)
        {
          e->name = die_name (&c);
          e->value = enumerator_value (&c, info.is_signed);
          return 0;
        }
    while (dwarf_siblingof (&c, &c) == 0);
  return fail (err, "no enumerator %zu: the enum has %zu", i, k);
}

int
ebpf_type_param (struct ebpf_type type, size_t i, struct ebpf_type *param,
                 struct ebpf_error *err)
{
  struct ebpf_error local;
  if (err == NULL)
    err = &local;
  Dwarf_Die die, c;
  if (param == NULL)
    return fail (err, "ebpf_type_param: no place for the answer");
  if (container_die (type.vars, type.id, DW_TAG_subroutine_type, DW_TAG_subroutine_type,
                     &die, err) != 0)
    return -1;
  size_t k = 0;
  if (dwarf_child (&die, &c) == 0)
    do
      if (dwarf_tag (&c) == DW_TAG_formal_parameter && k++ == i)
        {
          *param = mk (type.vars, die_type (&c));
          return 0;
        }
    while (dwarf_siblingof (&c, &c) == 0);
  return fail (err, "no parameter %zu: the function type has %zu", i, k);
}

/* ---- Type names ------------------------------------------------------------ */

struct sbuf
{
  char *p;
  size_t len, cap;
};

static void
sb_insert (struct sbuf *b, size_t at, const char *s)
{
  size_t n = strlen (s);
  if (b->len + n + 1 > b->cap)
    {
      b->cap = (b->len + n + 1) * 2;
      b->p = ebpf_xrealloc (b->p, b->cap);
    }
  memmove (b->p + at + n, b->p + at, b->len - at);
  memcpy (b->p + at, s, n);
  b->len += n;
  b->p[b->len] = 0;
}

static void
sb_add (struct sbuf *b, const char *s)
{
  sb_insert (b, b->len, s);
}

static void
sb_printf (struct sbuf *b, const char *fmt, ...)
{
  char tmp[128];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (tmp, sizeof tmp, fmt, ap);
  va_end (ap);
  sb_add (b, tmp);
}

static void spell_type (const ebpf_vars *v, uint64_t id, struct sbuf *out, int depth);

/* C's spelling: the base (with its qualifiers) and the declarator
 * around an empty name, as GDB's ptype/whatis shows it.  */
static void
spell_type (const ebpf_vars *v, uint64_t id, struct sbuf *out, int depth)
{
  struct sbuf decl = { 0 }, quals = { 0 };
  struct ebpf_error ignored;
  sb_add (&decl, "");
  sb_add (&quals, "");
  const char *base = NULL;
  char tagged[300];
  for (int i = 0; i < TYPE_DEPTH && base == NULL; i++)
    {
      struct ebpf_type_info info;
      if (depth > 8 || type_get (v, id, &info, &ignored, 0) != 0)
        {
          base = "<unknown type>";
          break;
        }
      switch (info.kind)
        {
        case EBPF_TYPE_POINTER:
          {
            struct ebpf_type_info t;
            sb_insert (&decl, 0, "*");
            if (type_get (v, strip_id (v, info.target.id), &t, &ignored, 0) == 0
                && (t.kind == EBPF_TYPE_ARRAY || t.kind == EBPF_TYPE_FUNCTION))
              {
                sb_insert (&decl, 0, "(");
                sb_add (&decl, ")");
              }
            id = info.target.id;
            break;
          }
        case EBPF_TYPE_ARRAY:
          if (info.bounded)
            sb_printf (&decl, "[%" PRIu64 "]", info.count);
          else
            sb_add (&decl, "[]");
          id = info.target.id;
          break;
        case EBPF_TYPE_FUNCTION:
          {
            sb_add (&decl, "(");
            for (uint64_t p = 0; p < info.count; p++)
              {
                struct ebpf_type pt;
                if (p)
                  sb_add (&decl, ", ");
                if (ebpf_type_param (mk (v, id), p, &pt, &ignored) == 0)
                  spell_type (v, pt.id, &decl, depth + 1);
              }
            if (info.variadic)
              sb_add (&decl, info.count ? ", ..." : "...");
            else if (info.count == 0)
              sb_add (&decl, "void");
            sb_add (&decl, ")");
            id = info.target.id;
            break;
          }
        case EBPF_TYPE_CONST:
        case EBPF_TYPE_VOLATILE:
        case EBPF_TYPE_RESTRICT:
        case EBPF_TYPE_ATOMIC:
          {
            const char *q = info.kind == EBPF_TYPE_CONST ? "const"
                            : info.kind == EBPF_TYPE_VOLATILE ? "volatile"
                            : info.kind == EBPF_TYPE_RESTRICT ? "restrict" : "_Atomic";
            /* Qualifiers of a pointer follow its star; others go before
             * the base.  */
            uint64_t t = info.target.id;
            struct ebpf_type_info ti;
            for (int k = 0; k < 8 && type_get (v, t, &ti, &ignored, 0) == 0
                            && is_qualifier (ti.kind) && ti.kind != EBPF_TYPE_TYPEDEF; k++)
              t = ti.target.id;
            if (type_get (v, t, &ti, &ignored, 0) == 0 && ti.kind == EBPF_TYPE_POINTER)
              {
                sb_insert (&decl, 0, q);
                sb_insert (&decl, 0, " ");
              }
            else
              {
                sb_add (&quals, q);
                sb_add (&quals, " ");
              }
            id = info.target.id;
            break;
          }
        case EBPF_TYPE_STRUCT:
        case EBPF_TYPE_UNION:
        case EBPF_TYPE_ENUM:
          snprintf (tagged, sizeof tagged, "%s %s",
                    info.kind == EBPF_TYPE_STRUCT ? "struct"
                    : info.kind == EBPF_TYPE_UNION ? "union" : "enum",
                    info.name ? info.name : "{...}");
          base = tagged;
          break;
        default:
          base = info.name ? info.name : "?";
          break;
        }
    }
  sb_add (out, quals.p);
  sb_add (out, base ? base : "?");
  if (decl.len)
    {
      sb_add (out, " ");
      sb_add (out, decl.p[0] == ' ' ? decl.p + 1 : decl.p);
    }
  free (decl.p);
  free (quals.p);
}

size_t
ebpf_type_name (struct ebpf_type type, char *buf, size_t size)
{
  struct sbuf b = { 0 };
  sb_add (&b, "");
  if (type.vars == NULL)
    sb_add (&b, "<no type>");
  else
    spell_type (type.vars, type.id, &b, 0);
  if (buf && size)
    snprintf (buf, size, "%s", b.p);
  size_t n = b.len;
  free (b.p);
  return n;
}

/* ---- Finding types by name ------------------------------------------------- */

int
ebpf_vars_find_type (ebpf_vars *vars, const char *name, struct ebpf_type *type,
                     struct ebpf_error *err)
{
  struct ebpf_error local;
  if (err == NULL)
    err = &local;
  if (vars == NULL || name == NULL || type == NULL)
    return fail (err, "ebpf_vars_find_type: no variables tables, name or place for "
                 "the answer");
  /* Words, then stars.  */
  char words[256] = "";
  int tag = 0;
  unsigned stars = 0;
  const char *p = name;
  size_t wl = 0;
  while (*p)
    {
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '*')
        {
          stars++;
          p++;
          continue;
        }
      if (*p == 0)
        break;
      const char *s = p;
      while (*p && *p != ' ' && *p != '\t' && *p != '*')
        p++;
      size_t n = (size_t) (p - s);
      if (stars)
        return fail (err, "A syntax error in type name \"%s\".", name);
      if ((n == 5 && strncmp (s, "const", 5) == 0) || (n == 8 && strncmp (s, "volatile", 8) == 0))
        continue;
      if (tag == 0 && wl == 0 && n == 6 && strncmp (s, "struct", 6) == 0)
        tag = DW_TAG_structure_type;
      else if (tag == 0 && wl == 0 && n == 5 && strncmp (s, "union", 5) == 0)
        tag = DW_TAG_union_type;
      else if (tag == 0 && wl == 0 && n == 4 && strncmp (s, "enum", 4) == 0)
        tag = DW_TAG_enumeration_type;
      else
        {
          if (wl + n + 2 > sizeof words)
            return fail (err, "type name too long: \"%s\"", name);
          if (wl)
            words[wl++] = ' ';
          memcpy (words + wl, s, n);
          wl += n;
          words[wl] = 0;
        }
    }
  if (stars > 200 || wl == 0)
    return fail (err, "A syntax error in type name \"%s\".", name);
  uint64_t found = 0;
  if (tag == 0 && strcmp (words, "void") == 0)
    found = 0;
  else
    {
      bool have = false;
      Dwarf_Off off = 0, next;
      size_t hsize;
      while (!have && dwarf_nextcu (vars->dwarf, off, &next, &hsize, NULL, NULL, NULL) == 0)
        {
          Dwarf_Die cu, c;
          if (dwarf_offdie (vars->dwarf, off + hsize, &cu) != NULL && dwarf_child (&cu, &c) == 0)
            do
              {
                int t = dwarf_tag (&c);
                bool ok = tag ? t == tag || (tag == DW_TAG_structure_type && t == DW_TAG_class_type)
                          : t == DW_TAG_typedef || t == DW_TAG_base_type;
                const char *n = ok ? die_name (&c) : NULL;
                if (n && strcmp (n, words) == 0)
                  {
                    found = ID_DIE (dwarf_dieoffset (&c));
                    have = !die_flag (&c, DW_AT_declaration);
                    if (have)
                      break;
                  }
              }
            while (dwarf_siblingof (&c, &c) == 0);
          off = next;
        }
      if (found == 0)
        return fail (err, "No type named \"%s%s\".",
                     tag == DW_TAG_structure_type ? "struct "
                     : tag == DW_TAG_union_type ? "union "
                     : tag == DW_TAG_enumeration_type ? "enum " : "", words);
    }
  *type = mk (vars, found | (uint64_t) stars << 48);
  return 0;
}

/* ---- Scopes and variables -------------------------------------------------- */

/* PATH joined with the CU's compilation directory when relative.  */
static const char *
decl_path (const ebpf_vars *v, Dwarf_Die *die)
{
  const char *file = dwarf_decl_file (die);
  Dwarf_Attribute attr;
  Dwarf_Word index;
  Dwarf_Die cu;
  Dwarf_Half version;
  Dwarf_Files *files;
  size_t n;
  /* libdw 0.188 takes DWARF 5's file 0 (the primary source) for none.  */
  if (file == NULL && dwarf_attr_integrate (die, DW_AT_decl_file, &attr) != NULL
      && dwarf_formudata (&attr, &index) == 0 && index == 0
      && dwarf_cu_die (attr.cu, &cu, &version, NULL, NULL, NULL, NULL, NULL) != NULL
      && version >= 5 && dwarf_getsrcfiles (&cu, &files, &n) == 0 && n > 0)
    file = dwarf_filesrc (files, 0, NULL, NULL);
  if (file == NULL || file[0] == '/')
    return file ? ebpf_lines_intern (v->lines, file) : NULL;
  Dwarf_Die cudie;
  const char *dir = dwarf_diecu (die, &cudie, NULL, NULL)
                    ? dwarf_formstring (dwarf_attr (&cudie, DW_AT_comp_dir, &attr)) : NULL;
  if (dir == NULL || dir[0] != '/')
    return ebpf_lines_intern (v->lines, file);
  size_t len = strlen (dir) + strlen (file) + 2;
  char *joined = ebpf_xcalloc (1, len);
  snprintf (joined, len, "%s%s%s", dir, dir[strlen (dir) - 1] == '/' ? "" : "/", file);
  const char *s = ebpf_lines_intern (v->lines, joined);
  free (joined);
  return s;
}

static void
variable_from_die (const ebpf_vars *v, Dwarf_Die *d, const char *function,
                   uint64_t frame_die, int depth, struct ebpf_variable *var)
{
  memset (var, 0, sizeof *var);
  var->name = die_name (d);
  var->file = decl_path (v, d);
  int line;
  if (dwarf_decl_line (d, &line) == 0 && line > 0)
    var->line = (uint32_t) line;
  var->type = mk (v, die_type (d));
  var->is_argument = dwarf_tag (d) == DW_TAG_formal_parameter;
  var->is_global = frame_die == 0;
  var->function = function;
  var->depth = depth;
  var->die = dwarf_dieoffset (d);
  var->frame_die = frame_die;
}

struct collect
{
  struct ebpf_variable *out;
  size_t max, n;
};

static void
collect_add (struct collect *c, const struct ebpf_variable *var)
{
  if (c->n < c->max)
    c->out[c->n] = *var;
  c->n++;
}

/* The children of SCOPE that are arguments (ARGS) or locals.  */
static void
collect_scope (const ebpf_vars *v, Dwarf_Die *scope, bool args, const char *function,
               uint64_t frame_die, int depth, struct collect *c)
{
  Dwarf_Die d;
  if (dwarf_child (scope, &d) != 0)
    return;
  do
    {
      int tag = dwarf_tag (&d);
      if ((args && tag != DW_TAG_formal_parameter) || (!args && tag != DW_TAG_variable)
          || die_name (&d) == NULL)
        continue;
      if (tag == DW_TAG_variable && die_flag (&d, DW_AT_declaration)
          && !dwarf_hasattr (&d, DW_AT_location))
        continue;
      struct ebpf_variable var;
      variable_from_die (v, &d, function, frame_die, depth, &var);
      collect_add (c, &var);
    }
  while (dwarf_siblingof (&d, &d) == 0);
}

/* The CU whose code covers PC.  */
static bool
cu_at (const ebpf_vars *v, uint64_t pc, Dwarf_Die *cu)
{
  Dwarf_Off off = 0, next;
  size_t hsize;
  while (dwarf_nextcu (v->dwarf, off, &next, &hsize, NULL, NULL, NULL) == 0)
    {
      if (dwarf_offdie (v->dwarf, off + hsize, cu) != NULL && dwarf_haspc (cu, pc) > 0)
        return true;
      off = next;
    }
  return false;
}

/* The out-of-line subprogram of CU whose code covers PC.  */
static bool
subprogram_at (Dwarf_Die *cu, uint64_t pc, Dwarf_Die *sub)
{
  if (dwarf_child (cu, sub) != 0)
    return false;
  do
    if (dwarf_tag (sub) == DW_TAG_subprogram && dwarf_haspc (sub, pc) > 0)
      return true;
  while (dwarf_siblingof (sub, sub) == 0);
  return false;
}

static int
vars_at (const ebpf_vars *v, uint64_t pc, struct collect *c, struct ebpf_error *err)
{
  Dwarf_Die cu, sub, *scopes = NULL;
  if (!cu_at (v, pc, &cu) || !subprogram_at (&cu, pc, &sub))
    return fail (err, "no function's DWARF covers code address 0x%" PRIx64, pc);
  int n = dwarf_getscopes (&cu, pc, &scopes);
  if (n <= 0)
    {
      free (scopes);
      return fail (err, "no scope covers code address 0x%" PRIx64 ": %s", pc,
                   n < 0 ? dwarf_errmsg (-1) : "none found");
    }
  /* The innermost function (out of line or inlined) and the lexical
   * blocks inside it.  */
  int fn = -1;
  for (int i = 0; i < n && fn < 0; i++)
    if (dwarf_tag (&scopes[i]) == DW_TAG_subprogram
        || dwarf_tag (&scopes[i]) == DW_TAG_inlined_subroutine)
      fn = i;
  if (fn < 0)
    {
      free (scopes);
      return fail (err, "no function's scope covers code address 0x%" PRIx64, pc);
    }
  const char *function = die_name (&scopes[fn]);
  uint64_t frame_die = dwarf_dieoffset (&sub);
  collect_scope (v, &scopes[fn], true, function, frame_die, 0, c);
  for (int i = 0; i <= fn; i++)
    if (i == fn || dwarf_tag (&scopes[i]) == DW_TAG_lexical_block)
      collect_scope (v, &scopes[i], false, function, frame_die, fn - i, c);
  free (scopes);
  return 0;
}

int
ebpf_vars_at (ebpf_vars *vars, uint64_t pc, struct ebpf_variable *out, size_t max,
              struct ebpf_error *err)
{
  struct ebpf_error local;
  if (err == NULL)
    err = &local;
  if (vars == NULL || (out == NULL && max > 0))
    return fail (err, "ebpf_vars_at: no variables tables or no place for the answer");
  struct collect c = { out, max, 0 };
  if (vars_at (vars, pc, &c, err) != 0)
    return -1;
  return (int) c.n;
}

static void
collect_globals (const ebpf_vars *v, struct collect *c)
{
  Dwarf_Off off = 0, next;
  size_t hsize;
  while (dwarf_nextcu (v->dwarf, off, &next, &hsize, NULL, NULL, NULL) == 0)
    {
      Dwarf_Die cu, d;
      if (dwarf_offdie (v->dwarf, off + hsize, &cu) != NULL && dwarf_child (&cu, &d) == 0)
        do
          if (dwarf_tag (&d) == DW_TAG_variable && die_name (&d) != NULL
              && (dwarf_hasattr (&d, DW_AT_location) || dwarf_hasattr (&d, DW_AT_const_value)))
            {
              struct ebpf_variable var;
              variable_from_die (v, &d, NULL, 0, 0, &var);
              collect_add (c, &var);
            }
        while (dwarf_siblingof (&d, &d) == 0);
      off = next;
    }
}

int
ebpf_vars_globals (ebpf_vars *vars, struct ebpf_variable *out, size_t max,
                   struct ebpf_error *err)
{
  struct ebpf_error local;
  if (err == NULL)
    err = &local;
  if (vars == NULL || (out == NULL && max > 0))
    return fail (err, "ebpf_vars_globals: no variables tables or no place for the answer");
  struct collect c = { out, max, 0 };
  collect_globals (vars, &c);
  return (int) c.n;
}

int
ebpf_vars_find (ebpf_vars *vars, uint64_t pc, const char *name,
                struct ebpf_variable *var, struct ebpf_error *err)
{
  struct ebpf_error local;
  if (err == NULL)
    err = &local;
  if (vars == NULL || name == NULL || var == NULL)
    return fail (err, "ebpf_vars_find: no variables tables, name or place for the answer");
  struct collect c = { NULL, 0, 0 };
  struct ebpf_error ignored;
  /* Count, then fetch: the innermost block's first.  */
  if (pc != 0 && vars_at (vars, pc, &c, &ignored) == 0 && c.n > 0)
    {
      c.out = ebpf_xcalloc (c.n, sizeof *c.out);
      c.max = c.n;
      c.n = 0;
      vars_at (vars, pc, &c, &ignored);
      const struct ebpf_variable *best = NULL;
      for (size_t i = 0; i < c.n; i++)
        if (strcmp (c.out[i].name, name) == 0 && (best == NULL || c.out[i].depth > best->depth))
          best = &c.out[i];
      if (best)
        *var = *best;
      free (c.out);
      if (best)
        return 0;
    }
  c = (struct collect) { NULL, 0, 0 };
  collect_globals (vars, &c);
  if (c.n)
    {
      c.out = ebpf_xcalloc (c.n, sizeof *c.out);
      c.max = c.n;
      c.n = 0;
      collect_globals (vars, &c);
      /* A global of PC's unit first (statics of the same name).  */
      Dwarf_Die cu, vd, vcu;
      bool have_cu = pc != 0 && cu_at (vars, pc, &cu);
      const struct ebpf_variable *best = NULL;
      for (size_t i = 0; i < c.n; i++)
        if (strcmp (c.out[i].name, name) == 0)
          {
            bool same = have_cu && dwarf_offdie (vars->dwarf, c.out[i].die, &vd)
                        && dwarf_diecu (&vd, &vcu, NULL, NULL)
                        && dwarf_dieoffset (&vcu) == dwarf_dieoffset (&cu);
            if (best == NULL || same)
              best = &c.out[i];
            if (same)
              break;
          }
      if (best)
        *var = *best;
      free (c.out);
      if (best)
        return 0;
    }
  return fail (err, "No symbol \"%s\" in current context.", name);
}

/* ---- Frames ---------------------------------------------------------------- */

struct env
{
  ebpf_vars *vars;
  const struct ebpf_frame_info *frame;
  ebpf_read_memory_fn read;
  void *read_ctx;
  uint64_t pc;         /* where to look up location lists */
  bool outer;          /* an outer frame: r0-r5 are not known */
};

static void
env_init (struct env *e, ebpf_vars *vars, const struct ebpf_frame_info *frame,
          ebpf_read_memory_fn read, void *read_ctx)
{
  memset (e, 0, sizeof *e);
  e->vars = vars;
  e->frame = frame;
  e->read = read;
  e->read_ctx = read_ctx;
  if (frame)
    {
      e->outer = frame->call_pc != 0;
      e->pc = e->outer ? frame->call_pc : frame->pc;
    }
}

static bool
mem_read (const struct env *e, uint64_t addr, void *buf, size_t len)
{
  if (len == 0)
    return true;
  if (e->read)
    return e->read (e->read_ctx, addr, buf, len);
  return image_read (e->vars, addr, buf, len);
}

static bool
reg_known (const struct env *e, unsigned r)
{
  return e->frame != NULL && r <= 10 && (!e->outer || r >= 6);
}

static const struct frame_cache *
frame_layout (const ebpf_vars *cv, Dwarf_Die *sub)
{
  ebpf_vars *v = (ebpf_vars *) cv;
  uint64_t key = dwarf_dieoffset (sub);
  for (size_t i = 0; i < v->n_frames; i++)
    if (v->frames[i].die == key)
      return &v->frames[i];
  v->frames = ebpf_xrealloc (v->frames, (v->n_frames + 1) * sizeof *v->frames);
  struct frame_cache *fc = &v->frames[v->n_frames++];
  fc->die = key;
  fc->from_bottom = ebpf_frame_counts_from_bottom (v->elf, sub, &fc->size);
  return fc;
}

/* The stack size of SUB if its frame base is still LLVM's DW_OP_reg10
 * counted from the bottom (one the debug image could not rewrite), else
 * 0: what to take from its frame base and from its DW_OP_breg10
 * locations not below r10.  */
static uint64_t
unfixed_frame_size (const ebpf_vars *v, Dwarf_Die *sub)
{
  Dwarf_Attribute a;
  Dwarf_Op *ops;
  size_t n;
  if (sub == NULL || dwarf_attr_integrate (sub, DW_AT_frame_base, &a) == NULL
      || dwarf_getlocation (&a, &ops, &n) != 0 || n != 1 || ops[0].atom != DW_OP_reg10)
    return 0;
  const struct frame_cache *fc = frame_layout (v, sub);
  return fc->from_bottom ? fc->size : 0;
}

/* ---- The DWARF expression machine ------------------------------------------ */

static int run_expr (struct env *e, Dwarf_Attribute *attr, const Dwarf_Op *ops, size_t n,
                     Dwarf_Die *sub, struct ebpf_location *loc, struct ebpf_error *err);

/* The frame base of subprogram SUB in E's frame.  1 when it cannot be
 * known here (a register the call did not save).  */
static int
frame_base (struct env *e, Dwarf_Die *sub, uint64_t *fb, struct ebpf_error *err)
{
  Dwarf_Attribute a;
  Dwarf_Op *ops;
  size_t n;
  if (dwarf_attr_integrate (sub, DW_AT_frame_base, &a) == NULL)
    return fail (err, "function %s has no frame base (DW_AT_frame_base)",
                 die_name (sub) ? die_name (sub) : "?");
  int k = dwarf_getlocation_addr (&a, e->pc, &ops, &n, 1);
  if (k < 0)
    return fail (err, "the frame base of %s cannot be read: %s",
                 die_name (sub) ? die_name (sub) : "?", dwarf_errmsg (-1));
  if (k == 0)
    return 1;
  struct ebpf_location loc;
  if (run_expr (e, &a, ops, n, NULL, &loc, err) != 0)
    return -1;
  const struct ebpf_location_piece *p = &loc.pieces[0];
  if (loc.kind == EBPF_LOCATION_REGISTER)
    *fb = e->frame->regs[p->reg];
  else if (loc.kind == EBPF_LOCATION_MEMORY)
    *fb = p->addr;
  else if (loc.kind == EBPF_LOCATION_VALUE && p->bytes == NULL)
    *fb = p->value;
  else
    return 1;
  *fb -= unfixed_frame_size (e->vars, sub);
  return 0;
}

enum expr_state { ST_EMPTY, ST_STACK, ST_REG, ST_VALUE, ST_IMPLICIT };

static void
set_none (struct ebpf_location *loc, bool not_saved)
{
  memset (loc, 0, sizeof *loc);
  loc->kind = EBPF_LOCATION_NONE;
  loc->n_pieces = 1;
  loc->pieces[0].kind = EBPF_LOCATION_NONE;
  loc->pieces[0].not_saved = not_saved;
}

static int
run_expr (struct env *e, Dwarf_Attribute *attr, const Dwarf_Op *ops, size_t n,
          Dwarf_Die *sub, struct ebpf_location *loc, struct ebpf_error *err)
{
  uint64_t st[64];
  size_t sp = 0;
  enum expr_state state = ST_EMPTY;
  unsigned reg = 0;
  Dwarf_Block implicit = { 0, NULL };
  memset (loc, 0, sizeof *loc);
  size_t np = 0;
  bool be = e->vars->big_endian;
  size_t steps = 0;
#define NEED(k) do { if (sp < (k)) return fail (err, "DWARF expression: stack " \
                                                  "underflow at op 0x%x", op->atom); } while (0)
#define PUSH(x) do { uint64_t push_ = (x);                                  \
                     if (sp == 64) return fail (err, "DWARF expression: stack overflow"); \
                     st[sp++] = push_; } while (0)
  for (size_t i = 0; i < n; i++)
    {
      const Dwarf_Op *op = &ops[i];
      uint8_t a = op->atom;
      if (++steps > 10000)
        return fail (err, "DWARF expression: too many steps (a loop?)");
      if (state != ST_EMPTY && state != ST_STACK && a != DW_OP_piece && a != DW_OP_bit_piece)
        return fail (err, "DWARF expression: op 0x%x after a register or value location", a);
      if (a >= DW_OP_lit0 && a <= DW_OP_lit31)
        {
          PUSH ((uint64_t) (a - DW_OP_lit0));
          state = ST_STACK;
          continue;
        }
      if ((a >= DW_OP_reg0 && a <= DW_OP_reg31) || a == DW_OP_regx)
        {
          reg = a == DW_OP_regx ? (unsigned) op->number : (unsigned) (a - DW_OP_reg0);
          if (reg > 10)
            return fail (err, "DWARF expression: register %u is not a BPF register", reg);
          if (!reg_known (e, reg))
            {
              set_none (loc, e->frame != NULL);
              return 0;
            }
          state = ST_REG;
          continue;
        }
      if ((a >= DW_OP_breg0 && a <= DW_OP_breg31) || a == DW_OP_bregx)
        {
          unsigned r = a == DW_OP_bregx ? (unsigned) op->number : (unsigned) (a - DW_OP_breg0);
          uint64_t o = a == DW_OP_bregx ? op->number2 : op->number;
          if (r > 10)
            return fail (err, "DWARF expression: register %u is not a BPF register", r);
          if (!reg_known (e, r))
            {
              set_none (loc, e->frame != NULL);
              return 0;
            }
          if (r == 10 && (int64_t) o >= 0)
            o -= unfixed_frame_size (e->vars, sub);
          PUSH (e->frame->regs[r] + o);
          state = ST_STACK;
          continue;
        }
      switch (a)
        {
        case DW_OP_addr:
        case DW_OP_const1u: case DW_OP_const1s: case DW_OP_const2u: case DW_OP_const2s:
        case DW_OP_const4u: case DW_OP_const4s: case DW_OP_const8u: case DW_OP_const8s:
        case DW_OP_constu: case DW_OP_consts:
          PUSH (op->number);
          break;
        case DW_OP_addrx: case DW_OP_constx: case DW_OP_GNU_addr_index:
        case DW_OP_GNU_const_index:
          {
            Dwarf_Attribute r;
            Dwarf_Addr ad;
            Dwarf_Word w;
            if (dwarf_getlocation_attr (attr, op, &r) != 0)
              return fail (err, "DWARF expression: .debug_addr entry %" PRIu64
                           " cannot be read: %s", (uint64_t) op->number, dwarf_errmsg (-1));
            if (dwarf_formaddr (&r, &ad) == 0)
              PUSH (ad);
            else if (dwarf_formudata (&r, &w) == 0)
              PUSH (w);
            else
              return fail (err, "DWARF expression: .debug_addr entry %" PRIu64
                           " cannot be read: %s", (uint64_t) op->number, dwarf_errmsg (-1));
            break;
          }
        case DW_OP_fbreg:
          {
            if (sub == NULL)
              return fail (err, "DWARF expression: DW_OP_fbreg outside a function");
            uint64_t fb = 0;
            int r = frame_base (e, sub, &fb, err);
            if (r < 0)
              return -1;
            if (r > 0)
              {
                set_none (loc, e->frame != NULL);
                return 0;
              }
            PUSH (fb + op->number);
            break;
          }
        case DW_OP_dup: NEED (1); PUSH (st[sp - 1]); break;
        case DW_OP_drop: NEED (1); sp--; break;
        case DW_OP_over: NEED (2); PUSH (st[sp - 2]); break;
        case DW_OP_pick:
          if (op->number >= sp)
            return fail (err, "DWARF expression: DW_OP_pick %" PRIu64 " beyond the stack",
                         (uint64_t) op->number);
          PUSH (st[sp - 1 - op->number]);
          break;
        case DW_OP_swap:
          {
            NEED (2);
            uint64_t t = st[sp - 1];
            st[sp - 1] = st[sp - 2];
            st[sp - 2] = t;
            break;
          }
        case DW_OP_rot:
          {
            NEED (3);
            uint64_t t = st[sp - 1];
            st[sp - 1] = st[sp - 2];
            st[sp - 2] = st[sp - 3];
            st[sp - 3] = t;
            break;
          }
        case DW_OP_deref:
        case DW_OP_deref_size:
        case DW_OP_deref_type:
        case DW_OP_GNU_deref_type:
          {
            NEED (1);
            size_t size = a == DW_OP_deref ? 8 : (size_t) op->number;
            uint8_t buf[8];
            if (size == 0 || size > 8)
              return fail (err, "DWARF expression: dereference of %zu bytes", size);
            if (!mem_read (e, st[sp - 1], buf, size))
              return fail (err, "Cannot access memory at address 0x%" PRIx64, st[sp - 1]);
            st[sp - 1] = ebpf_load_uint (buf, size, be);
            break;
          }
        case DW_OP_abs: NEED (1); if ((int64_t) st[sp - 1] < 0) st[sp - 1] = -st[sp - 1]; break;
        case DW_OP_neg: NEED (1); st[sp - 1] = -st[sp - 1]; break;
        case DW_OP_not: NEED (1); st[sp - 1] = ~st[sp - 1]; break;
        case DW_OP_plus_uconst: NEED (1); st[sp - 1] += op->number; break;
        case DW_OP_and: case DW_OP_div: case DW_OP_minus: case DW_OP_mod: case DW_OP_mul:
        case DW_OP_or: case DW_OP_plus: case DW_OP_shl: case DW_OP_shr: case DW_OP_shra:
        case DW_OP_xor: case DW_OP_eq: case DW_OP_ge: case DW_OP_gt: case DW_OP_le:
        case DW_OP_lt: case DW_OP_ne:
          {
            NEED (2);
            uint64_t y = st[--sp], x = st[sp - 1], r = 0;
            int64_t sx = (int64_t) x, sy = (int64_t) y;
            switch (a)
              {
              case DW_OP_and: r = x & y; break;
              case DW_OP_or: r = x | y; break;
              case DW_OP_xor: r = x ^ y; break;
              case DW_OP_plus: r = x + y; break;
              case DW_OP_minus: r = x - y; break;
              case DW_OP_mul: r = x * y; break;
              case DW_OP_div:
                if (y == 0)
                  return fail (err, "DWARF expression: division by zero");
                r = (sx == INT64_MIN && sy == -1) ? x : (uint64_t) (sx / sy);
                break;
              case DW_OP_mod:
                if (y == 0)
                  return fail (err, "DWARF expression: division by zero");
                r = x % y;
                break;
              case DW_OP_shl: r = y >= 64 ? 0 : x << y; break;
              case DW_OP_shr: r = y >= 64 ? 0 : x >> y; break;
              case DW_OP_shra: r = (uint64_t) (y >= 64 ? (sx < 0 ? -1 : 0) : sx >> y); break;
              case DW_OP_eq: r = sx == sy; break;
              case DW_OP_ne: r = sx != sy; break;
              case DW_OP_lt: r = sx < sy; break;
              case DW_OP_le: r = sx <= sy; break;
              case DW_OP_gt: r = sx > sy; break;
              case DW_OP_ge: r = sx >= sy; break;
              }
            st[sp - 1] = r;
            break;
          }
        case DW_OP_skip:
        case DW_OP_bra:
          {
            if (a == DW_OP_bra)
              {
                NEED (1);
                if (st[--sp] == 0)
                  break;
              }
            uint64_t target = op->offset + 3 + (uint64_t) (int64_t) (int16_t) op->number;
            /* A target past the last operation ends the expression.  */
            size_t j = 0;
            while (j < n && ops[j].offset != target)
              j++;
            if (j < n && target <= op->offset && j > i)
              return fail (err, "DWARF expression: a bad branch");
            i = j - 1;
            continue;
          }
        case DW_OP_nop:
          break;
        case DW_OP_convert:
        case DW_OP_GNU_convert:
        case DW_OP_reinterpret:
        case DW_OP_GNU_reinterpret:
          {
            NEED (1);
            Dwarf_Die t;
            if (op->number == 0 || a == DW_OP_reinterpret || a == DW_OP_GNU_reinterpret)
              break;   /* the generic type: nothing to do */
            if (dwarf_getlocation_die (attr, op, &t) != 0)
              return fail (err, "DWARF expression: DW_OP_convert to an unreadable type");
            uint64_t size = 8, enc = DW_ATE_unsigned;
            die_udata (&t, DW_AT_byte_size, &size);
            die_udata (&t, DW_AT_encoding, &enc);
            if (size < 8)
              st[sp - 1] = enc == DW_ATE_signed || enc == DW_ATE_signed_char
                           ? (uint64_t) sign_extend (st[sp - 1], (unsigned) size * 8)
                           : st[sp - 1] & ((UINT64_C (1) << (size * 8)) - 1);
            break;
          }
        case DW_OP_regval_type:
        case DW_OP_GNU_regval_type:
          if (op->number > 10)
            return fail (err, "DWARF expression: register %" PRIu64 " is not a BPF "
                         "register", (uint64_t) op->number);
          if (!reg_known (e, (unsigned) op->number))
            {
              set_none (loc, e->frame != NULL);
              return 0;
            }
          PUSH (e->frame->regs[op->number]);
          break;
        case DW_OP_entry_value:
        case DW_OP_GNU_entry_value:
        case DW_OP_GNU_parameter_ref:
        case DW_OP_implicit_pointer:
        case DW_OP_GNU_implicit_pointer:
        case DW_OP_call_frame_cfa:
          /* Values at the function's entry, objects that are not
           * anywhere, and call frame information: not known here.  */
          set_none (loc, false);
          return 0;
        case DW_OP_stack_value:
          NEED (1);
          state = ST_VALUE;
          continue;
        case DW_OP_implicit_value:
          if (dwarf_getlocation_implicit_value (attr, op, &implicit) != 0)
            return fail (err, "DWARF expression: DW_OP_implicit_value cannot be read");
          state = ST_IMPLICIT;
          continue;
        case DW_OP_piece:
        case DW_OP_bit_piece:
          {
            if (a == DW_OP_bit_piece && (op->number % 8 || op->number2 % 8))
              return fail (err, "DWARF expression: bit pieces that are not whole "
                           "bytes are not supported");
            if (np == EBPF_LOCATION_MAX_PIECES)
              return fail (err, "DWARF expression: more than %d pieces",
                           EBPF_LOCATION_MAX_PIECES);
            struct ebpf_location_piece *p = &loc->pieces[np++];
            p->size = a == DW_OP_piece ? op->number : op->number / 8;
            switch (state)
              {
              case ST_EMPTY: p->kind = EBPF_LOCATION_NONE; break;
              case ST_STACK:
                NEED (1);
                p->kind = EBPF_LOCATION_MEMORY;
                p->addr = st[sp - 1] + (a == DW_OP_bit_piece ? op->number2 / 8 : 0);
                break;
              case ST_REG: p->kind = EBPF_LOCATION_REGISTER; p->reg = reg; break;
              case ST_VALUE:
                NEED (1);
                p->kind = EBPF_LOCATION_VALUE;
                p->value = st[sp - 1];
                break;
              case ST_IMPLICIT:
                p->kind = EBPF_LOCATION_VALUE;
                p->bytes = implicit.data;
                p->bytes_len = implicit.length;
                break;
              }
            sp = 0;
            state = ST_EMPTY;
            continue;
          }
        default:
          return fail (err, "DWARF expression: operation 0x%x is not supported", a);
        }
      state = ST_STACK;
    }
#undef NEED
#undef PUSH
  if (np > 0)
    {
      if (state != ST_EMPTY)
        return fail (err, "DWARF expression: operations after the last piece");
      loc->kind = EBPF_LOCATION_COMPOSITE;
      loc->n_pieces = np;
      return 0;
    }
  struct ebpf_location_piece *p = &loc->pieces[0];
  loc->n_pieces = 1;
  switch (state)
    {
    case ST_EMPTY:
      p->kind = EBPF_LOCATION_NONE;
      break;
    case ST_STACK:
      if (sp == 0)
        return fail (err, "DWARF expression: no address left on the stack");
      p->kind = EBPF_LOCATION_MEMORY;
      p->addr = st[sp - 1];
      break;
    case ST_REG:
      p->kind = EBPF_LOCATION_REGISTER;
      p->reg = reg;
      break;
    case ST_VALUE:
      p->kind = EBPF_LOCATION_VALUE;
      p->value = st[sp - 1];
      break;
    case ST_IMPLICIT:
      p->kind = EBPF_LOCATION_VALUE;
      p->bytes = implicit.data;
      p->bytes_len = implicit.length;
      break;
    }
  loc->kind = p->kind;
  return 0;
}

static int
locate (struct env *e, const struct ebpf_variable *var, struct ebpf_location *loc,
        struct ebpf_error *err)
{
  Dwarf_Die d, sub;
  if (dwarf_offdie (e->vars->dwarf, var->die, &d) == NULL)
    return fail (err, "%s: no variable at DIE 0x%" PRIx64, var->name ? var->name : "?",
                 var->die);
  Dwarf_Attribute a;
  if (dwarf_attr (&d, DW_AT_location, &a) == NULL)
    {
      if (dwarf_attr_integrate (&d, DW_AT_const_value, &a) != NULL)
        {
          memset (loc, 0, sizeof *loc);
          loc->kind = EBPF_LOCATION_VALUE;
          loc->n_pieces = 1;
          struct ebpf_location_piece *p = &loc->pieces[0];
          p->kind = EBPF_LOCATION_VALUE;
          Dwarf_Block block;
          Dwarf_Word w;
          Dwarf_Sword s;
          unsigned form = dwarf_whatform (&a);
          const char *str;
          if (form == DW_FORM_sdata && dwarf_formsdata (&a, &s) == 0)
            p->value = (uint64_t) s;
          else if (dwarf_formudata (&a, &w) == 0)
            {
              struct ebpf_type_info ti;
              struct ebpf_error ignored;
              bool sgn = type_get (e->vars, strip_id (e->vars, var->type.id), &ti,
                                   &ignored, 0) == 0 && ti.is_signed;
              p->value = !sgn ? w : form == DW_FORM_data1 ? (uint64_t) sign_extend (w, 8)
                         : form == DW_FORM_data2 ? (uint64_t) sign_extend (w, 16)
                         : form == DW_FORM_data4 ? (uint64_t) sign_extend (w, 32) : w;
            }
          else if (dwarf_formblock (&a, &block) == 0)
            {
              p->bytes = block.data;
              p->bytes_len = block.length;
            }
          else if ((str = dwarf_formstring (&a)) != NULL)
            {
              p->bytes = (const uint8_t *) str;
              p->bytes_len = strlen (str) + 1;
            }
          else
            return fail (err, "%s: its constant value cannot be read: %s", var->name,
                         dwarf_errmsg (-1));
          return 0;
        }
      set_none (loc, false);
      return 0;
    }
  bool local = var->frame_die != 0;
  if (local && e->frame == NULL)
    return fail (err, "%s is a local of %s: it needs a frame", var->name,
                 var->function ? var->function : "a function");
  if (local && dwarf_offdie (e->vars->dwarf, var->frame_die, &sub) == NULL)
    return fail (err, "%s: no function at DIE 0x%" PRIx64, var->name, var->frame_die);
  Dwarf_Op *ops;
  size_t n;
  int k = dwarf_getlocation_addr (&a, local ? e->pc : 0, &ops, &n, 1);
  if (k < 0)
    return fail (err, "%s: its location cannot be read: %s", var->name, dwarf_errmsg (-1));
  if (k == 0)
    {
      set_none (loc, false);
      return 0;
    }
  return run_expr (e, &a, ops, n, local ? &sub : NULL, loc, err);
}

int
ebpf_vars_locate (ebpf_vars *vars, const struct ebpf_variable *var,
                  const struct ebpf_frame_info *frame, ebpf_read_memory_fn read,
                  void *read_ctx, struct ebpf_location *loc, struct ebpf_error *err)
{
  struct ebpf_error local;
  if (err == NULL)
    err = &local;
  if (vars == NULL || var == NULL || loc == NULL)
    return fail (err, "ebpf_vars_locate: no variables tables, variable or place for "
                 "the answer");
  struct env e;
  env_init (&e, vars, frame, read, read_ctx);
  return locate (&e, var, loc, err);
}

/* ---- Values ---------------------------------------------------------------- */

enum { MISSING_OUT = 1, MISSING_NOT_SAVED = 2 };

void
ebpf_value_clear (struct ebpf_value *value)
{
  if (value == NULL)
    return;
  free (value->bytes);
  free (value->missing);
  memset (value, 0, sizeof *value);
}

static void
value_alloc (struct ebpf_value *out, const ebpf_vars *v, uint64_t type, uint64_t size)
{
  memset (out, 0, sizeof *out);
  out->type = mk (v, type);
  out->size = (size_t) size;
  out->bytes = ebpf_xcalloc (size ? size : 1, 1);
}

static void
value_mark_missing (struct ebpf_value *v, size_t from, size_t to, uint8_t why)
{
  if (from >= to)
    return;
  if (v->missing == NULL)
    v->missing = ebpf_xcalloc (v->size ? v->size : 1, 1);
  memset (v->missing + from, why, to - from);
}

static bool
all_missing (const struct ebpf_value *v)
{
  if (v->missing == NULL)
    return false;
  for (size_t i = 0; i < v->size; i++)
    if (!v->missing[i])
      return false;
  return true;
}

static int
value_type_size (const ebpf_vars *v, uint64_t type, uint64_t *size, struct ebpf_error *err)
{
  if (type_size (v, type, size, err, 0) != 0)
    return -1;
  if (*size > VALUE_MAX)
    {
      char name[200];
      ebpf_type_name (mk (v, type), name, sizeof name);
      return fail (err, "a value of type %s (%" PRIu64 " bytes) is too large to read",
                   name, *size);
    }
  return 0;
}

static int
value_at (struct env *e, uint64_t type, uint64_t addr, struct ebpf_value *out,
          struct ebpf_error *err)
{
  uint64_t size;
  if (value_type_size (e->vars, type, &size, err) != 0)
    return -1;
  value_alloc (out, e->vars, type, size);
  out->where = EBPF_LOCATION_MEMORY;
  out->addr = addr;
  if (!mem_read (e, addr, out->bytes, out->size))
    {
      ebpf_value_clear (out);
      return fail (err, "Cannot access memory at address 0x%" PRIx64, addr);
    }
  return 0;
}

static void
value_scalar (struct ebpf_value *out, const ebpf_vars *v, uint64_t type, uint64_t x)
{
  uint64_t size = 8;
  struct ebpf_error ignored;
  if (type_size (v, type, &size, &ignored, 0) != 0 || size == 0 || size > 16)
    size = 8;
  value_alloc (out, v, type, size);
  out->where = EBPF_LOCATION_VALUE;
  put_uint (v->big_endian, out->bytes, out->size, x);
}

/* Fills bytes [AT, AT + LEN) of OUT from one piece of a location.  */
static int
fill_piece (struct env *e, const struct ebpf_location_piece *p, struct ebpf_value *out,
            size_t at, size_t len, struct ebpf_error *err)
{
  bool be = e->vars->big_endian;
  switch (p->kind)
    {
    case EBPF_LOCATION_NONE:
      value_mark_missing (out, at, at + len, p->not_saved ? MISSING_NOT_SAVED : MISSING_OUT);
      return 0;
    case EBPF_LOCATION_MEMORY:
      if (!mem_read (e, p->addr, out->bytes + at, len))
        return fail (err, "Cannot access memory at address 0x%" PRIx64, p->addr);
      return 0;
    case EBPF_LOCATION_REGISTER:
      if (!reg_known (e, p->reg))
        {
          value_mark_missing (out, at, at + len, MISSING_NOT_SAVED);
          return 0;
        }
      put_uint (be, out->bytes + at, len < 8 ? len : 8, e->frame->regs[p->reg]);
      if (len > 8)
        value_mark_missing (out, at + 8, at + len, MISSING_OUT);
      return 0;
    case EBPF_LOCATION_VALUE:
      if (p->bytes)
        {
          size_t n = p->bytes_len < len ? p->bytes_len : len;
          memcpy (out->bytes + at, p->bytes, n);
          value_mark_missing (out, at + n, at + len, MISSING_OUT);
        }
      else
        put_uint (be, out->bytes + at, len, p->value);
      return 0;
    case EBPF_LOCATION_COMPOSITE:
      break;
    }
  return fail (err, "a location piece of unknown kind");
}

static int
value_of_var (struct env *e, const struct ebpf_variable *var, struct ebpf_value *out,
              struct ebpf_error *err)
{
  struct ebpf_location loc;
  uint64_t size;
  if (locate (e, var, &loc, err) != 0
      || value_type_size (e->vars, var->type.id, &size, err) != 0)
    return -1;
  value_alloc (out, e->vars, var->type.id, size);
  out->where = loc.kind;
  if (loc.kind == EBPF_LOCATION_MEMORY)
    out->addr = loc.pieces[0].addr;
  if (loc.kind == EBPF_LOCATION_REGISTER)
    out->reg = loc.pieces[0].reg;
  size_t at = 0;
  for (size_t i = 0; i < loc.n_pieces && at < out->size; i++)
    {
      size_t len = loc.kind == EBPF_LOCATION_COMPOSITE ? (size_t) loc.pieces[i].size
                                                       : out->size;
      if (len > out->size - at)
        len = out->size - at;
      if (fill_piece (e, &loc.pieces[i], out, at, len, err) != 0)
        {
          ebpf_value_clear (out);
          return -1;
        }
      at += len;
    }
  value_mark_missing (out, at, out->size, MISSING_OUT);
  if (out->missing && all_missing (out))
    out->where = EBPF_LOCATION_NONE;
  return 0;
}

int
ebpf_vars_value (ebpf_vars *vars, const struct ebpf_variable *var,
                 const struct ebpf_frame_info *frame, ebpf_read_memory_fn read,
                 void *read_ctx, struct ebpf_value *value, struct ebpf_error *err)
{
  struct ebpf_error local;
  if (err == NULL)
    err = &local;
  if (value)
    memset (value, 0, sizeof *value);
  if (vars == NULL || var == NULL || value == NULL)
    return fail (err, "ebpf_vars_value: no variables tables, variable or place for "
                 "the answer");
  struct env e;
  env_init (&e, vars, frame, read, read_ctx);
  return value_of_var (&e, var, value, err);
}

/* The integer (or address) a scalar value holds.  */
static int
value_u64 (const struct ebpf_value *v, uint64_t *x, bool *is_pointer, uint64_t *target,
           struct ebpf_error *err)
{
  const ebpf_vars *vars = v->type.vars;
  struct ebpf_type_info info;
  uint64_t id = strip_id (vars, v->type.id);
  if (type_get (vars, id, &info, err, 0) != 0)
    return -1;
  if (is_pointer)
    *is_pointer = false;
  if (info.kind == EBPF_TYPE_ARRAY && v->where == EBPF_LOCATION_MEMORY)
    {
      /* An array in memory stands for its first element's address.  */
      *x = v->addr;
      if (is_pointer)
        *is_pointer = true;
      if (target)
        *target = info.target.id;
      return 0;
    }
  if (info.kind != EBPF_TYPE_INT && info.kind != EBPF_TYPE_CHAR && info.kind != EBPF_TYPE_BOOL
      && info.kind != EBPF_TYPE_ENUM && info.kind != EBPF_TYPE_POINTER)
    {
      char name[200];
      ebpf_type_name (v->type, name, sizeof name);
      return fail (err, "a value of type %s is not a number or a pointer", name);
    }
  if (v->missing)
    for (size_t i = 0; i < v->size; i++)
      if (v->missing[i])
        return fail (err, "%s", v->missing[i] == MISSING_NOT_SAVED
                     ? "value is not saved in this frame (a register the call "
                       "did not keep)"
                     : "value has been optimized out");
  if (info.size == 0 || info.size > 8 || info.size > v->size)
    return fail (err, "a value of %" PRIu64 " bytes is not a number", info.size);
  *x = ebpf_load_uint (v->bytes, (size_t) info.size, vars->big_endian);
  if (info.is_signed)
    *x = (uint64_t) sign_extend (*x, (unsigned) info.size * 8);
  if (info.kind == EBPF_TYPE_POINTER)
    {
      if (is_pointer)
        *is_pointer = true;
      if (target)
        *target = info.target.id;
    }
  return 0;
}

bool
ebpf_value_integer (const struct ebpf_value *value, int64_t *x)
{
  struct ebpf_error ignored;
  uint64_t u;
  if (value == NULL || x == NULL || value->type.vars == NULL || value->bytes == NULL
      || value_u64 (value, &u, NULL, NULL, &ignored) != 0)
    return false;
  *x = (int64_t) u;
  return true;
}

/* Bytes [OFF, OFF + SIZE) of V as a value of TYPE.  */
static int
value_slice (struct env *e, const struct ebpf_value *v, uint64_t type, uint64_t off,
             uint64_t size, struct ebpf_value *out, struct ebpf_error *err)
{
  if (v->where == EBPF_LOCATION_MEMORY && (off > v->size || size > v->size - off))
    return value_at (e, type, v->addr + off, out, err);
  if (off > v->size || size > v->size - off)
    return fail (err, "no such vector element");
  value_alloc (out, e->vars, type, size);
  memcpy (out->bytes, v->bytes + off, (size_t) size);
  if (v->missing)
    for (size_t i = 0; i < size; i++)
      if (v->missing[off + i])
        value_mark_missing (out, i, i + 1, v->missing[off + i]);
  if (v->where == EBPF_LOCATION_MEMORY)
    {
      out->where = EBPF_LOCATION_MEMORY;
      out->addr = v->addr + off;
    }
  else
    out->where = out->missing && all_missing (out) ? EBPF_LOCATION_NONE
                 : EBPF_LOCATION_VALUE;
  return 0;
}

/* The bits of a bitfield M in the bytes B (SIZE of them), or false when
 * they are not all there.  */
static bool
extract_bits (const ebpf_vars *v, const uint8_t *b, const uint8_t *missing, size_t size,
              const struct ebpf_member *m, bool is_signed, uint64_t *x)
{
  size_t n = (m->bit_offset + m->bit_size + 7) / 8;
  if (m->bit_size == 0 || m->bit_size > 64 || n > 8 || m->offset + n > size)
    return false;
  if (missing)
    for (size_t i = 0; i < n; i++)
      if (missing[m->offset + i])
        return false;
  uint64_t raw = ebpf_load_uint (b + m->offset, n, v->big_endian);
  unsigned shift = v->big_endian ? (unsigned) (n * 8 - m->bit_offset - m->bit_size)
                                 : m->bit_offset;
  raw >>= shift;
  if (m->bit_size < 64)
    raw &= (UINT64_C (1) << m->bit_size) - 1;
  *x = is_signed ? (uint64_t) sign_extend (raw, m->bit_size) : raw;
  return true;
}

static int
value_member (struct env *e, struct ebpf_value *v, const char *name, struct ebpf_error *err)
{
  const ebpf_vars *vars = e->vars;
  struct ebpf_type_info info;
  uint64_t id = strip_id (vars, v->type.id);
  if (type_get (vars, id, &info, err, 0) != 0)
    return -1;
  if (info.kind == EBPF_TYPE_POINTER)
    {
      uint64_t addr;
      struct ebpf_value target;
      if (value_u64 (v, &addr, NULL, NULL, err) != 0
          || value_at (e, info.target.id, addr, &target, err) != 0)
        return -1;
      ebpf_value_clear (v);
      *v = target;
      id = strip_id (vars, v->type.id);
      if (type_get (vars, id, &info, err, 0) != 0)
        return -1;
    }
  if (info.kind != EBPF_TYPE_STRUCT && info.kind != EBPF_TYPE_UNION)
    return fail (err, "Attempt to extract a component of a value that is not a "
                 "structure.");
  struct ebpf_member m;
  if (!find_member (vars, id, name, &m, 0))
    return fail (err, "There is no member named %s.", name);
  struct ebpf_value out;
  if (m.bit_size == 0)
    {
      uint64_t size;
      if (value_type_size (vars, m.type.id, &size, err) != 0
          || value_slice (e, v, m.type.id, m.offset, size, &out, err) != 0)
        return -1;
    }
  else
    {
      struct ebpf_type_info mt;
      uint64_t x;
      if (type_get (vars, strip_id (vars, m.type.id), &mt, err, 0) != 0)
        return -1;
      if (extract_bits (vars, v->bytes, v->missing, v->size, &m, mt.is_signed, &x))
        value_scalar (&out, vars, m.type.id, x);
      else
        {
          value_scalar (&out, vars, m.type.id, 0);
          value_mark_missing (&out, 0, out.size, MISSING_OUT);
          out.where = EBPF_LOCATION_NONE;
        }
    }
  ebpf_value_clear (v);
  *v = out;
  return 0;
}

static int
value_index (struct env *e, struct ebpf_value *v, int64_t index, struct ebpf_error *err)
{
  const ebpf_vars *vars = e->vars;
  struct ebpf_type_info info;
  if (type_get (vars, strip_id (vars, v->type.id), &info, err, 0) != 0)
    return -1;
  uint64_t esize;
  struct ebpf_value out;
  if (info.kind == EBPF_TYPE_ARRAY)
    {
      if (value_type_size (vars, info.target.id, &esize, err) != 0)
        return -1;
      if (v->where != EBPF_LOCATION_MEMORY
          && (index < 0 || (uint64_t) index >= info.count))
        return fail (err, "no such vector element");
      if (v->where == EBPF_LOCATION_MEMORY)
        {
          if (value_at (e, info.target.id, v->addr + (uint64_t) index * esize, &out, err) != 0)
            return -1;
        }
      else if (value_slice (e, v, info.target.id, (uint64_t) index * esize, esize, &out,
                            err) != 0)
        return -1;
    }
  else if (info.kind == EBPF_TYPE_POINTER)
    {
      uint64_t addr;
      if (value_type_size (vars, info.target.id, &esize, err) != 0)
        return -1;
      if (esize == 0)
        return fail (err, "Attempt to take contents of a non-pointer value.");
      if (value_u64 (v, &addr, NULL, NULL, err) != 0
          || value_at (e, info.target.id, addr + (uint64_t) index * esize, &out, err) != 0)
        return -1;
    }
  else
    {
      char name[200];
      ebpf_type_name (v->type, name, sizeof name);
      return fail (err, "cannot subscript something of type `%s'", name);
    }
  ebpf_value_clear (v);
  *v = out;
  return 0;
}

static int
value_deref (struct env *e, struct ebpf_value *v, struct ebpf_error *err)
{
  struct ebpf_type_info info, t;
  if (type_get (e->vars, strip_id (e->vars, v->type.id), &info, err, 0) != 0)
    return -1;
  if (info.kind == EBPF_TYPE_ARRAY)
    return value_index (e, v, 0, err);
  if (info.kind != EBPF_TYPE_POINTER
      || type_get (e->vars, strip_id (e->vars, info.target.id), &t, err, 0) != 0
      || t.kind == EBPF_TYPE_VOID || t.kind == EBPF_TYPE_FUNCTION)
    return fail (err, "Attempt to take contents of a non-pointer value.");
  if (t.incomplete)
    return fail (err, "The type of the pointed-to value is incomplete.");
  uint64_t addr;
  struct ebpf_value out;
  if (value_u64 (v, &addr, NULL, NULL, err) != 0
      || value_at (e, info.target.id, addr, &out, err) != 0)
    return -1;
  ebpf_value_clear (v);
  *v = out;
  return 0;
}

static int
value_address (struct env *e, struct ebpf_value *v, struct ebpf_error *err)
{
  if (v->where != EBPF_LOCATION_MEMORY)
    return fail (err, "Attempt to take address of value not located in memory.");
  if (ID_PTRS (v->type.id) == 255)
    return fail (err, "too many levels of pointers");
  uint64_t addr = v->addr, type = v->type.id + ID_PTR_ONE;
  ebpf_value_clear (v);
  value_scalar (v, e->vars, type, addr);
  return 0;
}

/* ---- Formatting ------------------------------------------------------------ */

#define PRINT_ELEMENTS 200
#define REPEAT_THRESHOLD 10

struct fmt
{
  const ebpf_vars *v;
  FILE *out;
};

static void
put_char_escaped (FILE *out, unsigned c, char quote)
{
  switch (c)
    {
    case 7: fputs ("\\a", out); return;
    case 8: fputs ("\\b", out); return;
    case 9: fputs ("\\t", out); return;
    case 10: fputs ("\\n", out); return;
    case 11: fputs ("\\v", out); return;
    case 12: fputs ("\\f", out); return;
    case 13: fputs ("\\r", out); return;
    }
  if (c == '\\' || c == (unsigned) quote)
    fprintf (out, "\\%c", c);
  else if (c >= 0x20 && c < 0x7f)
    fputc ((int) c, out);
  else
    fprintf (out, "\\%03o", c & 0xff);
}

static bool
range_missing (const uint8_t *missing, size_t off, size_t len, uint8_t *why)
{
  if (missing == NULL)
    return false;
  for (size_t i = 0; i < len; i++)
    if (missing[off + i])
      {
        *why = missing[off + i];
        return true;
      }
  return false;
}

static void format_bytes (struct fmt *f, uint64_t id, const uint8_t *b, const uint8_t *missing,
                          size_t size, int depth);

/* The function or object of the debug image's symbol table that ADDR
 * falls in, as " <name>" or " <name+offset>" after a pointer (GDB's
 * "print symbol"); a function of the line tables when no symbol has it.  */
static void
put_symbol (struct fmt *f, uint64_t addr, bool code)
{
  Elf_Scn *scn = NULL;
  const char *best = NULL;
  uint64_t best_value = 0;
  while ((scn = elf_nextscn (f->v->elf, scn)) != NULL)
    {
      GElf_Shdr sh;
      if (gelf_getshdr (scn, &sh) == NULL || sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0)
        continue;
      Elf_Data *d = elf_getdata (scn, NULL);
      size_t n = d ? d->d_size / sh.sh_entsize : 0;
      for (size_t i = 0; i < n; i++)
        {
          GElf_Sym sym;
          GElf_Shdr where;
          Elf_Scn *in;
          int type = gelf_getsym (d, (int) i, &sym) ? GELF_ST_TYPE (sym.st_info) : -1;
          if ((type != STT_OBJECT && type != STT_FUNC) || sym.st_shndx == SHN_UNDEF
              || sym.st_shndx >= SHN_LORESERVE
              || (in = elf_getscn (f->v->elf, sym.st_shndx)) == NULL
              || gelf_getshdr (in, &where) == NULL || !(where.sh_flags & SHF_ALLOC)
              || where.sh_addr == 0 || addr < sym.st_value
              || (addr - sym.st_value >= sym.st_size && addr != sym.st_value))
            continue;
          const char *name = elf_strptr (f->v->elf, sh.sh_link, sym.st_name);
          if (name && *name && (best == NULL || sym.st_value > best_value))
            {
              best = name;
              best_value = sym.st_value;
            }
        }
    }
  const struct ebpf_function *fn;
  if (best == NULL && code && (fn = ebpf_lines_function_at (f->v->lines, addr)) != NULL)
    {
      best = fn->name;
      best_value = fn->low;
    }
  if (best && addr == best_value)
    fprintf (f->out, " <%s>", best);
  else if (best)
    fprintf (f->out, " <%s+%" PRIu64 ">", best, addr - best_value);
}

/* A char array as a string, GDB's way: one trailing NUL dropped, runs
 * of more than REPEAT_THRESHOLD equal chars as <repeats N times>.  */
static void
format_string (struct fmt *f, const uint8_t *b, size_t n)
{
  if (n > 0 && b[n - 1] == 0)
    n--;
  if (n == 0)
    {
      fputs ("\"\"", f->out);
      return;
    }
  bool quoted = false, first = true;
  size_t i = 0, printed = 0;
  while (i < n && printed < PRINT_ELEMENTS)
    {
      size_t run = 1;
      while (i + run < n && b[i + run] == b[i])
        run++;
      if (run > REPEAT_THRESHOLD)
        {
          fputs (quoted ? "\", " : first ? "" : ", ", f->out);
          quoted = false;
          fputc ('\'', f->out);
          put_char_escaped (f->out, b[i], '\'');
          fprintf (f->out, "' <repeats %zu times>", run);
          i += run;
          printed += REPEAT_THRESHOLD;
        }
      else
        {
          if (!quoted)
            fputs (first ? "\"" : ", \"", f->out);
          quoted = true;
          put_char_escaped (f->out, b[i], '"');
          i++;
          printed++;
        }
      first = false;
    }
  if (quoted)
    fputc ('"', f->out);
  if (i < n)
    fputs ("...", f->out);
}

static void
format_array (struct fmt *f, const struct ebpf_type_info *info, const uint8_t *b,
              const uint8_t *missing, size_t size, int depth)
{
  struct ebpf_error ignored;
  struct ebpf_type_info et;
  uint64_t elem = info->target.id;
  if (!info->bounded)
    {
      fputs ("0x... <unknown length>", f->out);
      return;
    }
  if (type_get (f->v, strip_id (f->v, elem), &et, &ignored, 0) != 0)
    {
      fputs ("<unknown element type>", f->out);
      return;
    }
  size_t es = (size_t) et.size, n = (size_t) info->count;
  if (es == 0 || (uint64_t) es * n > size)
    {
      fputs ("{}", f->out);
      return;
    }
  uint8_t why;
  if (et.kind == EBPF_TYPE_CHAR && es == 1 && !range_missing (missing, 0, n, &why))
    {
      format_string (f, b, n);
      return;
    }
  fputc ('{', f->out);
  size_t i = 0, printed = 0;
  while (i < n && printed < PRINT_ELEMENTS)
    {
      size_t run = 1;
      while (i + run < n && memcmp (b + i * es, b + (i + run) * es, es) == 0
             && (missing == NULL
                 || memcmp (missing + i * es, missing + (i + run) * es, es) == 0))
        run++;
      if (i)
        fputs (", ", f->out);
      format_bytes (f, elem, b + i * es, missing ? missing + i * es : NULL, es, depth + 1);
      if (run > REPEAT_THRESHOLD)
        {
          fprintf (f->out, " <repeats %zu times>", run);
          i += run;
          printed += REPEAT_THRESHOLD;
        }
      else
        {
          i++;
          printed++;
        }
    }
  if (i < n)
    fputs ("...", f->out);
  fputc ('}', f->out);
}

static void
format_struct (struct fmt *f, uint64_t id, const uint8_t *b, const uint8_t *missing,
               size_t size, int depth)
{
  Dwarf_Die die, c;
  fputc ('{', f->out);
  bool first = true;
  if (type_die (f->v, id, &die) && dwarf_child (&die, &c) == 0)
    do
      {
        if (dwarf_tag (&c) != DW_TAG_member)
          continue;
        struct ebpf_member m;
        member_from_die (f->v, &c, &m);
        if (!first)
          fputs (", ", f->out);
        first = false;
        if (m.name)
          fprintf (f->out, "%s = ", m.name);
        struct ebpf_error ignored;
        struct ebpf_type_info mt;
        if (type_get (f->v, strip_id (f->v, m.type.id), &mt, &ignored, 0) != 0)
          {
            fputs ("<unknown type>", f->out);
            continue;
          }
        if (m.bit_size)
          {
            uint64_t x;
            uint8_t tmp[16] = { 0 };
            size_t ts = mt.size && mt.size <= 16 ? (size_t) mt.size : 8;
            if (!extract_bits (f->v, b, missing, size, &m, mt.is_signed, &x))
              {
                uint8_t why = MISSING_OUT;
                range_missing (missing, m.offset, 1, &why);
                fputs (why == MISSING_NOT_SAVED ? "<not saved>" : "<optimized out>", f->out);
                continue;
              }
            put_uint (f->v->big_endian, tmp, ts, x);
            format_bytes (f, m.type.id, tmp, NULL, ts, depth + 1);
            continue;
          }
        if (m.offset > size || mt.size > size - m.offset)
          {
            fputs ("<beyond the value>", f->out);
            continue;
          }
        format_bytes (f, m.type.id, b + m.offset, missing ? missing + m.offset : NULL,
                      (size_t) mt.size, depth + 1);
      }
    while (dwarf_siblingof (&c, &c) == 0);
  fputc ('}', f->out);
}

static void
format_bytes (struct fmt *f, uint64_t id, const uint8_t *b, const uint8_t *missing,
              size_t size, int depth)
{
  struct ebpf_error err;
  struct ebpf_type_info info;
  id = strip_id (f->v, id);
  if (depth > 32)
    {
      fputs ("...", f->out);
      return;
    }
  if (type_get (f->v, id, &info, &err, 0) != 0)
    {
      fprintf (f->out, "<error: %s>", err.message);
      return;
    }
  bool be = f->v->big_endian;
  uint8_t why = MISSING_OUT;
  bool scalar = info.kind != EBPF_TYPE_STRUCT && info.kind != EBPF_TYPE_UNION
                && info.kind != EBPF_TYPE_ARRAY;
  if (info.size > size || (scalar && range_missing (missing, 0, (size_t) info.size, &why)))
    {
      fputs (why == MISSING_NOT_SAVED ? "<not saved>" : "<optimized out>", f->out);
      return;
    }
  size_t n = (size_t) info.size;
  uint64_t x = n <= 8 ? ebpf_load_uint (b, n, be) : 0;
  switch (info.kind)
    {
    case EBPF_TYPE_INT:
      if (n > 8 || n == 0)
        {
          fputs ("0x", f->out);
          for (size_t i = 0; i < n; i++)
            fprintf (f->out, "%02x", b[be ? i : n - 1 - i]);
          if (n == 0)
            fputs ("0", f->out);
        }
      else if (info.is_signed)
        fprintf (f->out, "%" PRId64, sign_extend (x, (unsigned) n * 8));
      else
        fprintf (f->out, "%" PRIu64, x);
      return;
    case EBPF_TYPE_CHAR:
      fprintf (f->out, "%" PRId64 " '", info.is_signed ? sign_extend (x, 8) : (int64_t) x);
      put_char_escaped (f->out, (unsigned) (x & 0xff), '\'');
      fputc ('\'', f->out);
      return;
    case EBPF_TYPE_BOOL:
      if (x <= 1)
        fputs (x ? "true" : "false", f->out);
      else
        fprintf (f->out, "%" PRIu64, x);
      return;
    case EBPF_TYPE_FLOAT:
      if (n == 4)
        {
          uint32_t u = (uint32_t) x;
          float fl;
          memcpy (&fl, &u, 4);
          fprintf (f->out, "%.9g", (double) fl);
        }
      else if (n == 8)
        {
          double d;
          memcpy (&d, &x, 8);
          fprintf (f->out, "%.17g", d);
        }
      else
        fprintf (f->out, "<%zu-byte float>", n);
      return;
    case EBPF_TYPE_ENUM:
      {
        Dwarf_Die die, c;
        int64_t value = info.is_signed ? sign_extend (x, (unsigned) n * 8) : (int64_t) x;
        if (type_die (f->v, id, &die) && dwarf_child (&die, &c) == 0)
          do
            if (dwarf_tag (&c) == DW_TAG_enumerator
                && enumerator_value (&c, info.is_signed) == value && die_name (&c))
              {
                fputs (die_name (&c), f->out);
                return;
              }
          while (dwarf_siblingof (&c, &c) == 0);
        fprintf (f->out, info.is_signed ? "%" PRId64 : "%" PRIu64, value);
        return;
      }
    case EBPF_TYPE_POINTER:
      {
        fprintf (f->out, "0x%" PRIx64, x);
        struct ebpf_type_info t;
        if (x != 0)
          put_symbol (f, x, type_get (f->v, strip_id (f->v, info.target.id), &t, &err, 0) == 0
                            && t.kind == EBPF_TYPE_FUNCTION);
        return;
      }
    case EBPF_TYPE_STRUCT:
    case EBPF_TYPE_UNION:
      if (info.incomplete)
        fputs ("<incomplete type>", f->out);
      else
        format_struct (f, id, b, missing, size, depth);
      return;
    case EBPF_TYPE_ARRAY:
      format_array (f, &info, b, missing, size, depth);
      return;
    case EBPF_TYPE_VOID:
      fputs ("void", f->out);
      return;
    case EBPF_TYPE_FUNCTION:
      fputs ("<function>", f->out);
      return;
    default:
      fputs ("<unknown>", f->out);
      return;
    }
}

int
ebpf_type_format (struct ebpf_type type, const void *bytes, size_t len, FILE *out,
                  struct ebpf_error *err)
{
  struct ebpf_error local;
  if (err == NULL)
    err = &local;
  struct ebpf_type_info info;
  if (bytes == NULL || out == NULL)
    return fail (err, "ebpf_type_format: no bytes or no output");
  if (type_get (type.vars, type.id, &info, err, 0) != 0)
    return -1;
  if (info.size > len)
    return fail (err, "%zu bytes given for a value of %" PRIu64, len, info.size);
  struct fmt f = { type.vars, out };
  format_bytes (&f, type.id, bytes, NULL, len, 0);
  return 0;
}

int
ebpf_value_print (const struct ebpf_value *value, FILE *out)
{
  if (value == NULL || out == NULL || value->type.vars == NULL || value->bytes == NULL)
    return -1;
  const ebpf_vars *v = value->type.vars;
  if (value->where == EBPF_LOCATION_NONE || all_missing (value))
    {
      bool not_saved = value->missing && value->size && value->missing[0] == MISSING_NOT_SAVED;
      fputs (not_saved ? "<not saved>" : "<optimized out>", out);
      return 0;
    }
  struct ebpf_type_info info;
  struct ebpf_error ignored;
  if (type_get (v, strip_id (v, value->type.id), &info, &ignored, 0) == 0
      && info.kind == EBPF_TYPE_POINTER)
    {
      uint8_t why;
      if (!range_missing (value->missing, 0, value->size, &why))
        {
          char name[256];
          ebpf_type_name (value->type, name, sizeof name);
          fprintf (out, "(%s) ", name);
        }
    }
  struct fmt f = { v, out };
  format_bytes (&f, value->type.id, value->bytes, value->missing, value->size, 0);
  return 0;
}

/* ---- The path evaluator ---------------------------------------------------- */

enum tok
{
  T_END, T_IDENT, T_NUM, T_ARROW, T_DOT, T_LBRACK, T_RBRACK, T_STAR, T_AMP,
  T_LPAREN, T_RPAREN, T_PLUS, T_MINUS, T_BAD,
};

struct parser
{
  struct env *e;
  const char *text, *p, *start;   /* START: where the current token began */
  enum tok t;
  char ident[128];
  uint64_t num;
  struct ebpf_error *err;
  int depth;
};

static void
next (struct parser *ps)
{
  const char *p = ps->p;
  while (*p == ' ' || *p == '\t')
    p++;
  ps->start = p;
  if (*p == 0)
    ps->t = T_END;
  else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_')
    {
      size_t n = 0;
      while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_'
             || (*p >= '0' && *p <= '9'))
        {
          if (n + 1 < sizeof ps->ident)
            ps->ident[n++] = *p;
          p++;
        }
      ps->ident[n] = 0;
      ps->t = T_IDENT;
    }
  else if (*p >= '0' && *p <= '9')
    {
      char *end;
      ps->num = strtoull (p, &end, 0);
      p = end;
      while (*p == 'u' || *p == 'U' || *p == 'l' || *p == 'L')
        p++;
      ps->t = ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_')
              ? T_BAD : T_NUM;
    }
  else
    {
      ps->t = T_BAD;
      switch (*p)
        {
        case '-':
          ps->t = p[1] == '>' ? T_ARROW : T_MINUS;
          p += p[1] == '>';
          break;
        case '.': ps->t = T_DOT; break;
        case '[': ps->t = T_LBRACK; break;
        case ']': ps->t = T_RBRACK; break;
        case '*': ps->t = T_STAR; break;
        case '&': ps->t = T_AMP; break;
        case '(': ps->t = T_LPAREN; break;
        case ')': ps->t = T_RPAREN; break;
        case '+': ps->t = T_PLUS; break;
        }
      if (ps->t != T_BAD)
        p++;
    }
  ps->p = p;
}

static int
syntax_error (struct parser *ps)
{
  return fail (ps->err, "A syntax error in expression, near `%s'.", ps->start);
}

static int parse_additive (struct parser *ps, struct ebpf_value *out);

static int
value_long (struct parser *ps, struct ebpf_value *out, uint64_t x)
{
  value_scalar (out, ps->e->vars, ID_BUILTIN | BUILTIN_LONG, x);
  return 0;
}

/* After "(": a type name and ")" when the text there is one (1); 0
 * when it is not, -1 with an error when it names no type but must
 * (it starts with a keyword such as "struct").  */
static int
try_cast_type (struct parser *ps, struct ebpf_type *type)
{
  const char *close = strchr (ps->start, ')');
  if (ps->t != T_IDENT || close == NULL || close - ps->start >= 250)
    return 0;
  char text[256];
  memcpy (text, ps->start, (size_t) (close - ps->start));
  text[close - ps->start] = 0;
  for (const char *c = text; *c; c++)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || *c == '_' || *c == ' '
          || *c == '*' || *c == '\t' || (*c >= '0' && *c <= '9')))
      return 0;
  bool keyword = strcmp (ps->ident, "struct") == 0 || strcmp (ps->ident, "union") == 0
                 || strcmp (ps->ident, "enum") == 0 || strcmp (ps->ident, "const") == 0
                 || strcmp (ps->ident, "volatile") == 0 || strcmp (ps->ident, "unsigned") == 0
                 || strcmp (ps->ident, "signed") == 0 || strcmp (ps->ident, "void") == 0;
  struct ebpf_variable var;
  struct ebpf_error ignored;
  if (!keyword && ebpf_vars_find (ps->e->vars, ps->e->pc, ps->ident, &var, &ignored) == 0)
    return 0;
  if (ebpf_vars_find_type (ps->e->vars, text, type, keyword ? ps->err : &ignored) != 0)
    return keyword ? -1 : 0;
  ps->p = close + 1;
  next (ps);
  return 1;
}

static int parse_unary (struct parser *ps, struct ebpf_value *out);

static int
parse_primary (struct parser *ps, struct ebpf_value *out)
{
  if (ps->t == T_IDENT)
    {
      struct ebpf_variable var;
      if (ebpf_vars_find (ps->e->vars, ps->e->frame ? ps->e->pc : 0, ps->ident, &var,
                          ps->err) != 0
          || value_of_var (ps->e, &var, out, ps->err) != 0)
        return -1;
      next (ps);
      return 0;
    }
  if (ps->t == T_NUM)
    {
      value_long (ps, out, ps->num);
      next (ps);
      return 0;
    }
  if (ps->t == T_LPAREN)
    {
      next (ps);
      struct ebpf_type type;
      int cast = try_cast_type (ps, &type);
      if (cast < 0)
        return -1;
      if (cast > 0)
        {
          struct ebpf_value v;
          struct ebpf_type_info ti;
          uint64_t x;
          bool ptr;
          if (parse_unary (ps, &v) != 0)
            return -1;
          if (type_get (type.vars, strip_id (type.vars, type.id), &ti, ps->err, 0) != 0
              || value_u64 (&v, &x, &ptr, NULL, ps->err) != 0)
            {
              ebpf_value_clear (&v);
              return -1;
            }
          ebpf_value_clear (&v);
          if (ti.kind != EBPF_TYPE_INT && ti.kind != EBPF_TYPE_CHAR && ti.kind != EBPF_TYPE_BOOL
              && ti.kind != EBPF_TYPE_ENUM && ti.kind != EBPF_TYPE_POINTER)
            return fail (ps->err, "Invalid cast.");
          value_scalar (out, ps->e->vars, type.id, x);
          return 0;
        }
      if (parse_additive (ps, out) != 0)
        return -1;
      if (ps->t != T_RPAREN)
        {
          ebpf_value_clear (out);
          return syntax_error (ps);
        }
      next (ps);
      return 0;
    }
  return syntax_error (ps);
}

static int
parse_postfix (struct parser *ps, struct ebpf_value *out)
{
  if (parse_primary (ps, out) != 0)
    return -1;
  for (;;)
    {
      if (ps->t == T_DOT || ps->t == T_ARROW)
        {
          bool arrow = ps->t == T_ARROW;
          next (ps);
          if (ps->t != T_IDENT)
            {
              ebpf_value_clear (out);
              return fail (ps->err, "expected a member name after `%s'", arrow ? "->" : ".");
            }
          if (value_member (ps->e, out, ps->ident, ps->err) != 0)
            {
              ebpf_value_clear (out);
              return -1;
            }
          next (ps);
        }
      else if (ps->t == T_LBRACK)
        {
          struct ebpf_value index;
          uint64_t i;
          bool ptr;
          next (ps);
          if (parse_additive (ps, &index) != 0)
            {
              ebpf_value_clear (out);
              return -1;
            }
          int r = value_u64 (&index, &i, &ptr, NULL, ps->err);
          ebpf_value_clear (&index);
          if (r != 0 || ptr || ps->t != T_RBRACK)
            {
              ebpf_value_clear (out);
              return r != 0 ? -1 : ptr ? fail (ps->err, "the index is not an integer")
                                       : syntax_error (ps);
            }
          next (ps);
          if (value_index (ps->e, out, (int64_t) i, ps->err) != 0)
            {
              ebpf_value_clear (out);
              return -1;
            }
        }
      else
        return 0;
    }
}

static int
parse_unary (struct parser *ps, struct ebpf_value *out)
{
  if (++ps->depth > 100)
    return fail (ps->err, "expression nests too deeply");
  enum tok t = ps->t;
  int r;
  if (t == T_STAR || t == T_AMP || t == T_MINUS)
    {
      next (ps);
      if (parse_unary (ps, out) != 0)
        return -1;
      if (t == T_STAR)
        r = value_deref (ps->e, out, ps->err);
      else if (t == T_AMP)
        r = value_address (ps->e, out, ps->err);
      else
        {
          uint64_t x;
          bool ptr;
          r = value_u64 (out, &x, &ptr, NULL, ps->err);
          if (r == 0 && ptr)
            r = fail (ps->err, "Argument to arithmetic operation not a number or boolean.");
          ebpf_value_clear (out);
          if (r == 0)
            value_long (ps, out, -x);
          r = r ? -1 : 0;
          ps->depth--;
          return r;
        }
      if (r != 0)
        ebpf_value_clear (out);
    }
  else
    r = parse_postfix (ps, out);
  ps->depth--;
  return r;
}

static int
parse_additive (struct parser *ps, struct ebpf_value *out)
{
  if (parse_unary (ps, out) != 0)
    return -1;
  while (ps->t == T_PLUS || ps->t == T_MINUS)
    {
      bool plus = ps->t == T_PLUS;
      struct ebpf_value rhs;
      next (ps);
      if (parse_unary (ps, &rhs) != 0)
        {
          ebpf_value_clear (out);
          return -1;
        }
      uint64_t x, y, tx = 0, ty = 0, sx = 1, sy = 1;
      bool px, py;
      int r = value_u64 (out, &x, &px, &tx, ps->err);
      if (r == 0)
        r = value_u64 (&rhs, &y, &py, &ty, ps->err);
      struct ebpf_error ignored;
      if (r == 0 && px && (type_size (ps->e->vars, tx, &sx, &ignored, 0) != 0 || sx == 0))
        sx = 1;
      if (r == 0 && py && (type_size (ps->e->vars, ty, &sy, &ignored, 0) != 0 || sy == 0))
        sy = 1;
      ebpf_value_clear (out);
      ebpf_value_clear (&rhs);
      if (r != 0)
        return -1;
      if (px && py)
        {
          if (plus || sx != sy)
            return fail (ps->err, "%s", plus ? "Cannot add two pointers."
                                             : "First argument of `-' is a pointer and "
                                               "second argument is neither\nan integer nor "
                                               "a pointer of the same type.");
          value_long (ps, out, (uint64_t) ((int64_t) (x - y) / (int64_t) sx));
        }
      else if (px || py)
        {
          if (py && !plus)
            return fail (ps->err, "Cannot subtract a pointer from an integer.");
          uint64_t p = px ? x : y, k = px ? y : x, s = px ? sx : sy, t = px ? tx : ty;
          value_scalar (out, ps->e->vars, t + ID_PTR_ONE, plus ? p + k * s : p - k * s);
        }
      else
        value_long (ps, out, plus ? x + y : x - y);
    }
  return 0;
}

int
ebpf_vars_eval (ebpf_vars *vars, const struct ebpf_frame_info *frame,
                ebpf_read_memory_fn read, void *read_ctx, const char *expr,
                struct ebpf_value *value, struct ebpf_error *err)
{
  struct ebpf_error local;
  if (err == NULL)
    err = &local;
  if (value)
    memset (value, 0, sizeof *value);
  if (vars == NULL || expr == NULL || value == NULL)
    return fail (err, "ebpf_vars_eval: no variables tables, expression or place for "
                 "the answer");
  struct env e;
  env_init (&e, vars, frame, read, read_ctx);
  struct parser ps = { .e = &e, .text = expr, .p = expr, .err = err };
  next (&ps);
  if (ps.t == T_END)
    return fail (err, "an empty expression");
  if (parse_additive (&ps, value) != 0)
    return -1;
  if (ps.t != T_END)
    {
      ebpf_value_clear (value);
      return syntax_error (&ps);
    }
  return 0;
}
