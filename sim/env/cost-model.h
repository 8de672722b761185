/* cost-model.h — the cycle model: what each instruction, helper call and
 * map operation costs, and the clock that turns cycles into time.  A
 * model is a text file (doc/ebpf-cost-model.5, the files of models/); the one
 * built in is models/default.model, a calibration against the kernel's
 * JIT on the machine class named in it.
 *
 * Costs are kept in units of 1/EBPF_COST_SCALE cycle, so that a model can
 * say what a JIT-compiled instruction costs on a superscalar CPU (often
 * less than a cycle) while the interpreter adds integers.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_COST_MODEL_H
#define EBPF_COST_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include "ebpfsim.h"
#include "ebpf-opcode.h"

#define EBPF_COST_SCALE 64
#define EBPF_COST_HELPERS 512      /* helper ids a model can name */
#define EBPF_COST_MAP_TYPES 64     /* map types a model can name */

/* Where a load or store lands, for what it costs beyond its op.  */
enum ebpf_cost_region
{
  EBPF_COST_STACK,
  EBPF_COST_PACKET,
  EBPF_COST_CONTEXT,
  EBPF_COST_MAP_VALUE,
  EBPF_COST_OTHER_MEMORY,    /* input memory, keys handed to callbacks */
  EBPF_COST_REGIONS
};

/* What a map helper does to a map, for costs by map type.  */
enum ebpf_cost_map_op
{
  EBPF_COST_LOOKUP,
  EBPF_COST_UPDATE,
  EBPF_COST_DELETE,
  EBPF_COST_PUSH,            /* queue, stack and bloom filter maps: */
  EBPF_COST_POP,             /* bytes are the value's */
  EBPF_COST_PEEK,
  EBPF_COST_MAP_OPS
};

/* A cost that grows with the bytes a call copies or hashes.  */
struct ebpf_sized_cost
{
  uint32_t base, per_byte;
  bool set;                 /* a map line was given (its costs may be 0) */
};

struct ebpf_cost_model
{
  char *name;                       /* the file, or "built-in (...)" */
  uint64_t clock_hz;
  uint32_t run[EBPF_CONTEXT_RAW + 1];   /* per run, by context kind */
  uint16_t op[EBPF_OP_COUNT];
  uint16_t taken;                   /* a conditional jump taken, beyond
                                       its op's cost */
  uint16_t region[EBPF_COST_REGIONS];   /* an access, beyond its op's */
  struct ebpf_sized_cost helper[EBPF_COST_HELPERS];
  /* A map helper's operation on a map of this type, when set, instead of
   * the helper's own cost; bytes are the key's, or for push,
   * pop and peek the value's.  */
  struct ebpf_sized_cost map[EBPF_COST_MAP_TYPES][EBPF_COST_MAP_OPS];
};

/* The model built in: models/default.model, parsed once.  */
const struct ebpf_cost_model *ebpf_cost_model_builtin (void);
extern const char ebpf_default_model_text[];   /* generated at build */

const char *ebpf_cost_region_name (enum ebpf_cost_region region);
const char *ebpf_cost_map_op_name (enum ebpf_cost_map_op op);

#endif
