/* ebpfsim-lines.h — source lines, functions and variables of an object's
 * code, by code address (the addresses of ebpfsim-debug.h: one per
 * instruction, the same in the debug image, breakpoints and frames).
 *
 * The tables come from DWARF (.debug_line, .debug_info, read with libdw
 * from the object's debug image, so that they agree with what any DWARF
 * consumer reads there) or, when the object has no DWARF, from .BTF.ext's
 * line_info and func_info, which also carry each line's text.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPFSIM_LINES_H
#define EBPFSIM_LINES_H

#include "ebpfsim.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ebpf_lines ebpf_lines;

enum ebpf_lines_source
{
  EBPF_LINES_ANY,     /* DWARF when the object has it, else BTF */
  EBPF_LINES_DWARF,
  EBPF_LINES_BTF,
};

/* One row of the line table: the instructions from ADDR up to the next
 * row's address (or the end of the function) come from FILE:LINE.  */
struct ebpf_line
{
  uint64_t addr;
  const char *file;       /* the path the compiler recorded, directory
                             joined when relative */
  uint32_t line, column;  /* 0 when unknown */
  bool is_stmt;           /* a place to stop when stepping by line */
};

struct ebpf_function
{
  const char *name;
  uint64_t low, high;     /* its code: [low, high) */
  const char *file;       /* where it is defined, or NULL */
  uint32_t line;
};

/* The tables of OBJ from SOURCE; NULL with ERR when the object has no
 * such information (ERR says which).  OBJ must outlive the tables.  */
ebpf_lines *ebpf_lines_open (const ebpf_object *obj,
                             enum ebpf_lines_source source,
                             struct ebpf_error *err);
void ebpf_lines_close (ebpf_lines *lines);
/* Where the tables came from: EBPF_LINES_DWARF or EBPF_LINES_BTF.  */
enum ebpf_lines_source ebpf_lines_origin (const ebpf_lines *lines);

/* The rows, sorted by address.  */
size_t ebpf_lines_count (const ebpf_lines *lines);
const struct ebpf_line *ebpf_lines_row (const ebpf_lines *lines, size_t i);
/* The row that covers ADDR, or NULL.  */
const struct ebpf_line *ebpf_lines_find (const ebpf_lines *lines,
                                         uint64_t addr);
/* The block of code around ADDR that is all ADDR's line: the rows
 * next to its row, back and forth, of the same file and line or of no
 * line (line 0, code a compiler made), within its function and its
 * sequence, as [*LOW, *HIGH).  Stepping by line runs while the pc stays
 * in it (a loop on one line stays in it too).  False when no row covers
 * ADDR.  */
bool ebpf_lines_line_range (const ebpf_lines *lines, uint64_t addr,
                            uint64_t *low, uint64_t *high);
/* Steps machine M by source line, as GDB's step (OVER false) and next
 * (OVER true) do: runs the block of the line at the pc and goes on until
 * the pc is at the first instruction of another line's statement, in a
 * callee that has lines (step), or back in the caller.  Calls run whole
 * with next.  Stops as ebpf_machine_run does (breakpoints, watchpoints,
 * faults, the exit), else with EBPF_STOP_STEP.  Where the pc has no line,
 * one instruction.  */
enum ebpf_stop ebpf_machine_step_line (ebpf_machine *m, const ebpf_lines *lines,
                                       bool over);
/* The same backwards over the history (ebpf_machine_set_recording), as
 * GDB's reverse-step and reverse-next: back to the beginning of the line
 * before (into a callee's last line with reverse-step), or the
 * history's start (EBPF_STOP_HISTORY_START).  */
enum ebpf_stop ebpf_machine_reverse_step_line (ebpf_machine *m,
                                               const ebpf_lines *lines,
                                               bool over);
/* Back to the call of the running function (at depth 0: the history's
 * start): GDB's reverse-finish.  */
enum ebpf_stop ebpf_machine_reverse_finish (ebpf_machine *m);
/* The addresses to stop at for FILE:LINE (FILE matched whole or by its
 * last path components, "fw.c" matching "/src/fw.c"): the first is_stmt
 * row of each block of code the line has.  Returns how many there are,
 * writing at most MAX into ADDRS.  */
size_t ebpf_lines_addresses (const ebpf_lines *lines, const char *file,
                             uint32_t line, uint64_t *addrs, size_t max);

