/* machine.h — the state of a simulated eBPF machine, and the decoded form
 * of a program that the interpreter dispatches on.
 *
 * core/ lies below maps/, load/, env/ and debug/, which call into it;
 * program.c, memory.c, fault.c and error.c call nothing above it.  The
 * interpreter and the machine's life call up by design, so interp.c and
 * machine.c form one cycle with env/ (helpers*.c, services.c, gdbsim.c)
 * and debug/ (debug.c, suspend.c, undo.c), which call back into them:
 *  - interp.c calls helpers through the machine's table (m->helpers,
 *    filled by env/helpers.c and env/gdbsim.c); accesses that fail
 *    translation land in the traps of the context and services windows
 *    (env/context.c, env/services.c) and of watchpoints (debug/debug.c);
 *    the debug handler (debug/debug.c) and helper calls on a stack of
 *    their own (debug/suspend.c) are reached from handlers the debug core
 *    installs;
 *  - machine.c makes a machine with its helper table, GDB's conventions
 *    and debug state (env/helpers.c, env/gdbsim.c, debug/debug.c), starts
 *    each run's context, flat memory and history afresh (env/context.c,
 *    env/gdbsim.c, debug/undo.c), settles the debug core after a run, and
 *    reaches maps and the loader for its map and output calls (maps/,
 *    load/: they call nothing in core but program.c and error.c).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_MACHINE_H
#define EBPF_MACHINE_H

#include <stdio.h>
#include "ebpfsim.h"
#include "ebpfsim-debug.h"
#include "env/context.h"
#include "env/cost-model.h"
#include "debug/debug.h"
#include "maps/map.h"
#include "memory.h"
#include "program.h"

#define EBPF_STACK_SIZE 512      /* bytes per frame */
#define EBPF_MAX_FRAMES 8        /* the main program and 7 nested calls */
/* An executable (bpf-gcc/bpf-ld output) runs as a native program, whose
 * recursion the kernel's limit would break.  */
#define EBPF_EXECUTABLE_MAX_FRAMES 1024
#define EBPF_MAX_HELPER_ID 512
/* Instructions between two looks at an interrupt request.  */
#define EBPF_INTERRUPT_SLICE (1u << 20)
#define EBPF_MAX_MAP_BYTES (1ULL << 30)   /* the most one map may take */

/* Value left in r1-r5 after a helper call, as the kernel leaves them
 * unusable; a program that relies on them shows it.  */
#define EBPF_CLOBBER_VALUE 0xdeadbeefdeadbeefULL

/* The simulated environment: time, at the cycle model's clock rate,
 * starts one second after boot; HZ 250 for jiffies.  */
#define EBPF_HZ 250
#define EBPF_BOOT_TO_START_NS 1000000000ULL
#define EBPF_TAI_AT_BOOT_NS 1767225637000000000ULL   /* 2026-01-01, TAI */

struct ebpf_environment
{
  uint64_t elapsed_cost;       /* of earlier runs, in cost units: time
                                  goes on */
  uint64_t random_state;
  uint64_t func_ip;
  uint32_t cpu, ncpus;
  unsigned kernel_version;     /* EBPF_KERNEL_VERSION: whose helpers */
  uint32_t pid, tgid, uid, gid;
  char comm[16];
  FILE *trace;                 /* bpf_trace_printk output; NULL: stdout */
};

/* Pseudo-instructions that the decoder places where the program itself
 * has none, so that every fault is found by dispatch, not by a check.  */
enum ebpf_pseudo_op
{
  EBPF_PSEUDO_FELL_OFF = EBPF_OP_COUNT, /* the slot after the last one */
  EBPF_PSEUDO_CALLBACK_RETURN,          /* where a helper's callback returns */
  EBPF_PSEUDO_BAD_JUMP,                 /* target of a jump out of range */
  EBPF_PSEUDO_INVALID,                  /* an undefined opcode or a bad
                                           register; dst holds the reason */
  EBPF_PSEUDO_LDDW_TAIL,                /* the second half of an lddw */
  EBPF_PSEUDO_DEBUG,                    /* the debug core's checks, then
                                           the instruction's handler */
  EBPF_PSEUDO_COUNT
};

/* The interpreter's label table holds, after the pseudo ops' labels, a
 * second handler for the loads and stores of the table: one for an
 * access at a constant offset from r10 that stays inside the current
 * frame, which is always mapped, so that it skips translation.  */
#define EBPF_FRAME_LABEL(op) (EBPF_PSEUDO_COUNT + (op))
#define EBPF_LABEL_COUNT (EBPF_PSEUDO_COUNT + EBPF_OP_COUNT)

