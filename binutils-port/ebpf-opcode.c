/* ebpf-opcode.c — the opcode table expanded into data, and decoding.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
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
