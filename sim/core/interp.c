/* interp.c — the interpreter: threaded code over the decoded program.
 *
 * Each table entry of ebpf-opcodes.def has one label here; the decoder
 * stores the label's address in every instruction, so dispatch is one
 * indirect jump.  Faults (bad jumps, falling off the end, unknown opcodes)
 * are pseudo-instructions placed by the decoder, and the debug core
 * (breakpoints, watchpoints, recording) replaces the handler of the
 * instructions it must see: the plain path checks only the instruction
 * budget and the memory accesses it must check.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdio.h>
#include <string.h>
#include "load/core-relo.h"
#include "machine.h"
#include "env/services.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define HOST_BIG_ENDIAN true
#else
#define HOST_BIG_ENDIAN false
#endif

static enum ebpf_stop interp (ebpf_machine *m, const void *const **labels_out);

const void *const *
ebpf_interp_labels (void)
{
  const void *const *labels;
  interp (NULL, &labels);
  return labels;
}

enum ebpf_stop
ebpf_interp_run (ebpf_machine *m)
{
  return interp (m, NULL);
}

static inline uint16_t bswap16 (uint16_t v) { return __builtin_bswap16 (v); }
static inline uint32_t bswap32 (uint32_t v) { return __builtin_bswap32 (v); }
static inline uint64_t bswap64 (uint64_t v) { return __builtin_bswap64 (v); }

static enum ebpf_stop
interp (ebpf_machine *m, const void *const **labels_out)
{
  static const void *const labels[EBPF_LABEL_COUNT] = {
#define EBPF_INSN(id, ...) [EBPF_OP_##id] = &&op_##id,
#include "ebpf-opcodes.def"
#undef EBPF_INSN
    [EBPF_PSEUDO_FELL_OFF] = &&pseudo_fell_off,
    [EBPF_PSEUDO_CALLBACK_RETURN] = &&pseudo_callback_return,
    [EBPF_PSEUDO_BAD_JUMP] = &&pseudo_bad_jump,
    [EBPF_PSEUDO_INVALID] = &&pseudo_invalid,
    [EBPF_PSEUDO_LDDW_TAIL] = &&pseudo_lddw_tail,
    [EBPF_PSEUDO_DEBUG] = &&pseudo_debug,
#define FRAME_LABEL(ID) [EBPF_FRAME_LABEL (EBPF_OP_##ID)] = &&frame_##ID,
    FRAME_LABEL (LDX_B) FRAME_LABEL (LDX_H) FRAME_LABEL (LDX_W)
    FRAME_LABEL (LDX_DW) FRAME_LABEL (LDXS_B) FRAME_LABEL (LDXS_H)
    FRAME_LABEL (LDXS_W) FRAME_LABEL (ST_B) FRAME_LABEL (ST_H)
    FRAME_LABEL (ST_W) FRAME_LABEL (ST_DW) FRAME_LABEL (STX_B)
    FRAME_LABEL (STX_H) FRAME_LABEL (STX_W) FRAME_LABEL (STX_DW)
#undef FRAME_LABEL
  };
  if (labels_out != NULL)
    {
      *labels_out = labels;
      return EBPF_STOP_EXIT;
    }

  uint64_t *const r = m->regs;
  const struct ebpf_decoded *code = m->code;   /* changed by tail calls */
  const struct ebpf_decoded *d = m->pc;
  const bool swap = m->prog->big_endian != HOST_BIG_ENDIAN;
  const bool prog_be = m->prog->big_endian;
  /* The instruction count is LIMIT - LEFT: the budget counts down, so
   * that a dispatch pays one subtraction for both.  COST counts in the
   * cycle model's units what handlers charge: each instruction its op's
   * cost (d->cost), a taken jump and an access's region more.  */
  const uint64_t run_end = m->stepping ? m->insn_count + 1 : m->max_insns;
  /* The budget ends every EBPF_INTERRUPT_SLICE instructions too, where
   * an interrupt request (ebpf_machine_interrupt) is looked at: a flag
   * read a thousand times a second, not on every dispatch.  */
#define SLICE_END(count)                                                    \
  ((count) + EBPF_INTERRUPT_SLICE < run_end && (count) + EBPF_INTERRUPT_SLICE > (count) \
   ? (count) + EBPF_INTERRUPT_SLICE : run_end)
  uint64_t limit;
  int64_t left;   /* signed, so that a dispatch tests the sign it sets */
