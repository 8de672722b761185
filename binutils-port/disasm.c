/* disasm.c — instruction text in the two syntaxes eBPF tools use.
 *
 * LLVM pseudo-C follows llvm-objdump; GNU follows binutils' bpf-objdump
 * 2.40.  Where those tools do not know an instruction (the v4 additions,
 * most atomics in GNU), the text is the one their newer releases or the
 * uBPF/conformance assembler syntax use, and it reads back in ebpf-as.
 * The dialects (xBPF, binutils 2.40's choices) change the GNU text only.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "disasm.h"

static const char *const mem_width[4] = { "u32", "u16", "u8", "u64" };

/* GNU prints small non-negative numbers in decimal, the rest in hex,
 * negative ones in decimal.  */
static const char *
gnu_num (int64_t v, char *buf, size_t len)
{
  if (v >= 0 && v <= 9)
    snprintf (buf, len, "%" PRId64, v);
  else if (v < 0)
    snprintf (buf, len, "%" PRId64, v);
  else
    snprintf (buf, len, "0x%" PRIx64, v);
  return buf;
}

static const char *
gnu_reg (int reg, char *buf, size_t len)
{
  if (reg == EBPF_REG_FP)
    snprintf (buf, len, "%%fp");
  else if (reg < EBPF_REG_FP)
    snprintf (buf, len, "%%r%d", reg);
  else
    snprintf (buf, len, "???");
  return buf;
}

/* "(r1 + 4)" / "(r10 - 8)" */
static void
llvm_addr (char *buf, size_t len, int reg, int off)
{
  if (off < 0)
    snprintf (buf, len, "(r%d - %d)", reg, -off);
  else
    snprintf (buf, len, "(r%d + %d)", reg, off);
}

/* "[%r1+4]" / "[%fp+-8]" */
static void
gnu_addr (char *buf, size_t len, int reg, int off)
{
  char r[8], n[24];
  snprintf (buf, len, "[%s+%s]", gnu_reg (reg, r, sizeof r),
            gnu_num (off, n, sizeof n));
}

