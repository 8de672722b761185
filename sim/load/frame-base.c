/* frame-base.c — LLVM's BPF frame bases (see frame-base.h): how big a
 * function's frame is, read from its code and its variables, and the
 * debug image's rewrite of DW_OP_reg10 frame bases, byte for byte in
 * place so that no offset in the DWARF moves.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <dwarf.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include "frame-base.h"
#include "core/byteorder.h"
#include "xalloc.h"


static bool
image_big_endian (Elf *image)
{
  const char *id = elf_getident (image, NULL);
  return id != NULL && id[EI_DATA] == ELFDATA2MSB;
}

/* The LEN bytes of code at ADDR in IMAGE, inside one executable
 * section; NULL when they are not all there.  */
static const uint8_t *
image_code (Elf *image, uint64_t addr, uint64_t len)
{
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn (image, scn)) != NULL)
    {
      GElf_Shdr sh;
      if (gelf_getshdr (scn, &sh) == NULL || !(sh.sh_flags & SHF_EXECINSTR)
          || sh.sh_type != SHT_PROGBITS || addr < sh.sh_addr
          || addr - sh.sh_addr > sh.sh_size || len > sh.sh_size - (addr - sh.sh_addr))
        continue;
      Elf_Data *d = elf_getdata (scn, NULL);
      if (d == NULL || d->d_buf == NULL || d->d_size != sh.sh_size)
        return NULL;
      return (const uint8_t *) d->d_buf + (addr - sh.sh_addr);
    }
  return NULL;
}

/* What the code of a function tells of its frame.  */
struct code_frame
{
  uint64_t deepest;   /* the deepest r10-relative byte it touches */
  unsigned widest;    /* the widest stack access: objects are aligned to it */
  bool calls;         /* a call: LLVM then aligns the frame to 8 */
};

/* Reads the code in [LOW, HIGH) into CF.  It follows copies of r10 and
 * constants added to them (the address of a stack object passed to a
 * helper).  */
static void
code_frame (Elf *image, uint64_t low, uint64_t high, struct code_frame *cf)
{
  if (high <= low || high - low > (UINT64_C (1) << 24))
    return;
  const uint8_t *code = image_code (image, low, high - low);
  if (code == NULL)
    return;
  bool be = image_big_endian (image);
  size_t len = (size_t) (high - low);
  bool derived[11] = { false };
  int64_t delta[11] = { 0 };
  for (size_t at = 0; at + 8 <= len; at += 8)
    {
      const uint8_t *in = code + at;
      uint8_t op = in[0];
      unsigned dst = be ? in[1] >> 4 : in[1] & 15;
      unsigned src = be ? in[1] & 15 : in[1] >> 4;
      int16_t off = (int16_t) ebpf_load_uint (in + 2, 2, be);
      int32_t imm = (int32_t) ebpf_load_uint (in + 4, 4, be);
      if (dst > 10 || src > 10)
        continue;
      derived[10] = true;
      delta[10] = 0;
      unsigned cls = op & 7;
      static const unsigned char width[4] = { 4, 2, 1, 8 };
      int64_t depth = 0;
      switch (cls)
        {
        case 0:   /* BPF_LD: lddw takes two slots */
          if (op == 0x18)
            at += 8;
          if (dst != 10)
            derived[dst] = false;
          break;
        case 1:   /* BPF_LDX */
          if (derived[src])
            {
              depth = -(delta[src] + off);
              if (width[(op >> 3) & 3] > cf->widest)
                cf->widest = width[(op >> 3) & 3];
            }
          if (dst != 10)
            derived[dst] = false;
          break;
        case 2:
        case 3:   /* BPF_ST, BPF_STX (atomics too) */
          if (derived[dst])
            {
              depth = -(delta[dst] + off);
              if (width[(op >> 3) & 3] > cf->widest)
                cf->widest = width[(op >> 3) & 3];
            }
          if (cls == 3 && (op & 0xe0) == 0xc0)
            {
              derived[src] = src == 10;
              derived[0] = false;
            }
          break;
        case 7:   /* BPF_ALU64 */
          {
            unsigned alu = op & 0xf0;
            bool x = op & 8;
            if (dst == 10)
              break;
            if (alu == 0xb0 && x && off == 0)
              {
                derived[dst] = derived[src];
                delta[dst] = delta[src];
              }
            else if (alu == 0x00 && !x && derived[dst])
              delta[dst] += imm;
            else if (alu == 0x10 && !x && derived[dst])
              delta[dst] -= imm;
            else
              derived[dst] = false;
            if (derived[dst])
              depth = -delta[dst];
            break;
          }
        case 4:   /* BPF_ALU */
          if (dst != 10)
            derived[dst] = false;
          break;
        default:  /* jumps; a call clobbers r0-r5 */
          if ((op & 0xf0) == 0x80)
            {
              cf->calls = true;
              for (int r = 0; r <= 5; r++)
                derived[r] = false;
            }
          break;
        }
      if (depth > 0 && (uint64_t) depth > cf->deepest && depth <= 0x10000)
        cf->deepest = (uint64_t) depth;
    }
}

