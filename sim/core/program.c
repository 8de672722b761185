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
#include "env/context.h"
#include "program.h"


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

enum ebpf_context_kind
ebpf_program_context_kind (const ebpf_program *prog)
{
  return prog->section ? ebpf_context_kind_for_section (prog->section)
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
