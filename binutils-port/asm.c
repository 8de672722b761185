/* asm.c — the assembler.
 *
 * Each line is a label, a directive or an instruction.  An instruction is
 * read in LLVM pseudo-C when it starts like an assignment, a store, an
 * "if" or a "goto", and in GNU/uBPF syntax otherwise; either way the
 * opcode comes from the one opcode table, found by mnemonic (GNU) or by
 * shape and operator (LLVM).  References to labels are fixed up after the
 * last line: jumps and local calls within a section become offsets, the
 * rest become relocations.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <ctype.h>
#include <elf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xalloc.h"
#include "asm-lex.h"
#include "asm.h"
#include "ebpf-opcode.h"

enum fixup_kind
{
  FIX_JUMP_OFF,    /* 16-bit pc-relative in off */
  FIX_JUMP_IMM,    /* 32-bit pc-relative in imm (ja32) */
  FIX_CALL,        /* local call: pc-relative imm, or a relocation */
  FIX_LDDW,        /* lddw of a symbol's address: a relocation */
};

struct label_ref
{
  char name[64];       /* named label, or "" for a numeric one */
  uint64_t number;     /* numeric label */
  bool forward;        /* numeric: 1f rather than 1b */
  int numeric_seen;    /* numeric definitions before the reference */
};

struct fixup
{
  enum fixup_kind kind;
  int section;
  size_t offset;       /* byte offset of the instruction */
  struct label_ref ref;
  int line, col;
};

struct numeric_label
{
  uint64_t number;
  int section;
  size_t offset;
};

struct assembler
{
  struct ebpf_asm_object *obj;
  struct ebpf_diag *diag;
  const struct ebpf_dialect *dialect;
  int section;             /* current section */
  int line;
  const char *statement;   /* the current line without comment or margins */
  struct fixup *fixups;
  int n_fixups;
  struct numeric_label *numeric;
  int n_numeric;
};

/* An error at LINE:COL, in the form the dialect asks for.  */
static void __attribute__ ((format (printf, 4, 5)))
report (struct assembler *a, int line, int col, const char *fmt, ...)
{
  char msg[400];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  if (a->dialect->binutils_2_40)
    ebpf_diag_error_gnu_as (a->diag, line, "%s", msg);
  else
    ebpf_diag_error (a->diag, line, col, "%s", msg);
}

/* ---- Object building ------------------------------------------------- */

static void *
grow (void *array, int count, size_t elem)
{
  /* Grow by doubling at powers of two.  */
  if (count == 0 || (count & (count - 1)) == 0)
    return ebpf_xrealloc (array, (size_t) (count ? count * 2 : 4) * elem);
  return array;
}


int
ebpf_asm_find_section (const struct ebpf_asm_object *obj, const char *name)
{
  for (int i = 0; i < obj->n_sections; i++)
    if (strcmp (obj->sections[i].name, name) == 0)
      return i;
  return -1;
}

/* FNV-1a: names of labels and symbols, for the symbol index.  */
static size_t
hash_name (const char *s)
{
  uint64_t h = UINT64_C (0xcbf29ce484222325);
  for (; *s; s++)
    h = (h ^ (uint8_t) *s) * UINT64_C (0x100000001b3);
  return (size_t) h;
}

/* Symbols are looked up by name for every label and reference: hashed,
 * so that a source of many labels assembles in linear time.  */
static int
find_symbol (const struct ebpf_asm_object *obj, const char *name)
{
  if (obj->index_cap == 0)
    return -1;
  size_t mask = obj->index_cap - 1;
  for (size_t h = hash_name (name) & mask;; h = (h + 1) & mask)
    {
      int i = obj->symbol_index[h];
      if (i < 0 || strcmp (obj->symbols[i].name, name) == 0)
        return i;
    }
}

static void
index_insert (struct ebpf_asm_object *obj, int i)
{
  size_t mask = obj->index_cap - 1;
  size_t h = hash_name (obj->symbols[i].name) & mask;
  while (obj->symbol_index[h] >= 0)
    h = (h + 1) & mask;
  obj->symbol_index[h] = i;
}

/* Makes room in the index for one more symbol: half full at most.  */
static void
index_reserve (struct ebpf_asm_object *obj)
{
  if ((size_t) (obj->n_symbols + 1) * 2 <= obj->index_cap)
    return;
  free (obj->symbol_index);
  obj->index_cap = obj->index_cap ? obj->index_cap * 2 : 64;
  obj->symbol_index = ebpf_xcalloc (obj->index_cap, sizeof *obj->symbol_index);
  for (size_t k = 0; k < obj->index_cap; k++)
    obj->symbol_index[k] = -1;
  for (int i = 0; i < obj->n_symbols; i++)
    index_insert (obj, i);
}

static int
get_symbol (struct ebpf_asm_object *obj, const char *name)
{
  int i = find_symbol (obj, name);
  if (i >= 0)
    return i;
  index_reserve (obj);
  obj->symbols = grow (obj->symbols, obj->n_symbols, sizeof *obj->symbols);
  struct ebpf_obj_symbol *s = &obj->symbols[obj->n_symbols];
  memset (s, 0, sizeof *s);
  s->name = ebpf_xstrdup (name);
  s->section = -1;
  s->type = STT_NOTYPE;
  index_insert (obj, obj->n_symbols);
  return obj->n_symbols++;
}

static int
get_section (struct ebpf_asm_object *obj, const char *name, uint64_t flags,
             uint32_t type)
{
  int i = ebpf_asm_find_section (obj, name);
  if (i >= 0)
    return i;
  obj->sections = grow (obj->sections, obj->n_sections, sizeof *obj->sections);
  struct ebpf_obj_section *s = &obj->sections[obj->n_sections];
  memset (s, 0, sizeof *s);
  s->name = ebpf_xstrdup (name);
  s->flags = flags;
  s->type = type;
  s->align = (flags & SHF_EXECINSTR) ? 8 : 1;
  return obj->n_sections++;
}

/* Default flags of a section named NAME, as assemblers guess them.  */
static uint64_t
section_default_flags (const char *name)
{
  if (strncmp (name, ".data", 5) == 0 || strncmp (name, ".bss", 4) == 0)
    return SHF_ALLOC | SHF_WRITE;
  if (strncmp (name, ".rodata", 7) == 0)
    return SHF_ALLOC;
  if (strncmp (name, ".debug", 6) == 0 || strncmp (name, ".BTF", 4) == 0
      || strcmp (name, "license") == 0 || strcmp (name, ".maps") == 0
      || strcmp (name, "maps") == 0)
    return strncmp (name, ".debug", 6) == 0 || strncmp (name, ".BTF", 4) == 0
           ? 0 : SHF_ALLOC | SHF_WRITE;
  return SHF_ALLOC | SHF_EXECINSTR;
}

static void
emit_bytes (struct assembler *a, const void *bytes, size_t len)
{
  struct ebpf_obj_section *s = &a->obj->sections[a->section];
  if (s->len + len > s->cap)
    {
      size_t cap = s->cap ? s->cap * 2 : 256;
      while (cap < s->len + len)
        cap *= 2;
      s->data = ebpf_xrealloc (s->data, cap);
      s->cap = cap;
    }
  memcpy (s->data + s->len, bytes, len);
  s->len += len;
}

static void
emit_insn (struct assembler *a, const struct ebpf_insn *insn)
{
  uint8_t b[EBPF_INSN_SIZE];
  struct ebpf_insn in = *insn;
  if (a->dialect->xbpf)
    ebpf_rfc_to_xbpf (&in);
  ebpf_insn_encode (&in, a->obj->big_endian, b);
  emit_bytes (a, b, sizeof b);
}