/* The alignment of type DIE, by C's rules: DW_AT_alignment, else a
 * scalar's size, an array's element's, a struct's widest member's.  */
static uint64_t
type_alignment (Dwarf_Die *die, int depth, int *budget)
{
  Dwarf_Attribute a;
  Dwarf_Word w;
  Dwarf_Die t = *die, m;
  for (; depth < 16 && --*budget > 0; depth++)
    {
      if (dwarf_attr (&t, DW_AT_alignment, &a) != NULL && dwarf_formudata (&a, &w) == 0)
        return w ? w : 1;
      int tag = dwarf_tag (&t);
      if (tag == DW_TAG_structure_type || tag == DW_TAG_union_type
          || tag == DW_TAG_class_type)
        {
          uint64_t most = 1;
          Dwarf_Die mt;
          if (dwarf_child (&t, &m) == 0)
            do
              if (dwarf_tag (&m) == DW_TAG_member
                  && dwarf_attr (&m, DW_AT_type, &a) != NULL
                  && dwarf_formref_die (&a, &mt) != NULL)
                {
                  uint64_t x = type_alignment (&mt, depth + 1, budget);
                  if (x > most)
                    most = x;
                }
            while (--*budget > 0 && dwarf_siblingof (&m, &m) == 0);
          return most;
        }
      if (tag == DW_TAG_pointer_type || tag == DW_TAG_reference_type)
        return 8;
      if (tag == DW_TAG_base_type || tag == DW_TAG_enumeration_type)
        {
          Dwarf_Word size;
          if (dwarf_aggregate_size (&t, &size) != 0 || size == 0)
            return 1;
          return size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1;
        }
      if (dwarf_attr (&t, DW_AT_type, &a) == NULL || dwarf_formref_die (&a, &t) == NULL)
        return 1;   /* typedef, qualifiers, arrays: what they are of */
    }
  return 1;
}

/* What the variables of a function under DIE tell of its frame.  */
struct var_frame
{
  bool negative;     /* an fbreg offset below zero: counted from r10 */
  uint64_t reach;    /* how far up from the bottom the variables reach */
  uint64_t align;    /* their largest alignment */
};

