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
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "core/machine.h"
#include "xalloc.h"

#define DEFAULT_LIMIT (256u << 20)

/* How every record begins, for walking the log forwards.  */
struct record_start
{
  uint32_t size;                   /* of the whole record, also at its end */
  uint8_t compact;                 /* a struct compact_record */
  uint8_t nested;                  /* undone with the helper call before it */
  uint16_t unused;
};

struct record_header
{
  struct record_start start;
  const struct ebpf_decoded *pc;   /* NULL: a helper's memory write */
  struct ebpf_decoded *code;
  const ebpf_program *prog;
  uint64_t count, cost;
  int32_t depth;
  uint32_t tail_calls;
  uint16_t reg_mask;               /* registers saved, in order */
  uint8_t helper_state;            /* a struct helper_state follows */
  uint32_t mem_len;                /* bytes saved at mem_addr */
  uint64_t mem_addr;
};

/* Most instructions change at most one register and 8 bytes of memory,
 * and neither the frame nor the program: their record keeps where the
 * instruction was, the counters before it and what it overwrote; the
 * code and the frame are the machine's when it is undone.  */
struct compact_record
{
  struct record_start start;
  uint64_t count, cost;
  uint32_t slot;                   /* in the code running then */
  uint8_t reg;                     /* the register saved, or NO_REGISTER */
  uint8_t mem_len;
  uint16_t unused;
  uint64_t old_reg;
  uint64_t mem_addr;
  uint8_t mem[8];
  uint64_t end;                    /* the size, as every record ends */
};
#define NO_REGISTER 0xff

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

/* Whether the record at RECORD is an instruction's, not a helper's
 * memory write.  */
static bool
is_instruction (const uint8_t *record)
{
  struct record_start s;
  memcpy (&s, record, sizeof s);
  if (s.compact)
    return true;
  struct record_header h;
  memcpy (&h, record, sizeof h);
  return h.pc != NULL;
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
          struct record_start s;
          memcpy (&s, log->buf + at, sizeof s);
          if (at >= log->len / 2 && !s.nested)
            break;
          if (is_instruction (log->buf + at) && !s.nested)
            forgotten++;
          at += s.size;
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
  h->start.size = (uint32_t) size;
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

static void
append_compact (ebpf_machine *m, const struct record_header *h,
                const uint8_t *mem)
{
  uint16_t mask = h->reg_mask;
  struct compact_record c = {
    .start = { .size = sizeof c, .compact = 1 },
    .count = h->count, .cost = h->cost,
    .slot = (uint32_t) (h->pc - m->code),
    .reg = NO_REGISTER, .mem_len = (uint8_t) h->mem_len,
    .mem_addr = h->mem_addr, .end = sizeof c,
  };
  if (mask)
    {
      c.reg = (uint8_t) __builtin_ctz (mask);
      c.old_reg = m->regs[c.reg];
    }
  if (h->mem_len)
    memcpy (c.mem, mem, h->mem_len);
  memcpy (reserve (&m->debug.history, sizeof c), &c, sizeof c);
}

void
ebpf_undo_record_insn (ebpf_machine *m, const struct ebpf_decoded *d,
                       uint64_t count, uint64_t cost, bool nested)
{
  uint16_t mask = ebpf_insn_writes (d->op, d->dst, d->src);
  struct record_header h = {
    .start = { .nested = nested },
    .pc = d, .code = m->code, .prog = m->prog, .count = count,
    .cost = cost, .depth = m->depth, .tail_calls = m->tail_calls,
    .reg_mask = mask,
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
  /* Calls, exits and legacy packet loads save every register; a
   * callback's instructions are undone with the call that ran it.  */
  if (!nested && (mask & (mask - 1)) == 0 && h.mem_len <= 8)
    append_compact (m, &h, mem);
  else
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
  struct record_header h = { .start = { .nested = 1 }, .depth = m->depth,
                             .mem_addr = addr, .mem_len = (uint32_t) len };
  append (m, &h, mem);
}

/* Undoes the compact record at RECORD: the machine is in the code and
 * the frame its instruction ran in.  */
static void
undo_compact (ebpf_machine *m, const uint8_t *record)
{
  struct compact_record c;
  memcpy (&c, record, sizeof c);
  if (c.reg != NO_REGISTER)
    m->regs[c.reg] = c.old_reg;
  if (c.mem_len)
    {
      uint8_t *to = host_bytes (m, c.mem_addr, c.mem_len);
      if (to)
        memcpy (to, c.mem, c.mem_len);
    }
  m->pc = &m->code[c.slot];
  m->insn_count = c.count;
  m->cost = c.cost;
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
      if (log->buf[start + offsetof (struct record_start, compact)])
        {
          undo_compact (m, log->buf + start);
          log->len = start;
          break;
        }
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
          m->cost = h.cost;
          m->tail_calls = h.tail_calls;
        }
      if (h.mem_len)
        {
          uint8_t *to = host_bytes (m, h.mem_addr, h.mem_len);
          if (to)
            memcpy (to, p, h.mem_len);
        }
      log->len = start;
      if (h.pc && !h.start.nested)
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
      const uint8_t *record = log->buf + log->len - size;
      struct record_start s;
      memcpy (&s, record, sizeof s);
      log->len -= size;
      if (is_instruction (record) && !s.nested)
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
      m->last_stop = EBPF_STOP_HISTORY_START;
      return EBPF_STOP_HISTORY_START;
    }
  m->last_stop = EBPF_STOP_STEP;
  snprintf (m->stop_message, sizeof m->stop_message, "stepped back to pc 0x%llx",
            (unsigned long long) ebpf_program_slot_address (m->prog, (size_t) (m->pc - m->code)));
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

size_t
ebpf_machine_history_recent (const ebpf_machine *m, uint64_t *addrs,
                             uint64_t *numbers, size_t max)
{
  const struct ebpf_undo_log *log = &m->debug.history;
  const struct ebpf_decoded *code = m->code;
  const ebpf_program *prog = m->prog;
  size_t n = 0, end = log->len;
  /* Backwards: a full record tells the code and program that ran before
   * it, which the compact records before it ran in.  */
  while (end >= 8 && n < max)
    {
      uint32_t size;
      memcpy (&size, log->buf + end - 8, sizeof size);
      if (size == 0 || size > end)
        break;
      size_t start = end - size;
      const uint8_t *rec = log->buf + start;
      if (rec[offsetof (struct record_start, compact)])
        {
          struct compact_record c;
          memcpy (&c, rec, sizeof c);
          addrs[n] = ebpf_program_slot_address (prog, c.slot);
          numbers[n++] = c.count;
        }
      else
        {
          struct record_header h;
          memcpy (&h, rec, sizeof h);
          if (h.pc)
            {
              code = h.code;
              prog = h.prog;
              addrs[n] = ebpf_program_slot_address (prog, (size_t) (h.pc - code));
              numbers[n++] = h.count;
            }
        }
      end = start;
    }
  return n;
}