static size_t
here (struct assembler *a)
{
  return a->obj->sections[a->section].len;
}

static void
emit_value (struct assembler *a, uint64_t v, int size)
{
  uint8_t b[8];
  for (int i = 0; i < size; i++)
    b[a->obj->big_endian ? size - 1 - i : i] = (uint8_t) (v >> (8 * i));
  emit_bytes (a, b, size);
}

/* ---- Token cursor ------------------------------------------------------ */

struct cursor
{
  struct assembler *a;
  struct ebpf_tok *t;
  int i;
  bool failed;
};

static struct ebpf_tok *
peek (struct cursor *c)
{
  return &c->t[c->i];
}

static void __attribute__ ((format (printf, 2, 3)))
fail (struct cursor *c, const char *fmt, ...)
{
  if (c->failed)
    return;
  c->failed = true;
  char msg[300];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  report (c->a, c->a->line, peek (c)->col, "%s", msg);
}

static bool
is_punct (struct ebpf_tok *t, const char *p)
{
  return t->kind == TOK_PUNCT && strcmp (t->text, p) == 0;
}

static bool
is_ident (struct ebpf_tok *t, const char *name)
{
  return t->kind == TOK_IDENT && strcmp (t->text, name) == 0;
}

static bool
accept (struct cursor *c, const char *p)
{
  if (is_punct (peek (c), p))
    {
      c->i++;
      return true;
    }
  return false;
}

static const char *
describe_tok (struct ebpf_tok *t)
{
  static char buf[80];
  switch (t->kind)
    {
    case TOK_END: return "end of line";
    case TOK_NUMBER: return "a number";
    case TOK_REG: return "a register";
    case TOK_STRING: return "a string";
    default:
      snprintf (buf, sizeof buf, "'%s'", t->text);
      return buf;
    }
}

static void
expect (struct cursor *c, const char *p)
{
  if (!accept (c, p))
    {
      fail (c, "expected '%s' but found %s", p, describe_tok (peek (c)));
    }
}

static int
expect_reg (struct cursor *c, bool *reg32)
{
  struct ebpf_tok *t = peek (c);
  if (reg32)
    *reg32 = false;   /* defined even after an error */
  if (t->kind != TOK_REG)
    {
      fail (c, "expected a register but found %s", describe_tok (t));
      return 0;
    }
  c->i++;
  if (reg32)
    *reg32 = t->reg32;
  return t->reg;
}

static void
expect_end (struct cursor *c)
{
  if (peek (c)->kind != TOK_END)
    fail (c, "%s after the end of the instruction", describe_tok (peek (c)));
}

/* [+|-] NUMBER as a signed 64-bit value.  */
static bool
parse_number (struct cursor *c, int64_t *v)
{
  bool neg = false;
  int start = c->i;
  while (is_punct (peek (c), "-") || is_punct (peek (c), "+"))
    {
      neg ^= is_punct (peek (c), "-");
      c->i++;
    }
  if (peek (c)->kind != TOK_NUMBER)
    {
      c->i = start;
      return false;
    }
  uint64_t u = peek (c)->value;
  c->i++;
  *v = (int64_t) (neg ? -u : u);
  return true;
}

/* A value that must fit a 32-bit field, signed or unsigned.  Errors
 * point at the value's first token, its sign included.  */
static int32_t
expect_imm32 (struct cursor *c)
{
  int64_t v = 0;
  int start = c->i;
  if (!parse_number (c, &v))
    {
      fail (c, "expected a number but found %s", describe_tok (peek (c)));
      return 0;
    }
  if (v < INT32_MIN || v > (int64_t) UINT32_MAX)
    {
      c->i = start;
      if (v < 0)
        fail (c, "value %" PRId64 " does not fit in 32 bits", v);
      else
        fail (c, "value 0x%" PRIx64 " does not fit in 32 bits", (uint64_t) v);
      return 0;
    }
  return (int32_t) (uint32_t) v;
}

static int16_t
expect_off16 (struct cursor *c)
{
  int64_t v = 0;
  int start = c->i;
  /* In [%r1+40000] the '+' joins register and offset: point past it.  */
  if (is_punct (peek (c), "+"))
    start++;
  if (!parse_number (c, &v))
    {
      fail (c, "expected an offset but found %s", describe_tok (peek (c)));
      return 0;
    }
  if (v < INT16_MIN || v > INT16_MAX)
    {
      c->i = start;
      fail (c, "offset %" PRId64 " does not fit in 16 bits", v);
      return 0;
    }
  return (int16_t) v;
}

/* ---- Label references -------------------------------------------------- */

static bool
parse_label_ref (struct cursor *c, struct label_ref *ref)
{
  struct ebpf_tok *t = peek (c);
  memset (ref, 0, sizeof *ref);
  if (t->kind == TOK_IDENT)
    {
      snprintf (ref->name, sizeof ref->name, "%s", t->text);
      c->i++;
      return true;
    }
  if (t->kind == TOK_NUMLABEL)
    {
      ref->number = t->value;
      ref->forward = t->forward;
      ref->numeric_seen = c->a->n_numeric;
      c->i++;
      return true;
    }
  return false;
}

static void
add_fixup (struct assembler *a, enum fixup_kind kind, const struct label_ref *ref,
           int col)
{
  a->fixups = grow (a->fixups, a->n_fixups, sizeof *a->fixups);
  struct fixup *f = &a->fixups[a->n_fixups++];
  f->kind = kind;
  f->section = a->section;
  f->offset = here (a);
  f->ref = *ref;
  f->line = a->line;
  f->col = col;
}

/* A jump target: a signed number of slots, or a label fixed up later.  */
static void
parse_jump_target (struct cursor *c, struct ebpf_insn *in, bool wide)
{
  struct label_ref ref;
  int col = peek (c)->col;
  if (parse_label_ref (c, &ref))
    add_fixup (c->a, wide ? FIX_JUMP_IMM : FIX_JUMP_OFF, &ref, col);
  else if (wide)
    in->imm = expect_imm32 (c);
  else
    in->off = expect_off16 (c);
}

/* ---- Table lookups ------------------------------------------------------ */

/* The entry named MNEMONIC in GNU syntax whose shape is one of SHAPES
 * (terminated by -1); -1 if none.  */
static int
find_gnu (const char *mnemonic, const int *shapes)
{
  for (int op = 0; op < EBPF_OP_COUNT; op++)
    {
      if (strcmp (ebpf_opcodes[op].gnu, mnemonic) != 0)
        continue;
      for (const int *s = shapes; *s >= 0; s++)
        if ((int) ebpf_opcodes[op].shape == *s)
          return op;
    }
  return -1;
}

static bool
gnu_mnemonic_exists (const char *mnemonic)
{
  for (int op = 0; op < EBPF_OP_COUNT; op++)
    if (strcmp (ebpf_opcodes[op].gnu, mnemonic) == 0)
      return true;
  return false;
}

/* The entry of SHAPE whose LLVM operator is LLVM, for 32- or 64-bit.  */
static int
find_llvm (enum ebpf_shape shape, const char *llvm, bool is32)
{
  for (int op = 0; op < EBPF_OP_COUNT; op++)
    {
      const struct ebpf_opcode_info *e = &ebpf_opcodes[op];
      if (e->shape != shape || strcmp (e->llvm, llvm) != 0)
        continue;
      /* Byte-order operations are named by width alone; atomics are
       * 32-bit by their size field, the rest by their class.  */
      if (shape == EBPF_SHAPE_END
          || (shape == EBPF_SHAPE_ATOMIC
              ? ((e->opcode >> 3 & 3) == 0) == is32
              : ebpf_opcode_is32 (e->opcode) == is32))
        return op;
    }
  return -1;
}

