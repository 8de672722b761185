/* fuzz-asm — arbitrary text through the assembler, in the dialect the
 * first byte picks (RFC 9669, xBPF, binutils 2.40's), and what it
 * assembles back through the disassembler in both syntaxes and the same
 * dialect.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "asm.h"
#include "disasm.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
disassemble (const struct ebpf_obj_section *s, bool big_endian,
             const struct ebpf_dialect *dialect)
{
  size_t n = s->len / EBPF_INSN_SIZE;
  for (size_t i = 0; i < n; i++)
    {
      struct ebpf_insn insn, next;
      ebpf_insn_decode (s->data + i * EBPF_INSN_SIZE, big_endian, &insn);
      if (i + 1 < n)
        ebpf_insn_decode (s->data + (i + 1) * EBPF_INSN_SIZE, big_endian, &next);
      char text[160];
      ebpf_disasm_dialect (&insn, i + 1 < n ? &next : NULL, EBPF_SYNTAX_LLVM,
                           dialect, text, sizeof text);
      ebpf_disasm_dialect (&insn, i + 1 < n ? &next : NULL, EBPF_SYNTAX_GNU,
                           dialect, text, sizeof text);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size == 0)
    return 0;
  struct ebpf_dialect dialect = { .xbpf = data[0] & 1,
                                  .binutils_2_40 = (data[0] >> 1) & 1 };
  bool big_endian = (data[0] >> 2) & 1;
  struct ebpf_diag diag = { NULL, "fuzz", 0, "" };
  struct ebpf_asm_object obj;
  if (ebpf_assemble_dialect ((const char *) data + 1, size - 1, big_endian,
                             (data[0] >> 3) & 1 ? NULL : &dialect, &obj,
                             &diag) == 0)
    for (int i = 0; i < obj.n_sections; i++)
      if (obj.sections[i].type != 8 /* SHT_NOBITS */)
        disassemble (&obj.sections[i], big_endian, &dialect);
  ebpf_asm_object_free (&obj);
  return 0;
}
