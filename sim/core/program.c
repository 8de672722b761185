/* program.c — loading a program from bytecode or from an ELF object.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "disasm.h"
#include "program.h"


uint16_t
ebpf_insn_writes (int op, unsigned dst, unsigned src)
{
  if (op < 0 || op >= EBPF_OP_COUNT)
    return 0;
  const struct ebpf_opcode_info *e = &ebpf_opcodes[op];
  switch (e->shape)
    {
    case EBPF_SHAPE_ALU_K: case EBPF_SHAPE_ALU_X: case EBPF_SHAPE_MOVSX:
    case EBPF_SHAPE_NEG: case EBPF_SHAPE_END: case EBPF_SHAPE_LDDW:
    case EBPF_SHAPE_LDX:
      return (uint16_t) (1u << dst);
    case EBPF_SHAPE_ATOMIC:   /* the immediate: BPF_FETCH, BPF_CMPXCHG */
      if (e->match_value == 0xf1)
        return 1u;
      return e->match_value & 1 ? (uint16_t) (1u << src) : 0;
    case EBPF_SHAPE_ST: case EBPF_SHAPE_STX:
    case EBPF_SHAPE_JA: case EBPF_SHAPE_JA32:
    case EBPF_SHAPE_JMP_K: case EBPF_SHAPE_JMP_X:
      return 0;
    default:   /* calls, exit, legacy packet loads */
      return EBPF_REGS_ALL;
    }
}

ebpf_program *
ebpf_program_from_bytes (const uint8_t *bytes, size_t len, bool big_endian,
                         const char *name, struct ebpf_error *err)
{
  if (len == 0)
    {
      ebpf_error_set (err, "%s: the program is empty", name);
      return NULL;
    }
  if (len % EBPF_INSN_SIZE != 0)
    {
      ebpf_error_set (err, "%s: %zu bytes of code is not a whole number of "
                 "8-byte instructions", name, len);
      return NULL;
    }
  ebpf_program *prog = calloc (1, sizeof *prog);
  size_t n = len / EBPF_INSN_SIZE;
  if (prog == NULL
      || (prog->insns = calloc (n, sizeof *prog->insns)) == NULL
      || (prog->ops = calloc (n, sizeof *prog->ops)) == NULL
      || (prog->lddw_tail = calloc (n, sizeof *prog->lddw_tail)) == NULL
      || (prog->name = strdup (name)) == NULL)
    {
      ebpf_program_free (prog);
      ebpf_error_set (err, "%s: out of memory", name);
      return NULL;
    }
  prog->big_endian = big_endian;
  prog->n_slots = n;
  prog->runs[0] = (struct ebpf_code_run) { 0, n, EBPF_BYTECODE_BASE };
  prog->n_runs = 1;
  prog->index = -1;
  for (size_t i = 0; i < n; i++)
    ebpf_insn_decode (bytes + i * EBPF_INSN_SIZE, big_endian, &prog->insns[i]);
  for (size_t i = 0; i < n; i++)
    {
      if (prog->lddw_tail[i])
        {
          prog->ops[i] = -1;
          continue;
        }
      int op = ebpf_opcode_lookup (&prog->insns[i]);
      /* An lddw in the last slot has no second half: unknown.  */
      if (op >= 0 && ebpf_op_slots (op) == 2 && i + 1 == n)
        op = -1;
      prog->ops[i] = op;
      if (op >= 0 && ebpf_op_slots (op) == 2)
        prog->lddw_tail[i + 1] = true;
    }
  return prog;
}

void
ebpf_program_free (ebpf_program *prog)
{
  if (prog == NULL)
    return;
  free (prog->insns);
  free (prog->ops);
  free (prog->lddw_tail);
  free (prog->name);
  free (prog->section);
  free (prog);
}

uint64_t
ebpf_program_slot_address (const ebpf_program *prog, size_t slot)
{
  for (int i = prog->n_runs - 1; i >= 0; i--)
    if (slot >= prog->runs[i].first_slot)
      return prog->runs[i].addr
             + (uint64_t) (slot - prog->runs[i].first_slot) * EBPF_INSN_SIZE;
  return prog->runs[0].addr;
}