static int
find_mem (enum ebpf_shape shape, int size, bool sign)
{
  for (int op = 0; op < EBPF_OP_COUNT; op++)
    {
      const struct ebpf_opcode_info *e = &ebpf_opcodes[op];
      if (e->shape == shape && ebpf_opcode_size (e->opcode) == size
          && (shape != EBPF_SHAPE_LDX || (e->llvm[0] == 's') == sign))
        return op;
    }
  return -1;
}

/* Starts INSN as table entry OP: the opcode and the field that tells
 * entries with one opcode apart.  */
static void
start_insn (struct ebpf_insn *in, int op)
{
  const struct ebpf_opcode_info *e = &ebpf_opcodes[op];
  memset (in, 0, sizeof *in);
  in->opcode = e->opcode;
  switch (e->match)
    {
    case EBPF_MATCH_OFF: in->off = (int16_t) e->match_value; break;
    case EBPF_MATCH_IMM: in->imm = e->match_value; break;
    case EBPF_MATCH_SRC: in->src = (uint8_t) e->match_value; break;
    case EBPF_MATCH_NONE: break;
    }
}

/* lddw: value or symbol, then the two slots.  */
static void
finish_lddw (struct cursor *c, int op, int dst)
{
  struct ebpf_insn lo, hi;
  start_insn (&lo, op);
  memset (&hi, 0, sizeof hi);
  lo.dst = (uint8_t) dst;
  struct label_ref ref;
  int col = peek (c)->col;
  int64_t v = 0;
  if (parse_number (c, &v))
    {
      lo.imm = (int32_t) (uint32_t) v;
      hi.imm = (int32_t) (uint32_t) ((uint64_t) v >> 32);
    }
  else if (parse_label_ref (c, &ref))
    add_fixup (c->a, FIX_LDDW, &ref, col);
  else
    {
      fail (c, "expected a number or a symbol but found %s",
            describe_tok (peek (c)));
      return;
    }
  if (is_ident (peek (c), "ll"))
    c->i++;
  expect_end (c);
  if (c->failed)
    return;
  emit_insn (c->a, &lo);
  emit_insn (c->a, &hi);
}

/* ld_pseudo DST, SRC, IMM [, IMM2]: lddw with a pseudo source.  */
static void
parse_ld_pseudo (struct cursor *c)
{
  bool r32;
  int dst = expect_reg (c, &r32);
  expect (c, ",");
  int64_t src = 0;
  if (!parse_number (c, &src) || src < 0 || src > 15)
    {
      fail (c, "ld_pseudo needs a pseudo source 0-15");
      return;
    }
  expect (c, ",");
  struct ebpf_insn lo, hi;
  memset (&lo, 0, sizeof lo);
  memset (&hi, 0, sizeof hi);
  lo.opcode = 0x18;
  lo.dst = (uint8_t) dst;
  lo.src = (uint8_t) src;
  lo.imm = expect_imm32 (c);
  if (accept (c, ","))
    hi.imm = expect_imm32 (c);
  expect_end (c);
  if (!c->failed)
    {
      emit_insn (c->a, &lo);
      emit_insn (c->a, &hi);
    }
}

/* call N | call LABEL | call local LABEL|N | call kfunc N | call %rN */
static void
parse_call (struct cursor *c)
{
  struct ebpf_insn in;
  struct label_ref ref;
  int col = peek (c)->col;
  if (peek (c)->kind == TOK_REG)
    {
      /* binutils 2.40's eBPF has no indirect call, only its xBPF; it
       * names the statement in its message.  */
      if (c->a->dialect->binutils_2_40 && !c->a->dialect->xbpf)
        {
          fail (c, "illegal operand `%s'", c->a->statement);
          return;
        }
      start_insn (&in, EBPF_OP_CALLX);
      in.dst = (uint8_t) expect_reg (c, NULL);
    }
  else if (is_ident (peek (c), "local") && c->t[c->i + 1].kind != TOK_END)
    {
      c->i++;
      start_insn (&in, EBPF_OP_CALL_LOCAL);
      col = peek (c)->col;
      if (parse_label_ref (c, &ref))
        add_fixup (c->a, FIX_CALL, &ref, col);
      else
        in.imm = expect_imm32 (c);
    }
  else if (is_ident (peek (c), "kfunc") && c->t[c->i + 1].kind != TOK_END)
    {
      c->i++;
      start_insn (&in, EBPF_OP_CALL_KFUNC);
      in.imm = expect_imm32 (c);
    }
  else if (parse_label_ref (c, &ref))
    {
      start_insn (&in, EBPF_OP_CALL_LOCAL);
      add_fixup (c->a, FIX_CALL, &ref, col);
    }
  else
    {
      start_insn (&in, EBPF_OP_CALL_HELPER);
      in.imm = expect_imm32 (c);
    }
  expect_end (c);
  if (!c->failed)
    emit_insn (c->a, &in);
}

/* ---- GNU / uBPF syntax ------------------------------------------------- */

/* [%rN+off], [%rN-off], [%rN+-off], [%rN] */
static void
parse_gnu_mem (struct cursor *c, uint8_t *reg, int16_t *off)
{
  expect (c, "[");
  *reg = (uint8_t) expect_reg (c, NULL);
  *off = 0;
  if (!is_punct (peek (c), "]"))
    *off = expect_off16 (c);
  expect (c, "]");
}