enum ebpf_invalid_reason
{
  EBPF_INVALID_OPCODE,        /* no table entry has this opcode byte */
  EBPF_INVALID_FIELD,         /* the opcode exists, not with this off/imm/src */
  EBPF_INVALID_RESERVED,      /* a field the instruction does not use is set */
  EBPF_INVALID_REGISTER,      /* a register number above 10 */
  EBPF_INVALID_WRITES_FP,     /* r10 as a destination */
  EBPF_INVALID_LDDW_LAST,     /* lddw in the last slot */
  EBPF_INVALID_LDDW_TAIL,     /* lddw whose second slot holds more than imm */
};

/* One instruction made for dispatch: operands extracted, immediates
 * sign-extended, jump targets resolved.  */
struct ebpf_decoded
{
  const void *handler;                 /* label in the interpreter */
  const struct ebpf_decoded *target;   /* jump/call target */
  uint64_t imm64;                      /* immediate, sign-extended or lddw */
  uint8_t dst, src;
  uint16_t op;                         /* table entry or pseudo op */
  int16_t off;
  uint16_t cost;                       /* the op's, in the cycle model's
                                          units (cost-model.h) */
};

struct ebpf_frame
{
  const struct ebpf_decoded *return_to;
  const struct ebpf_decoded *call_site; /* the call (of a callback: the
                                           helper's call) in code */
  const ebpf_program *prog;            /* the caller's program and code: */
  struct ebpf_decoded *code;           /* a tail call may have changed them */
  uint64_t saved[5];                   /* r6-r9, r10 */
};

/* A map of the program's object, as the machine holds it.  */
struct ebpf_machine_map
{
  ebpf_map *map;
  unsigned window;                     /* where its values are mapped */
  bool readonly;                       /* to the program (BPF_F_RDONLY_PROG) */
  uint32_t type;                       /* as defined: a devmap is kept in
                                          an array or hash of ifindexes */
  bool kernel_objects;                 /* of sockets or CPUs, which no test
                                          run has: a slot of zeros is empty */
  int32_t spin_lock_off;               /* struct bpf_spin_lock in the value,
                                          or -1 */
};

/* Whether LEN bytes at P are all zero: the empty slot of a map of
 * kernel objects (devices, CPUs, sockets), which no test run has.  */
static inline bool
ebpf_bytes_zero (const void *p, size_t len)
{
  const uint8_t *b = p;
  for (size_t i = 0; i < len; i++)
    if (b[i])
      return false;
  return true;
}

/* A program decoded for this machine: the one it runs, and the others of
 * its object that tail calls reach.  */
struct ebpf_machine_program
{
  ebpf_program *prog;                  /* owned, but for the entry program */
  struct ebpf_decoded *code;           /* n_slots + trailing pseudo slots */
  size_t n_code;
};

struct ebpf_helper
{
  const char *name;
  ebpf_helper_fn fn;
};

struct ebpf_machine
{
  const ebpf_program *prog;            /* running now */
  struct ebpf_decoded *code;           /* its decoded form */
  const ebpf_program *entry_prog;      /* where runs start */
  struct ebpf_decoded *entry_code;
  struct ebpf_machine_program *programs; /* by object program index */
  int n_programs;
  const struct ebpf_decoded *tail_target; /* set by bpf_tail_call */
  unsigned tail_calls;                 /* in this run */
  const void *const *labels;           /* handler per op, from the interpreter */

  uint64_t regs[EBPF_REG_COUNT];
  const struct ebpf_decoded *pc;
  int max_frames;                      /* EBPF_MAX_FRAMES, or more for an
                                          executable */
  struct ebpf_frame *frames;           /* max_frames of them */
  int depth;                           /* frames in use beyond the first */
  int deepest;                         /* the most since the last reset:
                                          the frames a reset must clear */

  enum ebpf_context_kind context_kind;
  _Alignas (8) uint8_t context[4096];  /* xdp_md / __sk_buff fields (host
                                          order), or a tracing context */
  size_t context_len;
  struct ebpf_packet packet;           /* for MEMORY programs: the input */
  uint8_t *packet_in;                  /* data_in, copied for every run */
  size_t packet_in_len, packet_in_cap;

  struct ebpf_memory mem;
  uint8_t *image;                      /* an executable's flat memory;
                                          with GDB's conventions, all of
                                          the flat memory from address 0 */
  uint64_t image_size;                 /* bytes at image */
  bool gdbsim;                         /* GDB's conventions (gdbsim.c) */
  bool image_dirty;                    /* flat memory may have changed
                                          since the last reset */
  _Alignas (8) uint8_t scratch[512];   /* keys passed to callbacks */
  struct ebpf_machine_map *maps;       /* one per map of the object */
  int n_maps;
  uint64_t map_bytes, max_map_bytes;   /* the maps' charge, and its limit */
  uint8_t *stack;                      /* EBPF_STACK_SIZE a frame; window
                                          offsets are offsets into it */
  size_t stack_size;
  uint8_t *input;
  size_t input_len;

