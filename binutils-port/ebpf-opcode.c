/* ebpf-opcode.c — the opcode table expanded into data, decoding, and the
 * encodings other tools give some of its entries (xBPF, binutils 2.40).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>
#include "ebpf-opcode.h"

const struct ebpf_opcode_info ebpf_opcodes[EBPF_OP_COUNT] = {
#define EBPF_INSN(id, code, match, value, shape, gnu, llvm, cost)            \
  { #id, code, EBPF_MATCH_##match, value, EBPF_SHAPE_##shape, gnu, llvm,     \
    EBPF_COST_##cost },
#include "ebpf-opcodes.def"
#undef EBPF_INSN
};

void
ebpf_insn_decode (const uint8_t b[EBPF_INSN_SIZE], bool big_endian,
                  struct ebpf_insn *insn)
{
  insn->opcode = b[0];
  if (big_endian)
    {
      insn->dst = b[1] >> 4;
      insn->src = b[1] & 0x0f;
      insn->off = (int16_t) (uint16_t) (b[2] << 8 | b[3]);
      insn->imm = (int32_t) ((uint32_t) b[4] << 24 | (uint32_t) b[5] << 16
                             | (uint32_t) b[6] << 8 | b[7]);
    }
  else
    {
      insn->dst = b[1] & 0x0f;
      insn->src = b[1] >> 4;
      insn->off = (int16_t) (uint16_t) (b[2] | b[3] << 8);
      insn->imm = (int32_t) ((uint32_t) b[4] | (uint32_t) b[5] << 8
                             | (uint32_t) b[6] << 16 | (uint32_t) b[7] << 24);
    }
}

void
ebpf_insn_encode (const struct ebpf_insn *insn, bool big_endian,
                  uint8_t b[EBPF_INSN_SIZE])
{
  uint16_t off = (uint16_t) insn->off;
  uint32_t imm = (uint32_t) insn->imm;
  b[0] = insn->opcode;
  if (big_endian)
    {
      b[1] = (uint8_t) (insn->dst << 4 | (insn->src & 0x0f));
      b[2] = off >> 8; b[3] = off & 0xff;
      b[4] = imm >> 24; b[5] = imm >> 16; b[6] = imm >> 8; b[7] = imm;
    }
  else
    {
      b[1] = (uint8_t) (insn->src << 4 | (insn->dst & 0x0f));
      b[2] = off & 0xff; b[3] = off >> 8;
      b[4] = imm; b[5] = imm >> 8; b[6] = imm >> 16; b[7] = imm >> 24;
    }
}

/* A linear scan: lookups happen once per instruction when a program is
 * decoded or printed, never while it runs.  */
int
ebpf_opcode_lookup (const struct ebpf_insn *insn)
{
  for (int op = 0; op < EBPF_OP_COUNT; op++)
    {
      const struct ebpf_opcode_info *e = &ebpf_opcodes[op];
      if (e->opcode != insn->opcode)
        continue;
      switch (e->match)
        {
        case EBPF_MATCH_NONE: return op;
        case EBPF_MATCH_OFF: if (insn->off == e->match_value) return op; break;
        case EBPF_MATCH_IMM: if (insn->imm == e->match_value) return op; break;
        case EBPF_MATCH_SRC: if (insn->src == e->match_value) return op; break;
        }
    }
  return -1;
}

/* Which fields each shape leaves unused.  The field that tells entries
 * apart (MATCH) is in use even where the shape does not name it.  */
enum { F_DST = 1, F_SRC = 2, F_OFF = 4, F_IMM = 8 };

static unsigned
unused_fields (enum ebpf_shape shape)
{
  switch (shape)
    {
    case EBPF_SHAPE_ALU_K: return F_SRC | F_OFF;
    case EBPF_SHAPE_ALU_X: case EBPF_SHAPE_MOVSX: return F_OFF | F_IMM;
    case EBPF_SHAPE_NEG: return F_SRC | F_OFF | F_IMM;
    case EBPF_SHAPE_END: return F_SRC | F_OFF;
    case EBPF_SHAPE_JA: return F_DST | F_SRC | F_IMM;
    case EBPF_SHAPE_JA32: return F_DST | F_SRC | F_OFF;
    case EBPF_SHAPE_JMP_K: return F_SRC;
    case EBPF_SHAPE_JMP_X: return F_IMM;
    case EBPF_SHAPE_CALL: case EBPF_SHAPE_CALL_LOCAL: return F_DST | F_OFF;
    case EBPF_SHAPE_KFUNC: return F_DST;   /* off may name a module's BTF */
    case EBPF_SHAPE_CALLX: return 0;       /* LLVM has put the register in
                                              dst and in imm: both read */
    case EBPF_SHAPE_EXIT: return F_DST | F_SRC | F_OFF | F_IMM;
    case EBPF_SHAPE_LDDW: return F_OFF;
    case EBPF_SHAPE_LD_ABS: return F_DST | F_SRC | F_OFF;
    case EBPF_SHAPE_LD_IND: return F_DST | F_OFF;
    case EBPF_SHAPE_LDX: return F_IMM;
    case EBPF_SHAPE_ST: return F_SRC;
    case EBPF_SHAPE_STX: case EBPF_SHAPE_ATOMIC: return F_IMM;
    }
  return 0;
}