static void
parse_gnu (struct cursor *c)
{
  struct ebpf_tok *t = peek (c);
  const int mnemonic_at = c->i;
  char mnemonic[96];
  snprintf (mnemonic, sizeof mnemonic, "%s", t->text);
  c->i++;

  /* Multi-word atomics: "lock [fetch] op" */
  if (strcmp (mnemonic, "lock") == 0)
    {
      while (peek (c)->kind == TOK_IDENT)
        {
          size_t len = strlen (mnemonic);
          if (len + strlen (peek (c)->text) + 2 > sizeof mnemonic)
            break;
          mnemonic[len] = ' ';
          strcpy (mnemonic + len + 1, peek (c)->text);
          c->i++;
        }
    }
  /* Spellings of other assemblers for entries of the table.  */
  static const struct { const char *alias, *name; } aliases[] = {
    { "swap16", "bswap16" }, { "swap32", "bswap32" }, { "swap64", "bswap64" },
    { "lock add32", "xaddw" }, { "lock add", "xadddw" },
    { "gotol", "ja32" }, { "jmp", "ja" }, { "mov64", "mov" }, { "add64", "add" },
    { "lock xadd", "xadddw" }, { "lock xadd32", "xaddw" },
  };
  for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
    if (strcmp (mnemonic, aliases[i].alias) == 0)
      snprintf (mnemonic, sizeof mnemonic, "%s", aliases[i].name);

  if (strcmp (mnemonic, "call") == 0 || strcmp (mnemonic, "callx") == 0)
    {
      parse_call (c);
      return;
    }
  if (strcmp (mnemonic, "ld_pseudo") == 0)
    {
      parse_ld_pseudo (c);
      return;
    }
  /* binutils 2.40: "endle %r1,16" is le16 */
  if (strcmp (mnemonic, "endle") == 0 || strcmp (mnemonic, "endbe") == 0)
    {
      bool r32;
      int dst = expect_reg (c, &r32);
      expect (c, ",");
      int64_t width = 0;
      if (!parse_number (c, &width) || (width != 16 && width != 32 && width != 64))
        {
          fail (c, "byte-order width must be 16, 32 or 64");
          return;
        }
      char name[16];
      snprintf (name, sizeof name, "%.2s%d", mnemonic + 3, (int) width);
      static const int end[] = { EBPF_SHAPE_END, -1 };
      struct ebpf_insn in;
      start_insn (&in, find_gnu (name, end));
      in.dst = (uint8_t) dst;
      expect_end (c);
      if (!c->failed)
        emit_insn (c->a, &in);
      return;
    }
  /* binutils 2.40's 8-byte packet loads: the 4-byte entry, resized.  */
  uint8_t wide_opcode = 0;
  int narrow = c->a->dialect->binutils_2_40
               ? ebpf_wide_packet_load_by_name (mnemonic, &wide_opcode) : -1;
  if (narrow >= 0)
    snprintf (mnemonic, sizeof mnemonic, "%s", ebpf_opcodes[narrow].gnu);
  if (!gnu_mnemonic_exists (mnemonic))
    {
      c->i = mnemonic_at;
      if (strcmp (mnemonic, "ldabsdw") == 0 || strcmp (mnemonic, "ldinddw") == 0)
        fail (c, "'%s' is not an eBPF instruction in Linux or RFC 9669", mnemonic);
      else
        fail (c, "unknown instruction '%s'", mnemonic);
      return;
    }

  /* The shape follows from the mnemonic, and for ALU and jumps from
   * whether the source operand is a register.  */
  static const int any[] = {
    EBPF_SHAPE_MOVSX, EBPF_SHAPE_NEG, EBPF_SHAPE_END, EBPF_SHAPE_JA,
    EBPF_SHAPE_JA32, EBPF_SHAPE_EXIT, EBPF_SHAPE_LDDW, EBPF_SHAPE_LD_ABS,
    EBPF_SHAPE_LD_IND, EBPF_SHAPE_LDX, EBPF_SHAPE_ST, EBPF_SHAPE_STX,
    EBPF_SHAPE_ATOMIC, -1
  };
  static const int alu_x[] = { EBPF_SHAPE_ALU_X, EBPF_SHAPE_JMP_X, -1 };
  static const int alu_k[] = { EBPF_SHAPE_ALU_K, EBPF_SHAPE_JMP_K, -1 };
  int op = find_gnu (mnemonic, any);
  struct ebpf_insn in;
  if (op < 0)
    {
      /* ALU or conditional jump: dst, then register or immediate.  */
      bool r32;
      int dst = expect_reg (c, &r32);
      expect (c, ",");
      bool reg_src = peek (c)->kind == TOK_REG;
      op = find_gnu (mnemonic, reg_src ? alu_x : alu_k);
      if (op < 0)
        {
          fail (c, "'%s' takes no such operands", mnemonic);
          return;
        }
      start_insn (&in, op);
      in.dst = (uint8_t) dst;
      if (reg_src)
        in.src = (uint8_t) expect_reg (c, NULL);
      else
        in.imm = expect_imm32 (c);
      if (ebpf_opcodes[op].shape == EBPF_SHAPE_JMP_K
          || ebpf_opcodes[op].shape == EBPF_SHAPE_JMP_X)
        {
          expect (c, ",");
          parse_jump_target (c, &in, false);
        }
      expect_end (c);
      if (!c->failed)
        emit_insn (c->a, &in);
      return;
    }

  const struct ebpf_opcode_info *e = &ebpf_opcodes[op];
  start_insn (&in, op);
  if (narrow >= 0)
    in.opcode = wide_opcode;
  switch (e->shape)
    {
    case EBPF_SHAPE_MOVSX:
      in.dst = (uint8_t) expect_reg (c, NULL);
      expect (c, ",");
      in.src = (uint8_t) expect_reg (c, NULL);
      break;
    case EBPF_SHAPE_NEG:
    case EBPF_SHAPE_END:
      in.dst = (uint8_t) expect_reg (c, NULL);
      /* uBPF writes "neg %r1, 0" in places: an ignored zero operand */
      if (accept (c, ","))
        {
          int64_t ignored;
          parse_number (c, &ignored);
        }
      break;
    case EBPF_SHAPE_JA:
      parse_jump_target (c, &in, false);
      break;
    case EBPF_SHAPE_JA32:
      parse_jump_target (c, &in, true);
      break;
    case EBPF_SHAPE_EXIT:
      break;
    case EBPF_SHAPE_LDDW:
      {
        int dst = expect_reg (c, NULL);
        expect (c, ",");
        finish_lddw (c, op, dst);
        return;
      }
    case EBPF_SHAPE_LD_ABS:
      in.imm = expect_imm32 (c);
      break;
    case EBPF_SHAPE_LD_IND:
      in.src = (uint8_t) expect_reg (c, NULL);
      expect (c, ",");
      in.imm = expect_imm32 (c);
      break;
    case EBPF_SHAPE_LDX:
      in.dst = (uint8_t) expect_reg (c, NULL);
      expect (c, ",");
      parse_gnu_mem (c, &in.src, &in.off);
      break;
    case EBPF_SHAPE_ST:
      {
        uint8_t reg;
        parse_gnu_mem (c, &reg, &in.off);
        in.dst = reg;
        expect (c, ",");
        in.imm = expect_imm32 (c);
        break;
      }
    case EBPF_SHAPE_STX:
    case EBPF_SHAPE_ATOMIC:
      {
        uint8_t reg;
        parse_gnu_mem (c, &reg, &in.off);
        in.dst = reg;
        expect (c, ",");
        in.src = (uint8_t) expect_reg (c, NULL);
        break;
      }
    default:
      fail (c, "'%s' cannot be written this way", mnemonic);
      return;
    }
  expect_end (c);
  if (!c->failed)
    emit_insn (c->a, &in);
}

/* ---- LLVM pseudo-C syntax ----------------------------------------------- */

/* "(u32 *)" or "(s8 *)": the size in bytes, and whether signed.  */
static int
parse_llvm_width (struct cursor *c, bool *sign)
{
  expect (c, "(");
  struct ebpf_tok *t = peek (c);
  int size = 0;
  *sign = false;
  if (t->kind == TOK_IDENT && (t->text[0] == 'u' || t->text[0] == 's'))
    {
      int bits = atoi (t->text + 1);
      *sign = t->text[0] == 's';
      if (bits == 8 || bits == 16 || bits == 32 || bits == 64)
        size = bits / 8;
    }
  if (size == 0)
    {
      fail (c, "expected a width such as u32 but found %s", describe_tok (t));
      return 0;
    }
  c->i++;
  expect (c, "*");
  expect (c, ")");
  return size;
}

/* "rN + off" / "rN - off" (no parentheses) */
static void
parse_llvm_addr_inner (struct cursor *c, uint8_t *reg, int16_t *off)
{
  *reg = (uint8_t) expect_reg (c, NULL);
  *off = 0;
  if (is_punct (peek (c), "+") || is_punct (peek (c), "-"))
    *off = expect_off16 (c);
}

static void
parse_llvm_addr (struct cursor *c, uint8_t *reg, int16_t *off)
{
  expect (c, "(");
  parse_llvm_addr_inner (c, reg, off);
  expect (c, ")");
}

static bool
is_alu_operator (const char *op)
{
  static const char *const ops[] = {
    "+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "%=", "^=", "s>>=",
    "s/=", "s%=", NULL
  };
  for (int i = 0; ops[i]; i++)
    if (strcmp (op, ops[i]) == 0)
      return true;
  return false;
}