#define SET_BUDGET(count_now, end)                                          \
  do {                                                                      \
    uint64_t c_ = (count_now), e_ = (end);                                  \
    uint64_t n_ = e_ > c_ ? e_ - c_ : 0;                                    \
    left = n_ > INT64_MAX ? INT64_MAX : (int64_t) n_;                       \
    limit = c_ + (uint64_t) left;                                           \
  } while (0)
  SET_BUDGET (m->insn_count, SLICE_END (m->insn_count));
  uint64_t cost = m->cost;
  const uint64_t taken_cost = m->model->taken;
  const uint64_t stack_cost = m->window_cost[EBPF_WINDOW_STACK];
  /* Set by the debug core to look at an instruction after it ran: the
   * budget then ends after it.  */
  bool check_after = false;
  /* A run that goes on from a breakpoint executes that instruction once.  */
  const struct ebpf_decoded *resume_over = m->resume_over;
  m->resume_over = NULL;
  enum ebpf_stop stop;
  uint64_t call_ctx = 0;   /* r1 of the helper call being made */
  if ((m->debug.callback_depth == 0 || m->suspended_call)
      && __atomic_exchange_n (&m->interrupt_requested, 0, __ATOMIC_ACQ_REL))
    {
      snprintf (m->stop_message, sizeof m->stop_message,
                "interrupted at pc 0x%llx", (unsigned long long)
                ebpf_program_slot_address (m->prog, (size_t) (d - code)));
      return EBPF_STOP_INTERRUPT;
    }

  /* Access-fault details, filled in before jumping to access_fault.  */
  uint64_t fault_addr = 0;
  unsigned fault_size = 0;
  bool fault_write = false;

#define PC ((size_t) (d - code))
#define COUNT (limit - (uint64_t) left)
#define DISPATCH()                                                          \
  do {                                                                      \
    if (__builtin_expect (--left < 0, 0))                                   \
      goto budget_out;                                                      \
    goto *d->handler;                                                       \
  } while (0)
#define CHARGE() (cost += d->cost)
/* An access's region, once translated: the windows after the first
 * map's are maps' too.  */
#define CHARGE_REGION(addr)                                                 \
  (cost += m->window_cost[(addr) >> EBPF_REGION_SHIFT < EBPF_WINDOW_FIRST_MAP \
                          ? (addr) >> EBPF_REGION_SHIFT : EBPF_WINDOW_FIRST_MAP])
#define NEXT() do { d++; DISPATCH (); } while (0)
#define JUMP_IF(cond)                                                       \
  do {                                                                      \
    if (cond)                                                               \
      {                                                                     \
        cost += d->cost + taken_cost;                                       \
        d = d->target;                                                      \
      }                                                                     \
    else                                                                    \
      {                                                                     \
        cost += d->cost;                                                    \
        d++;                                                                \
      }                                                                     \
    DISPATCH ();                                                            \
  } while (0)

  /* Memory: translate or fault; values are kept in the program's byte
   * order in guest memory.  */
#define TRANSLATE(p, addr, size, write)                                     \
  uint8_t *p;                                                               \
  if (__builtin_expect (!ebpf_memory_translate_insn (&m->mem, (addr), (size), \
                                                     (write), &p), 0))      \
    {                                                                       \
      fault_addr = (addr); fault_size = (size); fault_write = (write);      \
      goto access_fault;                                                    \
    }
#define GET(bits, p) ({ uint##bits##_t v_; memcpy (&v_, (p), sizeof v_);    \
                        swap ? FLIP##bits (v_) : v_; })
#define PUT(bits, p, val) do { uint##bits##_t v_ = (uint##bits##_t) (val);  \
                               if (swap) v_ = FLIP##bits (v_);             \
                               memcpy ((p), &v_, sizeof v_); } while (0)
#define FLIP8(v) (v)
#define FLIP16(v) bswap16 (v)
#define FLIP32(v) bswap32 (v)
#define FLIP64(v) bswap64 (v)

  DISPATCH ();

  /* ---- ALU64 and ALU: S is the source operand, X the destination.  */