  uint64_t insn_count, max_insns;
  uint64_t cost;                       /* in units of 1/EBPF_COST_SCALE
                                          cycle, since the last reset */
  const struct ebpf_cost_model *model;
  /* An access's cost beyond its op's, by window (the last for every
   * map's), from the model's region costs.  */
  uint16_t window_cost[EBPF_WINDOW_FIRST_MAP + 1];
  bool stepping;                       /* stop after one instruction */
  const struct ebpf_decoded *resume_over; /* breakpoint the last run
                                             stopped at, to step over */
  struct ebpf_debug debug;

  struct ebpf_helper helpers[EBPF_MAX_HELPER_ID];
  uint64_t helper_stubs[EBPF_MAX_HELPER_ID];   /* --helper values */
  struct ebpf_environment env;
  struct { bool set; uint32_t ifindex; uint64_t flags; } redirect;

  int interrupt_requested;             /* by ebpf_machine_interrupt, from
                                          any thread or a signal handler */
  enum ebpf_stop last_stop;            /* of the last run or step */
  struct ebpf_suspended_call *suspended_call; /* a helper whose callback
                                          stopped, or that may stop
                                          (debug/suspend.c) */
  uint8_t *code_image;                 /* the debug image, once code is
                                          read (ebpf_machine_read_code) */
  size_t code_image_len;
  bool faulted;                        /* set by ebpf_machine_fault */
  struct                               /* what the fault was, as data */
  {
    enum ebpf_fault_kind kind;
    uint64_t addr;
    unsigned size;
    bool write;
  } fault;
  char stop_message[EBPF_ERROR_MAX];
};

/* The handler D runs with when the debug core has nothing to check
 * there: its op's, or the frame access's when D qualifies and no
 * watchpoint lies in the stack.  */
const void *ebpf_machine_plain_handler (const ebpf_machine *m,
                                        const struct ebpf_decoded *d);

/* The interpreter's dispatch labels: EBPF_LABEL_COUNT of them, one per op
 * and pseudo op, then the frame accesses' (NULL where an op has none).  */
const void *const *ebpf_interp_labels (void);
enum ebpf_stop ebpf_interp_run (ebpf_machine *m);

/* Why the instruction at PC was poisoned by a failed CO-RE relocation.  */
const char *ebpf_machine_poison_reason (const ebpf_machine *m, size_t pc);

/* Map handles: what lddw of a map gives the program.  */
uint64_t ebpf_machine_map_handle (int index);
int ebpf_machine_map_of_handle (const ebpf_machine *m, uint64_t handle);
/* Switches to the object's program INDEX (decoding it the first time);
 * its entry, or NULL with ERR.  */
const struct ebpf_decoded *ebpf_machine_program_entry (ebpf_machine *m, int index,
                                                       struct ebpf_error *err);

/* Stack region bounds follow the call depth: only live frames are mapped.  */
void ebpf_machine_map_stack (ebpf_machine *m);

/* A BPF-to-BPF call, or a helper calling back: saves the caller's r6-r10
 * and where it goes on, then gives the callee a frame of its own.  False
 * when the frames are all in use.  */
static inline bool
ebpf_machine_push_frame (ebpf_machine *m, const struct ebpf_decoded *call_site,
                         const struct ebpf_decoded *return_to)
{
  if (__builtin_expect (m->depth + 1 >= m->max_frames, 0))
    return false;
  struct ebpf_frame *f = &m->frames[m->depth++];
  if (m->depth > m->deepest)
    m->deepest = m->depth;
  f->return_to = return_to;
  f->call_site = call_site;
  f->prog = m->prog;
  f->code = m->code;
  for (int i = 0; i < 5; i++)
    f->saved[i] = m->regs[6 + i];
  m->regs[EBPF_REG_FP] -= EBPF_STACK_SIZE;
  ebpf_machine_map_stack (m);
  return true;
}
uint64_t ebpf_machine_frame_pointer (const ebpf_machine *m, int depth);

void ebpf_helpers_install_builtin (ebpf_machine *m);

/* Write a fault report for the instruction at PC into the stop message.  */
void ebpf_machine_fault_at (ebpf_machine *m, size_t pc, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));
void ebpf_machine_fault_access (ebpf_machine *m, size_t pc, uint64_t addr,
                                unsigned size, bool write);
void ebpf_machine_fault_invalid (ebpf_machine *m, size_t pc,
                                 enum ebpf_invalid_reason reason);

#endif