/* After "rD =": everything an assignment can be.  */
static void
parse_llvm_assign (struct cursor *c, int dst, bool dst32)
{
  struct ebpf_insn in;
  struct ebpf_tok *t = peek (c);
  int op;

  if (is_punct (t, "-") && c->t[c->i + 1].kind == TOK_REG)
    {
      c->i++;
      int src = expect_reg (c, NULL);
      if (src != dst)
        {
          fail (c, "negation must be of the destination register");
          return;
        }
      start_insn (&in, find_llvm (EBPF_SHAPE_NEG, "-", dst32));
      in.dst = (uint8_t) dst;
    }
  else if (is_punct (t, "(") && c->t[c->i + 1].kind == TOK_IDENT
           && c->t[c->i + 2].kind == TOK_PUNCT && is_punct (&c->t[c->i + 2], ")"))
    {
      /* (s8)rS */
      c->i++;
      const char *width = peek (c)->text;
      op = find_llvm (EBPF_SHAPE_MOVSX, width, dst32);
      if (op < 0)
        {
          fail (c, "no sign-extending move from %s", width);
          return;
        }
      c->i += 2;
      start_insn (&in, op);
      in.dst = (uint8_t) dst;
      in.src = (uint8_t) expect_reg (c, NULL);
    }
  else if (t->kind == TOK_IDENT
           && (strncmp (t->text, "be", 2) == 0 || strncmp (t->text, "le", 2) == 0
               || strncmp (t->text, "bswap", 5) == 0)
           && c->t[c->i + 1].kind == TOK_REG)
    {
      op = find_llvm (EBPF_SHAPE_END, t->text, false);
      if (op < 0)
        {
          fail (c, "unknown byte-order operation '%s'", t->text);
          return;
        }
      c->i++;
      start_insn (&in, op);
      in.dst = (uint8_t) dst;
      if (expect_reg (c, NULL) != dst)
        fail (c, "byte-order operations work on one register");
    }
  else if (is_punct (t, "*"))
    {
      /* *(u32 *)(rS + off)  or  *(u32 *)skb[...] */
      c->i++;
      bool sign;
      int size = parse_llvm_width (c, &sign);
      if (c->failed)
        return;
      if (is_ident (peek (c), "skb"))
        {
          c->i++;
          expect (c, "[");
          int64_t v;
          if (peek (c)->kind == TOK_REG)
            {
              op = find_mem (EBPF_SHAPE_LD_IND, size, false);
              start_insn (&in, op);
              in.src = (uint8_t) expect_reg (c, NULL);
              if (is_punct (peek (c), "+") || is_punct (peek (c), "-"))
                in.imm = expect_imm32 (c);
            }
          else if (parse_number (c, &v))
            {
              op = find_mem (EBPF_SHAPE_LD_ABS, size, false);
              start_insn (&in, op);
              in.imm = (int32_t) v;
            }
          else
            {
              fail (c, "expected an offset or register in skb[...]");
              return;
            }
          expect (c, "]");
          if (op < 0 || dst != 0)
            fail (c, "packet loads go to r0 and are 1, 2 or 4 bytes");
        }
      else
        {
          op = find_mem (EBPF_SHAPE_LDX, size, sign);
          if (op < 0)
            {
              fail (c, "no %sload of that width", sign ? "sign-extending " : "");
              return;
            }
          start_insn (&in, op);
          in.dst = (uint8_t) dst;
          parse_llvm_addr (c, &in.src, &in.off);
        }
    }
  else if (t->kind == TOK_IDENT && strncmp (t->text, "atomic_fetch_", 13) == 0)
    {
      /* atomic_fetch_add((u64 *)(rD + off), rS) */
      char name[64];
      snprintf (name, sizeof name, "%s", t->text);
      c->i++;
      expect (c, "(");
      bool sign;
      int size = parse_llvm_width (c, &sign);
      if (size != 4 && size != 8)
        {
          fail (c, "atomics are 32 or 64 bits");
          return;
        }
      op = find_llvm (EBPF_SHAPE_ATOMIC, name, size == 4);
      if (op < 0)
        {
          fail (c, "unknown atomic operation '%s'", name);
          return;
        }
      start_insn (&in, op);
      uint8_t reg;
      parse_llvm_addr (c, &reg, &in.off);
      in.dst = reg;
      expect (c, ",");
      in.src = (uint8_t) expect_reg (c, NULL);
      expect (c, ")");
      if (in.src != dst)
        fail (c, "a fetching atomic returns into its source register");
    }
  else if (t->kind == TOK_IDENT
           && (strncmp (t->text, "xchg", 4) == 0 || strncmp (t->text, "cmpxchg", 7) == 0))
    {
      bool is_cmp = t->text[0] == 'c';
      bool is32 = strstr (t->text, "32_32") != NULL;
      if (!is32 && strcmp (t->text + (is_cmp ? 7 : 4), "_64") != 0)
        {
          fail (c, "unknown atomic operation '%s'", t->text);
          return;
        }
      c->i++;
      op = find_llvm (EBPF_SHAPE_ATOMIC, is_cmp ? "cmpxchg" : "xchg", is32);
      start_insn (&in, op);
      expect (c, "(");
      uint8_t reg;
      parse_llvm_addr_inner (c, &reg, &in.off);
      in.dst = reg;
      expect (c, ",");
      if (is_cmp)
        {
          if (expect_reg (c, NULL) != 0 || dst != 0)
            fail (c, "cmpxchg compares with and returns into r0");
          expect (c, ",");
        }
      in.src = (uint8_t) expect_reg (c, NULL);
      expect (c, ")");
      if (!is_cmp && in.src != dst)
        fail (c, "xchg returns into its source register");
    }
  else if (t->kind == TOK_REG)
    {
      start_insn (&in, find_llvm (EBPF_SHAPE_ALU_X, "=", dst32));
      in.dst = (uint8_t) dst;
      in.src = (uint8_t) expect_reg (c, NULL);
    }
  else
    {
      /* rD = imm [ll]  or  rD = symbol ll */
      int save = c->i;
      int64_t v;
      bool is_num = parse_number (c, &v);
      bool ll = is_ident (peek (c), "ll");
      if (!is_num && peek (c)->kind == TOK_IDENT
          && is_ident (&c->t[c->i + 1], "ll"))
        ll = true;
      c->i = save;
      if (ll)
        {
          finish_lddw (c, EBPF_OP_LDDW, dst);
          return;
        }
      start_insn (&in, find_llvm (EBPF_SHAPE_ALU_K, "=", dst32));
      in.dst = (uint8_t) dst;
      in.imm = expect_imm32 (c);
    }
  expect_end (c);
  if (!c->failed)
    emit_insn (c->a, &in);
}