/* Functions, sorted by address.  */
size_t ebpf_lines_function_count (const ebpf_lines *lines);
const struct ebpf_function *ebpf_lines_function (const ebpf_lines *lines,
                                                 size_t i);
const struct ebpf_function *ebpf_lines_function_at (const ebpf_lines *lines,
                                                    uint64_t addr);
const struct ebpf_function *ebpf_lines_function_named (const ebpf_lines *lines,
                                                       const char *name);

/* The text of FILE:LINE, without its newline: from the file on disk
 * when it can be read, else from BTF's line text when the object carries
 * it for that line.  NULL when neither has it.  The text stays valid
 * until the tables are closed.  */
const char *ebpf_lines_source_text (ebpf_lines *lines, const char *file,
                                    uint32_t line);

/* ---- Variables and types ------------------------------------------------ */

/* The variables of an object's DWARF (arguments, locals, globals), where
 * they are in a stopped machine's frame, their types, values printed as
 * C (and GDB) shows them, and paths such as ip->saddr evaluated.  Needs
 * DWARF (.debug_info): BTF carries types but no variables.  */

typedef struct ebpf_vars ebpf_vars;
struct ebpf_frame_info;   /* ebpfsim-debug.h */

/* The variables and types of the object of LINES (which must outlive
 * them); NULL with ERR when it has no DWARF.  */
ebpf_vars *ebpf_vars_open (ebpf_lines *lines, struct ebpf_error *err);
void ebpf_vars_close (ebpf_vars *vars);

/* A type: a handle valid while VARS is open.  Id 0 is void.  */
struct ebpf_type
{
  const ebpf_vars *vars;
  uint64_t id;
};

enum ebpf_type_kind
{
  EBPF_TYPE_VOID,
  EBPF_TYPE_INT,        /* signed or unsigned (is_signed), any size */
  EBPF_TYPE_CHAR,       /* a one-byte character type: char, signed char,
                           unsigned char (so __u8 and __s8 too) */
  EBPF_TYPE_BOOL,
  EBPF_TYPE_FLOAT,
  EBPF_TYPE_POINTER,    /* target: the pointee (void for void *) */
  EBPF_TYPE_STRUCT,
  EBPF_TYPE_UNION,
  EBPF_TYPE_ARRAY,      /* target: the element; count elements when
                           bounded (a multi-dimensional array is an
                           array of arrays) */
  EBPF_TYPE_ENUM,       /* target: the underlying integer type, or void
                           when DWARF does not say */
  EBPF_TYPE_TYPEDEF,    /* name: the typedef's; target: the type named */
  EBPF_TYPE_CONST,      /* qualifiers: target is the type qualified */
  EBPF_TYPE_VOLATILE,
  EBPF_TYPE_RESTRICT,
  EBPF_TYPE_ATOMIC,
  EBPF_TYPE_FUNCTION,   /* target: the return type; count parameters
                           (ebpf_type_param); a function pointer is a
                           POINTER to a FUNCTION */
};

struct ebpf_type_info
{
  enum ebpf_type_kind kind;
  const char *name;          /* base types', typedefs' names, the tag of a
                                struct, union or enum ("iphdr"); NULL when
                                anonymous and for pointers, arrays,
                                qualifiers and functions */
  uint64_t size;             /* bytes (typedefs and qualifiers: of the
                                type they stand for); 0 for void,
                                functions and incomplete types */
  bool is_signed;            /* INT, CHAR, ENUM and what stands for them */
  unsigned encoding;         /* base types: DWARF's DW_ATE_*, else 0 */
  struct ebpf_type target;   /* see the kinds */
  uint64_t count;            /* ARRAY: elements; STRUCT, UNION: members;
                                ENUM: enumerators; FUNCTION: parameters */
  bool bounded;              /* ARRAY: its length is known */
  bool incomplete;           /* declared only (struct foo;), void, a
                                function, an array of unknown length */
  bool variadic;             /* FUNCTION: takes "..." */
};
int ebpf_type_get (struct ebpf_type type, struct ebpf_type_info *info,
                   struct ebpf_error *err);
/* TYPE without its typedefs and qualifiers.  */
struct ebpf_type ebpf_type_strip (struct ebpf_type type);
/* C's spelling of TYPE, as GDB's whatis shows it: "struct iphdr *",
 * "const volatile char [8]", "int (*)(int)".  Writes at most SIZE bytes
 * (NUL-terminated) and returns the length of the whole name.  */
