/* table-roundtrip — every entry of the opcode table, with several operand
 * values, printed in both syntaxes and assembled again must give the
 * same bytes, in both byte orders.  Prints one PASS/FAIL line per entry
 * and syntax for DejaGnu (ebpf.binutils/roundtrip.exp).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdio.h>
#include <string.h>
#include "asm.h"
#include "disasm.h"

/* Operand values to try: registers, offsets and immediates with both
 * signs and the extremes of their fields.  */
struct variant { uint8_t dst, src; int16_t off; int32_t imm, imm_hi; };
static const struct variant variants[] = {
  { 1, 2, 0, 0, 0 },
  { 3, 7, -8, -5, -1 },
  { 9, 10, 32767, 2147483647, 0x12345678 },
  { 0, 6, -32768, (int32_t) 0x80000000, 0 },
};

/* The instruction of table entry OP with operands V.  */
static void
make_insn (int op, const struct variant *v, struct ebpf_insn slots[2])
{
  const struct ebpf_opcode_info *e = &ebpf_opcodes[op];
  memset (slots, 0, 2 * sizeof slots[0]);
  struct ebpf_insn *in = &slots[0];
  in->opcode = e->opcode;
  in->dst = v->dst;
  in->src = v->src;
  in->off = v->off;
  in->imm = v->imm;
  switch (e->match)
    {
    case EBPF_MATCH_OFF: in->off = (int16_t) e->match_value; break;
    case EBPF_MATCH_IMM: in->imm = e->match_value; break;
    case EBPF_MATCH_SRC: in->src = (uint8_t) e->match_value; break;
    case EBPF_MATCH_NONE: break;
    }
  /* The disassembler prints only what the instruction means.  */
  ebpf_insn_clear_reserved (op, in);
  if (e->shape == EBPF_SHAPE_LDDW)
    slots[1].imm = v->imm_hi;
  else if (e->shape == EBPF_SHAPE_CALLX)   /* register in dst only */
    in->src = 0, in->off = 0, in->imm = 0;
  else if (e->shape == EBPF_SHAPE_KFUNC)   /* no text for a module BTF */
    in->off = 0;
}

static bool
round_trip (int op, enum ebpf_syntax syntax, bool big_endian,
            const struct variant *v, char *why, size_t why_len)
{
  struct ebpf_insn slots[2];
  make_insn (op, v, slots);
  int n = ebpf_op_slots (op);
  uint8_t want[16];
  for (int i = 0; i < n; i++)
    ebpf_insn_encode (&slots[i], big_endian, want + 8 * i);
  char text[200];
  ebpf_disasm (&slots[0], &slots[1], syntax, text, sizeof text);

  struct ebpf_diag diag = { NULL, "roundtrip", 0, "" };
  struct ebpf_asm_object obj;
  ebpf_assemble (text, strlen (text), big_endian, &obj, &diag);
  bool ok = false;
  if (diag.errors)
    snprintf (why, why_len, "'%s' does not assemble: %s", text, diag.first);
  else
    {
      const struct ebpf_obj_section *s = &obj.sections[0];
      ok = s->len == (size_t) n * 8 && memcmp (s->data, want, s->len) == 0;
      if (!ok)
        snprintf (why, why_len, "'%s' assembles to other bytes (%s)", text,
                  big_endian ? "big-endian" : "little-endian");
    }
  ebpf_asm_object_free (&obj);
  return ok;
}

int
main (void)
{
  int failures = 0;
  static const char *const names[] = { "llvm", "gnu" };
  for (int op = 0; op < EBPF_OP_COUNT; op++)
    for (int syntax = 0; syntax < 2; syntax++)
      {
        char why[1024] = "";
        bool ok = true;
        for (size_t v = 0; ok && v < sizeof variants / sizeof variants[0]; v++)
          for (int be = 0; ok && be < 2; be++)
            ok = round_trip (op, (enum ebpf_syntax) syntax, be, &variants[v],
                             why, sizeof why);
        printf ("%s: roundtrip %s %s%s%s\n", ok ? "PASS" : "FAIL",
                ebpf_opcodes[op].id, names[syntax], ok ? "" : ": ", why);
        failures += !ok;
      }
  return failures ? 1 : 0;
}