const char *
ebpf_insn_clear_reserved (int op, struct ebpf_insn *insn)
{
  const struct ebpf_opcode_info *e = &ebpf_opcodes[op];
  unsigned unused = unused_fields (e->shape);
  switch (e->match)
    {
    case EBPF_MATCH_OFF: unused &= ~F_OFF; break;
    case EBPF_MATCH_IMM: unused &= ~F_IMM; break;
    case EBPF_MATCH_SRC: unused &= ~F_SRC; break;
    case EBPF_MATCH_NONE: break;
    }
  const char *first = NULL;
#define CLEAR(flag, field, name)                                          \
  if ((unused & flag) && insn->field != 0)                                \
    {                                                                     \
      if (first == NULL)                                                  \
        first = name;                                                     \
      insn->field = 0;                                                    \
    }
  CLEAR (F_DST, dst, "dst")
  CLEAR (F_SRC, src, "src")
  CLEAR (F_OFF, off, "off")
  CLEAR (F_IMM, imm, "imm")
#undef CLEAR
  return first;
}

/* ---- Dialects ------------------------------------------------------------ */

/* xBPF's operation codes for signed division and remainder, and the table
 * entries holding RFC 9669's encoding of the same operations (both
 * classes and sources follow from the operation field).  */
static const struct { uint8_t xbpf_op; int rfc_entry; } xbpf_signed_ops[] = {
  { 0xe0, EBPF_OP_SDIV64_K },
  { 0xf0, EBPF_OP_SMOD64_K },
};

static bool
is_alu_class (uint8_t opcode)
{
  return EBPF_CLASS (opcode) == EBPF_CLASS_ALU
         || EBPF_CLASS (opcode) == EBPF_CLASS_ALU64;
}

bool
ebpf_xbpf_to_rfc (struct ebpf_insn *insn)
{
  if (!is_alu_class (insn->opcode) || insn->off != 0)
    return false;
  for (size_t i = 0; i < sizeof xbpf_signed_ops / sizeof xbpf_signed_ops[0]; i++)
    if (EBPF_ALU_OP (insn->opcode) == xbpf_signed_ops[i].xbpf_op)
      {
        const struct ebpf_opcode_info *e = &ebpf_opcodes[xbpf_signed_ops[i].rfc_entry];
        insn->opcode = (uint8_t) (EBPF_ALU_OP (e->opcode) | (insn->opcode & 0x0f));
        insn->off = (int16_t) e->match_value;
        return true;
      }
  return false;
}

bool
ebpf_rfc_to_xbpf (struct ebpf_insn *insn)
{
  if (!is_alu_class (insn->opcode))
    return false;
  for (size_t i = 0; i < sizeof xbpf_signed_ops / sizeof xbpf_signed_ops[0]; i++)
    {
      const struct ebpf_opcode_info *e = &ebpf_opcodes[xbpf_signed_ops[i].rfc_entry];
      if (EBPF_ALU_OP (insn->opcode) == EBPF_ALU_OP (e->opcode)
          && insn->off == e->match_value)
        {
          insn->opcode = (uint8_t) (xbpf_signed_ops[i].xbpf_op | (insn->opcode & 0x0f));
          insn->off = 0;
          return true;
        }
    }
  return false;
}

static const struct { int narrow_entry; const char *mnemonic; } wide_packet_loads[] = {
  { EBPF_OP_LD_ABS_W, "ldabsdw" },
  { EBPF_OP_LD_IND_W, "ldinddw" },
};

static uint8_t
widened (int entry)
{
  return (uint8_t) ((ebpf_opcodes[entry].opcode & ~EBPF_SIZE_MASK) | EBPF_SIZE_DW);
}

int
ebpf_wide_packet_load_by_name (const char *mnemonic, uint8_t *opcode)
{
  for (size_t i = 0; i < sizeof wide_packet_loads / sizeof wide_packet_loads[0]; i++)
    if (strcmp (mnemonic, wide_packet_loads[i].mnemonic) == 0)
      {
        *opcode = widened (wide_packet_loads[i].narrow_entry);
        return wide_packet_loads[i].narrow_entry;
      }
  return -1;
}

int
ebpf_wide_packet_load_by_opcode (uint8_t opcode, const char **mnemonic)
{
  for (size_t i = 0; i < sizeof wide_packet_loads / sizeof wide_packet_loads[0]; i++)
    if (opcode == widened (wide_packet_loads[i].narrow_entry))
      {
        *mnemonic = wide_packet_loads[i].mnemonic;
        return wide_packet_loads[i].narrow_entry;
      }
  return -1;
}