/* Walks the DIEs under DIE for DW_OP_fbreg operands.  */
static void
scan_fbreg (Dwarf_Die *die, struct var_frame *vf, int depth)
{
  Dwarf_Die c;
  if (depth > 32 || dwarf_child (die, &c) != 0)
    return;
  do
    {
      Dwarf_Attribute a;
      if (dwarf_attr (&c, DW_AT_location, &a) != NULL)
        {
          Dwarf_Word size = 0;
          uint64_t align = 1;
          Dwarf_Attribute ta;
          Dwarf_Die type;
          if (dwarf_attr_integrate (&c, DW_AT_type, &ta) == NULL
              || dwarf_formref_die (&ta, &type) == NULL
              || dwarf_aggregate_size (&type, &size) != 0)
            size = 1;
          else
            {
              int budget = 4096;   /* DIEs looked at: crafted types end */
              align = type_alignment (&type, 0, &budget);
            }
          ptrdiff_t off = 0;
          Dwarf_Addr base, start, end;
          Dwarf_Op *ops;
          size_t n;
          while ((off = dwarf_getlocations (&a, off, &base, &start, &end, &ops, &n)) > 0)
            for (size_t i = 0; i < n; i++)
              if (ops[i].atom == DW_OP_fbreg)
                {
                  int64_t o = (int64_t) ops[i].number;
                  if (o < 0)
                    vf->negative = true;
                  else if ((uint64_t) o + size > vf->reach)
                    vf->reach = (uint64_t) o + size;
                  if (align > vf->align)
                    vf->align = align;
                }
        }
      scan_fbreg (&c, vf, depth + 1);
    }
  while (dwarf_siblingof (&c, &c) == 0);
}

/* LLVM rounds a frame up to the stack alignment (8) in a function that
 * calls, else to the largest alignment of its stack objects.  */
bool
ebpf_frame_counts_from_bottom (Elf *image, Dwarf_Die *sub, uint64_t *size)
{
  struct var_frame vf = { false, 0, 1 };
  struct code_frame cf = { 0, 1, false };
  scan_fbreg (sub, &vf, 0);
  Dwarf_Addr base, start, end;
  ptrdiff_t off = 0;
  while ((off = dwarf_ranges (sub, off, &base, &start, &end)) > 0)
    code_frame (image, start, end, &cf);
  uint64_t align = cf.calls ? 8 : cf.widest > vf.align ? cf.widest : vf.align;
  if (align > 8 || (align & (align - 1)))
    align = 8;
  uint64_t deepest = cf.deepest > vf.reach ? cf.deepest : vf.reach;
  *size = (deepest + align - 1) & ~(align - 1);
  return !vf.negative;
}

/* ---- The rewrite ----------------------------------------------------------- */

/* One DIE whose frame base is DW_OP_reg10, and its abbreviation.  */
struct fix
{
  size_t abbrev;     /* index in the abbreviation list */
  uint8_t *high_pc;  /* the attributes' bytes in the image */
  uint8_t *frame_base;
  uint64_t length;   /* DW_AT_high_pc's value: the function's length */
  int64_t base;      /* the new frame base, r10 + BASE */
  size_t first_op, end_op;  /* its variables' DW_OP_breg10 to make fbreg */
};

/* An abbreviation of such DIEs: where the form of its DW_AT_high_pc is
 * in the image, and whether every DIE of it can be rewritten.  */
struct abbrev
{
  uint64_t table;    /* offset of its table in .debug_abbrev */
  uint64_t code;
  bool ok;
};

static uint64_t
read_uleb (const uint8_t **p, const uint8_t *end)
{
  uint64_t v = 0;
  for (unsigned shift = 0; *p < end; shift += 7)
    {
      uint8_t b = *(*p)++;
      if (shift < 64)
        v |= (uint64_t) (b & 0x7f) << shift;
      if (!(b & 0x80))
        break;
    }
  return v;
}

/* The byte in .debug_abbrev (SEC, LEN bytes) holding the form of
 * DW_AT_high_pc in abbreviation CODE of the table at TABLE; NULL if
 * there is none or it is not a one-byte data4 or data8.  */