static void
parse_llvm (struct cursor *c)
{
  struct ebpf_insn in;
  struct ebpf_tok *t = peek (c);
  if (t->kind == TOK_REG)
    {
      bool dst32;
      int dst = expect_reg (c, &dst32);
      struct ebpf_tok *o = peek (c);
      if (is_punct (o, "="))
        {
          c->i++;
          parse_llvm_assign (c, dst, dst32);
          return;
        }
      if (o->kind == TOK_PUNCT && is_alu_operator (o->text))
        {
          char oper[sizeof o->text];
          snprintf (oper, sizeof oper, "%s", o->text);
          c->i++;
          bool reg_src = peek (c)->kind == TOK_REG;
          int op = find_llvm (reg_src ? EBPF_SHAPE_ALU_X : EBPF_SHAPE_ALU_K,
                              oper, dst32);
          start_insn (&in, op);
          in.dst = (uint8_t) dst;
          if (reg_src)
            in.src = (uint8_t) expect_reg (c, NULL);
          else
            in.imm = expect_imm32 (c);
          expect_end (c);
          if (!c->failed)
            emit_insn (c->a, &in);
          return;
        }
      fail (c, "expected an assignment operator but found %s", describe_tok (o));
      return;
    }
  if (is_punct (t, "*"))
    {
      /* *(u32 *)(rD + off) = rS | imm */
      c->i++;
      bool sign;
      int size = parse_llvm_width (c, &sign);
      if (c->failed)
        return;
      uint8_t reg;
      int16_t off;
      parse_llvm_addr (c, &reg, &off);
      expect (c, "=");
      bool reg_src = peek (c)->kind == TOK_REG;
      start_insn (&in, find_mem (reg_src ? EBPF_SHAPE_STX : EBPF_SHAPE_ST, size, false));
      in.dst = reg;
      in.off = off;
      if (reg_src)
        in.src = (uint8_t) expect_reg (c, NULL);
      else
        in.imm = expect_imm32 (c);
    }
  else if (is_ident (t, "lock"))
    {
      /* lock *(u64 *)(rD + off) += rS */
      c->i++;
      expect (c, "*");
      bool sign;
      int size = parse_llvm_width (c, &sign);
      if (c->failed)
        return;
      uint8_t reg;
      int16_t off;
      parse_llvm_addr (c, &reg, &off);
      struct ebpf_tok *o = peek (c);
      int op = o->kind == TOK_PUNCT
               ? find_llvm (EBPF_SHAPE_ATOMIC, o->text, size == 4) : -1;
      if (op < 0 || (size != 4 && size != 8))
        {
          fail (c, "expected +=, |=, &= or ^= on 32 or 64 bits, found %s",
                describe_tok (o));
          return;
        }
      c->i++;
      start_insn (&in, op);
      in.dst = reg;
      in.off = off;
      in.src = (uint8_t) expect_reg (c, NULL);
    }
  else if (is_ident (t, "if"))
    {
      c->i++;
      bool dst32;
      int dst = expect_reg (c, &dst32);
      struct ebpf_tok *o = peek (c);
      if (o->kind != TOK_PUNCT)
        {
          fail (c, "expected a comparison but found %s", describe_tok (o));
          return;
        }
      char cmp[sizeof o->text];
      snprintf (cmp, sizeof cmp, "%s", o->text);
      c->i++;
      bool reg_src = peek (c)->kind == TOK_REG;
      int op = find_llvm (reg_src ? EBPF_SHAPE_JMP_X : EBPF_SHAPE_JMP_K, cmp, dst32);
      if (op < 0)
        {
          c->i--;
          fail (c, "unknown comparison '%s'", cmp);
          return;
        }
      start_insn (&in, op);
      in.dst = (uint8_t) dst;
      if (reg_src)
        in.src = (uint8_t) expect_reg (c, NULL);
      else
        in.imm = expect_imm32 (c);
      if (!is_ident (peek (c), "goto"))
        {
          fail (c, "expected 'goto' but found %s", describe_tok (peek (c)));
          return;
        }
      c->i++;
      parse_jump_target (c, &in, false);
    }
  else if (is_ident (t, "goto") || is_ident (t, "gotol"))
    {
      bool wide = is_ident (t, "gotol");
      c->i++;
      start_insn (&in, wide ? EBPF_OP_JA32 : EBPF_OP_JA);
      parse_jump_target (c, &in, wide);
    }
  else
    {
      fail (c, "cannot read instruction starting with %s", describe_tok (t));
      return;
    }
  expect_end (c);
  if (!c->failed)
    emit_insn (c->a, &in);
}

/* ---- Directives ----------------------------------------------------------- */

static void
define_label (struct assembler *a, const char *name, int col)
{
  int s = get_symbol (a->obj, name);
  struct ebpf_obj_symbol *sym = &a->obj->symbols[s];
  if (sym->defined)
    {
      report (a, a->line, col, "label '%s' is already defined",
                       name);
      return;
    }
  sym->defined = true;
  sym->section = a->section;
  sym->value = here (a);
}