size_t ebpf_type_name (struct ebpf_type type, char *buf, size_t size);
/* The type called NAME ("struct iphdr", "__u32", "unsigned int", "enum e
 * *", "void *"): a struct's definition in preference to a declaration.  */
int ebpf_vars_find_type (ebpf_vars *vars, const char *name,
                         struct ebpf_type *type, struct ebpf_error *err);

struct ebpf_member
{
  const char *name;          /* NULL: an anonymous struct or union */
  uint64_t offset;           /* bytes from the start of the enclosing
                                type to the member (to its first bit) */
  uint32_t bit_offset;       /* bitfields: the first bit in that byte,
                                counted as DW_AT_data_bit_offset counts
                                them (from the least significant bit on
                                little-endian targets, the most
                                significant on big-endian ones); 0 */
  uint32_t bit_size;         /* bitfields: their width; else 0 */
  struct ebpf_type type;
};
/* Member I of a struct or union (typedefs and qualifiers looked
 * through), in declaration order.  */
int ebpf_type_member (struct ebpf_type type, size_t i,
                      struct ebpf_member *member, struct ebpf_error *err);
/* The member called NAME, looking into anonymous members as C does; its
 * offset counted from the start of TYPE.  */
int ebpf_type_member_named (struct ebpf_type type, const char *name,
                            struct ebpf_member *member,
                            struct ebpf_error *err);
struct ebpf_enumerator
{
  const char *name;
  int64_t value;             /* unsigned enums: the value's bits */
};
int ebpf_type_enumerator (struct ebpf_type type, size_t i,
                          struct ebpf_enumerator *e, struct ebpf_error *err);
/* Parameter I of a FUNCTION type.  */
int ebpf_type_param (struct ebpf_type type, size_t i, struct ebpf_type *param,
                     struct ebpf_error *err);

/* A variable: an argument or local of a function, or a global.  */
struct ebpf_variable
{
  const char *name;
  const char *file;          /* where it is declared, or NULL */
  uint32_t line;
  struct ebpf_type type;
  bool is_argument;
  bool is_global;            /* a global: its location needs no frame */
  const char *function;      /* the (innermost, maybe inlined) function
                                whose scope holds it; NULL for globals */
  int depth;                 /* lexical blocks between it and its
                                function: 0 for arguments and the
                                function's own locals */
  uint64_t die;              /* opaque: which variable */
  uint64_t frame_die;        /* opaque: whose frame; 0 for globals */
};

/* The variables in scope at code address PC: the innermost function's
 * arguments in order, then the locals of the lexical blocks containing
 * PC, innermost first, then the function's own.  For an outer frame,
 * pass the frame's call_pc.  Writes at most MAX into OUT and returns how
 * many there are; -1 with ERR when no function's DWARF covers PC.  */
int ebpf_vars_at (ebpf_vars *vars, uint64_t pc, struct ebpf_variable *out,
                  size_t max, struct ebpf_error *err);
/* The global variables (with a location or a constant value) of every
 * compilation unit, in DWARF's order; as ebpf_vars_at.  */
int ebpf_vars_globals (ebpf_vars *vars, struct ebpf_variable *out, size_t max,
                       struct ebpf_error *err);
/* The variable NAME as C sees it at PC: the innermost block's first,
 * then globals (PC's compilation unit's first).  PC 0: globals only.
 * -1 with ERR ("No symbol "x" in current context.").  */
int ebpf_vars_find (ebpf_vars *vars, uint64_t pc, const char *name,
                    struct ebpf_variable *var, struct ebpf_error *err);

/* Reads guest memory for the calls below: false when not mapped.
 * ebpf_vars_read_machine reads a machine's (CTX is the ebpf_machine).
 * Where no reader is given, memory is the debug image's: the initial
 * values of global data and the code.  */
typedef bool (*ebpf_read_memory_fn) (void *ctx, uint64_t addr, void *buf,
                                     size_t len);
bool ebpf_vars_read_machine (void *machine, uint64_t addr, void *buf,
                             size_t len);