static uint8_t *
high_pc_form (uint8_t *sec, size_t len, uint64_t table, uint64_t code)
{
  if (table >= len)
    return NULL;
  const uint8_t *p = sec + table, *end = sec + len;
  while (p < end)
    {
      uint64_t c = read_uleb (&p, end);
      if (c == 0)
        return NULL;
      read_uleb (&p, end);       /* tag */
      p++;                       /* children */
      while (p < end)
        {
          uint64_t name = read_uleb (&p, end);
          const uint8_t *form_at = p;
          uint64_t form = read_uleb (&p, end);
          if (form == DW_FORM_implicit_const)
            read_uleb (&p, end);  /* an sleb128: its length is all we need */
          if (name == 0 && form == 0)
            break;
          if (c == code && name == DW_AT_high_pc)
            return (form == DW_FORM_data4 || form == DW_FORM_data8) && p == form_at + 1
                   ? (uint8_t *) form_at : NULL;
        }
    }
  return NULL;
}

static size_t
abbrev_index (struct abbrev **list, size_t *n, uint64_t table, uint64_t code)
{
  for (size_t i = 0; i < *n; i++)
    if ((*list)[i].table == table && (*list)[i].code == code)
      return i;
  *list = ebpf_xrealloc (*list, (*n + 1) * sizeof **list);
  (*list)[*n] = (struct abbrev) { table, code, true };
  return (*n)++;
}

struct walk
{
  Elf *elf;
  const uint8_t *image;
  size_t len;
  bool be;
  uint64_t table;
  uint8_t *loclists, *loc;     /* .debug_loclists, .debug_loc */
  size_t loclists_len, loc_len;
  unsigned version;            /* the unit's DWARF version */
  bool incomplete;             /* some DIE was not looked at */
  uint64_t loclists_base;      /* its DW_AT_loclists_base */
  uint8_t **ops;               /* DW_OP_breg10 bytes to rewrite */
  size_t n_ops;
  struct abbrev *abbrevs;
  size_t n_abbrevs;
  struct fix *fixes;
  size_t n_fixes;
};

static bool
in_image (const struct walk *w, const uint8_t *p, size_t n)
{
  return p >= w->image && p <= w->image + w->len && n <= (size_t) (w->image + w->len - p);
}

static void
note_op (struct walk *w, uint8_t *op)
{
  w->ops = ebpf_xrealloc (w->ops, (w->n_ops + 1) * sizeof *w->ops);
  w->ops[w->n_ops++] = op;
}

/* Notes the expression of LEN bytes at P if it starts with DW_OP_breg10
 * and an offset not below zero: LLVM's location of a stack object from
 * the bottom of the frame, which is DW_OP_fbreg with the same operand
 * once the frame base is right.  */
static void
note_expression (struct walk *w, uint8_t *p, uint64_t len)
{
  if (len >= 2 && p[0] == DW_OP_breg10)
    {
      const uint8_t *q = p + 1, *end = p + len;
      while (q < end && (*q & 0x80))
        q++;
      if (q < end && !(*q & 0x40))   /* the sleb128's sign bit */
        note_op (w, p);
    }
}

/* The expressions of the DWARF 5 location list at OFF in .debug_loclists.  */
static void
note_loclist (struct walk *w, uint64_t off)
{
  if (w->loclists == NULL || off >= w->loclists_len)
    return;
  const uint8_t *p = w->loclists + off, *end = w->loclists + w->loclists_len;
  for (int n = 0; p < end && n < 4096; n++)
    {
      uint8_t kind = *p++;
      switch (kind)
        {
        case DW_LLE_end_of_list:
          return;
        case DW_LLE_base_addressx:
          read_uleb (&p, end);
          continue;
        case DW_LLE_base_address:
          p += 8;
          continue;
        case DW_LLE_startx_endx: case DW_LLE_startx_length: case DW_LLE_offset_pair:
          read_uleb (&p, end);
          read_uleb (&p, end);
          break;
        case DW_LLE_default_location:
          break;
        case DW_LLE_start_end:
          p += 16;
          break;
        case DW_LLE_start_length:
          p += 8;
          read_uleb (&p, end);
          break;
        default:
          return;
        }
      if (p >= end)
        return;
      uint64_t len = read_uleb (&p, end);
      if (len > (uint64_t) (end - p))
        return;
      note_expression (w, (uint8_t *) p, len);
      p += len;
    }
}