static int
disasm_llvm (const struct ebpf_opcode_info *e, const struct ebpf_insn *in,
             uint64_t imm64, char *buf, size_t len)
{
  const char w = ebpf_opcode_is32 (e->opcode) ? 'w' : 'r';
  const char *width = mem_width[(e->opcode >> 3) & 3];
  char addr[48];
  switch (e->shape)
    {
    case EBPF_SHAPE_ALU_K:
      return snprintf (buf, len, "%c%d %s %d", w, in->dst, e->llvm, in->imm);
    case EBPF_SHAPE_ALU_X:
      return snprintf (buf, len, "%c%d %s %c%d", w, in->dst, e->llvm, w, in->src);
    case EBPF_SHAPE_MOVSX:
      return snprintf (buf, len, "%c%d = (%s)%c%d", w, in->dst, e->llvm, w, in->src);
    case EBPF_SHAPE_NEG:
      return snprintf (buf, len, "%c%d = -%c%d", w, in->dst, w, in->dst);
    case EBPF_SHAPE_END:
      return snprintf (buf, len, "r%d = %s r%d", in->dst, e->llvm, in->dst);
    case EBPF_SHAPE_JA:
      return snprintf (buf, len, "goto %+d", in->off);
    case EBPF_SHAPE_JA32:
      return snprintf (buf, len, "gotol %+d", in->imm);
    case EBPF_SHAPE_JMP_K:
      return snprintf (buf, len, "if %c%d %s %d goto %+d", w, in->dst, e->llvm,
                       in->imm, in->off);
    case EBPF_SHAPE_JMP_X:
      return snprintf (buf, len, "if %c%d %s %c%d goto %+d", w, in->dst,
                       e->llvm, w, in->src, in->off);
    case EBPF_SHAPE_CALL:
      return snprintf (buf, len, "call %d", in->imm);
    case EBPF_SHAPE_CALL_LOCAL:
      /* llvm-objdump prints "call N" for helpers and local calls alike;
       * the word keeps them apart so that the text reads back.  */
      return snprintf (buf, len, "call local %d", in->imm);
    case EBPF_SHAPE_KFUNC:
      return snprintf (buf, len, "call kfunc %d", in->imm);
    case EBPF_SHAPE_CALLX:
      return snprintf (buf, len, "callx r%d", in->dst);
    case EBPF_SHAPE_EXIT:
      return snprintf (buf, len, "exit");
    case EBPF_SHAPE_LDDW:
      if (in->src == 0)
        return snprintf (buf, len, "r%d = %" PRId64 " ll", in->dst, (int64_t) imm64);
      if ((imm64 >> 32) == 0)
        return snprintf (buf, len, "ld_pseudo\tr%d, %d, %d", in->dst, in->src,
                         in->imm);
      return snprintf (buf, len, "ld_pseudo\tr%d, %d, %d, %d", in->dst, in->src,
                       in->imm, (int32_t) (imm64 >> 32));
    case EBPF_SHAPE_LD_ABS:
      return snprintf (buf, len, "r0 = *(%s *)skb[%d]", width, in->imm);
    case EBPF_SHAPE_LD_IND:
      /* llvm-objdump leaves the immediate out when it is zero only.  */
      if (in->imm == 0)
        return snprintf (buf, len, "r0 = *(%s *)skb[r%d]", width, in->src);
      return snprintf (buf, len, "r0 = *(%s *)skb[r%d %c %d]", width, in->src,
                       in->imm < 0 ? '-' : '+',
                       (int) (in->imm < 0 ? -(int64_t) in->imm : in->imm));
    case EBPF_SHAPE_LDX:
      llvm_addr (addr, sizeof addr, in->src, in->off);
      return snprintf (buf, len, "r%d = *(%s *)%s", in->dst,
                       e->llvm[0] == 's' ? e->llvm : width, addr);
    case EBPF_SHAPE_ST:
      llvm_addr (addr, sizeof addr, in->dst, in->off);
      return snprintf (buf, len, "*(%s *)%s = %d", width, addr, in->imm);
    case EBPF_SHAPE_STX:
      llvm_addr (addr, sizeof addr, in->dst, in->off);
      return snprintf (buf, len, "*(%s *)%s = r%d", width, addr, in->src);
    case EBPF_SHAPE_ATOMIC:
      {
        const bool is32 = (e->opcode >> 3 & 3) == 0;
        const char rw = is32 ? 'w' : 'r';
        const char *sfx = is32 ? "32_32" : "_64";
        if (strcmp (e->llvm, "xchg") == 0)
          {
            llvm_addr (addr, sizeof addr, in->dst, in->off);
            return snprintf (buf, len, "%c%d = xchg%s(%.*s, %c%d)", rw, in->src,
                             sfx, (int) strlen (addr) - 2, addr + 1, rw, in->src);
          }
        if (strcmp (e->llvm, "cmpxchg") == 0)
          {
            llvm_addr (addr, sizeof addr, in->dst, in->off);
            return snprintf (buf, len, "%c0 = cmpxchg%s(%.*s, %c0, %c%d)", rw, sfx,
                             (int) strlen (addr) - 2, addr + 1, rw, rw, in->src);
          }
        llvm_addr (addr, sizeof addr, in->dst, in->off);
        if (in->imm & 1)   /* FETCH */
          return snprintf (buf, len, "%c%d = %s((%s *)%s, %c%d)", rw, in->src,
                           e->llvm, width, addr, rw, in->src);
        return snprintf (buf, len, "lock *(%s *)%s %s %c%d", width, addr,
                         e->llvm, rw, in->src);
      }
    }
  return snprintf (buf, len, "<unknown>");
}

