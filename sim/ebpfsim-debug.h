/* ebpfsim-debug.h — the public debug interface of libebpfsim, for front
 * ends (ebpf-run, the GDB server, the interactive debugger): code
 * addresses, the debug image, stops as data, regions, call frames,
 * stepping and stopping from outside.
 *
 * Code addresses.  Every instruction of an object has one code address:
 * the code sections lie one after another from 0x300000000, in the order
 * of the ELF file (an executable's instructions are at their link
 * addresses; bytecode with no object starts at 0x300000000).  The same
 * address is the pc of ebpf_machine_pc, a breakpoint's place, a frame's
 * pc and return address, what lddw of a function gives the program and
 * callx takes, the address in line tables (ebpfsim-lines.h) and in the
 * debug image, and GDB's pc.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPFSIM_DEBUG_H
#define EBPFSIM_DEBUG_H

#include "ebpfsim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- The debug image ----------------------------------------------------- */

/* An ELF executable (ET_EXEC, EM_BPF) of OBJ in which every section with
 * a place in guest memory lies at its guest address (code at its code
 * addresses, global data at its map's values) with every relocation
 * applied, in code and in DWARF; .BTF and .BTF.ext are kept with their
 * section-relative offsets.  DWARF consumers (GDB, llvm-dwarfdump,
 * addr2line) read addresses there as ebpfsim does.  An executable's
 * image is the file itself.  *IMAGE is malloc'd; 0, or -1 with ERR.  */
int ebpf_object_debug_image (const ebpf_object *obj, uint8_t **image,
                             size_t *len, struct ebpf_error *err);
/* The same, written to PATH (through a temporary file renamed at the end,
 * so that a failure leaves an existing file as it was).  */
int ebpf_object_write_debug_image (const ebpf_object *obj, const char *path,
                                   struct ebpf_error *err);

/* The code address range of a program: its function's instructions.
 * Names the function as its symbol does.  */
int ebpf_object_program_code (const ebpf_object *obj, int index,
                              uint64_t *low, uint64_t *high);

/* ---- Stops as data ------------------------------------------------------- */

enum ebpf_fault_kind
{
  EBPF_FAULT_NONE,
  EBPF_FAULT_MEMORY,       /* an access outside every region, or a write
                              to read-only memory */
  EBPF_FAULT_INSTRUCTION,  /* an invalid instruction, a jump outside the
                              program, falling off its end */
  EBPF_FAULT_DIVIDE,       /* reserved: eBPF division by zero gives 0 */
  EBPF_FAULT_CALL,         /* call depth, an unknown helper or kfunc, a
                              helper's own check, a bad callx */
};

struct ebpf_stop_info
{
  enum ebpf_stop reason;
  uint64_t pc;             /* where the machine is stopped */
  enum ebpf_fault_kind fault;
  uint64_t fault_addr;     /* EBPF_FAULT_MEMORY: the access */
  unsigned fault_size;
  bool fault_write;
  int breakpoint;          /* EBPF_STOP_BREAKPOINT: always 1 */
  uint64_t watch_addr;     /* EBPF_STOP_WATCHPOINT: the watchpoint, */
  uint64_t watch_len;
  enum ebpf_watch_kind watch_kind;
  uint64_t access_addr;    /* and the address accessed */
  int exit_status;         /* EBPF_STOP_EXIT of an executable: its status */
  const char *message;     /* ebpf_machine_stop_message */
};
/* What the last run or step stopped for.  */
void ebpf_machine_stop_info (const ebpf_machine *m, struct ebpf_stop_info *info);

/* ---- Profiles ------------------------------------------------------------ */

/* Starts profiling (clearing an earlier profile) or stops it.  A profile
 * counts, over every run from here on, each instruction's executions and
 * cycles (a helper call's with its helper's), the cycles of call stacks
 * and of map helpers by map, and what runs cost before their first
 * instruction (the cycle model's run cost): its cycles add up to the
 * machine's counters exactly.  Every instruction then takes the debug
 * path, several times slower.  */
int ebpf_machine_set_profiling (ebpf_machine *m, bool on, struct ebpf_error *err);

struct ebpf_profile_insn
{
  uint64_t addr;           /* code address */
  uint64_t count;          /* executions */
  double cycles;
};
/* The instructions executed, by address; malloc'd, *N of them.  */
struct ebpf_profile_insn *ebpf_machine_profile_insns (const ebpf_machine *m,
                                                      size_t *n);

/* Call stacks as a tree: node I is FUNCTION (its entry's code address)
 * called from node PARENT (-1 for a program's entry, or a tail call's
 * program); insns and cycles are the node's own, not its callees'.  */
struct ebpf_profile_call
{
  uint64_t function;
  int parent;
  uint64_t insns;
  double cycles;
};
size_t ebpf_machine_profile_call_count (const ebpf_machine *m);
void ebpf_machine_profile_call (const ebpf_machine *m, size_t i,
                                struct ebpf_profile_call *out);
/* Calls of helpers given map MAP, and their cycles; false when not
 * profiling or no such map.  */
bool ebpf_machine_profile_map (const ebpf_machine *m, int map, uint64_t *calls,
                               double *cycles);
/* The runs counted, and their cycles before a first instruction.  */
void ebpf_machine_profile_totals (const ebpf_machine *m, uint64_t *runs,
                                  double *entry_cycles);

/* ---- Code and position --------------------------------------------------- */

/* Moves the machine to the instruction at code address PC in the program
 * running now (or, at depth 0, in any program of the object): -1 with ERR
 * when no instruction starts there.  */
