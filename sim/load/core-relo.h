/* core-relo.h — CO-RE: relocating a program's field offsets, sizes, type
 * ids and enum values from the BTF it was compiled with (local) to the BTF
 * of the machine it runs on (target), with libbpf's documented semantics.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_CORE_RELO_H
#define EBPF_CORE_RELO_H

#include "btf-ext.h"

/* The helper id a poisoned instruction calls: no helper has it, so the
 * program faults if, and only if, it reaches the instruction (libbpf's
 * choice, which the kernel verifier reports as "invalid func").  */
#define EBPF_CORE_POISON_HELPER 0xbad2310

struct ebpf_core_result
{
  uint64_t local_value;   /* what the compiler computed from the local BTF */
  uint64_t target_value;  /* what the instruction must hold instead */
  /* The instruction must hold local_value before patching; false for
   * bitfield offsets and sizes, which compilers may compute otherwise.  */
  bool validate;
  /* The relocation cannot be satisfied (a field or enumerator missing in
   * the target): the instruction becomes a call to the poison helper.
   * REASON says why, for the loader's diagnostics.  */
  bool poison;
  char reason[256];
  /* FIELD_BYTE_OFFSET of a whole field: the field's size on each side, so
   * that a load or store of the field can change width (u32 -> u64); and
   * whether such a change is allowed (both sides integers, both enums or
   * both pointers).  Zero sizes otherwise.  */
  uint32_t local_size, target_size;
  bool size_change_ok;
  uint32_t target_type_id;  /* the matching target type, 0 when none */
};

/* Computes RELO, whose type id and access string refer to LOCAL, against
 * TARGET.  Fails (-1, ERR set) when the record is malformed, when several
 * target types match with different results, or for a bitfield no 64-bit
 * load can read; an unsatisfiable relocation is a success with
 * result->poison set.  */
int ebpf_core_relo_compute (const struct ebpf_btf *local,
                            const struct ebpf_btf *target,
                            const struct ebpf_core_relo *relo,
                            struct ebpf_core_result *result,
                            struct ebpf_error *err);

/* Patches the instruction at byte INSN_OFF of CODE (CODE_LEN bytes, in
 * the program's byte order) with RESULT, as libbpf does:
 *  - ALU/ALU64 with an immediate: the immediate;
 *  - LDX, ST, STX: the offset, and the access size when the field's size
 *    changed and the instruction accessed the whole field;
 *  - lddw: the 64-bit immediate;
 *  - poisoned: the instruction (both slots of an lddw) becomes
 *    "call 0xbad2310".
 * When RESULT->validate, the instruction must hold local_value.  */
int ebpf_core_patch_insn (uint8_t *code, size_t code_len, bool big_endian,
                          uint32_t insn_off,
                          const struct ebpf_core_result *result,
                          struct ebpf_error *err);

#endif
