/* calibrate.c — ebpf-run --calibrate: microbenchmarks of every
 * instruction the host's JIT compiles plainly, of memory regions, local
 * and tail calls, helpers and map operations, timed on the host kernel
 * (kernel-bpf.h) and fitted into a model file (calibrate.h).
 *
 * A microbenchmark is an XDP program: a prologue that gives registers
 * known values (and, where needed, a map value in r8 and 64 bytes of
 * packet in r7), the repetitions, and "r0 = XDP_PASS; exit".  Repeated
 * ALU instructions and loads write CHAINS registers in turn, so that
 * chains of dependent instructions overlap, as compiled code's do.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "calibrate.h"
#include "ebpf-opcode.h"
#include "ebpf-run.h"
#include "kernel-bpf.h"
#include "out-file.h"
#include "session.h"
#include "xalloc.h"

#define STEP 256              /* repetitions between the programs timed */
#define HELPER_STEP 32
#define REPEAT 20000
#define HELPER_REPEAT 5000
#define TRIALS 5
#define PACKET_LEN 64
/* Compiled code overlaps its instructions: measured on this machine's
 * validation programs (make bench-model), four chains predict them best
 * (the chain registers start equal; r3 is every repetition's source).  */
#define CHAINS 4
#define CHAIN_REGISTERS { 1, 2, 4, 5 }
#define EBPF_MAX_HELPERS 512

/* ---- Programs --------------------------------------------------------------- */

struct prog
{
  struct bpf_insn *insns;
  size_t n, cap;
  size_t exits[8];            /* jumps to the epilogue, patched at the end */
  int n_exits;
  size_t calls[4 * STEP];     /* local calls of the subprogram */
  int n_calls;
};

static void
emit (struct prog *p, struct bpf_insn in)
{
  if (p->n == p->cap)
    {
      p->cap = p->cap ? 2 * p->cap : 1024;
      p->insns = ebpf_xrealloc (p->insns, p->cap * sizeof *p->insns);
    }
  p->insns[p->n++] = in;
}

static struct bpf_insn
raw (uint8_t code, int dst, int src, int16_t off, int32_t imm)
{
  return (struct bpf_insn) { .code = code, .dst_reg = (uint8_t) dst,
                             .src_reg = (uint8_t) src, .off = off, .imm = imm };
}

/* Table entry OP with these operands, those it does not use cleared
 * (the verifier refuses them set); the field that tells the entry apart
 * from others of its opcode byte holds what the table says.  */
static struct bpf_insn
op_insn (int op, int dst, int src, int16_t off, int32_t imm)
{
  const struct ebpf_opcode_info *e = &ebpf_opcodes[op];
  switch (e->match)
    {
    case EBPF_MATCH_OFF: off = (int16_t) e->match_value; break;
    case EBPF_MATCH_IMM: imm = e->match_value; break;
    case EBPF_MATCH_SRC: src = e->match_value; break;
    case EBPF_MATCH_NONE: break;
    }
  struct ebpf_insn in = { e->opcode, (uint8_t) dst, (uint8_t) src, off, imm };
  ebpf_insn_clear_reserved (op, &in);
  return raw (in.opcode, in.dst, in.src, in.off, in.imm);
}

static void
emit_op (struct prog *p, int op, int dst, int src, int16_t off, int32_t imm)
{
  emit (p, op_insn (op, dst, src, off, imm));
}

static void
emit_lddw (struct prog *p, int dst, int src, uint64_t value)
{
  emit (p, raw (0x18, dst, src, 0, (int32_t) (uint32_t) value));
  emit (p, raw (0, 0, 0, 0, (int32_t) (uint32_t) (value >> 32)));
}

static void
emit_call (struct prog *p, int helper)
{
  emit_op (p, EBPF_OP_CALL_HELPER, 0, 0, 0, helper);
}

/* r1..r5 and r0 as every benchmark starts them.  */
static void
set_registers (struct prog *p, int32_t a, int32_t b)
{
  emit_op (p, EBPF_OP_MOV64_K, 1, 0, 0, a);
  emit_op (p, EBPF_OP_MOV64_K, 2, 0, 0, a);
  emit_op (p, EBPF_OP_MOV64_K, 3, 0, 0, 3);
  emit_op (p, EBPF_OP_MOV64_K, 4, 0, 0, b);
  emit_op (p, EBPF_OP_MOV64_K, 5, 0, 0, 5);
  emit_op (p, EBPF_OP_MOV64_K, 0, 0, 0, 0);
}

static void
jump_to_exit (struct prog *p, int op, int dst, int32_t imm)
{
  p->exits[p->n_exits++] = p->n;
  emit_op (p, op, dst, 0, 0, imm);
}

/* What a benchmark's prologue prepares.  */
enum
{
  NEED_VALUE = 1,            /* r8: the value of MAP_FD's key 0 */
  NEED_PACKET = 2,           /* r7: 64 bytes of packet */
  NEED_FORMAT = 4,           /* "x\n" at r10 - 128 */
};

struct bench
{
  int needs;
  int map_fd;                /* NEED_VALUE's map, an array */
  int32_t a, b;              /* r1/r2 and r4 at the start */
  /* Emits repetition K.  */
  void (*rep) (struct prog *p, const struct bench *b, int k);
  int op;                    /* the op repeated, for rep functions */
  int helper;
  int map2_fd;               /* a map a helper is given */
  int32_t size;              /* a size a helper is given */
  bool subprogram;           /* "r0 = 0; exit" after the epilogue */
};