#define ALU64(ID, body)                                                     \
  op_##ID##64_K: { const uint64_t s = d->imm64; uint64_t x = r[d->dst];     \
                   body; r[d->dst] = x; CHARGE (); NEXT (); }               \
  op_##ID##64_X: { const uint64_t s = r[d->src]; uint64_t x = r[d->dst];    \
                   body; r[d->dst] = x; CHARGE (); NEXT (); }
#define ALU32(ID, body)                                                     \
  op_##ID##32_K: { const uint32_t s = (uint32_t) d->imm64;                  \
                   uint32_t x = (uint32_t) r[d->dst];                       \
                   body; r[d->dst] = x; CHARGE (); NEXT (); }               \
  op_##ID##32_X: { const uint32_t s = (uint32_t) r[d->src];                 \
                   uint32_t x = (uint32_t) r[d->dst];                       \
                   body; r[d->dst] = x; CHARGE (); NEXT (); }
#define ALU(ID, body) ALU64 (ID, body) ALU32 (ID, body)

  ALU (ADD, x += s)
  ALU (SUB, x -= s)
  ALU (MUL, x *= s)
  ALU (OR, x |= s)
  ALU (AND, x &= s)
  ALU (XOR, x ^= s)
  ALU (MOV, x = s)
  /* Kernel semantics: division by zero gives 0, modulo by zero keeps the
   * destination (a 32-bit one still zero-extends).  */
  ALU (DIV, x = s ? x / s : 0)
  ALU (MOD, x = s ? x % s : x)
  /* Signed forms: INT_MIN / -1 wraps to INT_MIN and INT_MIN % -1 is 0;
   * computed without the host's overflowing instruction.  */
  ALU64 (SDIV, x = s == 0 ? 0
                 : (int64_t) s == -1 ? -x
                 : (uint64_t) ((int64_t) x / (int64_t) s))
  ALU32 (SDIV, x = s == 0 ? 0
                 : (int32_t) s == -1 ? -x
                 : (uint32_t) ((int32_t) x / (int32_t) s))
  ALU64 (SMOD, x = s == 0 ? x
                 : (int64_t) s == -1 ? 0
                 : (uint64_t) ((int64_t) x % (int64_t) s))
  ALU32 (SMOD, x = s == 0 ? x
                 : (int32_t) s == -1 ? 0
                 : (uint32_t) ((int32_t) x % (int32_t) s))
  /* Shift counts are masked to the operand width.  */
  ALU64 (LSH, x <<= (s & 63))
  ALU64 (RSH, x >>= (s & 63))
  ALU64 (ARSH, x = (uint64_t) ((int64_t) x >> (s & 63)))
  ALU32 (LSH, x <<= (s & 31))
  ALU32 (RSH, x >>= (s & 31))
  ALU32 (ARSH, x = (uint32_t) ((int32_t) x >> (s & 31)))

 op_NEG64: r[d->dst] = -r[d->dst]; CHARGE (); NEXT ();
 op_NEG32: r[d->dst] = (uint32_t) -(uint32_t) r[d->dst]; CHARGE (); NEXT ();
 op_MOVSX8_64: r[d->dst] = (uint64_t) (int64_t) (int8_t) r[d->src]; CHARGE (); NEXT ();
 op_MOVSX16_64: r[d->dst] = (uint64_t) (int64_t) (int16_t) r[d->src]; CHARGE (); NEXT ();
 op_MOVSX32_64: r[d->dst] = (uint64_t) (int64_t) (int32_t) r[d->src]; CHARGE (); NEXT ();
 op_MOVSX8_32: r[d->dst] = (uint32_t) (int32_t) (int8_t) r[d->src]; CHARGE (); NEXT ();
 op_MOVSX16_32: r[d->dst] = (uint32_t) (int32_t) (int16_t) r[d->src]; CHARGE (); NEXT ();

  /* Byte order: "to little/big endian" is a truncation when the simulated
   * machine already has that order (the program's), a swap otherwise.  */
 op_LE16: r[d->dst] = prog_be ? bswap16 ((uint16_t) r[d->dst]) : (uint16_t) r[d->dst]; CHARGE (); NEXT ();
 op_LE32: r[d->dst] = prog_be ? bswap32 ((uint32_t) r[d->dst]) : (uint32_t) r[d->dst]; CHARGE (); NEXT ();
 op_LE64: r[d->dst] = prog_be ? bswap64 (r[d->dst]) : r[d->dst]; CHARGE (); NEXT ();
 op_BE16: r[d->dst] = prog_be ? (uint16_t) r[d->dst] : bswap16 ((uint16_t) r[d->dst]); CHARGE (); NEXT ();
 op_BE32: r[d->dst] = prog_be ? (uint32_t) r[d->dst] : bswap32 ((uint32_t) r[d->dst]); CHARGE (); NEXT ();
 op_BE64: r[d->dst] = prog_be ? r[d->dst] : bswap64 (r[d->dst]); CHARGE (); NEXT ();
 op_BSWAP16: r[d->dst] = bswap16 ((uint16_t) r[d->dst]); CHARGE (); NEXT ();
 op_BSWAP32: r[d->dst] = bswap32 ((uint32_t) r[d->dst]); CHARGE (); NEXT ();
 op_BSWAP64: r[d->dst] = bswap64 (r[d->dst]); CHARGE (); NEXT ();

  /* ---- Jumps.  Immediates were sign-extended to 64 bits by the decoder;
   * JMP32 compares the low halves.  */
 op_JA: op_JA32: CHARGE (); d = d->target; DISPATCH ();
