/* program.h — a loaded eBPF program: its instruction slots, decoded once.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_PROGRAM_H
#define EBPF_PROGRAM_H

#include "ebpfsim.h"
#include "ebpf-opcode.h"

/* Where a run of consecutive slots lies in the object's code address
 * space: a program is its function, then the subprograms linked after it,
 * each at the address of its instructions in the object, so that a
 * subprogram has one address whichever program runs it.  */
struct ebpf_code_run
{
  size_t first_slot, n_slots;
  uint64_t addr;            /* code address of first_slot */
};
#define EBPF_MAX_CODE_RUNS 2

/* Bytecode with no object lies at the start of the code window.  */
#define EBPF_BYTECODE_BASE 0x300000000ULL

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
  struct ebpf_code_run runs[EBPF_MAX_CODE_RUNS];
  int n_runs;
};

/* The code address of SLOT (which may be one past the last).  */
uint64_t ebpf_program_slot_address (const ebpf_program *prog, size_t slot);
/* The slot of the instruction that starts at code address ADDR: false
 * when none does (outside the program, mid-instruction, an lddw's
 * second half).  */
bool ebpf_program_address_slot (const ebpf_program *prog, uint64_t addr,
                                size_t *slot);

/* Every register: what calls, exit and the legacy packet loads may
 * change (the calling convention's r0-r5, a frame's r10).  */
#define EBPF_REGS_ALL ((uint16_t) ((1u << EBPF_REG_COUNT) - 1))

/* The registers an instruction of table entry OP (a pseudo op or -1:
 * none) with registers DST and SRC writes, bit N for rN: DST for ALU
 * operations, byte swaps, lddw and loads; SRC for atomics that fetch, r0
 * for cmpxchg; none for stores and jumps; EBPF_REGS_ALL for calls, exit
 * and the legacy packet loads.  */
uint16_t ebpf_insn_writes (int op, unsigned dst, unsigned src);

/* Text of the instruction at PC in LLVM syntax, for messages.  */
void ebpf_program_describe (const ebpf_program *prog, size_t pc, char *buf,
                            size_t len);

#endif