int ebpf_machine_set_pc (ebpf_machine *m, uint64_t pc, struct ebpf_error *err);
/* Reads LEN bytes of the object's code (as in the debug image) at code
 * address ADDR: false when any byte is not code.  */
bool ebpf_machine_read_code (const ebpf_machine *m, uint64_t addr, void *buf,
                             size_t len);

/* The guest address of map MAP's value for KEY, where the program finds
 * it through bpf_map_lookup_elem (the running CPU's copy of a per-CPU
 * map): -1 with ERR when there is no such element.  */
int ebpf_machine_map_value_address (ebpf_machine *m, int map, const void *key,
                                    uint64_t *addr, struct ebpf_error *err);

/* The fields of the program's context (struct xdp_md, struct __sk_buff),
 * which has no memory of its own, as a load by the program reads them
 * now: FN gets each field's name ("cb[0]" for arrays), offset, size and
 * value, the packet pointers as the 64-bit addresses of the kernel's
 * rewrite.  False for a program whose context is plain memory.  */
bool ebpf_machine_context_fields (const ebpf_machine *m,
                                  void (*fn) (void *ctx, const char *name,
                                              unsigned off, unsigned size,
                                              uint64_t value),
                                  void *ctx);

/* Types of the object's BTF by their C names ("struct iphdr", "union u",
 * "enum e", "__u32"), for front ends without DWARF: a type's size, and
 * LEN bytes of memory shown as a value of it (compact JSON, as bpftool -j
 * shows a map's formatted values).  -1 with ERR when the BTF has no such
 * type.  */
int ebpf_object_btf_type_size (const ebpf_object *obj, const char *name,
                               uint32_t *size, struct ebpf_error *err);
int ebpf_object_btf_format (const ebpf_object *obj, const char *name,
                            const void *data, size_t len, FILE *out,
                            struct ebpf_error *err);

/* The last instructions of the recorded history, newest first: at most
 * MAX code addresses into ADDRS and their instruction numbers (the count
 * of instructions before each) into NUMBERS.  Returns how many.  */
size_t ebpf_machine_history_recent (const ebpf_machine *m, uint64_t *addrs,
                                    uint64_t *numbers, size_t max);

/* ---- Memory regions, as GDB's memory map wants them ---------------------- */

enum ebpf_region_perm { EBPF_REGION_READ = 1, EBPF_REGION_WRITE = 2,
                        EBPF_REGION_CODE = 4 };
struct ebpf_region_info
{
  const char *name;
  uint64_t base, size;
  unsigned perm;           /* ebpf_region_perm bits, as front ends may
                              read and write it */
};
/* Calls FN for each mapped region, lowest address first, code included;
 * stops when FN returns false.  */
void ebpf_machine_regions (const ebpf_machine *m,
                           bool (*fn) (void *ctx,
                                       const struct ebpf_region_info *r),
                           void *ctx);

/* ---- Call frames --------------------------------------------------------- */

/* Frame 0 is the innermost (the running function), frame DEPTH the
 * program's entry.  The simulator holds what a BPF-to-BPF call saves:
 * guest memory does not.  */
struct ebpf_frame_info
{
  uint64_t pc;             /* frame 0: the pc; outer frames: where they
                              go on when the call returns */
  uint64_t call_pc;        /* outer frames: the call instruction; 0 for
                              frame 0 */
  uint64_t fp;             /* its r10 */
  uint64_t regs[11];       /* r0-r10 as they are in that frame: frame 0
                              the machine's; outer frames r6-r10 as the
                              call saved them (r0-r5 are not kept across
                              a call: they read as the callee has them) */
  bool callback;           /* a helper's callback starts here (the frame
                              above was the helper's caller) */
};
/* Frames in the call stack: ebpf_machine_call_depth + 1.  */
int ebpf_machine_frame_count (const ebpf_machine *m);
/* Frame N, 0 innermost; false when there is none.  */
bool ebpf_machine_frame (const ebpf_machine *m, int n,
                         struct ebpf_frame_info *frame);

/* ---- Running ------------------------------------------------------------- */

/* Runs until the call depth is back to DEPTH or below with the machine
 * past the current instruction: "step over" a call from depth
 * ebpf_machine_call_depth, "step out" (finish) with depth - 1.
 * Breakpoints, watchpoints and faults stop it first, as they stop
 * ebpf_machine_run; reaching DEPTH reports EBPF_STOP_STEP.  */
enum ebpf_stop ebpf_machine_run_to_depth (ebpf_machine *m, int depth);
/* Runs while the pc stays inside [LOW, HIGH) in the same frame: GDB's
 * range stepping.  A call leaves the range (even into the range's own
 * function), so that a step can stop in the callee; a front end's "next"
 * then runs the call whole with ebpf_machine_run_to_depth.  Stops as
 * ebpf_machine_run does (a breakpoint inside the range too, but not one
 * at the pc it starts from), or with EBPF_STOP_STEP when the pc leaves
 * the range or the frame.  */
enum ebpf_stop ebpf_machine_run_range (ebpf_machine *m, uint64_t low,
                                       uint64_t high);

/* Asks a run (or step, or reverse run) to stop at the next instruction
 * boundary with EBPF_STOP_INTERRUPT.  Safe from a signal handler and from
 * another thread: it stores one flag.  A request made while no run is
 * going on stops the next run at once.  */
void ebpf_machine_interrupt (ebpf_machine *m);

/* Reverse execution over the history (ebpf_machine_set_recording): back
 * until a breakpoint's instruction or a watchpoint's access is undone,
 * or the history's start.  */
enum ebpf_stop ebpf_machine_reverse_run (ebpf_machine *m);

#ifdef __cplusplus
}
#endif
#endif