static void
build (struct prog *p, const struct bench *b, int reps)
{
  memset (p, 0, sizeof *p);
  emit_op (p, EBPF_OP_MOV64_X, 6, 1, 0, 0);              /* r6 = ctx */
  for (int off = 8; off <= 128; off += 8)
    emit_op (p, EBPF_OP_ST_DW, 10, 0, (int16_t) -off, 0);
  if (b->needs & NEED_VALUE)
    {
      emit_lddw (p, 1, BPF_PSEUDO_MAP_FD, (uint32_t) b->map_fd);
      emit_op (p, EBPF_OP_MOV64_X, 2, 10, 0, 0);
      emit_op (p, EBPF_OP_ADD64_K, 2, 0, 0, -128);
      emit_call (p, BPF_FUNC_map_lookup_elem);
      jump_to_exit (p, EBPF_OP_JEQ64_K, 0, 0);
      emit_op (p, EBPF_OP_MOV64_X, 8, 0, 0, 0);
    }
  if (b->needs & NEED_PACKET)
    {
      emit_op (p, EBPF_OP_LDX_W, 7, 6, 0, 0);            /* data */
      emit_op (p, EBPF_OP_LDX_W, 9, 6, 4, 0);            /* data_end */
      emit_op (p, EBPF_OP_MOV64_X, 1, 7, 0, 0);
      emit_op (p, EBPF_OP_ADD64_K, 1, 0, 0, PACKET_LEN);
      p->exits[p->n_exits++] = p->n;
      emit_op (p, EBPF_OP_JGT64_X, 1, 9, 0, 0);
    }
  if (b->needs & NEED_FORMAT)
    emit_op (p, EBPF_OP_ST_W, 10, 0, -128, 'x' | '\n' << 8);
  set_registers (p, b->a, b->b);
  for (int k = 0; k < reps; k++)
    b->rep (p, b, k);
  size_t epilogue = p->n;
  emit_op (p, EBPF_OP_MOV64_K, 0, 0, 0, XDP_PASS);
  emit_op (p, EBPF_OP_EXIT, 0, 0, 0, 0);
  for (int i = 0; i < p->n_exits; i++)
    p->insns[p->exits[i]].off = (int16_t) (epilogue - p->exits[i] - 1);
  /* The subprogram only when called: the verifier refuses code that no
   * path reaches.  */
  if (b->subprogram && p->n_calls > 0)
    {
      size_t sub = p->n;
      emit_op (p, EBPF_OP_MOV64_K, 0, 0, 0, 0);
      emit_op (p, EBPF_OP_EXIT, 0, 0, 0, 0);
      for (int i = 0; i < p->n_calls; i++)
        p->insns[p->calls[i]].imm = (int32_t) (sub - p->calls[i] - 1);
    }
}

/* ---- Repetitions ------------------------------------------------------------ */

/* The register repetition K writes: CHAINS of them in turn, so that
 * CHAINS chains of dependent instructions overlap.  */
static int
alternate (int k)
{
  static const int regs[CHAINS] = CHAIN_REGISTERS;
  return regs[k % CHAINS];
}

static void
rep_alu (struct prog *p, const struct bench *b, int k)
{
  emit_op (p, b->op, alternate (k), 3, 0, 3);
}

/* A conditional jump over an add, which runs when it is not taken.  */
static void
rep_jump (struct prog *p, const struct bench *b, int k)
{
  (void) k;
  emit_op (p, b->op, 1, 4, 1, b->b);
  emit_op (p, EBPF_OP_ADD64_K, 5, 0, 0, 1);
}

static void
rep_ja (struct prog *p, const struct bench *b, int k)
{
  (void) b; (void) k;
  emit_op (p, EBPF_OP_JA, 0, 0, 0, 0);
}

static void
rep_stack (struct prog *p, const struct bench *b, int k)
{
  int16_t off = (int16_t) (k % 2 ? -16 : -8);
  switch (ebpf_opcodes[b->op].shape)
    {
    case EBPF_SHAPE_LDX: emit_op (p, b->op, alternate (k), 10, off, 0); break;
    case EBPF_SHAPE_ST: emit_op (p, b->op, 10, 0, off, 3); break;
    default: emit_op (p, b->op, 10, 3, off, 0); break;
    }
}

static void
rep_packet_load (struct prog *p, const struct bench *b, int k)
{
  emit_op (p, b->op, alternate (k), 7, (int16_t) (k % 2 ? 8 : 0), 0);
}

static void
rep_value_load (struct prog *p, const struct bench *b, int k)
{
  emit_op (p, b->op, alternate (k), 8, (int16_t) (k % 2 ? 8 : 0), 0);
}

static void
rep_context_load (struct prog *p, const struct bench *b, int k)
{
  emit_op (p, b->op, alternate (k), 6, 0, 0);
}

static void
rep_atomic (struct prog *p, const struct bench *b, int k)
{
  emit_op (p, b->op, 8, 3, (int16_t) (k % 2 ? 8 : 0), 0);
}

static void
rep_lddw (struct prog *p, const struct bench *b, int k)
{
  (void) b;
  emit_lddw (p, alternate (k), 0, 0x123456789abcULL + (uint64_t) k);
}

static void
rep_local_call (struct prog *p, const struct bench *b, int k)
{
  (void) b; (void) k;
  p->calls[p->n_calls++] = p->n;
  emit_op (p, EBPF_OP_CALL_LOCAL, 0, 1, 0, 0);
}

/* A helper with no arguments.  */
static void
rep_helper (struct prog *p, const struct bench *b, int k)
{
  (void) k;
  emit_call (p, b->helper);
}

/* A map helper on the key of zeros at r10 - 128 (and, for update, the
 * value of zeros at r10 - 64).  */
static void
rep_map_helper (struct prog *p, const struct bench *b, int k)
{
  (void) k;
  emit_lddw (p, 1, BPF_PSEUDO_MAP_FD, (uint32_t) b->map2_fd);
  emit_op (p, EBPF_OP_MOV64_X, 2, 10, 0, 0);
  emit_op (p, EBPF_OP_ADD64_K, 2, 0, 0, -128);
  if (b->helper == BPF_FUNC_map_update_elem)
    {
      emit_op (p, EBPF_OP_MOV64_X, 3, 10, 0, 0);
      emit_op (p, EBPF_OP_ADD64_K, 3, 0, 0, -64);
      emit_op (p, EBPF_OP_MOV64_K, 4, 0, 0, BPF_ANY);
    }
  emit_call (p, b->helper);
}