#define JMP(ID, type, cmp)                                                  \
  op_##ID##64_K: JUMP_IF ((type##64_t) r[d->dst] cmp (type##64_t) d->imm64); \
  op_##ID##64_X: JUMP_IF ((type##64_t) r[d->dst] cmp (type##64_t) r[d->src]); \
  op_##ID##32_K: JUMP_IF ((type##32_t) r[d->dst] cmp (type##32_t) d->imm64); \
  op_##ID##32_X: JUMP_IF ((type##32_t) r[d->dst] cmp (type##32_t) r[d->src]);
  JMP (JEQ, uint, ==)
  JMP (JNE, uint, !=)
  JMP (JGT, uint, >)
  JMP (JGE, uint, >=)
  JMP (JLT, uint, <)
  JMP (JLE, uint, <=)
  JMP (JSGT, int, >)
  JMP (JSGE, int, >=)
  JMP (JSLT, int, <)
  JMP (JSLE, int, <=)
 op_JSET64_K: JUMP_IF (r[d->dst] & d->imm64);
 op_JSET64_X: JUMP_IF (r[d->dst] & r[d->src]);
 op_JSET32_K: JUMP_IF ((uint32_t) (r[d->dst] & d->imm64));
 op_JSET32_X: JUMP_IF ((uint32_t) (r[d->dst] & r[d->src]));

  /* ---- Calls.  */
 op_CALL_HELPER:
  {
    CHARGE ();
    uint32_t id = (uint32_t) d->imm64;
    ebpf_helper_fn fn = id < EBPF_MAX_HELPER_ID ? m->helpers[id].fn : NULL;
    if (__builtin_expect (fn == NULL, 0))
      {
        if (id == EBPF_CORE_POISON_HELPER)
          ebpf_machine_fault_at (m, PC, "%s", ebpf_machine_poison_reason (m, PC));
        else if (id < EBPF_MAX_HELPER_ID && m->helpers[id].name)
          ebpf_machine_fault_at (m, PC, "helper %s (id %d) is not simulated",
                                 m->helpers[id].name, (int32_t) id);
        else
          ebpf_machine_fault_at (m, PC, "helper %d is not simulated "
                                 "(no such helper in linux/bpf.h)", (int32_t) id);
        goto fault;
      }
    cost += m->model->helper[id].base;
    m->pc = d;
    m->insn_count = COUNT;
    m->cost = cost;
    call_ctx = r[1];
    r[0] = fn (m, r[1], r[2], r[3], r[4], r[5]);
    goto helper_returned;
  }
 call_helper_suspendable:
  /* A helper with callbacks, while stops may happen inside them
   * (debug/suspend.c): the debug core checked that it exists.  */
  {
    CHARGE ();
    cost += m->model->helper[(uint32_t) d->imm64].base;
    ebpf_helper_fn fn = m->helpers[(uint32_t) d->imm64].fn;
    m->pc = d;
    m->insn_count = COUNT;
    m->cost = cost;
    call_ctx = r[1];
    uint64_t value;
    if (!ebpf_debug_call_helper (m, d, fn, &value))
      return ebpf_debug_suspended_stop (m);   /* the callback's run
                                                 wrote the counters */
    r[0] = value;
  }
 helper_returned:
  {
    /* A helper may run callbacks and add its own cycles.  */
    SET_BUDGET (m->insn_count, check_after ? m->insn_count
                                : SLICE_END (m->insn_count));
    cost = m->cost;
    if (__builtin_expect (m->faulted, 0))
      goto fault;
    r[1] = r[2] = r[3] = r[4] = r[5] = EBPF_CLOBBER_VALUE;
    if (__builtin_expect (m->tail_target != NULL, 0))
      {
        /* bpf_tail_call succeeded: the new program starts on the same
         * stack with the context in r1.  */
        code = m->code;
        d = m->tail_target;
        m->tail_target = NULL;
        r[1] = call_ctx;
        DISPATCH ();
      }
    NEXT ();
  }
 op_CALL_LOCAL:
  {
    CHARGE ();
    const struct ebpf_decoded *callee = d->target;
 local_call:
    if (!ebpf_machine_push_frame (m, d, d + 1))
      {
        ebpf_machine_fault_at (m, PC, "call stack too deep (more than %d frames)",
                               m->max_frames);
        goto fault;
      }
    d = callee;
    DISPATCH ();
 op_CALLX:
    /* The register holds a code address, as lddw with BPF_PSEUDO_FUNC
     * produces it.  */
    {
      CHARGE ();
      uint64_t target = r[d->dst];
      size_t slot;
      if (!ebpf_program_address_slot (m->prog, target, &slot))
        {
          ebpf_machine_fault_at (m, PC, "callx to 0x%llx, which is not an "
                                 "instruction of the program",
                                 (unsigned long long) target);
          goto fault;
        }
      callee = &code[slot];
      goto local_call;
    }
  }
 op_CALL_KFUNC:
  CHARGE ();
  ebpf_machine_fault_at (m, PC, "kfunc calls (BTF id %d) are not simulated",
                         (int32_t) d->imm64);
  goto fault;
 op_EXIT:
  CHARGE ();
  if (m->depth == 0)
    {
      m->pc = d;
      stop = EBPF_STOP_EXIT;
      /* Runs end here millions of times over a capture: no formatting.  */
      memcpy (m->stop_message, "exited", sizeof "exited");
      goto out;
    }
  {
    struct ebpf_frame *f = &m->frames[--m->depth];
    memcpy (&r[6], f->saved, sizeof f->saved);
    if (__builtin_expect (f->code != code, 0))
      {
        /* Back from a program a tail call put in this frame.  */
        m->prog = f->prog;
        m->code = f->code;
        code = f->code;
      }
    ebpf_machine_map_stack (m);
    d = f->return_to;
    DISPATCH ();
  }

  /* ---- 64-bit immediates.  Map and BTF pseudo sources are resolved by an
   * object loader into plain immediates; left unresolved, they fault.  */
 op_LDDW: op_LDDW_FUNC:
  CHARGE ();
  r[d->dst] = d->imm64;
  d += 2;
  DISPATCH ();
 op_LDDW_MAP_FD: op_LDDW_MAP_VALUE: op_LDDW_BTF_ID: op_LDDW_MAP_IDX:
 op_LDDW_MAP_IDX_VALUE:
  ebpf_machine_fault_at (m, PC, "lddw with pseudo source %d refers to a map "
                         "or BTF object that this program does not have",
                         d->src);
  goto fault;

  /* ---- Legacy packet loads: network byte order; an access outside the
   * packet ends the program with r0 = 0, as in the kernel.  */