bool
ebpf_program_address_slot (const ebpf_program *prog, uint64_t addr,
                           size_t *slot)
{
  for (int i = 0; i < prog->n_runs; i++)
    {
      const struct ebpf_code_run *run = &prog->runs[i];
      if (addr < run->addr || (addr - run->addr) % EBPF_INSN_SIZE
          || (addr - run->addr) / EBPF_INSN_SIZE >= run->n_slots)
        continue;
      size_t s = run->first_slot + (size_t) ((addr - run->addr) / EBPF_INSN_SIZE);
      if (prog->lddw_tail[s])
        return false;
      *slot = s;
      return true;
    }
  return false;
}

size_t ebpf_program_slot_count (const ebpf_program *prog) { return prog->n_slots; }
bool ebpf_program_big_endian (const ebpf_program *prog) { return prog->big_endian; }
const char *ebpf_program_name (const ebpf_program *prog) { return prog->name; }

void
ebpf_program_describe (const ebpf_program *prog, size_t pc, char *buf,
                       size_t len)
{
  if (pc >= prog->n_slots)
    {
      snprintf (buf, len, "past the end");
      return;
    }
  if (prog->lddw_tail[pc])
    {
      snprintf (buf, len, "second half of lddw");
      return;
    }
  ebpf_disasm (&prog->insns[pc], pc + 1 < prog->n_slots ? &prog->insns[pc + 1]
               : NULL, EBPF_SYNTAX_LLVM, buf, len);
  for (char *p = buf; *p; p++)   /* messages stay on one line */
    if (*p == '\t')
      *p = ' ';
}

/* The context of a program in section S, by libbpf's section names.  */
static enum ebpf_context_kind
context_kind_for_section (const char *s)
{
  static const struct { const char *prefix; enum ebpf_context_kind kind; } kinds[] = {
    { "xdp", EBPF_CONTEXT_XDP },
    { "tc", EBPF_CONTEXT_SKB }, { "classifier", EBPF_CONTEXT_SKB },
    { "action", EBPF_CONTEXT_SKB }, { "tcx", EBPF_CONTEXT_SKB },
    { "socket", EBPF_CONTEXT_SOCKET }, { "cgroup_skb", EBPF_CONTEXT_SOCKET },
    { "kprobe", EBPF_CONTEXT_RAW }, { "kretprobe", EBPF_CONTEXT_RAW },
    { "uprobe", EBPF_CONTEXT_RAW }, { "uretprobe", EBPF_CONTEXT_RAW },
    { "tracepoint", EBPF_CONTEXT_RAW }, { "tp", EBPF_CONTEXT_RAW },
    { "raw_tp", EBPF_CONTEXT_RAW }, { "raw_tracepoint", EBPF_CONTEXT_RAW },
    { "tp_btf", EBPF_CONTEXT_RAW }, { "fentry", EBPF_CONTEXT_RAW },
    { "fexit", EBPF_CONTEXT_RAW }, { "fmod_ret", EBPF_CONTEXT_RAW },
    { "lsm", EBPF_CONTEXT_RAW }, { "perf_event", EBPF_CONTEXT_RAW },
    { "iter", EBPF_CONTEXT_RAW }, { "syscall", EBPF_CONTEXT_RAW },
  };
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    {
      size_t n = strlen (kinds[i].prefix);
      /* "xdp", "xdp/name", "xdp.frags", "kprobe/fn" ... */
      if (strncmp (s, kinds[i].prefix, n) == 0
          && (s[n] == '\0' || s[n] == '/' || s[n] == '.'))
        return kinds[i].kind;
    }
  return EBPF_CONTEXT_MEMORY;
}

enum ebpf_context_kind
ebpf_program_context_kind (const ebpf_program *prog)
{
  return prog->section ? context_kind_for_section (prog->section)
                       : EBPF_CONTEXT_MEMORY;
}

const char *
ebpf_context_kind_name (enum ebpf_context_kind kind)
{
  static const char *const names[] = {
    [EBPF_CONTEXT_MEMORY] = "memory", [EBPF_CONTEXT_XDP] = "xdp",
    [EBPF_CONTEXT_SKB] = "tc", [EBPF_CONTEXT_SOCKET] = "socket",
    [EBPF_CONTEXT_RAW] = "tracing",
  };
  return kind <= EBPF_CONTEXT_RAW ? names[kind] : "?";
}
