/* ebpfsim.h — the public interface of libebpfsim, an eBPF simulator.
 *
 * A program is loaded from raw bytecode or an ELF object, a machine is made
 * to run it, inputs are set, and the machine runs until the program exits,
 * faults, reaches its instruction budget or stops at a breakpoint.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPFSIM_H
#define EBPFSIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ebpf_object ebpf_object;
typedef struct ebpf_program ebpf_program;
typedef struct ebpf_machine ebpf_machine;

/* Every failure is reported as text naming what and where.  */
#define EBPF_ERROR_MAX 512
struct ebpf_error
{
  char message[EBPF_ERROR_MAX];
};

/* ---- Objects ------------------------------------------------------------- */

/* An ELF relocatable object from clang or bpf-gcc (libbpf conventions):
 * its programs, with subprograms linked in, and its maps and global data.
 * Errors name the file, section and offset.  */
struct ebpf_object_options
{
  /* BTF that CO-RE relocations are resolved against: a raw BTF file (as
   * /sys/kernel/btf/vmlinux) or an ELF file with .BTF.  NULL: the
   * object's own BTF.  */
  const char *target_btf;
  /* Values of .kconfig externs: a kernel config file (CONFIG_X=y lines).
   * NULL: every CONFIG_ extern reads 0 and LINUX_KERNEL_VERSION 6.1.0.  */
  const char *kconfig;
};
/* OPTS may be NULL for the defaults.  */
ebpf_object *ebpf_object_open (const char *path,
                               const struct ebpf_object_options *opts,
                               struct ebpf_error *err);
ebpf_object *ebpf_object_open_memory (const uint8_t *image, size_t len,
                                      const char *path,
                                      const struct ebpf_object_options *opts,
                                      struct ebpf_error *err);
void ebpf_object_close (ebpf_object *obj);

/* An executable (ET_EXEC, linked by bpf-ld) rather than a relocatable
 * object: one program, run from its entry point over its segments.  */
bool ebpf_object_is_executable (const ebpf_object *obj);
int ebpf_object_program_count (const ebpf_object *obj);
const char *ebpf_object_program_name (const ebpf_object *obj, int index);
const char *ebpf_object_program_section (const ebpf_object *obj, int index);
/* The program called NAME, else the only program of section NAME; -1 when
 * there is none, -2 when the section has several.  */
int ebpf_object_find_program (const ebpf_object *obj, const char *name);
/* A program of the object, ready for a machine; the object must outlive
 * it.  */
ebpf_program *ebpf_object_program (ebpf_object *obj, int index,
                                   struct ebpf_error *err);

int ebpf_object_map_count (const ebpf_object *obj);
const char *ebpf_object_map_name (const ebpf_object *obj, int index);
/* Why program INDEX cannot be loaded (a CO-RE relocation that cannot be
 * applied to it), or NULL: the object's other programs still run.  */
const char *ebpf_object_program_unloadable (const ebpf_object *obj, int index);

/* ---- Programs ---------------------------------------------------------- */

/* Bytecode in the program's byte order: LEN must be a multiple of 8.  */
ebpf_program *ebpf_program_from_bytes (const uint8_t *bytes, size_t len,
                                       bool big_endian, const char *name,
                                       struct ebpf_error *err);

void ebpf_program_free (ebpf_program *prog);
size_t ebpf_program_slot_count (const ebpf_program *prog);
bool ebpf_program_big_endian (const ebpf_program *prog);
const char *ebpf_program_name (const ebpf_program *prog);

/* What r1 points to when a program starts, from its section name.  */
enum ebpf_context_kind
{
  EBPF_CONTEXT_MEMORY,   /* bytecode: r1 = input memory, r2 = its length */
  EBPF_CONTEXT_XDP,      /* struct xdp_md over a packet */
  EBPF_CONTEXT_SKB,      /* struct __sk_buff, data at the Ethernet header (tc) */
  EBPF_CONTEXT_SOCKET,   /* struct __sk_buff, data at the network header */
  EBPF_CONTEXT_RAW,      /* tracing: the context bytes as given, read-only */
};
enum ebpf_context_kind ebpf_program_context_kind (const ebpf_program *prog);
const char *ebpf_context_kind_name (enum ebpf_context_kind kind);

/* ---- Machines ------------------------------------------------------------ */

/* Why a run stopped.  */
enum ebpf_stop
{
  EBPF_STOP_EXIT,        /* the program returned; r0 holds its result */
  EBPF_STOP_FAULT,       /* a bad access, jump, opcode, call depth, helper */
  EBPF_STOP_LIMIT,       /* the instruction budget ran out */
  EBPF_STOP_BREAKPOINT,  /* about to execute an instruction with a breakpoint */
  EBPF_STOP_STEP,        /* one instruction was executed (ebpf_machine_step) */
  EBPF_STOP_ABORT,       /* an executable called abort (a simulator service) */
  EBPF_STOP_WATCHPOINT,  /* an instruction touched a watched range; the
                            run stopped after it */
  EBPF_STOP_HISTORY_START, /* a reverse step found no more history */
  EBPF_STOP_INTERRUPT,   /* ebpf_machine_interrupt asked the run to stop */
};