static void
parse_directive (struct cursor *c)
{
  struct assembler *a = c->a;
  const char *d = peek (c)->text;
  char name[64];
  snprintf (name, sizeof name, "%s", d);
  c->i++;

  if (strcmp (name, ".text") == 0 || strcmp (name, ".data") == 0
      || strcmp (name, ".bss") == 0 || strcmp (name, ".rodata") == 0)
    {
      a->section = get_section (a->obj, name, section_default_flags (name),
                                strcmp (name, ".bss") == 0 ? SHT_NOBITS : SHT_PROGBITS);
      return;
    }
  if (strcmp (name, ".section") == 0)
    {
      struct ebpf_tok *t = peek (c);
      if (t->kind != TOK_IDENT && t->kind != TOK_STRING)
        {
          fail (c, "expected a section name but found %s", describe_tok (t));
          return;
        }
      char sname[64];
      snprintf (sname, sizeof sname, "%s", t->text);
      c->i++;
      uint64_t flags = section_default_flags (sname);
      if (accept (c, ",") && peek (c)->kind == TOK_STRING)
        {
          flags = 0;
          for (const char *f = peek (c)->text; *f; f++)
            flags |= *f == 'a' ? SHF_ALLOC : *f == 'w' ? SHF_WRITE
                     : *f == 'x' ? SHF_EXECINSTR : 0;
          c->i++;
        }
      /* A following ",@progbits" or similar is accepted as is.  */
      a->section = get_section (a->obj, sname, flags,
                                strncmp (sname, ".bss", 4) == 0 ? SHT_NOBITS
                                : SHT_PROGBITS);
      return;
    }
  if (strcmp (name, ".globl") == 0 || strcmp (name, ".global") == 0)
    {
      do
        {
          if (peek (c)->kind != TOK_IDENT)
            {
              fail (c, "expected a symbol name but found %s", describe_tok (peek (c)));
              return;
            }
          /* get_symbol may move the array: index it after the call.  */
          int s = get_symbol (a->obj, peek (c)->text);
          a->obj->symbols[s].global = true;
          c->i++;
        }
      while (accept (c, ","));
      expect_end (c);
      return;
    }
  if (strcmp (name, ".type") == 0)
    {
      if (peek (c)->kind != TOK_IDENT)
        {
          fail (c, "expected a symbol name but found %s", describe_tok (peek (c)));
          return;
        }
      int s = get_symbol (a->obj, peek (c)->text);
      c->i++;
      expect (c, ",");
      /* @function / %function / STT_FUNC */
      while (peek (c)->kind == TOK_PUNCT)
        c->i++;
      if (peek (c)->kind == TOK_IDENT)
        {
          const char *ty = peek (c)->text;
          a->obj->symbols[s].type = strstr (ty, "func") || strstr (ty, "FUNC")
                                    ? STT_FUNC : strstr (ty, "obj") || strstr (ty, "OBJ")
                                    ? STT_OBJECT : STT_NOTYPE;
        }
      return;
    }
  if (strcmp (name, ".size") == 0)
    {
      if (peek (c)->kind == TOK_IDENT)
        {
          int s = get_symbol (a->obj, peek (c)->text);
          c->i++;
          expect (c, ",");
          int64_t v;
          if (parse_number (c, &v))
            a->obj->symbols[s].size = (uint64_t) v;
          else if (is_ident (peek (c), ".") && is_punct (&c->t[c->i + 1], "-")
                   && a->obj->symbols[s].defined)
            a->obj->symbols[s].size = here (a) - a->obj->symbols[s].value;
        }
      return;
    }
  static const struct { const char *name; int size; } data[] = {
    { ".byte", 1 }, { ".half", 2 }, { ".short", 2 }, { ".hword", 2 },
    { ".2byte", 2 }, { ".word", 4 }, { ".long", 4 }, { ".int", 4 },
    { ".4byte", 4 }, { ".dword", 8 }, { ".quad", 8 }, { ".8byte", 8 },
  };
  for (size_t i = 0; i < sizeof data / sizeof data[0]; i++)
    if (strcmp (name, data[i].name) == 0)
      {
        do
          {
            int64_t v;
            if (!parse_number (c, &v))
              {
                fail (c, "expected a number but found %s", describe_tok (peek (c)));
                return;
              }
            int bits = data[i].size * 8;
            if (bits < 64 && (v < -(INT64_C (1) << (bits - 1))
                              || v > (int64_t) ((UINT64_C (1) << bits) - 1)))
              {
                c->i--;
                fail (c, "value does not fit in %s", data[i].name);
                return;
              }
            emit_value (a, (uint64_t) v, data[i].size);
          }
        while (accept (c, ","));
        expect_end (c);
        return;
      }
  if (strcmp (name, ".ascii") == 0 || strcmp (name, ".asciz") == 0
      || strcmp (name, ".string") == 0)
    {
      do
        {
          struct ebpf_tok *t = peek (c);
          if (t->kind != TOK_STRING)
            {
              fail (c, "expected a string but found %s", describe_tok (t));
              return;
            }
          emit_bytes (a, t->text, (size_t) t->text_len);
          if (strcmp (name, ".ascii") != 0)
            emit_bytes (a, "", 1);
          c->i++;
        }
      while (accept (c, ","));
      expect_end (c);
      return;
    }
  if (strcmp (name, ".align") == 0 || strcmp (name, ".p2align") == 0
      || strcmp (name, ".balign") == 0)
    {
      int64_t v;
      if (!parse_number (c, &v) || v < 0 || v > 4096)
        {
          fail (c, "expected an alignment but found %s", describe_tok (peek (c)));
          return;
        }
      /* GNU as reads .align on BPF as a power of two, LLVM as bytes.  */
      bool power = strcmp (name, ".p2align") == 0
                   || (strcmp (name, ".align") == 0 && a->dialect->binutils_2_40);
      uint64_t align = power ? UINT64_C (1) << (v & 15) : (uint64_t) (v ? v : 1);
      if (align & (align - 1))
        {
          fail (c, "alignment must be a power of two");
          return;
        }
      while (here (a) % align)
        emit_bytes (a, "", 1);
      if (align > a->obj->sections[a->section].align)
        a->obj->sections[a->section].align = (unsigned) align;
      return;
    }
  if (strcmp (name, ".zero") == 0 || strcmp (name, ".space") == 0
      || strcmp (name, ".skip") == 0)
    {
      int64_t v;
      if (!parse_number (c, &v))
        {
          fail (c, "expected a size but found %s", describe_tok (peek (c)));
          return;
        }
      if (v < 0 || v > (1 << 24))
        {
          fail (c, "%s of %lld bytes: a size from 0 to %d", name, (long long) v, 1 << 24);
          return;
        }
      for (int64_t i = 0; i < v; i++)
        emit_bytes (a, "", 1);
      return;
    }
  /* Directives that carry no meaning for the object we write.  */
  static const char *const ignored[] = {
    ".file", ".ident", ".addrsig", ".addrsig_sym", ".loc", ".local",
    ".weak", ".hidden", ".protected", ".previous", ".version", NULL
  };
  for (int i = 0; ignored[i]; i++)
    if (strcmp (name, ignored[i]) == 0)
      return;
  if (strncmp (name, ".cfi_", 5) == 0)
    return;
  c->i--;
  fail (c, "unknown directive '%s'", name);
}

/* ---- Lines and fix-ups ----------------------------------------------------- */

/* The statement as GNU as quotes it in messages: white space runs
 * become one space, none at the ends.  */
static void
quote_statement (const char *text, char *buf, size_t len)
{
  size_t n = 0;
  bool space = false;
  for (const char *p = text; *p && n + 2 < len; p++)
    {
      if (isspace ((unsigned char) *p))
        {
          space = n > 0;
          continue;
        }
      if (space)
        buf[n++] = ' ';
      space = false;
      buf[n++] = *p;
    }
  buf[n] = '\0';
}

static void
assemble_line (struct assembler *a, char *line)
{
  a->statement = "";
  /* Zeroed: look-ahead past the end token reads END, never garbage.  */
  struct ebpf_tok toks[EBPF_MAX_TOKS + 2] = { 0 };
  char err[160];
  int err_col;
  ebpf_strip_comment (line);
  int n = ebpf_lex_line (line, toks, EBPF_MAX_TOKS, &err_col, err, sizeof err);
  if (n < 0)
    {
      report (a, a->line, err_col, "%s", err);
      return;
    }
  struct cursor c = { a, toks, 0, false };

  /* Labels: "name:" or "1:", any number before the statement.  */
  while (c.t[c.i].kind != TOK_END && is_punct (&c.t[c.i + 1], ":"))
    {
      struct ebpf_tok *t = &c.t[c.i];
      if (t->kind == TOK_IDENT)
        define_label (a, t->text, t->col);
      else if (t->kind == TOK_NUMBER)
        {
          a->numeric = grow (a->numeric, a->n_numeric, sizeof *a->numeric);
          a->numeric[a->n_numeric++] = (struct numeric_label) {
            t->value, a->section, here (a) };
        }
      else
        {
          fail (&c, "bad label %s", describe_tok (t));
          return;
        }
      c.i += 2;
    }
  struct ebpf_tok *t = peek (&c);
  if (t->kind == TOK_END)
    return;
  char statement[256];
  quote_statement (line + t->col - 1, statement, sizeof statement);
  a->statement = statement;
  if (t->kind == TOK_IDENT && t->text[0] == '.')
    {
      parse_directive (&c);
      return;
    }
  if (a->obj->sections[a->section].len % EBPF_INSN_SIZE != 0)
    {
      fail (&c, "instruction at an offset that is not a multiple of 8");
      return;
    }
  bool llvm = t->kind == TOK_REG || is_punct (t, "*") || is_ident (t, "if")
              || is_ident (t, "goto") || is_ident (t, "gotol")
              || (is_ident (t, "lock") && is_punct (&c.t[c.i + 1], "*"));
  int fixups = a->n_fixups;
  if (llvm)
    parse_llvm (&c);
  else if (t->kind == TOK_IDENT)
    parse_gnu (&c);
  else
    fail (&c, "expected an instruction but found %s", describe_tok (t));
  /* A line in error emits nothing: its label references go too.  */
  if (c.failed)
    a->n_fixups = fixups;
}