static int
disasm_gnu (const struct ebpf_opcode_info *e, const struct ebpf_insn *in,
            uint64_t imm64, const struct ebpf_dialect *dialect, char *buf,
            size_t len)
{
  char d[8], s[8], n[24], addr[48];
  gnu_reg (in->dst, d, sizeof d);
  gnu_reg (in->src, s, sizeof s);
  switch (e->shape)
    {
    case EBPF_SHAPE_ALU_K:
      return snprintf (buf, len, "%s %s,%s", e->gnu, d, gnu_num (in->imm, n, sizeof n));
    case EBPF_SHAPE_ALU_X:
    case EBPF_SHAPE_MOVSX:
      return snprintf (buf, len, "%s %s,%s", e->gnu, d, s);
    case EBPF_SHAPE_NEG:
      return snprintf (buf, len, "%s %s", e->gnu, d);
    case EBPF_SHAPE_CALLX:
      /* xBPF spells the indirect call as a call with a register.  */
      return snprintf (buf, len, "%s %s", dialect->xbpf ? "call" : e->gnu, d);
    case EBPF_SHAPE_END:
      if (e->gnu[0] == 'b' && e->gnu[1] == 's')   /* bswapN has no 2.40 form */
        return snprintf (buf, len, "%s %s", e->gnu, d);
      return snprintf (buf, len, "end%.2s %s,%d", e->gnu, d, in->imm);
    case EBPF_SHAPE_JA:
      return snprintf (buf, len, "ja %d", in->off);
    case EBPF_SHAPE_JA32:
      return snprintf (buf, len, "ja32 %d", in->imm);
    case EBPF_SHAPE_JMP_K:
      return snprintf (buf, len, "%s %s,%s,%d", e->gnu, d,
                       gnu_num (in->imm, n, sizeof n), in->off);
    case EBPF_SHAPE_JMP_X:
      return snprintf (buf, len, "%s %s,%s,%d", e->gnu, d, s, in->off);
    case EBPF_SHAPE_CALL:
      return snprintf (buf, len, "call %d", in->imm);
    case EBPF_SHAPE_CALL_LOCAL:
    case EBPF_SHAPE_KFUNC:
      /* binutils 2.40 prints every call kind alike; its "call N" reads
       * back as a helper call, so ebpfsim's own text names the kind.  */
      if (dialect->binutils_2_40)
        return snprintf (buf, len, "call %d", in->imm);
      return snprintf (buf, len, "call %s %d",
                       e->shape == EBPF_SHAPE_KFUNC ? "kfunc" : "local", in->imm);
    case EBPF_SHAPE_EXIT:
      return snprintf (buf, len, "exit");
    case EBPF_SHAPE_LDDW:
      if (in->src != 0)   /* no GNU spelling: LLVM's, which ebpf-as reads */
        {
          if ((imm64 >> 32) == 0)
            return snprintf (buf, len, "ld_pseudo %s,%d,%d", d, in->src, in->imm);
          return snprintf (buf, len, "ld_pseudo %s,%d,%d,%d", d, in->src, in->imm,
                           (int32_t) (imm64 >> 32));
        }
      return snprintf (buf, len, "lddw %s,%s", d, gnu_num ((int64_t) imm64, n, sizeof n));
    case EBPF_SHAPE_LD_ABS:
      return snprintf (buf, len, "%s %s", e->gnu, gnu_num (in->imm, n, sizeof n));
    case EBPF_SHAPE_LD_IND:
      return snprintf (buf, len, "%s %s,%s", e->gnu, s, gnu_num (in->imm, n, sizeof n));
    case EBPF_SHAPE_LDX:
      gnu_addr (addr, sizeof addr, in->src, in->off);
      return snprintf (buf, len, "%s %s,%s", e->gnu, d, addr);
    case EBPF_SHAPE_ST:
      gnu_addr (addr, sizeof addr, in->dst, in->off);
      return snprintf (buf, len, "%s %s,%s", e->gnu, addr, gnu_num (in->imm, n, sizeof n));
    case EBPF_SHAPE_STX:
    case EBPF_SHAPE_ATOMIC:
      gnu_addr (addr, sizeof addr, in->dst, in->off);
      return snprintf (buf, len, "%s %s,%s", e->gnu, addr, s);
    }
  return snprintf (buf, len, "*unknown*");
}

int
ebpf_disasm_dialect (const struct ebpf_insn *insn, const struct ebpf_insn *next,
                     enum ebpf_syntax syntax, const struct ebpf_dialect *dialect,
                     char *buf, size_t len)
{
  static const struct ebpf_dialect rfc = { false, false };
  if (dialect == NULL)
    dialect = &rfc;
  const char *unknown = syntax == EBPF_SYNTAX_GNU ? "*unknown*" : "<unknown>";
  struct ebpf_insn in = *insn;
  if (dialect->xbpf)
    ebpf_xbpf_to_rfc (&in);
  int op = ebpf_opcode_lookup (&in);
  /* binutils 2.40's 8-byte packet loads print as the 4-byte ones do.  */
  struct ebpf_opcode_info wide;
  const struct ebpf_opcode_info *e = op >= 0 ? &ebpf_opcodes[op] : NULL;
  const char *wide_name;
  int narrow;
  if (op < 0 && dialect->binutils_2_40 && syntax == EBPF_SYNTAX_GNU
      && (narrow = ebpf_wide_packet_load_by_opcode (in.opcode, &wide_name)) >= 0)
    {
      wide = ebpf_opcodes[narrow];
      wide.opcode = in.opcode;
      wide.gnu = wide_name;
      e = &wide;
      op = narrow;
    }
  if (e == NULL || in.dst > EBPF_REG_FP || in.src > EBPF_REG_FP
      || (ebpf_op_slots (op) == 2 && next == NULL))
    {
      snprintf (buf, len, "%s", unknown);
      return 1;
    }
  uint64_t imm64 = ebpf_op_slots (op) == 2 ? ebpf_lddw_value (&in, next)
                                           : (uint64_t) (int64_t) in.imm;
  if (syntax == EBPF_SYNTAX_GNU)
    disasm_gnu (e, &in, imm64, dialect, buf, len);
  else
    disasm_llvm (e, &in, imm64, buf, len);
  return ebpf_op_slots (op);
}

int
ebpf_disasm (const struct ebpf_insn *insn, const struct ebpf_insn *next,
             enum ebpf_syntax syntax, char *buf, size_t len)
{
  return ebpf_disasm_dialect (insn, next, syntax, NULL, buf, len);
}