/* Settings fixed when a machine is made.  */
#define EBPF_MAX_CPUS 256
/* ---- Cycle models (ebpf-cost-model(5)) ----------------------------------- */

/* What instructions, helpers and map operations cost, and the clock that
 * turns cycles into time.  */
typedef struct ebpf_cost_model ebpf_cost_model;
/* The model in the file PATH, over the built-in model's costs; NULL with
 * ERR naming the file and line of what is wrong.  */
ebpf_cost_model *ebpf_cost_model_load (const char *path, struct ebpf_error *err);
/* The same from TEXT, named NAME in messages.  */
ebpf_cost_model *ebpf_cost_model_parse (const char *text, const char *name,
                                        struct ebpf_error *err);
void ebpf_cost_model_free (ebpf_cost_model *model);
const char *ebpf_cost_model_name (const ebpf_cost_model *model);
uint64_t ebpf_cost_model_clock_hz (const ebpf_cost_model *model);

struct ebpf_machine_options
{
  unsigned ncpus;          /* simulated CPUs, for per-CPU maps; 0 means 1 */
  /* GDB's bpf simulator conventions (GDB 13's `run`, as its own testsuite
   * uses it): the program runs in flat zeroed memory from address 0, where
   * an executable's image lies at its addresses (bpf-ld -Ttext=0x0) and
   * null pointers do not fault; helper 7 is GDB's trace_printk; r0-r9
   * start at 0 (r10 still points to ebpfsim's stack).  Only for programs
   * without a context (executables, bytecode).  */
  bool gdbsim;
  uint64_t memory_size;    /* with gdbsim: bytes of flat memory; 0 means
                              EBPF_GDBSIM_DEFAULT_MEMORY */
  unsigned kernel_version; /* the Linux whose helper semantics runs follow,
                              EBPF_KERNEL_VERSION (6, 1) and up; 0 means
                              EBPF_DEFAULT_KERNEL_VERSION, the newest */
  uint64_t max_map_memory; /* what all maps may take together, as the
                              kernel would charge it; 0 means
                              EBPF_DEFAULT_MAX_MAP_MEMORY.  Map storage is
                              only touched where a program or a seed
                              writes, but a run may write it all.  */
  const ebpf_cost_model *cost_model; /* NULL: the built-in one; the caller
                              keeps it while the machine lives */
};
#define EBPF_DEFAULT_MAX_MAP_MEMORY (4ULL << 30)
#define EBPF_KERNEL_VERSION(major, minor) ((unsigned) (major) << 8 | (unsigned) (minor))
#define EBPF_OLDEST_KERNEL_VERSION EBPF_KERNEL_VERSION (6, 1)
#define EBPF_DEFAULT_KERNEL_VERSION EBPF_KERNEL_VERSION (6, 18)
#define EBPF_GDBSIM_DEFAULT_MEMORY (4ULL << 20)  /* what GDB's tests give */
#define EBPF_GDBSIM_MAX_MEMORY (1ULL << 30)

/* Reads a memory size as GDB's --memory-size takes it: a number (decimal,
 * 0x hex, 0 octal) with an optional k, m or g suffix (binary multiples),
 * itself optionally followed by b: "4194304", "4Mb", "8m", "0x400000".
 * -1 with ERR for anything else, 0 or more than EBPF_GDBSIM_MAX_MEMORY.  */
int ebpf_gdbsim_parse_size (const char *text, uint64_t *bytes,
                            struct ebpf_error *err);

/* A machine for PROG (OPTS may be NULL for the defaults).  A program of
 * an object gets the object's maps, created afresh.  */
ebpf_machine *ebpf_machine_new (const ebpf_program *prog,
                                const struct ebpf_machine_options *opts,
                                struct ebpf_error *err);
void ebpf_machine_free (ebpf_machine *m);

/* Input memory: a copy of DATA becomes a writable region; r1 holds its
 * address and r2 its length when the run starts (the conformance-suite
 * convention).  It is also the packet of legacy LD_ABS/LD_IND.  */
int ebpf_machine_set_input (ebpf_machine *m, const uint8_t *data, size_t len,
                            struct ebpf_error *err);

/* The packet of XDP, tc and socket programs (BPF_PROG_TEST_RUN's data_in):
 * each run starts from a fresh copy.  XDP refuses packets shorter than an
 * Ethernet header, as the kernel does.  */
