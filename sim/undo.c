/* undo.c — the history of a run as an undo log (see undo.h).
 *
 * Records are laid end to end in one buffer, each followed by its size so
 * the log can be walked backwards: a header (where the machine was), the
 * old values of the registers the instruction may change, for a helper
 * call the machine's small state a helper may change, and at most one
 * saved memory range.  Only what an instruction can change is saved: one
 * register for an ALU operation or a load, the stored bytes for a store,
 * every register for calls and returns.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdlib.h>
#include <string.h>
#include "machine.h"
#include "xalloc.h"

#define DEFAULT_LIMIT (256u << 20)

struct record_header
{
  const struct ebpf_decoded *pc;   /* NULL: a helper's memory write */
  struct ebpf_decoded *code;
  const ebpf_program *prog;
  uint64_t count, cycles;
  int32_t depth;
  uint32_t tail_calls;
  uint16_t reg_mask;               /* registers saved, in order */
  uint8_t nested;                  /* undone with the helper call before it */
  uint8_t helper_state;            /* a struct helper_state follows */
  uint32_t mem_len;                /* bytes saved at mem_addr */
  uint32_t size;                   /* of the whole record, also at its end */
  uint64_t mem_addr;
};

/* What a helper may change besides registers and memory.  */
struct helper_state
{
  struct ebpf_packet packet;
  uint64_t random_state;
  bool redirect_set;
  uint32_t redirect_ifindex;
  uint64_t redirect_flags;
};

static size_t round8 (size_t n) { return (n + 7) & ~(size_t) 7; }

/* The registers instruction D may change.  */
static uint16_t
changed_registers (const struct ebpf_decoded *d)
{
  const uint16_t all = (1u << EBPF_REG_COUNT) - 1;
  if (d->op >= EBPF_OP_COUNT)
    return 0;
  switch (ebpf_opcodes[d->op].shape)
    {
    case EBPF_SHAPE_ALU_K: case EBPF_SHAPE_ALU_X: case EBPF_SHAPE_MOVSX:
    case EBPF_SHAPE_NEG: case EBPF_SHAPE_END: case EBPF_SHAPE_LDDW:
    case EBPF_SHAPE_LDX:
      return (uint16_t) (1u << d->dst);
    case EBPF_SHAPE_ATOMIC:
      return (uint16_t) ((1u << d->src) | 1u);
    case EBPF_SHAPE_ST: case EBPF_SHAPE_STX:
    case EBPF_SHAPE_JA: case EBPF_SHAPE_JA32:
    case EBPF_SHAPE_JMP_K: case EBPF_SHAPE_JMP_X:
      return 0;
    default:   /* calls, exit, legacy packet loads */
      return all;
    }
}

/* Host memory behind LEN guest bytes at ADDR, the context's fields
 * included (they have no guest memory: the interpreter traps them).  */
static uint8_t *
host_bytes (ebpf_machine *m, uint64_t addr, uint64_t len)
{
  if (len > UINT32_MAX)
    return NULL;
  uint8_t *p = ebpf_memory_translate (&m->mem, addr, (uint32_t) len, false);
  if (p == NULL && addr >> EBPF_REGION_SHIFT == EBPF_WINDOW_CONTEXT
      && m->context_kind != EBPF_CONTEXT_RAW)
    {
      uint32_t off = (uint32_t) addr;
      if (off <= sizeof m->context && len <= sizeof m->context - off)
        p = m->context + off;
    }
  return p;
}

static uint8_t *
reserve (struct ebpf_undo_log *log, size_t n)
{
  if (log->len + n > log->limit && log->len > 0)
    {
      /* Forget the oldest records, up to half the log, and never a
       * helper call without the nested records after it.  */
      size_t at = 0;
      uint64_t forgotten = 0;
      while (at < log->len)
        {
          const struct record_header *h = (const void *) (log->buf + at);
          if (at >= log->len / 2 && !h->nested)
            break;
          if (h->pc && !h->nested)
            forgotten++;
          at += h->size;
        }
      memmove (log->buf, log->buf + at, log->len - at);
      log->len -= at;
      log->insns -= forgotten;
      log->dropped += forgotten;
    }
  if (log->len + n > log->cap)
    {
      size_t cap = log->cap ? log->cap : 1 << 16;
      while (cap < log->len + n)
        cap *= 2;
      log->buf = ebpf_xrealloc (log->buf, cap);
      log->cap = cap;
    }
  uint8_t *p = log->buf + log->len;
  log->len += n;
  return p;
}

static void
append (ebpf_machine *m, struct record_header *h, uint8_t *mem)
{
  struct ebpf_undo_log *log = &m->debug.history;
  /* Kernighan's count, not __builtin_popcount: without the popcnt
   * instruction that is a libgcc call, which a record of one register
   * cannot afford.  */
  size_t nregs = 0;
  for (unsigned mask = h->reg_mask; mask; mask &= mask - 1)
    nregs++;
  size_t size = sizeof *h + 8 * nregs
                + (h->helper_state ? sizeof (struct helper_state) : 0)
                + round8 (h->mem_len) + 8;
  uint8_t *p = reserve (log, size);
  h->size = (uint32_t) size;
  memcpy (p, h, sizeof *h);
  p += sizeof *h;
  for (int r = 0; r < EBPF_REG_COUNT; r++)
    if (h->reg_mask & (1u << r))
      {
        memcpy (p, &m->regs[r], 8);
        p += 8;
      }
  if (h->helper_state)
    {
      struct helper_state s = { m->packet, m->env.random_state, m->redirect.set,
                                m->redirect.ifindex, m->redirect.flags };
      memcpy (p, &s, sizeof s);
      p += sizeof s;
    }
  if (h->mem_len)
    memcpy (p, mem, h->mem_len);
  p += round8 (h->mem_len);
  uint32_t size32 = (uint32_t) size;
  memcpy (p, &size32, sizeof size32);
  memset (p + 4, 0, 4);
}