/* The expressions of the DWARF 4 location list at OFF in .debug_loc.  */
static void
note_loc (struct walk *w, uint64_t off)
{
  if (w->loc == NULL || off >= w->loc_len)
    return;
  const uint8_t *p = w->loc + off, *end = w->loc + w->loc_len;
  for (int n = 0; end - p >= 16 && n < 4096; n++)
    {
      uint64_t a = ebpf_load_uint (p, 8, w->be), b = ebpf_load_uint (p + 8, 8, w->be);
      p += 16;
      if (a == 0 && b == 0)
        return;
      if (a == UINT64_MAX)
        continue;
      if (end - p < 2)
        return;
      uint64_t len = ebpf_load_uint (p, 2, w->be);
      p += 2;
      if (len > (uint64_t) (end - p))
        return;
      note_expression (w, (uint8_t *) p, len);
      p += len;
    }
}

/* Notes the locations of the variables under DIE, down to but not into
 * nested functions.  */
static void
note_variables (struct walk *w, Dwarf_Die *die, int depth)
{
  Dwarf_Die c;
  if (depth > 32 || dwarf_child (die, &c) != 0)
    return;
  do
    {
      Dwarf_Attribute a;
      Dwarf_Word x;
      if (dwarf_tag (&c) == DW_TAG_subprogram)
        continue;
      if (dwarf_attr (&c, DW_AT_location, &a) != NULL)
        {
          if ((a.form == DW_FORM_exprloc || a.form == DW_FORM_block1)
              && in_image (w, a.valp, 1))
            {
              const uint8_t *p = a.valp;
              uint64_t len = a.form == DW_FORM_block1 ? *p++
                             : read_uleb (&p, w->image + w->len);
              if (in_image (w, p, len))
                note_expression (w, (uint8_t *) p, len);
            }
          else if (a.form == DW_FORM_loclistx && dwarf_formudata (&a, &x) == 0
                   && w->loclists != NULL && w->loclists_base >= 12
                   && w->loclists_base <= w->loclists_len
                   && x < (w->loclists_len - w->loclists_base) / 4)
            note_loclist (w, w->loclists_base
                          + ebpf_load_uint (w->loclists + w->loclists_base + 4 * x, 4, w->be));
          else if (a.form == DW_FORM_sec_offset && dwarf_formudata (&a, &x) == 0)
            {
              if (w->version >= 5)
                note_loclist (w, x);
              else
                note_loc (w, x);
            }
        }
      note_variables (w, &c, depth + 1);
    }
  while (dwarf_siblingof (&c, &c) == 0);
}

/* Notes DIE if it has a frame base: a fix when it can be rewritten, else
 * its abbreviation spoiled.  */
static void
note_die (struct walk *w, Dwarf_Die *die)
{
  Dwarf_Attribute fb, hp;
  if (dwarf_attr (die, DW_AT_frame_base, &fb) == NULL)
    return;
  const uint8_t *p = die->addr;
  if (!in_image (w, p, 1))
    {
      w->incomplete = true;
      return;
    }
  size_t a = abbrev_index (&w->abbrevs, &w->n_abbrevs, w->table,
                           read_uleb (&p, w->image + w->len));
  unsigned hs = 0;
  if (dwarf_attr (die, DW_AT_high_pc, &hp) != NULL)
    hs = hp.form == DW_FORM_data4 ? 4 : hp.form == DW_FORM_data8 ? 8 : 0;
  uint64_t size = 0;
  bool bottom = ebpf_frame_counts_from_bottom (w->elf, die, &size);
  if (size > 0x10000)
    bottom = false, hs = 0;   /* no BPF frame is that big: leave it */
  int64_t base = bottom ? -(int64_t) size : 0;
  if (hs == 0 || (fb.form != DW_FORM_exprloc && fb.form != DW_FORM_block1)
      || !in_image (w, fb.valp, 2) || !in_image (w, hp.valp, hs)
      || fb.valp[0] != 1 || fb.valp[1] != DW_OP_reg10
      || ebpf_load_uint (hp.valp, hs, w->be) > 0xffff
      || base < -(INT64_C (1) << (7 * (hs - 2) - 1)))
    {
      w->abbrevs[a].ok = false;
      return;
    }
  size_t first_op = w->n_ops;
  if (bottom)
    note_variables (w, die, 0);
  w->fixes = ebpf_xrealloc (w->fixes, (w->n_fixes + 1) * sizeof *w->fixes);
  w->fixes[w->n_fixes++] = (struct fix) {
    a, (uint8_t *) hp.valp, (uint8_t *) fb.valp, ebpf_load_uint (hp.valp, hs, w->be), base,
    first_op, w->n_ops
  };
}

