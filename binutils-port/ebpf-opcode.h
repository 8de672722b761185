/* ebpf-opcode.h — the eBPF instruction set as data: decoding raw
 * instructions and looking them up in the one opcode table.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_OPCODE_H
#define EBPF_OPCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Which field disambiguates entries that share an opcode byte.  */
enum ebpf_match { EBPF_MATCH_NONE, EBPF_MATCH_OFF, EBPF_MATCH_IMM, EBPF_MATCH_SRC };

/* Operand layout of an instruction.  */
enum ebpf_shape {
  EBPF_SHAPE_ALU_K,      /* dst op= imm */
  EBPF_SHAPE_ALU_X,      /* dst op= src */
  EBPF_SHAPE_MOVSX,      /* dst = (sN) src */
  EBPF_SHAPE_NEG,        /* dst = -dst */
  EBPF_SHAPE_END,        /* dst = byteorder(dst), width in imm */
  EBPF_SHAPE_JA,         /* pc += off */
  EBPF_SHAPE_JA32,       /* pc += imm */
  EBPF_SHAPE_JMP_K,      /* if dst op imm: pc += off */
  EBPF_SHAPE_JMP_X,      /* if dst op src: pc += off */
  EBPF_SHAPE_CALL,       /* helper number in imm */
  EBPF_SHAPE_CALL_LOCAL, /* pc-relative target in imm */
  EBPF_SHAPE_KFUNC,      /* BTF id in imm */
  EBPF_SHAPE_CALLX,      /* target address in dst */
  EBPF_SHAPE_EXIT,
  EBPF_SHAPE_LDDW,       /* dst = imm64 (two slots) */
  EBPF_SHAPE_LD_ABS,     /* r0 = packet[imm] */
  EBPF_SHAPE_LD_IND,     /* r0 = packet[src + imm] */
  EBPF_SHAPE_LDX,        /* dst = *(size *)(src + off) */
  EBPF_SHAPE_ST,         /* *(size *)(dst + off) = imm */
  EBPF_SHAPE_STX,        /* *(size *)(dst + off) = src */
  EBPF_SHAPE_ATOMIC,     /* atomic op on *(size *)(dst + off) with src */
};

/* Cycle-model classes; costs per class live in the simulator.  */
enum ebpf_cost {
  EBPF_COST_ALU, EBPF_COST_MUL, EBPF_COST_DIV, EBPF_COST_LOAD, EBPF_COST_STORE,
  EBPF_COST_ATOMIC, EBPF_COST_BRANCH, EBPF_COST_CALL, EBPF_COST_EXIT,
  EBPF_COST_LDDW, EBPF_COST_CLASSES
};

/* One identifier per table entry, in table order.  */
enum ebpf_op {
#define EBPF_INSN(id, ...) EBPF_OP_##id,
#include "ebpf-opcodes.def"
#undef EBPF_INSN
  EBPF_OP_COUNT
};

struct ebpf_opcode_info {
  const char *id;         /* table identifier, e.g. "ADD64_K" */
  uint8_t opcode;
  enum ebpf_match match;
  int32_t match_value;
  enum ebpf_shape shape;
  const char *gnu;        /* GNU/uBPF mnemonic */
  const char *llvm;       /* LLVM pseudo-C operator or keyword */
  enum ebpf_cost cost;
};

extern const struct ebpf_opcode_info ebpf_opcodes[EBPF_OP_COUNT];

/* An instruction slot, with its fields in host form.  */
struct ebpf_insn {
  uint8_t opcode;
  uint8_t dst;
  uint8_t src;
  int16_t off;
  int32_t imm;
};

#define EBPF_INSN_SIZE 8
#define EBPF_REG_COUNT 11   /* r0..r10 */
#define EBPF_REG_FP 10