/* bpf_map_push_elem (map, r10 - 64, flags b->size); then, when the
 * bench names another helper, that one (pop or peek) on the same map.  */
static void
rep_push (struct prog *p, const struct bench *b, int k)
{
  (void) k;
  emit_lddw (p, 1, BPF_PSEUDO_MAP_FD, (uint32_t) b->map2_fd);
  emit_op (p, EBPF_OP_MOV64_X, 2, 10, 0, 0);
  emit_op (p, EBPF_OP_ADD64_K, 2, 0, 0, -64);
  emit_op (p, EBPF_OP_MOV64_K, 3, 0, 0, b->size);
  emit_call (p, BPF_FUNC_map_push_elem);
  if (b->helper == BPF_FUNC_map_push_elem)
    return;
  emit_lddw (p, 1, BPF_PSEUDO_MAP_FD, (uint32_t) b->map2_fd);
  emit_op (p, EBPF_OP_MOV64_X, 2, 10, 0, 0);
  emit_op (p, EBPF_OP_ADD64_K, 2, 0, 0, -64);
  emit_call (p, b->helper);
}

/* bpf_trace_printk ("x\n", 4).  */
static void
rep_trace_printk (struct prog *p, const struct bench *b, int k)
{
  (void) b; (void) k;
  emit_op (p, EBPF_OP_MOV64_X, 1, 10, 0, 0);
  emit_op (p, EBPF_OP_ADD64_K, 1, 0, 0, -128);
  emit_op (p, EBPF_OP_MOV64_K, 2, 0, 0, 4);
  emit_call (p, BPF_FUNC_trace_printk);
}

/* bpf_csum_diff (r10 - 128, SIZE, NULL, 0, 0).  */
static void
rep_csum_diff (struct prog *p, const struct bench *b, int k)
{
  (void) k;
  emit_op (p, EBPF_OP_MOV64_X, 1, 10, 0, 0);
  emit_op (p, EBPF_OP_ADD64_K, 1, 0, 0, -128);
  emit_op (p, EBPF_OP_MOV64_K, 2, 0, 0, b->size);
  emit_op (p, EBPF_OP_MOV64_K, 3, 0, 0, 0);
  emit_op (p, EBPF_OP_MOV64_K, 4, 0, 0, 0);
  emit_op (p, EBPF_OP_MOV64_K, 5, 0, 0, 0);
  emit_call (p, BPF_FUNC_csum_diff);
}

/* bpf_ringbuf_output (ring, r10 - 128, SIZE, BPF_RB_NO_WAKEUP).  */
static void
rep_ringbuf (struct prog *p, const struct bench *b, int k)
{
  (void) k;
  emit_lddw (p, 1, BPF_PSEUDO_MAP_FD, (uint32_t) b->map2_fd);
  emit_op (p, EBPF_OP_MOV64_X, 2, 10, 0, 0);
  emit_op (p, EBPF_OP_ADD64_K, 2, 0, 0, -128);
  emit_op (p, EBPF_OP_MOV64_K, 3, 0, 0, b->size);
  emit_op (p, EBPF_OP_MOV64_K, 4, 0, 0, BPF_RB_NO_WAKEUP);
  emit_call (p, BPF_FUNC_ringbuf_output);
}

/* bpf_xdp_adjust_head (ctx, -4), then back by +4.  */
static void
rep_adjust_head (struct prog *p, const struct bench *b, int k)
{
  (void) b;
  emit_op (p, EBPF_OP_MOV64_X, 1, 6, 0, 0);
  emit_op (p, EBPF_OP_MOV64_K, 2, 0, 0, k % 2 ? 4 : -4);
  emit_call (p, BPF_FUNC_xdp_adjust_head);
}

/* ---- Timing ----------------------------------------------------------------- */

static char packet[PACKET_LEN];

/* Nanoseconds a run of B with REPS repetitions takes; NAN after a
 * message.  */
static double
time_bench (const struct bench *b, int reps, uint32_t repeat)
{
  struct prog p;
  build (&p, b, reps);
  char err[2048];
  int fd = kbpf_prog_load (BPF_PROG_TYPE_XDP, p.insns, p.n, err, sizeof err);
  free (p.insns);
  if (fd < 0)
    {
      fprintf (stderr, "%s: --calibrate: %s\n", progname, err);
      return NAN;
    }
  double ns;
  bool ok = kbpf_prog_time (fd, packet, sizeof packet, repeat, TRIALS, &ns, NULL,
                            err, sizeof err);
  close (fd);
  if (!ok)
    {
      fprintf (stderr, "%s: --calibrate: %s\n", progname, err);
      return NAN;
    }
  return ns;
}

/* Nanoseconds one repetition of B takes: the slope over 0, STEP and
 * 2 STEP repetitions.  */
static double
slope_of (const struct bench *b, int step, uint32_t repeat, char *note, size_t len)
{
  double x[3], y[3];
  for (int i = 0; i < 3; i++)
    {
      x[i] = i * step;
      y[i] = time_bench (b, i * step, repeat);
      if (isnan (y[i]))
        return NAN;
    }
  double slope, intercept, worst;
  if (!calibrate_fit_line (x, y, 3, &slope, &intercept, &worst))
    return NAN;
  snprintf (note, len, "%.3f ns each (runs of %.0f, %.0f, %.0f ns)", slope,
            y[0], y[1], y[2]);
  return slope;
}

/* ---- The calibration ---------------------------------------------------------- */

struct calibration
{
  double clock_hz;
  double op_ns[EBPF_OP_COUNT];     /* NAN until measured */
  double call_ns;                  /* a helper call that does little */
  bool helper_done[EBPF_MAX_HELPERS];
  struct calibrate_cost *costs;
  size_t n_costs, cap;
  bool failed;
};

