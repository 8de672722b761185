/* disasm.h — printing instructions in LLVM pseudo-C or GNU syntax.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_DISASM_H
#define EBPF_DISASM_H

#include "ebpf-opcode.h"

enum ebpf_syntax
{
  EBPF_SYNTAX_LLVM,   /* r1 += r2, as llvm-objdump prints */
  EBPF_SYNTAX_GNU,    /* add %r1,%r2, as binutils bpf-objdump prints */
};

/* Writes the text of INSN into BUF (NUL-terminated, truncated to LEN).
 * NEXT is the following slot, needed for lddw; NULL when there is none.
 * Returns the slots the instruction takes (1 or 2), or 1 for an
 * undecodable slot, whose text is "<unknown>" / "*unknown*".  */
int ebpf_disasm (const struct ebpf_insn *insn, const struct ebpf_insn *next,
                 enum ebpf_syntax syntax, char *buf, size_t len);

/* The same in the dialect DIALECT (NULL: RFC 9669, ebpfsim's own text).  */
int ebpf_disasm_dialect (const struct ebpf_insn *insn,
                         const struct ebpf_insn *next, enum ebpf_syntax syntax,
                         const struct ebpf_dialect *dialect, char *buf,
                         size_t len);

/* The 64-bit immediate of an lddw pair.  */
static inline uint64_t
ebpf_lddw_value (const struct ebpf_insn *lo, const struct ebpf_insn *hi)
{
  return (uint64_t) (uint32_t) lo->imm | (uint64_t) (uint32_t) hi->imm << 32;
}

#endif