void
ebpf_undo_record_insn (ebpf_machine *m, const struct ebpf_decoded *d,
                       uint64_t count, uint64_t cycles, bool nested)
{
  struct record_header h = {
    .pc = d, .code = m->code, .prog = m->prog, .count = count,
    .cycles = cycles, .depth = m->depth, .tail_calls = m->tail_calls,
    .reg_mask = changed_registers (d), .nested = nested,
    .helper_state = d->op < EBPF_OP_COUNT
                    && ebpf_opcodes[d->op].shape == EBPF_SHAPE_CALL,
  };
  uint64_t addr;
  unsigned size;
  bool reads, writes;
  uint8_t *mem = NULL;
  if (ebpf_debug_access (d, m->regs, &addr, &size, &reads, &writes) && writes
      && (mem = host_bytes (m, addr, size)) != NULL)
    {
      h.mem_addr = addr;
      h.mem_len = size;
    }
  append (m, &h, mem);
  if (!nested)
    m->debug.history.insns++;
}

void
ebpf_undo_record_memory (ebpf_machine *m, uint64_t addr, uint64_t len)
{
  uint8_t *mem = host_bytes (m, addr, len);
  if (mem == NULL || len > UINT32_MAX - 8)
    return;
  struct record_header h = { .depth = m->depth, .nested = 1,
                             .mem_addr = addr, .mem_len = (uint32_t) len };
  append (m, &h, mem);
}

bool
ebpf_undo_step_back (ebpf_machine *m)
{
  struct ebpf_undo_log *log = &m->debug.history;
  if (log->insns == 0)
    return false;
  for (;;)
    {
      uint32_t size;
      memcpy (&size, log->buf + log->len - 8, sizeof size);
      size_t start = log->len - size;
      struct record_header h;
      memcpy (&h, log->buf + start, sizeof h);
      const uint8_t *p = log->buf + start + sizeof h;
      /* The frame first: the stack mapped then is where the bytes go.  */
      m->depth = h.depth;
      ebpf_machine_map_stack (m);
      if (h.pc)
        {
          for (int r = 0; r < EBPF_REG_COUNT; r++)
            if (h.reg_mask & (1u << r))
              {
                memcpy (&m->regs[r], p, 8);
                p += 8;
              }
          if (h.helper_state)
            {
              struct helper_state s;
              memcpy (&s, p, sizeof s);
              p += sizeof s;
              m->packet = s.packet;
              if (m->context_kind != EBPF_CONTEXT_MEMORY)
                ebpf_context_map_packet (m);
              m->env.random_state = s.random_state;
              m->redirect.set = s.redirect_set;
              m->redirect.ifindex = s.redirect_ifindex;
              m->redirect.flags = s.redirect_flags;
            }
          m->pc = h.pc;
          m->code = h.code;
          m->prog = h.prog;
          m->insn_count = h.count;
          m->cycle_count = h.cycles;
          m->tail_calls = h.tail_calls;
        }
      if (h.mem_len)
        {
          uint8_t *to = host_bytes (m, h.mem_addr, h.mem_len);
          if (to)
            memcpy (to, p, h.mem_len);
        }
      log->len = start;
      if (h.pc && !h.nested)
        break;
    }
  log->insns--;
  m->faulted = false;
  m->resume_over = m->pc;   /* going forward executes this instruction */
  return true;
}

void
ebpf_undo_forget_last (struct ebpf_undo_log *log)
{
  while (log->len > 0)
    {
      uint32_t size;
      memcpy (&size, log->buf + log->len - 8, sizeof size);
      const struct record_header *h = (const void *) (log->buf + log->len - size);
      log->len -= size;
      if (h->pc && !h->nested)
        {
          log->insns--;
          return;
        }
    }
}

void
ebpf_undo_clear (struct ebpf_undo_log *log)
{
  log->len = 0;
  log->insns = 0;
  log->dropped = 0;
}

void
ebpf_undo_free (struct ebpf_undo_log *log)
{
  free (log->buf);
  *log = (struct ebpf_undo_log) { 0 };
}

/* ---- The public API ------------------------------------------------------ */

void
ebpf_machine_set_recording (ebpf_machine *m, bool on, size_t max_bytes)
{
  struct ebpf_undo_log *log = &m->debug.history;
  log->limit = max_bytes ? max_bytes : DEFAULT_LIMIT;
  if (log->on == on)
    return;
  log->on = on;
  if (!on)
    ebpf_undo_clear (log);
  ebpf_debug_refresh_all (m);
}

enum ebpf_stop
ebpf_machine_reverse_step (ebpf_machine *m)
{
  if (!ebpf_undo_step_back (m))
    {
      snprintf (m->stop_message, sizeof m->stop_message,
                "no more history: at the start of the recorded run");
      return EBPF_STOP_HISTORY_START;
    }
  snprintf (m->stop_message, sizeof m->stop_message, "stepped back to pc %zu",
            (size_t) (m->pc - m->code));
  return EBPF_STOP_STEP;
}

uint64_t
ebpf_machine_history_insns (const ebpf_machine *m)
{
  return m->debug.history.insns;
}

size_t
ebpf_machine_history_bytes (const ebpf_machine *m)
{
  return m->debug.history.len;
}