static void
add_cost (struct calibration *c, const char *line, double ns, double per_byte_ns,
          const char *note)
{
  if (c->n_costs == c->cap)
    {
      c->cap = c->cap ? 2 * c->cap : 256;
      c->costs = ebpf_xrealloc (c->costs, c->cap * sizeof *c->costs);
    }
  struct calibrate_cost *cost = &c->costs[c->n_costs++];
  snprintf (cost->line, sizeof cost->line, "%s", line);
  cost->cycles = calibrate_cycles (ns, c->clock_hz);
  cost->per_byte = per_byte_ns < 0 ? -1 : calibrate_cycles (per_byte_ns, c->clock_hz);
  snprintf (cost->note, sizeof cost->note, "%s", note);
}

static void
add_helper (struct calibration *c, int id, double ns, double per_byte_ns,
            const char *note)
{
  char line[96];
  snprintf (line, sizeof line, "helper %s", ebpf_helper_name_of (id));
  add_cost (c, line, ns, per_byte_ns, note);
  c->helper_done[id] = true;
  if (per_byte_ns >= 0)
    fprintf (stderr, "  %-26s %7.3f ns + %.3f ns a byte\n", line + 7, ns,
             per_byte_ns);
  else
    fprintf (stderr, "  %-26s %7.3f ns\n", line + 7, ns);
}

static double
op_ns (const struct calibration *c, int op)
{
  return isnan (c->op_ns[op]) ? 0 : c->op_ns[op];
}