#define LD_PACKET(ID, bits, offset_expr)                                    \
  op_##ID:                                                                  \
  {                                                                         \
    CHARGE ();                                                              \
    uint64_t o = (offset_expr);                                             \
    uint32_t plen = m->packet.end - m->packet.data;                         \
    if (o > plen || plen - o < bits / 8)                                    \
      {                                                                     \
        r[0] = 0;                                                           \
        goto packet_exit;                                                   \
      }                                                                     \
    uint##bits##_t v;                                                       \
    memcpy (&v, m->packet.buf + m->packet.data + o, sizeof v);              \
    r[0] = HOST_BIG_ENDIAN ? v : FLIP##bits (v);                            \
    r[1] = r[2] = r[3] = r[4] = r[5] = EBPF_CLOBBER_VALUE;                  \
    NEXT ();                                                                \
  }
  LD_PACKET (LD_ABS_B, 8, (uint64_t) (uint32_t) d->imm64)
  LD_PACKET (LD_ABS_H, 16, (uint64_t) (uint32_t) d->imm64)
  LD_PACKET (LD_ABS_W, 32, (uint64_t) (uint32_t) d->imm64)
  LD_PACKET (LD_IND_B, 8, (uint64_t) (uint32_t) (r[d->src] + d->imm64))
  LD_PACKET (LD_IND_H, 16, (uint64_t) (uint32_t) (r[d->src] + d->imm64))
  LD_PACKET (LD_IND_W, 32, (uint64_t) (uint32_t) (r[d->src] + d->imm64))
 packet_exit:
  /* Leaves the whole program, whatever the call depth.  */
  m->depth = 0;
  m->pc = d;
  stop = EBPF_STOP_EXIT;
  snprintf (m->stop_message, sizeof m->stop_message,
            "packet load outside the packet ended the program with r0 = 0");
  goto out;

  /* ---- Memory.  */