static void
walk_dies (struct walk *w, Dwarf_Die *die, int depth)
{
  note_die (w, die);
  Dwarf_Die c;
  if (dwarf_child (die, &c) != 0)
    return;
  if (depth > 64)
    {
      w->incomplete = true;
      return;
    }
  do
    walk_dies (w, &c, depth + 1);
  while (dwarf_siblingof (&c, &c) == 0);
}

/* Rewrites one DIE's DW_AT_high_pc (HS bytes) and DW_AT_frame_base (2
 * bytes) and what lies between them in the same HS + 2 bytes: the
 * length in 2 bytes, DW_OP_breg10 BASE in HS, BASE an sleb128 padded to
 * HS - 2 bytes.  */
static void
rewrite_die (const struct fix *f, unsigned hs, bool be)
{
  uint8_t fbe[8];
  fbe[0] = (uint8_t) (hs - 1);
  fbe[1] = DW_OP_breg10;
  int64_t v = f->base;
  for (unsigned i = 2; i < hs; i++, v >>= 7)
    fbe[i] = (uint8_t) ((v & 0x7f) | (i + 1 < hs ? 0x80 : 0));
  uint8_t hp[2] = { (uint8_t) (be ? f->length >> 8 : f->length),
                    (uint8_t) (be ? f->length : f->length >> 8) };
  if (f->high_pc < f->frame_base)
    {
      uint8_t *middle = f->high_pc + hs;
      size_t n = (size_t) (f->frame_base - middle);
      memcpy (f->high_pc, hp, 2);
      memmove (f->high_pc + 2, middle, n);
      memcpy (f->high_pc + 2 + n, fbe, hs);
    }
  else
    {
      uint8_t *middle = f->frame_base + 2;
      size_t n = (size_t) (f->high_pc - middle);
      memmove (f->frame_base + hs, middle, n);
      memcpy (f->frame_base, fbe, hs);
      memcpy (f->frame_base + hs + n, hp, 2);
    }
}

/* The contents of section NAME of the image ELF, as bytes of IMAGE (LEN
 * bytes) so that they can be rewritten; NULL if it has none.  */
static uint8_t *
image_section (Elf *elf, uint8_t *image, size_t len, const char *name, size_t *size)
{
  size_t shstrndx;
  Elf_Scn *scn = NULL;
  if (elf_getshdrstrndx (elf, &shstrndx) != 0)
    return NULL;
  while ((scn = elf_nextscn (elf, scn)) != NULL)
    {
      GElf_Shdr sh;
      const char *n;
      Elf_Data *d;
      if (gelf_getshdr (scn, &sh) != NULL && sh.sh_type == SHT_PROGBITS
          && (n = elf_strptr (elf, shstrndx, sh.sh_name)) != NULL && strcmp (n, name) == 0
          && sh.sh_offset <= len && sh.sh_size <= len - sh.sh_offset
          && (d = elf_getdata (scn, NULL)) != NULL && d->d_size == sh.sh_size
          && (uint8_t *) d->d_buf == image + sh.sh_offset)
        {
          *size = sh.sh_size;
          return image + sh.sh_offset;
        }
    }
  return NULL;
}