/* The id of an op as a model names it: "add64_k".  */
static const char *
op_line (int op, char *buf, size_t len)
{
  int n = snprintf (buf, len, "insn ");
  for (const char *s = ebpf_opcodes[op].id; *s && (size_t) n + 1 < len; s++)
    buf[n++] = (char) (*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
  buf[n] = '\0';
  return buf;
}

static void
measure_op (struct calibration *c, struct bench *b, int op, double extra_ns)
{
  char note[160], line[96];
  b->op = op;
  double ns = slope_of (b, STEP, REPEAT, note, sizeof note);
  if (isnan (ns))
    {
      c->failed = true;
      return;
    }
  c->op_ns[op] = ns - extra_ns;
  add_cost (c, op_line (op, line, sizeof line), c->op_ns[op], -1, note);
  fprintf (stderr, "  %-26s %7.3f ns\n", line + 5, c->op_ns[op]);
}

/* Whether conditional jump OP jumps from A (dst) to B (imm or src).  */
static bool
jumps (int op, int64_t a, int64_t b)
{
  const char *cmp = ebpf_opcodes[op].llvm;
  if (strcmp (cmp, "==") == 0) return a == b;
  if (strcmp (cmp, "!=") == 0) return a != b;
  if (strcmp (cmp, ">") == 0 || strcmp (cmp, "s>") == 0) return a > b;
  if (strcmp (cmp, ">=") == 0 || strcmp (cmp, "s>=") == 0) return a >= b;
  if (strcmp (cmp, "<") == 0 || strcmp (cmp, "s<") == 0) return a < b;
  if (strcmp (cmp, "<=") == 0 || strcmp (cmp, "s<=") == 0) return a <= b;
  return (a & b) != 0;   /* "&": jset */
}

static void
measure_instructions (struct calibration *c)
{
  fprintf (stderr, "instructions (ns each, beyond what the repetition "
           "needs around it):\n");
  struct bench b = { .a = 3, .b = 5, .rep = rep_alu };
  /* ALU first: the others' repetitions hold ALU instructions.  */
  for (int op = 0; op < EBPF_OP_COUNT && !c->failed; op++)
    {
      enum ebpf_shape s = ebpf_opcodes[op].shape;
      if (s == EBPF_SHAPE_ALU_K || s == EBPF_SHAPE_ALU_X || s == EBPF_SHAPE_NEG
          || s == EBPF_SHAPE_END || s == EBPF_SHAPE_MOVSX)
        measure_op (c, &b, op, 0);
    }
  /* Jumps not taken (the add over which they jump runs), then one taken:
   * what taking it adds.  */
  b.rep = rep_jump;
  static const int32_t pairs[][2] = { { 3, 5 }, { 5, 3 }, { 3, 3 } };
  for (int op = 0; op < EBPF_OP_COUNT && !c->failed; op++)
    {
      enum ebpf_shape s = ebpf_opcodes[op].shape;
      if (s != EBPF_SHAPE_JMP_K && s != EBPF_SHAPE_JMP_X)
        continue;
      for (size_t i = 0; i < 3; i++)
        if (!jumps (op, pairs[i][0], pairs[i][1]))
          {
            b.a = pairs[i][0];
            b.b = pairs[i][1];
            measure_op (c, &b, op, op_ns (c, EBPF_OP_ADD64_K));
            break;
          }
    }
  b.rep = rep_ja;
  measure_op (c, &b, EBPF_OP_JA, 0);
  b.rep = rep_lddw;
  measure_op (c, &b, EBPF_OP_LDDW, 0);
  b.rep = rep_stack;
  for (int op = 0; op < EBPF_OP_COUNT && !c->failed; op++)
    {
      enum ebpf_shape s = ebpf_opcodes[op].shape;
      if (s == EBPF_SHAPE_LDX || s == EBPF_SHAPE_ST || s == EBPF_SHAPE_STX)
        measure_op (c, &b, op, 0);
    }
  b.rep = rep_local_call;
  b.subprogram = true;
  /* The callee's "r0 = 0"; its exit is the call's: a program's own exit
   * is in its run cost.  */
  measure_op (c, &b, EBPF_OP_CALL_LOCAL, op_ns (c, EBPF_OP_MOV64_K));
  b.subprogram = false;
  if (!c->failed)
    {
      char line[96];
      add_cost (c, op_line (EBPF_OP_CALLX, line, sizeof line),
                op_ns (c, EBPF_OP_CALL_LOCAL), -1, "as a local call");
      add_cost (c, "insn exit", 0, -1, "in the call's cost, or the run's");
    }
}

/* Atomics and loads by region, on an array's value and the packet.  */
static void
measure_memory (struct calibration *c)
{
  char err[512];
  int array = kbpf_map_create (BPF_MAP_TYPE_ARRAY, 4, 64, 1, 0, err, sizeof err);
  if (array < 0)
    {
      fprintf (stderr, "%s: --calibrate: %s\n", progname, err);
      c->failed = true;
      return;
    }
  struct bench b = { .a = 3, .b = 5, .needs = NEED_VALUE, .map_fd = array,
                     .rep = rep_atomic };
  for (int op = 0; op < EBPF_OP_COUNT && !c->failed; op++)
    if (ebpf_opcodes[op].shape == EBPF_SHAPE_ATOMIC)
      measure_op (c, &b, op, 0);
  /* What a 4-byte load costs in each region beyond one on the stack.  */
  static const struct
  {
    const char *region;
    void (*rep) (struct prog *, const struct bench *, int);
    int needs;
  } regions[] = {
    { "packet", rep_packet_load, NEED_PACKET },
    { "map", rep_value_load, NEED_VALUE },
    { "context", rep_context_load, 0 },
  };
  fprintf (stderr, "memory regions (a 4-byte load, beyond one on the stack):\n");
  add_cost (c, "region stack", 0, -1, "what the loads and stores were measured on");
  add_cost (c, "region memory", 0, -1, "as the stack");
  for (size_t i = 0; i < 3 && !c->failed; i++)
    {
      char note[160], line[96];
      b.rep = regions[i].rep;
      b.needs = regions[i].needs;
      b.op = EBPF_OP_LDX_W;
      double ns = slope_of (&b, STEP, REPEAT, note, sizeof note);
      if (isnan (ns))
        c->failed = true;
      else
        {
          snprintf (line, sizeof line, "region %s", regions[i].region);
          add_cost (c, line, ns - op_ns (c, EBPF_OP_LDX_W), -1, note);
          fprintf (stderr, "  %-26s %7.3f ns\n", regions[i].region,
                   ns - op_ns (c, EBPF_OP_LDX_W));
        }
    }
  close (array);
}

/* The taken jump's extra, from jeq64_k jumping.  */
static void
measure_taken (struct calibration *c)
{
  char note[160];
  struct bench b = { .a = 3, .b = 3, .rep = rep_jump, .op = EBPF_OP_JEQ64_K };
  double ns = slope_of (&b, STEP, REPEAT, note, sizeof note);
  if (isnan (ns))
    {
      c->failed = true;
      return;
    }
  add_cost (c, "taken", ns - op_ns (c, EBPF_OP_JEQ64_K), -1, note);
  fprintf (stderr, "  %-26s %7.3f ns\n", "taken", ns - op_ns (c, EBPF_OP_JEQ64_K));
}

/* Runs: an empty program of each kind, less its "r0 = N".  */
static void
measure_runs (struct calibration *c)
{
  static const struct { const char *kind; uint32_t type; int32_t r0; } kinds[] = {
    { "xdp", BPF_PROG_TYPE_XDP, XDP_PASS },
    { "tc", BPF_PROG_TYPE_SCHED_CLS, 0 },
    { "socket", BPF_PROG_TYPE_SOCKET_FILTER, 0 },
  };
  fprintf (stderr, "runs (an empty program):\n");
  double xdp = 0;
  for (size_t i = 0; i < 3 && !c->failed; i++)
    {
      struct bpf_insn insns[2] = {
        op_insn (EBPF_OP_MOV64_K, 0, 0, 0, kinds[i].r0),
        op_insn (EBPF_OP_EXIT, 0, 0, 0, 0),
      };
      char err[2048], line[96], note[160];
      double ns;
      int fd = kbpf_prog_load (kinds[i].type, insns, 2, err, sizeof err);
      if (fd < 0 || !kbpf_prog_time (fd, packet, sizeof packet, 100000, TRIALS,
                                     &ns, NULL, err, sizeof err))
        {
          fprintf (stderr, "%s: --calibrate: %s\n", progname, err);
          c->failed = true;
        }
      else
        {
          ns -= op_ns (c, EBPF_OP_MOV64_K);
          if (i == 0)
            xdp = ns;
          snprintf (line, sizeof line, "run %s", kinds[i].kind);
          snprintf (note, sizeof note, "an empty program: %.1f ns", ns);
          add_cost (c, line, ns, -1, note);
          fprintf (stderr, "  %-26s %7.3f ns\n", kinds[i].kind, ns);
        }
      if (fd >= 0)
        close (fd);
    }
  add_cost (c, "run tracing", xdp, -1, "not measured: as xdp");
  add_cost (c, "run memory", 0, -1, "bytecode, which no kernel runs alone");
}

/* A helper's cost (beyond EXTRA_NS of its repetition's other
 * instructions) in nanoseconds, or NAN.  */
static double
helper_ns (struct calibration *c, struct bench *b, double extra_ns, char *note,
           size_t len)
{
  double ns = slope_of (b, HELPER_STEP, HELPER_REPEAT, note, len);
  if (isnan (ns))
    c->failed = true;
  return ns - extra_ns;
}

/* Every helper linux/bpf.h names: the measured ones at what they cost,
 * call included (the call instruction's own cost is 0), the others at
 * what a call of a helper that does little costs.  */
static void
measure_helpers (struct calibration *c)
{
  fprintf (stderr, "helpers (a call, beyond its arguments' moves):\n");
  char note[160], line[96];
  struct bench b = { .a = 3, .b = 5, .rep = rep_helper,
                     .helper = BPF_FUNC_get_numa_node_id };
  double call = helper_ns (c, &b, 0, note, sizeof note);
  if (c->failed)
    return;
  c->call_ns = call;
  add_cost (c, op_line (EBPF_OP_CALL_HELPER, line, sizeof line), 0, -1,
            "in each helper's cost");
  add_helper (c, BPF_FUNC_get_numa_node_id, call, -1, note);
  static const int plain[] = {
    BPF_FUNC_ktime_get_ns, BPF_FUNC_ktime_get_boot_ns, BPF_FUNC_get_prandom_u32,
    BPF_FUNC_get_smp_processor_id, BPF_FUNC_jiffies64,
  };
  for (size_t i = 0; i < sizeof plain / sizeof plain[0] && !c->failed; i++)
    {
      b.helper = plain[i];
      double ns = helper_ns (c, &b, 0, note, sizeof note);
      add_helper (c, plain[i], ns, -1, note);
    }
  /* bpf_csum_diff over 4 and 68 bytes: a base and a cost per byte.  */
  double moves = op_ns (c, EBPF_OP_MOV64_X) + op_ns (c, EBPF_OP_ADD64_K)
                 + 4 * op_ns (c, EBPF_OP_MOV64_K);
  b.rep = rep_csum_diff;
  b.size = 4;
  double small = helper_ns (c, &b, moves, note, sizeof note);
  b.size = 68;
  double large = helper_ns (c, &b, moves, note, sizeof note);
  if (!c->failed)
    {
      double per_byte = (large - small) / 64;
      snprintf (note, sizeof note, "4 bytes %.2f ns, 68 bytes %.2f ns", small, large);
      add_helper (c, BPF_FUNC_csum_diff, small - 4 * per_byte, per_byte, note);
    }
  /* bpf_xdp_adjust_head by -4 and +4 in turn.  */
  b.rep = rep_adjust_head;
  double adjust = helper_ns (c, &b, op_ns (c, EBPF_OP_MOV64_X)
                             + op_ns (c, EBPF_OP_MOV64_K), note, sizeof note);
  if (!c->failed)
    add_helper (c, BPF_FUNC_xdp_adjust_head, adjust, -1, note);
  /* bpf_ringbuf_output of 8 and 128 bytes, each size on a ring of its own
   * large enough for every sample of the runs, which nothing reads: its
   * memory is written for the first time, as a ring's is that a reader
   * keeps up with only when it is small.  */
  double out_ns[2] = { 0, 0 };
  static const int32_t sizes[2] = { 8, 128 };
  for (int i = 0; i < 2 && !c->failed; i++)
    {
      char err[512];
      int ring = kbpf_map_create (BPF_MAP_TYPE_RINGBUF, 0, 0, 256u << 20, 0, err,
                                  sizeof err);
      if (ring < 0)
        {
          fprintf (stderr, "%s: --calibrate: %s\n", progname, err);
          c->failed = true;
          break;
        }
      b.rep = rep_ringbuf;
      b.map2_fd = ring;
      b.size = sizes[i];
      out_ns[i] = helper_ns (c, &b, op_ns (c, EBPF_OP_LDDW)
                             + op_ns (c, EBPF_OP_MOV64_X) + op_ns (c, EBPF_OP_ADD64_K)
                             + 2 * op_ns (c, EBPF_OP_MOV64_K), note, sizeof note);
      close (ring);
    }
  if (!c->failed)
    {
      double per_byte = (out_ns[1] - out_ns[0]) / 120;
      snprintf (note, sizeof note, "8 bytes %.2f ns, 128 bytes %.2f ns", out_ns[0],
               out_ns[1]);
      add_helper (c, BPF_FUNC_ringbuf_output, out_ns[0] - 8 * per_byte, per_byte,
                  note);
    }
  /* bpf_trace_printk of a short line (into the kernel's trace buffer,
   * which keeps the newest); bpf_snprintf and bpf_trace_vprintk format
   * the same way.  */
  b = (struct bench) { .a = 3, .b = 5, .rep = rep_trace_printk,
                       .needs = NEED_FORMAT };
  double printk = helper_ns (c, &b, op_ns (c, EBPF_OP_MOV64_X)
                             + op_ns (c, EBPF_OP_ADD64_K) + op_ns (c, EBPF_OP_MOV64_K),
                             note, sizeof note);
  if (!c->failed)
    {
      add_helper (c, BPF_FUNC_trace_printk, printk, -1, note);
      add_helper (c, BPF_FUNC_trace_vprintk, printk, -1, "as bpf_trace_printk");
      add_helper (c, BPF_FUNC_snprintf, printk, -1, "as bpf_trace_printk");
    }
}

/* Queues, stacks and bloom filters: a push (onto a full queue or stack,
 * which drops its oldest), and a push followed by a pop or a peek.  */
static void
measure_push_pop (struct calibration *c)
{
  static const struct { const char *name; uint32_t type; } maps[] = {
    { "queue", BPF_MAP_TYPE_QUEUE }, { "stack", BPF_MAP_TYPE_STACK },
    { "bloom_filter", BPF_MAP_TYPE_BLOOM_FILTER },
  };
  static const struct { const char *name; int helper; } ops[] = {
    { "push", BPF_FUNC_map_push_elem }, { "pop", BPF_FUNC_map_pop_elem },
    { "peek", BPF_FUNC_map_peek_elem },
  };
  double args = op_ns (c, EBPF_OP_LDDW) + op_ns (c, EBPF_OP_MOV64_X)
                + op_ns (c, EBPF_OP_ADD64_K);
  double queue[3] = { 0, 0, 0 };
  for (size_t i = 0; i < 3 && !c->failed; i++)
    {
      bool bloom = maps[i].type == BPF_MAP_TYPE_BLOOM_FILTER;
      char err[512], note[160], line[96];
      int fd = kbpf_map_create (maps[i].type, 0, 8, 64, 0, err, sizeof err);
      if (fd < 0)
        {
          fprintf (stderr, "%s: --calibrate: %s\n", progname, err);
          c->failed = true;
          break;
        }
      double push = 0;
      for (size_t o = 0; o < 3 && !c->failed; o++)
        {
          if (bloom && o == 1)
            continue;   /* nothing pops a bloom filter */
          struct bench b = { .a = 3, .b = 5, .rep = rep_push, .map2_fd = fd,
                             .helper = ops[o].helper,
                             .size = bloom ? BPF_ANY : BPF_EXIST };
          double ns = helper_ns (c, &b, args + op_ns (c, EBPF_OP_MOV64_K)
                                 + (o ? args + push : 0), note, sizeof note);
          if (c->failed)
            break;
          if (o == 0)
            push = ns;
          if (maps[i].type == BPF_MAP_TYPE_QUEUE)
            queue[o] = ns;
          snprintf (line, sizeof line, "map %s %s", maps[i].name, ops[o].name);
          add_cost (c, line, ns, -1, note);
          fprintf (stderr, "  %-26s %7.3f ns\n", line + 4, ns);
        }
      close (fd);
    }
  for (size_t o = 0; o < 3 && !c->failed; o++)
    add_helper (c, ops[o].helper, queue[o], -1, "maps of other types: as queue");
}

/* Map helpers by map type: lookups of a key present, updates of it,
 * deletes of a key not present.  */
static void
measure_maps (struct calibration *c)
{
  fprintf (stderr, "map operations (the helper call, by map type):\n");
  static const struct
  {
    const char *name;
    uint32_t type, key_size, flags;
  } maps[] = {
    { "array", BPF_MAP_TYPE_ARRAY, 4, 0 },
    { "percpu_array", BPF_MAP_TYPE_PERCPU_ARRAY, 4, 0 },
    { "hash", BPF_MAP_TYPE_HASH, 4, 0 },
    { "hash", BPF_MAP_TYPE_HASH, 64, 0 },
    { "percpu_hash", BPF_MAP_TYPE_PERCPU_HASH, 4, 0 },
    { "lru_hash", BPF_MAP_TYPE_LRU_HASH, 4, 0 },
    { "lru_percpu_hash", BPF_MAP_TYPE_LRU_PERCPU_HASH, 4, 0 },
    { "lpm_trie", BPF_MAP_TYPE_LPM_TRIE, 8, BPF_F_NO_PREALLOC },
  };
  static const struct { const char *name; int helper; } ops[] = {
    { "lookup", BPF_FUNC_map_lookup_elem },
    { "update", BPF_FUNC_map_update_elem },
    { "delete", BPF_FUNC_map_delete_elem },
  };
  double args = op_ns (c, EBPF_OP_LDDW) + op_ns (c, EBPF_OP_MOV64_X)
                + op_ns (c, EBPF_OP_ADD64_K);
  double hash4[3] = { 0, 0, 0 };
  for (size_t i = 0; i < sizeof maps / sizeof maps[0] && !c->failed; i++)
    for (size_t o = 0; o < 3 && !c->failed; o++)
      {
        bool array = maps[i].type == BPF_MAP_TYPE_ARRAY
                     || maps[i].type == BPF_MAP_TYPE_PERCPU_ARRAY;
        if (array && o == 2)
          continue;   /* array elements cannot be deleted */
        char err[512], note[160], line[96];
        int fd = kbpf_map_create (maps[i].type, maps[i].key_size, 64, 1024,
                                  maps[i].flags, err, sizeof err);
        uint8_t key[64] = { 0 }, value[64] = { 0 };
        /* The key of zeros is there, but for deletes, which miss.  */
        if (fd >= 0 && o != 2 && !kbpf_map_update (fd, key, value, BPF_ANY, err,
                                                   sizeof err))
          {
            close (fd);
            fd = -1;
          }
        if (fd < 0)
          {
            fprintf (stderr, "%s: --calibrate: %s\n", progname, err);
            c->failed = true;
            break;
          }
        struct bench b = { .a = 3, .b = 5, .rep = rep_map_helper, .map2_fd = fd,
                           .helper = ops[o].helper };
        double extra = args + (o == 1 ? op_ns (c, EBPF_OP_MOV64_X)
                                      + op_ns (c, EBPF_OP_ADD64_K)
                                      + op_ns (c, EBPF_OP_MOV64_K) : 0);
        double ns = helper_ns (c, &b, extra, note, sizeof note);
        close (fd);
        if (c->failed)
          break;
        if (maps[i].type == BPF_MAP_TYPE_HASH && maps[i].key_size == 4)
          {
            hash4[o] = ns;
            continue;   /* written with the 64-byte key's */
          }
        double per_byte = -1;
        if (maps[i].type == BPF_MAP_TYPE_HASH)
          {
            per_byte = (ns - hash4[o]) / 60;
            snprintf (note, sizeof note, "key of 4 bytes %.2f ns, 64 bytes %.2f ns",
                      hash4[o], ns);
            ns = hash4[o] - 4 * per_byte;
          }
        snprintf (line, sizeof line, "map %s %s", maps[i].name, ops[o].name);
        add_cost (c, line, ns, per_byte, note);
        fprintf (stderr, "  %-26s %7.3f ns\n", line + 4, ns);
      }
  /* Their helpers' own lines, for the map types not measured: as a hash
   * map with a 4-byte key.  */
  for (size_t o = 0; o < 3 && !c->failed; o++)
    add_helper (c, ops[o].helper, hash4[o], -1, "maps of other types: as hash");
}

/* bpf_tail_call: a program that tail-calls itself runs 33 times (the
 * kernel's limit of tail calls), against one whose array is empty.  */
static void
measure_tail_call (struct calibration *c)
{
  char err[2048];
  double ns[2];
  for (int self = 0; self < 2 && !c->failed; self++)
    {
      int array = kbpf_map_create (BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 1, 0, err,
                                   sizeof err);
      struct prog p = { 0 };
      emit_op (&p, EBPF_OP_MOV64_X, 6, 1, 0, 0);
      emit_op (&p, EBPF_OP_MOV64_X, 1, 6, 0, 0);
      emit_lddw (&p, 2, BPF_PSEUDO_MAP_FD, (uint32_t) array);
      emit_op (&p, EBPF_OP_MOV64_K, 3, 0, 0, 0);
      emit_call (&p, BPF_FUNC_tail_call);
      emit_op (&p, EBPF_OP_MOV64_K, 0, 0, 0, XDP_PASS);
      emit_op (&p, EBPF_OP_EXIT, 0, 0, 0, 0);
      int fd = array < 0 ? -1 : kbpf_prog_load (BPF_PROG_TYPE_XDP, p.insns, p.n,
                                                err, sizeof err);
      free (p.insns);
      uint32_t key = 0, value = (uint32_t) fd;
      if (fd < 0 || (self && !kbpf_map_update (array, &key, &value, BPF_ANY, err,
                                               sizeof err))
          || !kbpf_prog_time (fd, packet, sizeof packet, 100000, TRIALS, &ns[self],
                              NULL, err, sizeof err))
        {
          fprintf (stderr, "%s: --calibrate: %s\n", progname, err);
          c->failed = true;
        }
      /* The array holds the program, and the program the array: the
       * kernel empties a program array when its last descriptor closes.  */
      if (fd >= 0)
        close (fd);
      if (array >= 0)
        close (array);
    }
  if (c->failed)
    return;
  double each = (ns[1] - ns[0]) / 33
                - (2 * op_ns (c, EBPF_OP_MOV64_X) + op_ns (c, EBPF_OP_LDDW)
                   + op_ns (c, EBPF_OP_MOV64_K));
  char note[160];
  snprintf (note, sizeof note, "33 tail calls %.1f ns, none %.1f ns", ns[1], ns[0]);
  add_helper (c, BPF_FUNC_tail_call, each, -1, note);
}

/* The helpers not measured cost what a call costs.  */
static void
other_helpers (struct calibration *c)
{
  for (int id = 1; id < EBPF_MAX_HELPERS; id++)
    if (!c->helper_done[id] && ebpf_helper_name_of (id))
      {
        char line[96];
        snprintf (line, sizeof line, "helper %s", ebpf_helper_name_of (id));
        add_cost (c, line, c->call_ns, -1, "not measured: a call");
      }
}

/* The clock the cycles count: the CPU's as /proc/cpuinfo says it.  */
static double
cpu_clock_hz (char *cpu, size_t len)
{
  FILE *f = fopen ("/proc/cpuinfo", "r");
  double mhz = 0;
  char text[512];
  snprintf (cpu, len, "unknown CPU");
  while (f && fgets (text, sizeof text, f))
    {
      char *colon = strchr (text, ':');
      if (colon == NULL)
        continue;
      if (strncmp (text, "model name", 10) == 0)
        {
          snprintf (cpu, len, "%s", colon + 2);
          cpu[strcspn (cpu, "\n")] = '\0';
        }
      else if (strncmp (text, "cpu MHz", 7) == 0 && mhz == 0)
        mhz = strtod (colon + 1, NULL);
    }
  if (f)
    fclose (f);
  return mhz > 0 ? mhz * 1e6 : 1e9;
}

int
calibrate_main (const char *output)
{
  char why[512];
  if (!kbpf_available (why, sizeof why))
    {
      fprintf (stderr, "%s: --calibrate times programs on this machine's "
               "kernel, and %s\n", progname, why);
      return EXIT_INPUT;
    }
  /* The output first: a file that cannot be written is known before
   * half a minute of measuring.  */
  struct ebpf_out_file out;
  FILE *f = stdout;
  if (output && (!ebpf_out_open (&out, output) || (f = ebpf_out_stream (&out)) == NULL))
    {
      fprintf (stderr, "%s: %s: %s\n", progname, output, strerror (errno));
      if (f == NULL)
        ebpf_out_abandon (&out);
      return EXIT_INPUT;
    }
  struct calibration c = { 0 };
  for (int op = 0; op < EBPF_OP_COUNT; op++)
    c.op_ns[op] = NAN;
  char cpu[256];
  c.clock_hz = cpu_clock_hz (cpu, sizeof cpu);
  time_t start = time (NULL);
  void (*const steps[]) (struct calibration *) = {
    measure_instructions, measure_taken, measure_memory, measure_runs,
    measure_helpers, measure_maps, measure_push_pop, measure_tail_call,
    other_helpers,
  };
  for (size_t i = 0; i < sizeof steps / sizeof steps[0] && !c.failed; i++)
    steps[i] (&c);
  int status = EXIT_RAN;
  if (c.failed)
    {
      if (output)
        ebpf_out_abandon (&out);
      free (c.costs);
      return EXIT_INPUT;
    }
  struct utsname u;
  uname (&u);
  char when[64], provenance[1024];
  strftime (when, sizeof when, "%Y-%m-%d", gmtime (&start));
  snprintf (provenance, sizeof provenance,
            "Measured on %s, Linux %s (%s), JIT, BPF_PROG_TEST_RUN's duration,\n"
            "the median of %d trials; a cost is the slope of run time over\n"
            "0, %d and %d repetitions (helpers: %d), less the instructions\n"
            "around it; ALU instructions and loads in %d overlapping chains;\n"
            "the clock is /proc/cpuinfo's.  %s, %.0f s.",
            cpu, u.release, u.machine, TRIALS, STEP, 2 * STEP, HELPER_STEP, CHAINS,
            when, difftime (time (NULL), start));
  calibrate_write_model (f, provenance, c.clock_hz, c.costs, c.n_costs);
  if (output && !ebpf_out_commit (&out))
    {
      fprintf (stderr, "%s: %s: %s\n", progname, output, strerror (errno));
      status = EXIT_INPUT;
    }
  free (c.costs);
  return status;
}