/* Instruction classes and fields, as RFC 9669 names them.  */
#define EBPF_CLASS(op) ((op) & 0x07)
#define EBPF_ALU_OP(op) ((op) & 0xf0)        /* ALU/JMP classes */
#define EBPF_SIZE_MASK 0x18                  /* load/store classes */
#define EBPF_SIZE_DW 0x18
enum { EBPF_CLASS_LD, EBPF_CLASS_LDX, EBPF_CLASS_ST, EBPF_CLASS_STX,
       EBPF_CLASS_ALU, EBPF_CLASS_JMP, EBPF_CLASS_JMP32, EBPF_CLASS_ALU64 };

/* Decode one 8-byte slot.  In big-endian objects the register nibbles are
 * swapped and the multi-byte fields are big-endian.  */
void ebpf_insn_decode (const uint8_t bytes[EBPF_INSN_SIZE], bool big_endian,
                       struct ebpf_insn *insn);
void ebpf_insn_encode (const struct ebpf_insn *insn, bool big_endian,
                       uint8_t bytes[EBPF_INSN_SIZE]);

/* The table entry describing INSN, or -1 if no entry matches (an unknown
 * opcode, or a known opcode with a field value the ISA does not define).  */
int ebpf_opcode_lookup (const struct ebpf_insn *insn);

/* Clears the fields that table entry OP does not use (the ISA reserves
 * them, and they must be zero).  Returns the name of the first field that
 * was not zero ("dst", "src", "off", "imm"), or NULL.  */
const char *ebpf_insn_clear_reserved (int op, struct ebpf_insn *insn);

/* Variants of the instruction set and of GNU syntax that other tools
 * use; ebpf-as and ebpf-objdump select them with -mxbpf and
 * --compat=binutils-2.40.  All false is RFC 9669 as ebpfsim reads it.  */
struct ebpf_dialect
{
  /* GCC's xBPF (binutils -mxbpf): signed division and remainder are ALU
   * operations of their own (0xe0, 0xf0) rather than RFC 9669's div and
   * mod with offset 1, and "call %rN" is the indirect call.  */
  bool xbpf;
  /* binutils 2.40's choices where ebpfsim's differ by design, never where
   * 2.40 is wrong: calls print as "call N" whatever their kind, the 8-byte
   * packet loads ldabsdw/ldinddw exist, an indirect call needs xBPF, and
   * errors read as GNU as prints them.  */
  bool binutils_2_40;
};

/* xBPF's signed division or remainder rewritten to the RFC 9669 encoding
 * of the same operation, in place.  False, INSN untouched, for any other
 * instruction.  */
bool ebpf_xbpf_to_rfc (struct ebpf_insn *insn);

/* The reverse: RFC 9669 sdiv/smod (offset 1) to xBPF's encoding.  */
bool ebpf_rfc_to_xbpf (struct ebpf_insn *insn);

/* binutils 2.40's 8-byte packet loads.  Linux and RFC 9669 define packet
 * loads of 1, 2 and 4 bytes only, so these are no entries of the table:
 * each is the 4-byte load's entry with the size field set to 8 bytes.
 * The first returns the 4-byte entry for MNEMONIC ("ldabsdw", "ldinddw")
 * and sets *OPCODE; the second the entry for OPCODE and sets *MNEMONIC.
 * Both return -1 when there is none.  */
int ebpf_wide_packet_load_by_name (const char *mnemonic, uint8_t *opcode);
int ebpf_wide_packet_load_by_opcode (uint8_t opcode, const char **mnemonic);

/* Number of slots the entry occupies (2 for lddw, else 1).  */
static inline int
ebpf_op_slots (int op)
{
  return ebpf_opcodes[op].shape == EBPF_SHAPE_LDDW ? 2 : 1;
}

/* Access width in bytes of a load/store/atomic opcode.  */
static inline int
ebpf_opcode_size (uint8_t opcode)
{
  static const uint8_t sizes[4] = { 4, 2, 1, 8 };
  return sizes[(opcode >> 3) & 3];
}

/* True for ALU/JMP opcodes that work on 32 bits.  */
static inline bool
ebpf_opcode_is32 (uint8_t opcode)
{
  return EBPF_CLASS (opcode) == EBPF_CLASS_ALU
         || EBPF_CLASS (opcode) == EBPF_CLASS_JMP32;
}

#endif
