/* program.h — a loaded eBPF program: its instruction slots, decoded once.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_PROGRAM_H
#define EBPF_PROGRAM_H

#include "ebpfsim.h"
#include "ebpf-opcode.h"

struct ebpf_program
{
  char *name;
  ebpf_object *object;      /* the object it came from, for its maps; NULL
                               for bytecode */
  char *section;            /* its ELF section, which sets the context;
                               NULL for bytecode */
  size_t entry;             /* slot where runs start */
  int index;                /* in its object; -1 for bytecode */
  bool big_endian;
  size_t n_slots;
  struct ebpf_insn *insns;  /* every slot, fields in host form */
  int *ops;                 /* table entry per slot; -1: unknown, or the
                               second slot of an lddw (see lddw_tail) */
  bool *lddw_tail;          /* slot is the second half of an lddw */
};

/* Text of the instruction at PC in LLVM syntax, for messages.  */
void ebpf_program_describe (const ebpf_program *prog, size_t pc, char *buf,
                            size_t len);

#endif