/* Each load and store has a second handler, for an access at a constant
 * offset from r10 inside the current frame (ebpf_machine_plain_handler):
 * the frame is always mapped, and window offsets are offsets into
 * m->stack, so it needs no translation.  */
#define FRAME_ADDRESS() (m->stack + (uint32_t) r[EBPF_REG_FP] + d->off)
#define LDX(ID, bits, type)                                                 \
  op_##ID:                                                                  \
  {                                                                         \
    CHARGE ();                                                              \
    TRANSLATE (p, r[d->src] + (int64_t) d->off, bits / 8, false);           \
    CHARGE_REGION (r[d->src] + (int64_t) d->off);                           \
    r[d->dst] = (uint64_t) (type) GET (bits, p);                            \
    NEXT ();                                                                \
  }                                                                         \
  frame_##ID:                                                               \
  {                                                                         \
    cost += d->cost + stack_cost;                                           \
    const uint8_t *p = FRAME_ADDRESS ();                                    \
    r[d->dst] = (uint64_t) (type) GET (bits, p);                            \
    NEXT ();                                                                \
  }
  LDX (LDX_B, 8, uint8_t)
  LDX (LDX_H, 16, uint16_t)
  LDX (LDX_W, 32, uint32_t)
  LDX (LDX_DW, 64, uint64_t)
  LDX (LDXS_B, 8, int8_t)
  LDX (LDXS_H, 16, int16_t)
  LDX (LDXS_W, 32, int32_t)
#define STORE(ID, bits, value)                                              \
  op_##ID:                                                                  \
  {                                                                         \
    CHARGE ();                                                              \
    TRANSLATE (p, r[d->dst] + (int64_t) d->off, bits / 8, true);            \
    CHARGE_REGION (r[d->dst] + (int64_t) d->off);                           \
    PUT (bits, p, value);                                                   \
    NEXT ();                                                                \
  }                                                                         \
  frame_##ID:                                                               \
  {                                                                         \
    cost += d->cost + stack_cost;                                           \
    uint8_t *p = FRAME_ADDRESS ();                                          \
    PUT (bits, p, value);                                                   \
    NEXT ();                                                                \
  }
  STORE (ST_B, 8, d->imm64)
  STORE (ST_H, 16, d->imm64)
  STORE (ST_W, 32, d->imm64)
  STORE (ST_DW, 64, d->imm64)
  STORE (STX_B, 8, r[d->src])
  STORE (STX_H, 16, r[d->src])
  STORE (STX_W, 32, r[d->src])
  STORE (STX_DW, 64, r[d->src])

  /* ---- Atomics: one thread, so a read-modify-write is plain; FETCH
   * forms return the old value (zero-extended when 32-bit).  */