int ebpf_machine_set_packet (ebpf_machine *m, const uint8_t *data, size_t len,
                             struct ebpf_error *err);
/* The packet after the last run (data_out).  */
const uint8_t *ebpf_machine_packet (const ebpf_machine *m, size_t *len);
/* The context (ctx_in): the fields of struct xdp_md or __sk_buff a test
 * run may set, or a tracing program's whole context.  */
int ebpf_machine_set_context (ebpf_machine *m, const uint8_t *ctx, size_t len,
                              struct ebpf_error *err);
/* The context after the last run (ctx_out); returns its size.  */
size_t ebpf_machine_context (const ebpf_machine *m, uint8_t *buf, size_t len);

/* Stop a run after this many instructions (default: EBPF_DEFAULT_MAX_INSNS,
 * which ends a runaway program in about a second).  */
#define EBPF_DEFAULT_MAX_INSNS 1000000000ULL
void ebpf_machine_set_max_insns (ebpf_machine *m, uint64_t max_insns);

/* The simulated environment.  Random numbers come from SEED (default 0);
 * bpf_trace_printk output goes to OUT (default stdout); the program runs
 * on CPU (default 0, below the machine's ncpus); the current task's name
 * is COMM (default "ebpf-run").  */
void ebpf_machine_set_seed (ebpf_machine *m, uint64_t seed);
void ebpf_machine_set_trace (ebpf_machine *m, FILE *out);
int ebpf_machine_set_cpu (ebpf_machine *m, unsigned cpu,
                          struct ebpf_error *err);
void ebpf_machine_set_comm (ebpf_machine *m, const char *comm);

/* Put the machine at the program's entry with fresh registers and stack.  */
void ebpf_machine_reset (ebpf_machine *m);

/* Run from the current state until a stop.  A fault's description (pc, the
 * instruction disassembled, the cause) is in ebpf_machine_stop_message.  */
enum ebpf_stop ebpf_machine_run (ebpf_machine *m);
enum ebpf_stop ebpf_machine_step (ebpf_machine *m);
const char *ebpf_machine_stop_message (const ebpf_machine *m);

uint64_t ebpf_machine_reg (const ebpf_machine *m, int regno);
void ebpf_machine_set_reg (ebpf_machine *m, int regno, uint64_t value);
/* The code address of the next instruction (see ebpfsim-debug.h).  */
uint64_t ebpf_machine_pc (const ebpf_machine *m);
int ebpf_machine_call_depth (const ebpf_machine *m);

/* Counters since the last reset: instructions, cycles of the machine's
 * cycle model (rounded to the nearest), and the time they take at the
 * model's clock rate, in nanoseconds.  bpf_ktime_get_ns advances with
 * this time, across runs.  */
uint64_t ebpf_machine_insn_count (const ebpf_machine *m);
uint64_t ebpf_machine_cycle_count (const ebpf_machine *m);
double ebpf_machine_cycles (const ebpf_machine *m);   /* not rounded */
double ebpf_machine_time_ns (const ebpf_machine *m);
const ebpf_cost_model *ebpf_machine_cost_model (const ebpf_machine *m);

/* Guest memory, as the program sees it; false when not mapped.  */
bool ebpf_machine_read (const ebpf_machine *m, uint64_t addr, void *buf,
                        size_t len);
bool ebpf_machine_write (ebpf_machine *m, uint64_t addr, const void *buf,
                         size_t len);

/* ---- Maps, as user space sees them (the bpf syscall's semantics): a
 * per-CPU value is every CPU's copy, each rounded up to 8 bytes.  Errors
 * are negative errno values.  */
struct ebpf_map_info
{
  const char *name;
  const char *type;          /* "array", "hash", ... */
  uint32_t type_id;          /* enum bpf_map_type */
  uint32_t key_size, value_size, max_entries, map_flags;
  size_t value_buffer_size;  /* what lookup and update read and write */
  bool percpu;
  bool inner_template;       /* a map-in-map's inner template
                                (__array(values, ...)): libbpf makes no map
                                of it, and listings leave it out */
};
/* A map as the object defines it (no values: value_buffer_size and
 * percpu 0), for objects with no program to run.  */
void ebpf_object_map_info (const ebpf_object *obj, int index,
                           struct ebpf_map_info *info);
/* Writes a map's key or value as bpftool shows it with BTF: indented
 * (plain) or compact JSON.  -1 when the map's BTF does not describe it.  */
int ebpf_machine_map_format (const ebpf_machine *m, int map, bool key,
                             const void *data, size_t len, bool json, FILE *out);
int ebpf_machine_map_count (const ebpf_machine *m);
int ebpf_machine_find_map (const ebpf_machine *m, const char *name);
void ebpf_machine_map_info (const ebpf_machine *m, int map,
                            struct ebpf_map_info *info);