size_t
ebpf_debug_image_fix_frame_bases (uint8_t *image, size_t len)
{
  elf_version (EV_CURRENT);
  Elf *elf = elf_memory ((char *) image, len);
  if (elf == NULL)
    return 0;
  Dwarf *dw = dwarf_begin_elf (elf, DWARF_C_READ, NULL);
  size_t abbrev_len = 0;
  uint8_t *abbrev_sec = image_section (elf, image, len, ".debug_abbrev", &abbrev_len);
  struct walk w = { .elf = elf, .image = image, .len = len, .be = image_big_endian (elf) };
  w.loclists = image_section (elf, image, len, ".debug_loclists", &w.loclists_len);
  if (w.loclists != NULL && (w.loclists_len < 12 || ebpf_load_uint (w.loclists, 4, w.be) >= 0xfffffff0))
    w.loclists = NULL;   /* DWARF64 offsets, or no header: left as they are */
  w.loc = image_section (elf, image, len, ".debug_loc", &w.loc_len);
  Dwarf_Off off = 0, next;
  size_t header;
  Dwarf_Half version;
  Dwarf_Off table;
  while (dw != NULL && abbrev_sec != NULL
         && dwarf_next_unit (dw, off, &next, &header, &version, &table,
                             NULL, NULL, NULL, NULL) == 0)
    {
      Dwarf_Die cu;
      if (version < 4 || dwarf_offdie (dw, off + header, &cu) == NULL)
        w.incomplete = true;   /* its DIEs may share an abbreviation */
      else
        {
          Dwarf_Attribute a;
          Dwarf_Word base;
          w.table = table;
          w.version = version;
          w.loclists_base = dwarf_attr (&cu, DW_AT_loclists_base, &a) != NULL
                            && dwarf_formudata (&a, &base) == 0 ? base : 0;
          walk_dies (&w, &cu, 0);
        }
      off = next;
    }
  size_t fixed = 0;
  uint8_t **forms = ebpf_xcalloc (w.n_abbrevs ? w.n_abbrevs : 1, sizeof *forms);
  for (size_t i = 0; i < w.n_abbrevs && !w.incomplete; i++)
    if (w.abbrevs[i].ok)
      forms[i] = high_pc_form (abbrev_sec, abbrev_len, w.abbrevs[i].table,
                               w.abbrevs[i].code);
  /* Abbreviation tables may overlap (crafted ones): a form byte that a
   * spoiled abbreviation reads too stays.  */
  for (size_t i = 0; i < w.n_abbrevs; i++)
    {
      uint8_t *bad = w.abbrevs[i].ok ? NULL
                     : high_pc_form (abbrev_sec, abbrev_len, w.abbrevs[i].table,
                                     w.abbrevs[i].code);
      for (size_t k = 0; bad != NULL && k < w.n_abbrevs; k++)
        if (forms[k] == bad)
          forms[k] = NULL;
    }
  /* Done reading: libdw's view of the bytes may not outlive the rewrite.  */
  dwarf_end (dw);
  elf_end (elf);
  for (size_t i = 0; i < w.n_fixes; i++)
    {
      uint8_t *form = forms[w.fixes[i].abbrev];
      if (form != NULL)
        {
          rewrite_die (&w.fixes[i], *form == DW_FORM_data4 ? 4 : 8, w.be);
          for (size_t k = w.fixes[i].first_op; k < w.fixes[i].end_op; k++)
            *w.ops[k] = DW_OP_fbreg;
          fixed++;
        }
    }
  for (size_t i = 0; i < w.n_abbrevs; i++)
    if (forms[i] != NULL)
      *forms[i] = DW_FORM_data2;
  free (forms);
  free (w.abbrevs);
  free (w.fixes);
  free (w.ops);
  return fixed;
}