enum ebpf_location_kind
{
  EBPF_LOCATION_NONE,        /* optimized out: no location at this pc */
  EBPF_LOCATION_REGISTER,    /* in register REG (r0-r10) of the frame */
  EBPF_LOCATION_MEMORY,      /* in guest memory at ADDR */
  EBPF_LOCATION_VALUE,       /* nowhere, but its value is known:
                                VALUE, or BYTES when given as bytes */
  EBPF_LOCATION_COMPOSITE,   /* in pieces, each of the kinds above */
};
#define EBPF_LOCATION_MAX_PIECES 16
struct ebpf_location_piece
{
  enum ebpf_location_kind kind;
  unsigned reg;
  uint64_t addr;
  uint64_t value;
  const uint8_t *bytes;      /* VALUE as bytes in the target's order
                                (DW_OP_implicit_value, a constant block);
                                valid while VARS is open */
  size_t bytes_len;
  uint64_t size;             /* COMPOSITE: the bytes of the variable this
                                piece gives, pieces in order; else 0 */
  bool not_saved;            /* NONE: it needs a register an outer frame
                                did not keep (r0-r5) */
};
struct ebpf_location
{
  enum ebpf_location_kind kind;
  size_t n_pieces;           /* 1, or COMPOSITE's pieces */
  struct ebpf_location_piece pieces[EBPF_LOCATION_MAX_PIECES];
};
/* Where VAR is in FRAME (ebpf_machine_frame's; NULL for a global): its
 * DWARF location (a location list looked up at the frame's pc, or for
 * an outer frame its call_pc) evaluated over the frame's registers, with
 * READ for the memory an expression dereferences.  */
int ebpf_vars_locate (ebpf_vars *vars, const struct ebpf_variable *var,
                      const struct ebpf_frame_info *frame,
                      ebpf_read_memory_fn read, void *read_ctx,
                      struct ebpf_location *loc, struct ebpf_error *err);

/* A value: its type, where it came from and its bytes.  */
struct ebpf_value
{
  struct ebpf_type type;
  enum ebpf_location_kind where;  /* MEMORY (at ADDR: it has an address),
                                     REGISTER (REG), VALUE (computed, or
                                     part of a value that is not in
                                     memory), COMPOSITE, NONE (optimized
                                     out) */
  uint64_t addr;
  unsigned reg;
  size_t size;
  uint8_t *bytes;            /* SIZE bytes in the target's byte order */
  uint8_t *missing;          /* NULL when all are known, else SIZE flags:
                                nonzero for a byte optimized out (1) or in
                                a register the frame did not keep (2) */
};
void ebpf_value_clear (struct ebpf_value *value);
/* VAR's value in FRAME, as ebpf_vars_locate finds it; memory that cannot
 * be read is an error.  ebpf_value_clear frees it.  */
int ebpf_vars_value (ebpf_vars *vars, const struct ebpf_variable *var,
                     const struct ebpf_frame_info *frame,
                     ebpf_read_memory_fn read, void *read_ctx,
                     struct ebpf_value *value, struct ebpf_error *err);
/* Evaluates EXPR in FRAME (NULL: globals only): a variable, then any of
 * .member, ->member (through anonymous members; "." on a pointer and
 * "->" on a struct work too), [index] of arrays and pointers, unary * and
 * &, integer literals, + and - with C's pointer arithmetic, parentheses
 * and casts to scalar types ("(struct iphdr *) (data + 14)").  Errors
 * are GDB's: "No symbol "x" in current context.", "There is no member
 * named x.", "Cannot access memory at address 0x...".  */
int ebpf_vars_eval (ebpf_vars *vars, const struct ebpf_frame_info *frame,
                    ebpf_read_memory_fn read, void *read_ctx, const char *expr,
                    struct ebpf_value *value, struct ebpf_error *err);
/* A scalar value (integer, char, bool, enum, pointer; an array in memory
 * gives its address) as a number, sign-extended for signed types: false
 * when it is none or is optimized out.  */
bool ebpf_value_integer (const struct ebpf_value *value, int64_t *x);

/* Prints VALUE as GDB's print does: "{saddr = 117440522, ...}", chars as
 * 120 'x', enums by name, char arrays as strings, arrays with runs as
 * <repeats N times> and at most 200 elements, pointers in hex (with
 * their type before them at the top: "(struct iphdr *) 0x60000010e",
 * and a function's name after a function pointer), <optimized out> for
 * what is not known.  No newline.  -1 for a NULL or cleared value.  */
int ebpf_value_print (const struct ebpf_value *value, FILE *out);
/* Prints LEN bytes (at least TYPE's size, in the target's byte order) as
 * a value of TYPE, as ebpf_value_print prints a member.  */
int ebpf_type_format (struct ebpf_type type, const void *bytes, size_t len,
                      FILE *out, struct ebpf_error *err);

#ifdef __cplusplus
}
#endif
#endif