/* Where REF points: section and byte offset; false if undefined here.  */
static bool
resolve (struct assembler *a, const struct fixup *f, int *section, size_t *offset)
{
  const struct label_ref *ref = &f->ref;
  if (ref->name[0] == '\0')
    {
      if (ref->forward)
        {
          for (int i = ref->numeric_seen; i < a->n_numeric; i++)
            if (a->numeric[i].number == ref->number)
              {
                *section = a->numeric[i].section;
                *offset = a->numeric[i].offset;
                return true;
              }
        }
      else
        for (int i = ref->numeric_seen - 1; i >= 0; i--)
          if (a->numeric[i].number == ref->number)
            {
              *section = a->numeric[i].section;
              *offset = a->numeric[i].offset;
              return true;
            }
      return false;
    }
  int s = find_symbol (a->obj, ref->name);
  if (s >= 0 && a->obj->symbols[s].defined)
    {
      *section = a->obj->symbols[s].section;
      *offset = a->obj->symbols[s].value;
      return true;
    }
  /* The conformance suite's convention: a jump to "exit" with no such
   * label goes to the first exit instruction.  */
  if (strcmp (ref->name, "exit") == 0 && f->kind != FIX_LDDW)
    {
      const struct ebpf_obj_section *sec = &a->obj->sections[f->section];
      for (size_t o = 0; o + EBPF_INSN_SIZE <= sec->len; o += EBPF_INSN_SIZE)
        if (sec->data[o] == 0x95)
          {
            *section = f->section;
            *offset = o;
            return true;
          }
    }
  return false;
}

/* A relocation against the symbol named by F's reference, or, when
 * TARGET_SECTION >= 0, against that section's symbol.  */
static void
add_reloc (struct assembler *a, const struct fixup *f, uint32_t type,
           int target_section)
{
  struct ebpf_asm_object *obj = a->obj;
  obj->relocs = grow (obj->relocs, obj->n_relocs, sizeof *obj->relocs);
  obj->relocs[obj->n_relocs++] = (struct ebpf_obj_reloc) {
    .section = f->section, .offset = f->offset, .type = type,
    .symbol = target_section >= 0 ? -1 : get_symbol (obj, f->ref.name),
    .target_section = target_section };
}

/* Whether an lddw of REF's address is relocated against the section
 * (the offset in the instruction) rather than a symbol: for numeric
 * labels, which have none, and for local labels in code, as GNU as and
 * LLVM do for the addresses of static functions.  References to data
 * keep their symbol, by which loaders find maps.  */
static bool
lddw_against_section (struct assembler *a, const struct label_ref *ref,
                      int section)
{
  if (ref->name[0] == '\0')
    return true;
  const struct ebpf_obj_symbol *sym = &a->obj->symbols[find_symbol (a->obj, ref->name)];
  return !sym->global && (a->obj->sections[section].flags & SHF_EXECINSTR);
}

static void
apply_fixup (struct assembler *a, const struct fixup *f)
{
  struct ebpf_obj_section *sec = &a->obj->sections[f->section];
  uint8_t *p = sec->data + f->offset;
  struct ebpf_insn in;
  ebpf_insn_decode (p, a->obj->big_endian, &in);
  int section;
  size_t offset;
  bool found = resolve (a, f, &section, &offset);
  char name[80];
  if (f->ref.name[0])
    snprintf (name, sizeof name, "%s", f->ref.name);
  else
    snprintf (name, sizeof name, "%" PRIu64 "%c", f->ref.number,
              f->ref.forward ? 'f' : 'b');

  if (f->kind == FIX_LDDW && found && lddw_against_section (a, &f->ref, section))
    {
      struct ebpf_insn hi;
      ebpf_insn_decode (p + EBPF_INSN_SIZE, a->obj->big_endian, &hi);
      in.imm = (int32_t) (uint32_t) offset;
      hi.imm = (int32_t) (uint32_t) ((uint64_t) offset >> 32);
      ebpf_insn_encode (&in, a->obj->big_endian, p);
      ebpf_insn_encode (&hi, a->obj->big_endian, p + EBPF_INSN_SIZE);
      add_reloc (a, f, EBPF_R_BPF_64_64, section);
      return;
    }
  if (f->kind == FIX_LDDW || (f->kind == FIX_CALL && (!found || section != f->section)))
    {
      if (f->ref.name[0] == '\0')
        {
          report (a, f->line, f->col, "undefined label '%s'", name);
          return;
        }
      /* Another section's or an undefined symbol: the linker or loader's
       * business.  A call's imm is -1 until then, as LLVM leaves it.  */
      add_reloc (a, f, f->kind == FIX_LDDW ? EBPF_R_BPF_64_64 : EBPF_R_BPF_64_32,
                 -1);
      if (f->kind == FIX_CALL)
        {
          in.imm = -1;
          ebpf_insn_encode (&in, a->obj->big_endian, p);
        }
      return;
    }
  if (!found)
    {
      report (a, f->line, f->col, "undefined label '%s'", name);
      return;
    }
  if (section != f->section)
    {
      report (a, f->line, f->col,
                       "jump to '%s' in another section", name);
      return;
    }
  if (offset % EBPF_INSN_SIZE)
    {
      report (a, f->line, f->col,
                       "label '%s' is not at an instruction", name);
      return;
    }
  int64_t rel = ((int64_t) offset - (int64_t) f->offset) / EBPF_INSN_SIZE - 1;
  if (f->kind == FIX_JUMP_OFF)
    {
      if (rel < INT16_MIN || rel > INT16_MAX)
        {
          bool ja = in.opcode == ebpf_opcodes[EBPF_OP_JA].opcode;
          report (a, f->line, f->col,
                           "jump to '%s' is %" PRId64 " instructions away, "
                           "beyond a 16-bit offset%s", name, rel,
                           ja ? " (use gotol)" : "");
          return;
        }
      in.off = (int16_t) rel;
    }
  else
    in.imm = (int32_t) rel;
  ebpf_insn_encode (&in, a->obj->big_endian, p);
}

int
ebpf_assemble_dialect (const char *text, size_t len, bool big_endian,
                       const struct ebpf_dialect *dialect,
                       struct ebpf_asm_object *obj, struct ebpf_diag *diag)
{
  static const struct ebpf_dialect rfc = { false, false };
  memset (obj, 0, sizeof *obj);
  obj->big_endian = big_endian;
  struct assembler a = { .obj = obj, .diag = diag,
                         .dialect = dialect ? dialect : &rfc, .statement = "" };
  a.section = get_section (obj, ".text", SHF_ALLOC | SHF_EXECINSTR, SHT_PROGBITS);

  size_t pos = 0;
  while (pos < len)
    {
      size_t end = pos;
      while (end < len && text[end] != '\n')
        end++;
      a.line++;
      size_t n = end - pos;
      char *line = ebpf_xcalloc (n + 1, 1);
      memcpy (line, text + pos, n);
      line[n] = '\0';
      const char *nul = memchr (line, '\0', n);
      if (nul != NULL)
        report (&a, a.line, (int) (nul - line) + 1,
                         "NUL byte in source");
      else
        assemble_line (&a, line);
      free (line);
      pos = end + 1;
    }
  for (int i = 0; i < a.n_fixups; i++)
    apply_fixup (&a, &a.fixups[i]);
  free (a.fixups);
  free (a.numeric);
  return diag->errors;
}

int
ebpf_assemble (const char *text, size_t len, bool big_endian,
               struct ebpf_asm_object *obj, struct ebpf_diag *diag)
{
  return ebpf_assemble_dialect (text, len, big_endian, NULL, obj, diag);
}

void
ebpf_asm_object_free (struct ebpf_asm_object *obj)
{
  for (int i = 0; i < obj->n_sections; i++)
    {
      free (obj->sections[i].name);
      free (obj->sections[i].data);
    }
  for (int i = 0; i < obj->n_symbols; i++)
    free (obj->symbols[i].name);
  free (obj->sections);
  free (obj->symbols);
  free (obj->relocs);
  free (obj->symbol_index);
  memset (obj, 0, sizeof *obj);
}