long ebpf_machine_map_lookup (ebpf_machine *m, int map, const void *key,
                              void *value);
long ebpf_machine_map_update (ebpf_machine *m, int map, const void *key,
                              const void *value, uint64_t flags);
long ebpf_machine_map_delete (ebpf_machine *m, int map, const void *key);
/* The first key when KEY is NULL; -ENOENT after the last.  */
long ebpf_machine_map_next_key (ebpf_machine *m, int map, const void *key,
                                void *next_key);
/* A queue's or stack's value I, in the order pops would take them, left
 * where it is; -ENOENT after the last, -EINVAL for maps of other types.  */
long ebpf_machine_map_nth_value (ebpf_machine *m, int map, uint32_t i,
                                 void *value);

/* Where the last run's bpf_redirect or bpf_redirect_map sent the packet:
 * false when it did not.  */
bool ebpf_machine_redirect (const ebpf_machine *m, uint32_t *ifindex,
                            uint64_t *flags);

/* What programs sent to user space: ring buffer samples (CPU -1) and
 * perf events, oldest first, each map's in turn.  FN sees each record
 * once; drained records are gone.  */
typedef void (*ebpf_output_fn) (void *ctx, const char *map, int cpu,
                                const void *data, uint32_t size);
void ebpf_machine_drain_output (ebpf_machine *m, ebpf_output_fn fn, void *ctx);

/* Breakpoints: a run stops before executing the instruction at code
 * address ADDR, in whichever program of the object runs it.  They cost
 * nothing where they are not set.  */
int ebpf_machine_set_breakpoint (ebpf_machine *m, uint64_t addr,
                                 struct ebpf_error *err);
void ebpf_machine_clear_breakpoint (ebpf_machine *m, uint64_t addr);

/* Watchpoints: a run stops after an instruction of the program that
 * writes (reads, or either) guest memory overlapping [ADDR, ADDR + LEN),
 * and after a helper call that changed a write watchpoint's bytes.  They
 * cost nothing to instructions that do not access memory; at most 16, of
 * at most 4096 bytes each.  */
enum ebpf_watch_kind
{
  EBPF_WATCH_WRITE = 1,
  EBPF_WATCH_READ = 2,
  EBPF_WATCH_ACCESS = 3,
};
int ebpf_machine_set_watchpoint (ebpf_machine *m, uint64_t addr, uint64_t len,
                                 enum ebpf_watch_kind kind,
                                 struct ebpf_error *err);
/* 0, or -1 when no such watchpoint is set.  */
int ebpf_machine_clear_watchpoint (ebpf_machine *m, uint64_t addr, uint64_t len,
                                   enum ebpf_watch_kind kind);
/* After EBPF_STOP_WATCHPOINT: the watchpoint and the address accessed.  */
void ebpf_machine_watch_hit (const ebpf_machine *m, uint64_t *watch_addr,
                             enum ebpf_watch_kind *kind, uint64_t *access_addr);

/* History for reverse execution: while recording, each instruction logs
 * what it changes, so ebpf_machine_reverse_step can undo it (registers,
 * position, call frames, counters, the memory the program and helpers
 * wrote).  Map elements a helper added or deleted and output already sent
 * (trace_printk, ring buffers) are not undone.  The log keeps at most
 * MAX_BYTES (0: 256 MiB), forgetting its oldest half when full; reset
 * empties it.  */
void ebpf_machine_set_recording (ebpf_machine *m, bool on, size_t max_bytes);
enum ebpf_stop ebpf_machine_reverse_step (ebpf_machine *m);
/* Instructions the history can undo, and the bytes it holds.  */
uint64_t ebpf_machine_history_insns (const ebpf_machine *m);
size_t ebpf_machine_history_bytes (const ebpf_machine *m);

/* Helpers: a helper gets r1..r5 and returns r0.  It may stop the run with
 * ebpf_machine_fault.  Registering replaces any built-in of that id.  */
typedef uint64_t (*ebpf_helper_fn) (ebpf_machine *m, uint64_t r1, uint64_t r2,
                                    uint64_t r3, uint64_t r4, uint64_t r5);
int ebpf_machine_register_helper (ebpf_machine *m, int32_t id,
                                  const char *name, ebpf_helper_fn fn);
/* The name linux/bpf.h gives helper ID ("bpf_ktime_get_ns"), or NULL.  */
const char *ebpf_helper_name_of (int32_t id);
/* The helper called NAME ("bpf_ktime_get_ns" or "ktime_get_ns") returns
 * VALUE and does nothing else.  */
int ebpf_machine_stub_helper (ebpf_machine *m, const char *name,
                              uint64_t value, struct ebpf_error *err);
void ebpf_machine_fault (ebpf_machine *m, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

#ifdef __cplusplus
}
#endif
#endif