#define ATOMIC(ID, bits, body)                                              \
  op_ATOMIC##bits##_##ID:                                                   \
  op_ATOMIC##bits##_FETCH_##ID:                                             \
  {                                                                         \
    CHARGE ();                                                              \
    TRANSLATE (p, r[d->dst] + (int64_t) d->off, bits / 8, true);            \
    CHARGE_REGION (r[d->dst] + (int64_t) d->off);                           \
    const uint##bits##_t old = GET (bits, p);                               \
    const uint##bits##_t s = (uint##bits##_t) r[d->src];                    \
    uint##bits##_t x = old;                                                 \
    body;                                                                   \
    PUT (bits, p, x);                                                       \
    if (d->op == EBPF_OP_ATOMIC##bits##_FETCH_##ID)                         \
      r[d->src] = old;                                                      \
    NEXT ();                                                                \
  }
  ATOMIC (ADD, 32, x += s)
  ATOMIC (OR, 32, x |= s)
  ATOMIC (AND, 32, x &= s)
  ATOMIC (XOR, 32, x ^= s)
  ATOMIC (ADD, 64, x += s)
  ATOMIC (OR, 64, x |= s)
  ATOMIC (AND, 64, x &= s)
  ATOMIC (XOR, 64, x ^= s)
#define XCHG(bits)                                                          \
  op_ATOMIC##bits##_XCHG:                                                   \
  {                                                                         \
    CHARGE ();                                                              \
    TRANSLATE (p, r[d->dst] + (int64_t) d->off, bits / 8, true);            \
    CHARGE_REGION (r[d->dst] + (int64_t) d->off);                           \
    const uint##bits##_t old = GET (bits, p);                               \
    PUT (bits, p, r[d->src]);                                               \
    r[d->src] = old;                                                        \
    NEXT ();                                                                \
  }                                                                         \
  op_ATOMIC##bits##_CMPXCHG:                                                \
  {                                                                         \
    CHARGE ();                                                              \
    TRANSLATE (p, r[d->dst] + (int64_t) d->off, bits / 8, true);            \
    CHARGE_REGION (r[d->dst] + (int64_t) d->off);                           \
    const uint##bits##_t old = GET (bits, p);                               \
    if (old == (uint##bits##_t) r[0])                                       \
      PUT (bits, p, r[d->src]);                                             \
    r[0] = old;                                                             \
    NEXT ();                                                                \
  }
  XCHG (32)
  XCHG (64)

  /* ---- Pseudo-instructions placed by the decoder.  */
 pseudo_fell_off:
  left++;
  d--;
  ebpf_machine_fault_at (m, PC, "fell off the end of the program "
                         "(the last instruction is not exit or a jump)");
  m->fault.kind = EBPF_FAULT_INSTRUCTION;
  goto fault;
 pseudo_callback_return:
  /* A helper's callback has returned (exit popped its frame): back to
   * the helper.  */
  left++;
  m->pc = d;
  stop = EBPF_STOP_EXIT;
  goto out;
 pseudo_bad_jump:
  /* imm64 holds the slot of the jump that came here.  */
  left++;
  {
    size_t from = (size_t) d->imm64;
    int64_t to = (int64_t) from + 1 + d->off;
    d = &code[from];
    ebpf_machine_fault_at (m, PC, "jump out of program: target %lld is not "
                           "an instruction (the program has %zu slots)",
                           (long long) to, m->prog->n_slots);
    m->fault.kind = EBPF_FAULT_INSTRUCTION;
  }
  goto fault;
 pseudo_lddw_tail:
  left++;
  ebpf_machine_fault_at (m, PC, "jump into the middle of an lddw instruction");
  m->fault.kind = EBPF_FAULT_INSTRUCTION;
  goto fault;
 pseudo_invalid:
  left++;
  ebpf_machine_fault_invalid (m, PC, (enum ebpf_invalid_reason) d->dst);
  m->fault.kind = EBPF_FAULT_INSTRUCTION;
  goto fault;
 pseudo_debug:
  /* The debug core's checks for this instruction (debug.h).  */
  switch (ebpf_debug_before (m, d, d == resume_over, COUNT - 1, cost))
    {
    case EBPF_DEBUG_BREAK:
      left++;
      m->pc = d;
      m->resume_over = d;
      stop = EBPF_STOP_BREAKPOINT;
      snprintf (m->stop_message, sizeof m->stop_message,
                "breakpoint at pc 0x%llx", (unsigned long long) ebpf_program_slot_address (m->prog, PC));
      goto out;
    case EBPF_DEBUG_CHECK_AFTER:
      check_after = true;   /* the next dispatch goes to budget_out */
      SET_BUDGET (COUNT, COUNT);
      break;
    case EBPF_DEBUG_SUSPENDABLE_CALL:
      resume_over = NULL;
      goto call_helper_suspendable;
    case EBPF_DEBUG_GO:
      break;
    }
  resume_over = NULL;
  goto *m->labels[d->op];

 access_fault:
  /* An access near a watchpoint traps: the debug core looks at it, lets
   * the windows be for one instruction and runs the instruction again;
   * the budget makes the next dispatch go to budget_out, where the
   * windows trap again.  */
  if (ebpf_memory_trapping (&m->mem, fault_addr, fault_size))
    {
      ebpf_debug_watched_access (m, d, fault_addr, fault_size);
      cost -= d->cost;   /* charged again */
      check_after = true;
      SET_BUDGET (COUNT, COUNT);
      goto *m->labels[d->op];
    }
  /* The context has no memory behind it: its accesses land here.  */
  if (fault_addr >> EBPF_REGION_SHIFT == EBPF_WINDOW_CONTEXT
      && m->context_kind != EBPF_CONTEXT_RAW)
    {
      if (!ebpf_context_access (m, d, (uint32_t) fault_addr, fault_size,
                                fault_write))
        goto fault;
      cost += m->window_cost[EBPF_WINDOW_CONTEXT];
      NEXT ();
    }
  if (fault_write && ebpf_service_address (m, fault_addr))
    switch (ebpf_service_store (m, d, fault_addr, fault_size))
      {
      case EBPF_SERVICE_DONE: NEXT ();
      case EBPF_SERVICE_EXIT: m->pc = d; stop = EBPF_STOP_EXIT; goto out;
      case EBPF_SERVICE_ABORT: m->pc = d; stop = EBPF_STOP_ABORT; goto out;
      case EBPF_SERVICE_FAULT: goto fault;
      }
  ebpf_machine_fault_access (m, PC, fault_addr, fault_size, fault_write);
  goto fault;

 budget_out:
  left = 0;   /* it went below zero: the instruction did not start */
  if (check_after)
    {
      check_after = false;
      SET_BUDGET (COUNT, SLICE_END (COUNT));
      m->pc = d;
      if (ebpf_debug_after (m, d, &stop))
        {
          m->resume_over = NULL;
          goto out;
        }
      DISPATCH ();
    }
  m->pc = d;
  if (d->op == EBPF_PSEUDO_CALLBACK_RETURN)
    {
      /* A step ended a callback: back to its helper, as if it ran on.  */
      stop = EBPF_STOP_EXIT;
      goto out;
    }
  if (COUNT < run_end)
    {
      /* The end of a slice.  An interrupt waits for a helper's callback
       * to return, unless the helper can stop (debug/suspend.c).  */
      if ((m->debug.callback_depth == 0 || m->suspended_call)
          && __atomic_exchange_n (&m->interrupt_requested, 0, __ATOMIC_ACQ_REL))
        {
          stop = EBPF_STOP_INTERRUPT;
          snprintf (m->stop_message, sizeof m->stop_message,
                    "interrupted at pc 0x%llx", (unsigned long long)
                    ebpf_program_slot_address (m->prog, PC));
          goto out;
        }
      SET_BUDGET (COUNT, SLICE_END (COUNT));
      DISPATCH ();
    }
  if (m->stepping)
    {
      stop = EBPF_STOP_STEP;
      snprintf (m->stop_message, sizeof m->stop_message, "stepped to pc 0x%llx",
                (unsigned long long) ebpf_program_slot_address (m->prog, PC));
    }
  else
    {
      stop = EBPF_STOP_LIMIT;
      snprintf (m->stop_message, sizeof m->stop_message,
                "instruction limit %llu reached at pc 0x%llx",
                (unsigned long long) COUNT, (unsigned long long) ebpf_program_slot_address (m->prog, PC));
    }
  goto out;

 fault:
  m->pc = d;
  stop = EBPF_STOP_FAULT;
 out:
  m->insn_count = COUNT;
  m->cost = cost;
  return stop;
}
