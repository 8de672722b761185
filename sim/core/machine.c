/* machine.c — making a machine for a program: decoding it once into the
 * form the interpreter dispatches on, laying out guest memory, running
 * and stepping.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include "error.h"
#include "disasm.h"
#include "machine.h"
#include "env/helper.h"
#include "load/btf.h"
#include "env/gdbsim.h"
#include "load/object.h"

_Static_assert (EBPF_BYTECODE_BASE == (uint64_t) EBPF_WINDOW_CODE << EBPF_REGION_SHIFT,
                "bytecode lies at the start of the code window");

static bool
is_branch (enum ebpf_shape shape)
{
  return shape == EBPF_SHAPE_JA || shape == EBPF_SHAPE_JA32
         || shape == EBPF_SHAPE_JMP_K || shape == EBPF_SHAPE_JMP_X
         || shape == EBPF_SHAPE_CALL_LOCAL;
}

/* Why slot I cannot run, or -1 when it can (writes to r10 aside).  */
static int
invalid_reason (const ebpf_program *prog, size_t i)
{
  const struct ebpf_insn *in = &prog->insns[i];
  int op = prog->ops[i];
  if (op < 0)
    {
      if (in->opcode == ebpf_opcodes[EBPF_OP_LDDW].opcode && i + 1 == prog->n_slots
          && ebpf_opcode_lookup (in) >= 0)
        return EBPF_INVALID_LDDW_LAST;
      for (int e = 0; e < EBPF_OP_COUNT; e++)
        if (ebpf_opcodes[e].opcode == in->opcode)
          return EBPF_INVALID_FIELD;
      return EBPF_INVALID_OPCODE;
    }
  if (in->dst > EBPF_REG_FP || in->src > EBPF_REG_FP)
    return EBPF_INVALID_REGISTER;
  struct ebpf_insn copy = *in;
  if (ebpf_insn_clear_reserved (op, &copy) != NULL)
    return EBPF_INVALID_RESERVED;
  if (ebpf_op_slots (op) == 2)
    {
      const struct ebpf_insn *tail = &prog->insns[i + 1];
      if (tail->opcode || tail->dst || tail->src || tail->off)
        return EBPF_INVALID_LDDW_TAIL;
    }
  return -1;
}

const void *
ebpf_machine_plain_handler (const ebpf_machine *m, const struct ebpf_decoded *d)
{
  const void *frame = d->op < EBPF_OP_COUNT
                      ? m->labels[EBPF_FRAME_LABEL (d->op)] : NULL;
  if (frame == NULL || ebpf_memory_window_watched (&m->mem, EBPF_WINDOW_STACK))
    return m->labels[d->op];
  enum ebpf_shape shape = ebpf_opcodes[d->op].shape;
  unsigned base = shape == EBPF_SHAPE_LDX ? d->src : d->dst;
  int size = ebpf_opcode_size (ebpf_opcodes[d->op].opcode);
  if (base == EBPF_REG_FP && d->off >= -EBPF_STACK_SIZE && d->off <= -size)
    return frame;
  return m->labels[d->op];
}

static void
make_pseudo (ebpf_machine *m, struct ebpf_decoded *d, enum ebpf_pseudo_op op)
{
  d->handler = m->labels[op];
  d->op = op;
}

/* Decodes PROG.  Jumps that leave the program get a private BAD_JUMP slot
 * after the FELL_OFF and CALLBACK_RETURN slots, so the fault costs nothing
 * until the jump is taken and still names the jump.  */
/* Whether LICENSE is one the kernel counts as GPL-compatible.  */
static bool
gpl_compatible (const char *license)
{
  static const char *const names[] = {
    "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL",
    "Dual MIT/GPL", "Dual MPL/GPL",
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp (license, names[i]) == 0)
      return true;
  return false;
}

/* The kernel's verifier refuses a program of an object whose licence is
 * not GPL-compatible when it calls a GPL-only helper: so does ebpfsim,
 * for objects the kernel would load (not executables).  */
static bool
check_license (const ebpf_program *prog, struct ebpf_error *err)
{
  const ebpf_object *obj = prog->object;
  if (obj == NULL || obj->executable || gpl_compatible (obj->license))
    return true;
  for (size_t i = 0; i < prog->n_slots; i++)
    if (prog->ops[i] == EBPF_OP_CALL_HELPER
        && ebpf_helper_gpl_only (prog->insns[i].imm))
      {
        ebpf_error_set (err, "%s calls %s, which only GPL-compatible "
                        "programs may call, and the object's license is "
                        "'%s': the kernel's verifier refuses it (cannot call "
                        "GPL-restricted function)", prog->name,
                        ebpf_helper_name_of (prog->insns[i].imm), obj->license);
        return false;
      }
  return true;
}

static struct ebpf_decoded *
decode_program (ebpf_machine *m, const ebpf_program *prog, size_t *n_code,
                struct ebpf_error *err)
{
  if (!check_license (prog, err))
    return NULL;
  size_t n = prog->n_slots, bad_jumps = 0;
  for (size_t i = 0; i < n; i++)
    {
      int op = prog->ops[i];
      if (op < 0 || !is_branch (ebpf_opcodes[op].shape))
        continue;
      const struct ebpf_insn *in = &prog->insns[i];
      int64_t rel = ebpf_opcodes[op].shape == EBPF_SHAPE_JA32
                    || ebpf_opcodes[op].shape == EBPF_SHAPE_CALL_LOCAL
                    ? in->imm : in->off;
      int64_t t = (int64_t) i + 1 + rel;
      if (t < 0 || t >= (int64_t) n)
        bad_jumps++;
    }
  *n_code = n + 2 + bad_jumps;
  struct ebpf_decoded *code = calloc (*n_code, sizeof *code);
  if (code == NULL)
    {
      ebpf_error_set (err, "%s: out of memory", prog->name);
      return NULL;
    }

  size_t next_bad = n + 2;
  for (size_t i = 0; i < n; i++)
    {
      struct ebpf_decoded *d = &code[i];
      const struct ebpf_insn *in = &prog->insns[i];
      int op = prog->ops[i];
      d->dst = in->dst;
      d->src = in->src;
      d->off = in->off;
      d->imm64 = (uint64_t) (int64_t) in->imm;
      if (prog->lddw_tail[i])
        {
          make_pseudo (m, d, EBPF_PSEUDO_LDDW_TAIL);
          continue;
        }
      int why = invalid_reason (prog, i);
      if (why >= 0)
        {
          make_pseudo (m, d, EBPF_PSEUDO_INVALID);
          d->dst = (uint8_t) why;
          continue;
        }
      const struct ebpf_opcode_info *e = &ebpf_opcodes[op];
      /* An instruction that names r10 as what it writes; calls and exit
       * change it by the calling convention.  */
      uint16_t writes = ebpf_insn_writes (op, in->dst, in->src);
      if (writes != EBPF_REGS_ALL && (writes & (1u << EBPF_REG_FP)))
        {
          make_pseudo (m, d, EBPF_PSEUDO_INVALID);
          d->dst = EBPF_INVALID_WRITES_FP;
          continue;
        }
      d->op = (uint16_t) op;
      d->cost = m->model->op[op];
      d->handler = ebpf_machine_plain_handler (m, d);
      if (e->shape == EBPF_SHAPE_LDDW)
        d->imm64 = ebpf_lddw_value (in, &prog->insns[i + 1]);
      if (e->shape == EBPF_SHAPE_LDDW && op == EBPF_OP_LDDW_FUNC)
        d->imm64 = ebpf_program_slot_address (prog, (size_t) (i + 1 + (int64_t) in->imm));
      /* References to the object's maps (the loader's pseudo forms)
       * become guest addresses: a map's handle, or a place among its
       * values.  Left as they are, they fault when run.  */
      if ((op == EBPF_OP_LDDW_MAP_IDX || op == EBPF_OP_LDDW_MAP_IDX_VALUE)
          && in->imm >= 0 && in->imm < m->n_maps)
        {
          uint32_t off = (uint32_t) prog->insns[i + 1].imm;
          if (op == EBPF_OP_LDDW_MAP_IDX)
            d->imm64 = ebpf_machine_map_handle (in->imm);
          else
            d->imm64 = ebpf_window_base (m->maps[in->imm].window) + off;
          d->handler = m->labels[EBPF_OP_LDDW];
          d->op = EBPF_OP_LDDW;
          d->cost = m->model->op[EBPF_OP_LDDW];
        }
      if (is_branch (e->shape))
        {
          int64_t rel = e->shape == EBPF_SHAPE_JA32
                        || e->shape == EBPF_SHAPE_CALL_LOCAL ? in->imm : in->off;
          int64_t t = (int64_t) i + 1 + rel;
          if (t >= 0 && t < (int64_t) n)
            d->target = &code[t];
          else
            {
              struct ebpf_decoded *bad = &code[next_bad++];
              make_pseudo (m, bad, EBPF_PSEUDO_BAD_JUMP);
              bad->imm64 = i;
              bad->off = (int16_t) (rel < INT16_MIN ? INT16_MIN
                                    : rel > INT16_MAX ? INT16_MAX : rel);
              d->target = bad;
            }
        }
    }
  make_pseudo (m, &code[n], EBPF_PSEUDO_FELL_OFF);
  make_pseudo (m, &code[n + 1], EBPF_PSEUDO_CALLBACK_RETURN);
  return code;
}

uint64_t
ebpf_machine_map_handle (int index)
{
  return ebpf_window_base (EBPF_WINDOW_MAP_HANDLES) + (uint64_t) index * 8;
}

int
ebpf_machine_map_of_handle (const ebpf_machine *m, uint64_t handle)
{
  uint64_t base = ebpf_window_base (EBPF_WINDOW_MAP_HANDLES);
  if (handle < base || (handle - base) % 8 || (handle - base) / 8 >= (uint64_t) m->n_maps)
    return -1;
  return (int) ((handle - base) / 8);
}

/* The decoded form of the object's program INDEX, for a tail call.  */
const struct ebpf_decoded *
ebpf_machine_program_entry (ebpf_machine *m, int index, struct ebpf_error *err)
{
  if (index < 0 || index >= m->n_programs)
    {
      ebpf_error_set (err, "no program %d", index);
      return NULL;
    }
  struct ebpf_machine_program *p = &m->programs[index];
  if (p->code == NULL)
    {
      if (p->prog == NULL
          && (p->prog = ebpf_object_program (m->prog->object, index, err)) == NULL)
        return NULL;
      if ((p->code = decode_program (m, p->prog, &p->n_code, err)) == NULL)
        return NULL;
      ebpf_debug_refresh (m, p->code, p->prog);
    }
  m->prog = p->prog;
  m->code = p->code;
  return &p->code[p->prog->entry];
}

/* The map family that stands in for a map of TYPE.  */
static uint32_t
map_stands_in (uint32_t type)
{
  switch (type)
    {
    case BPF_MAP_TYPE_DEVMAP: case BPF_MAP_TYPE_XSKMAP: case BPF_MAP_TYPE_CPUMAP:
    case BPF_MAP_TYPE_SOCKMAP: case BPF_MAP_TYPE_REUSEPORT_SOCKARRAY:
      return BPF_MAP_TYPE_ARRAY;
    case BPF_MAP_TYPE_DEVMAP_HASH: case BPF_MAP_TYPE_SOCKHASH:
    /* Storage of sockets, tasks, inodes and cgroups no test run has: the
     * helpers give no storage; a hash holds what user space puts.  */
    case BPF_MAP_TYPE_SK_STORAGE: case BPF_MAP_TYPE_TASK_STORAGE:
    case BPF_MAP_TYPE_INODE_STORAGE: case BPF_MAP_TYPE_CGROUP_STORAGE:
    case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
      return BPF_MAP_TYPE_HASH;
    case BPF_MAP_TYPE_STACK_TRACE:
      return BPF_MAP_TYPE_ARRAY;
    case BPF_MAP_TYPE_USER_RINGBUF:
      return BPF_MAP_TYPE_RINGBUF;
    default:
      return type;
    }
}

/* Creates map I of the program's object, with its values mapped in a
 * window of its own; global-data maps start with the section's contents.  */
static bool
create_map (ebpf_machine *m, int i, struct ebpf_error *err)
{
  const ebpf_object *obj = m->prog->object;
  const struct ebpf_object_map *def = &obj->maps[i];
  struct ebpf_machine_map *mm = &m->maps[i];
  /* A devmap holds ifindexes, an xskmap, cpumap, sockmap, sockhash or
   * reuseport array kernel objects no test run has: an array (or hash)
   * of their values will do, the helpers knowing them (a slot of zeros
   * is empty, as it is in every test run).  */
  uint32_t type = map_stands_in (def->type);
  /* libbpf gives a perf event array of no size one slot a CPU; storage
   * maps have no size (their elements live with their objects), nor the
   * flags a hash takes.  */
  uint32_t max_entries = type == BPF_MAP_TYPE_PERF_EVENT_ARRAY && def->max_entries == 0
                         ? m->env.ncpus : def->max_entries;
  uint32_t map_flags = def->map_flags;
  bool storage = def->type == BPF_MAP_TYPE_SK_STORAGE || def->type == BPF_MAP_TYPE_TASK_STORAGE
                 || def->type == BPF_MAP_TYPE_INODE_STORAGE
                 || def->type == BPF_MAP_TYPE_CGROUP_STORAGE
                 || def->type == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE;
  if (storage)
    {
      max_entries = max_entries ? max_entries : 64;
      map_flags = 0;
    }
  struct ebpf_map_spec spec = {
    .name = def->name, .type = type, .key_size = def->key_size,
    .value_size = def->value_size, .max_entries = max_entries,
    .map_flags = map_flags, .map_extra = def->map_extra,
    .id = (uint32_t) i + 1,
    .inner = def->inner >= 0 ? m->maps[def->inner].map : NULL,
  };
  /* What the kernel would charge to memlock or the memory cgroup: refuse
   * more than 1 GiB for one map rather than take the host's memory.  */
  bool percpu = type == BPF_MAP_TYPE_PERCPU_ARRAY || type == BPF_MAP_TYPE_PERCPU_HASH
                || type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
  uint64_t need = ((uint64_t) def->key_size + (def->value_size + 7) / 8 * 8 + 16)
                  * def->max_entries * (percpu ? m->env.ncpus : 1);
  if (need > EBPF_MAX_MAP_BYTES)
    {
      ebpf_error_set (err, "%.200s: map '%s' would take about %llu MiB; "
                      "ebpfsim allows %llu MiB for a map", obj->path,
                      def->name, (unsigned long long) (need >> 20),
                      (unsigned long long) (EBPF_MAX_MAP_BYTES >> 20));
      return false;
    }
  if (need > m->max_map_bytes - m->map_bytes)
    {
      ebpf_error_set (err, "%.200s: map '%s' would bring the maps to about %llu "
                      "MiB together, past the limit of %llu MiB for all maps "
                      "(--max-map-memory)", obj->path, def->name,
                      (unsigned long long) ((m->map_bytes + need) >> 20),
                      (unsigned long long) (m->max_map_bytes >> 20));
      return false;
    }
  m->map_bytes += need;
  struct ebpf_error why = { "" };
  if (ebpf_map_create (&spec, m->env.ncpus, &mm->map, &why) < 0)
    {
      ebpf_error_set (err, "%.200s: %.250s", obj->path, why.message);
      return false;
    }
  mm->window = EBPF_WINDOW_FIRST_MAP + (unsigned) i;
  mm->readonly = def->readonly;
  mm->type = def->type;
  mm->kernel_objects = def->type == BPF_MAP_TYPE_XSKMAP || def->type == BPF_MAP_TYPE_CPUMAP
                       || def->type == BPF_MAP_TYPE_SOCKMAP
                       || def->type == BPF_MAP_TYPE_SOCKHASH
                       || def->type == BPF_MAP_TYPE_REUSEPORT_SOCKARRAY;
  mm->spin_lock_off = def->spin_lock_off;
  if (def->initial)
    ebpf_map_sys_update (mm->map, &(uint32_t) { 0 }, def->initial, BPF_ANY);
  size_t size;
  uint8_t *arena = ebpf_map_arena (mm->map, &size);
  if (size > UINT32_MAX)
    {
      ebpf_error_set (err, "%s: map '%s' needs %zu bytes, more than 4 GiB",
                      obj->path, def->name, size);
      return false;
    }
  ebpf_memory_map (&m->mem, mm->window, 0, (uint32_t) size, arena,
                   !mm->readonly, def->name);
  return true;
}

/* An executable's flat image lives in window 0 at its link addresses,
 * below which nothing is mapped, so that null pointers still fault.  One
 * linked at address 0 runs only with GDB's conventions, whose flat memory
 * starts at 0 (gdbsim.c).  */
static bool
map_image (ebpf_machine *m, struct ebpf_error *err)
{
  const ebpf_object *obj = m->prog->object;
  if (obj->image.base == 0)
    {
      ebpf_error_set (err, "%s: the executable is linked at address 0 (as by "
                      "bpf-ld -Ttext=0x0), where null pointers could not "
                      "fault; GDB's simulator conventions run it (ebpf-run "
                      "--gdbsim)", obj->path);
      return false;
    }
  m->image = malloc (obj->image.len);
  if (m->image == NULL)
    {
      ebpf_error_set (err, "out of memory");
      return false;
    }
  m->image_size = obj->image.len;
  ebpf_memory_map (&m->mem, EBPF_WINDOW_NULL, (uint32_t) obj->image.base,
                   (uint32_t) obj->image.len, m->image, true, "image");
  return true;
}

/* Creates the maps of the program's object.  */
static bool
map_object_maps (ebpf_machine *m, struct ebpf_error *err)
{
  const ebpf_object *obj = m->prog->object;
  m->maps = calloc ((size_t) obj->n_maps + 1, sizeof *m->maps);
  if (m->maps == NULL)
    {
      ebpf_error_set (err, "out of memory");
      return false;
    }
  if (EBPF_WINDOW_FIRST_MAP + obj->n_maps > EBPF_MAX_REGIONS)
    {
      ebpf_error_set (err, "%s: more than %d maps", obj->path,
                      EBPF_MAX_REGIONS - EBPF_WINDOW_FIRST_MAP);
      return false;
    }
  m->n_maps = obj->n_maps;
  /* Inner-map templates first: maps of maps are made from them.  */
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < obj->n_maps; i++)
      {
        const struct ebpf_object_map *def = &obj->maps[i];
        if ((def->origin == EBPF_MAP_INNER_TEMPLATE) != (pass == 0))
          continue;
        if (!create_map (m, i, err))
          return false;
      }
  /* Elements the definitions set: programs of prog arrays, inner maps of
   * maps of maps.  */
  for (int i = 0; i < obj->n_maps; i++)
    for (int k = 0; k < obj->maps[i].n_inits; k++)
      {
        const struct ebpf_object_map_init *init = &obj->maps[i].inits[k];
        long rc = init->program >= 0
          ? ebpf_map_sys_update (m->maps[i].map, &init->index,
                                 &(uint32_t) { (uint32_t) init->program }, BPF_ANY)
          : ebpf_map_sys_update_inner (m->maps[i].map, &init->index,
                                       m->maps[init->map].map, BPF_ANY);
        if (rc < 0)
          {
            ebpf_error_set (err, "%s: map '%s': setting element %u failed: %s",
                            obj->path, obj->maps[i].name, init->index,
                            strerror ((int) -rc));
            return false;
          }
      }
  return true;
}

ebpf_machine *
ebpf_machine_new (const ebpf_program *prog, const struct ebpf_machine_options *opts,
                  struct ebpf_error *err)
{
  ebpf_machine *m = calloc (1, sizeof *m);
  if (m == NULL)
    {
      ebpf_error_set (err, "out of memory");
      return NULL;
    }
  m->prog = m->entry_prog = prog;
  m->labels = ebpf_interp_labels ();
  m->max_frames = prog->object && prog->object->executable
                  ? EBPF_EXECUTABLE_MAX_FRAMES : EBPF_MAX_FRAMES;
  m->stack_size = (size_t) EBPF_STACK_SIZE * (size_t) m->max_frames;
  m->frames = calloc ((size_t) m->max_frames, sizeof *m->frames);
  m->stack = calloc (1, m->stack_size);
  if (m->frames == NULL || m->stack == NULL)
    {
      ebpf_error_set (err, "out of memory");
      ebpf_machine_free (m);
      return NULL;
    }
  m->max_insns = EBPF_DEFAULT_MAX_INSNS;
  m->max_map_bytes = opts && opts->max_map_memory ? opts->max_map_memory
                     : EBPF_DEFAULT_MAX_MAP_MEMORY;
  m->model = opts && opts->cost_model ? opts->cost_model : ebpf_cost_model_builtin ();
  for (unsigned w = 0; w <= EBPF_WINDOW_FIRST_MAP; w++)
    m->window_cost[w] = m->model->region[w == EBPF_WINDOW_STACK ? EBPF_COST_STACK
                                         : w == EBPF_WINDOW_PACKET ? EBPF_COST_PACKET
                                         : w == EBPF_WINDOW_CONTEXT ? EBPF_COST_CONTEXT
                                         : w == EBPF_WINDOW_FIRST_MAP ? EBPF_COST_MAP_VALUE
                                         : EBPF_COST_OTHER_MEMORY];
  m->env.ncpus = opts && opts->ncpus ? opts->ncpus : 1;
  m->env.kernel_version = opts && opts->kernel_version ? opts->kernel_version
                          : EBPF_DEFAULT_KERNEL_VERSION;
  if (m->env.ncpus > EBPF_MAX_CPUS)
    {
      ebpf_error_set (err, "%u CPUs: at most %d", m->env.ncpus, EBPF_MAX_CPUS);
      ebpf_machine_free (m);
      return NULL;
    }
  size_t n_code;
  bool gdbsim = opts && opts->gdbsim;
  if ((gdbsim && !ebpf_gdbsim_setup (m, opts->memory_size, err))
      || (!gdbsim && prog->object && prog->object->executable
          && !map_image (m, err))
      || (prog->object && !map_object_maps (m, err))
      || (m->code = m->entry_code = decode_program (m, prog, &n_code, err)) == NULL)
    {
      ebpf_machine_free (m);
      return NULL;
    }
  if (prog->object)
    {
      m->n_programs = ebpf_object_program_count (prog->object);
      m->programs = calloc ((size_t) m->n_programs, sizeof *m->programs);
      if (m->programs == NULL)
        {
          ebpf_error_set (err, "out of memory");
          ebpf_machine_free (m);
          return NULL;
        }
      m->programs[prog->index].prog = (ebpf_program *) prog;
      m->programs[prog->index].code = m->entry_code;
    }
  m->context_kind = ebpf_program_context_kind (prog);
  ebpf_memory_map (&m->mem, EBPF_WINDOW_INPUT, 0, 0, NULL, true, "input memory");
  ebpf_memory_map (&m->mem, EBPF_WINDOW_CONTEXT, 0, 0, NULL, false, "context");
  ebpf_memory_map (&m->mem, EBPF_WINDOW_PACKET, 0, 0, NULL, true, "packet");
  ebpf_memory_map (&m->mem, EBPF_WINDOW_CODE, 0, 0, NULL, false, "program code");
  ebpf_memory_map (&m->mem, EBPF_WINDOW_MAP_HANDLES, 0, 0, NULL, false,
                   "map handles");
  ebpf_memory_map (&m->mem, EBPF_WINDOW_SCRATCH, 0, sizeof m->scratch,
                   m->scratch, false, "keys given to callbacks");
  ebpf_helpers_install_builtin (m);
  if (m->gdbsim)
    ebpf_gdbsim_install_helpers (m);
  m->env.pid = m->env.tgid = 1;   /* init, as a test run's task could be */
  strcpy (m->env.comm, "ebpf-run");
  ebpf_machine_set_seed (m, 0);
  ebpf_debug_init (m);
  ebpf_machine_reset (m);
  return m;
}

void
ebpf_machine_free (ebpf_machine *m)
{
  if (m == NULL)
    return;
  for (int i = 0; i < m->n_maps; i++)
    if (m->maps[i].map)
      ebpf_map_free (m->maps[i].map);
  free (m->maps);
  for (int i = 0; i < m->n_programs; i++)
    if (m->programs[i].code != m->entry_code)
      {
        free (m->programs[i].code);
        ebpf_program_free (m->programs[i].prog);
      }
  free (m->programs);
  free (m->frames);
  free (m->stack);
  free (m->image);
  free (m->code_image);
  free (m->entry_code);
  ebpf_debug_free (m);
  free (m->input);
  free (m->packet_in);
  if (m->context_kind != EBPF_CONTEXT_MEMORY)
    free (m->packet.buf);
  free (m);
}

int
ebpf_machine_set_input (ebpf_machine *m, const uint8_t *data, size_t len,
                        struct ebpf_error *err)
{
  if (len > UINT32_MAX / 2)
    {
      ebpf_error_set (err, "input memory of %zu bytes is larger than 2 GiB",
                      len);
      return -1;
    }
  uint8_t *copy = malloc (len ? len : 1);
  if (copy == NULL)
    {
      ebpf_error_set (err, "out of memory");
      return -1;
    }
  if (len)
    memcpy (copy, data, len);
  free (m->input);
  m->input = copy;
  m->input_len = len;
  ebpf_memory_map (&m->mem, EBPF_WINDOW_INPUT, 0, (uint32_t) len, copy, true,
                   "input memory");
  ebpf_machine_reset (m);
  return 0;
}

int
ebpf_machine_set_packet (ebpf_machine *m, const uint8_t *data, size_t len,
                         struct ebpf_error *err)
{
  enum ebpf_context_kind kind = m->context_kind;
  if (kind == EBPF_CONTEXT_MEMORY || kind == EBPF_CONTEXT_RAW)
    {
      ebpf_error_set (err, "a %s program has no packet%s",
                      ebpf_context_kind_name (kind),
                      kind == EBPF_CONTEXT_MEMORY ? "; give its memory with --mem"
                      : "; give its context with --ctx-in");
      return -1;
    }
  /* BPF_PROG_TEST_RUN refuses packets without an Ethernet header, and XDP
   * ones larger than a page leaves room for (EINVAL).  */
  if (len < EBPF_ETH_HLEN)
    {
      ebpf_error_set (err, "the packet has %zu bytes; the kernel refuses "
                      "packets shorter than an Ethernet header (%d bytes) "
                      "with EINVAL", len, EBPF_ETH_HLEN);
      return -1;
    }
  if (kind == EBPF_CONTEXT_XDP && len > EBPF_XDP_MAX_DATA)
    {
      ebpf_error_set (err, "the packet has %zu bytes; an XDP packet holds at "
                      "most %d (a page less headroom and tailroom)", len,
                      EBPF_XDP_MAX_DATA);
      return -1;
    }
  if ((kind == EBPF_CONTEXT_SKB || kind == EBPF_CONTEXT_SOCKET) && len > EBPF_SKB_MAX_DATA)
    {
      ebpf_error_set (err, "the packet has %zu bytes; the kernel refuses a tc or "
                      "socket test run's packet over %d (a page less its "
                      "headroom and tailroom) with EINVAL", len, EBPF_SKB_MAX_DATA);
      return -1;
    }
  /* Since 6.18 (6.1 did not; the version between is not known here) an
   * skb test run pulls an IPv4 or IPv6 header the ethertype names, and
   * refuses a frame too short to hold it (EINVAL), measured on 6.18.  */
  if ((kind == EBPF_CONTEXT_SKB || kind == EBPF_CONTEXT_SOCKET)
      && m->env.kernel_version >= EBPF_KERNEL_VERSION (6, 18))
    {
      uint16_t type = (uint16_t) (data[12] << 8 | data[13]);
      size_t need = type == 0x0800 ? 20 : type == 0x86dd ? 40 : 0;
      if (len < EBPF_ETH_HLEN + need)
        {
          ebpf_error_set (err, "the packet has %zu bytes; the kernel refuses an "
                          "%s frame shorter than its Ethernet and %s headers "
                          "(%zu bytes) with EINVAL", len,
                          need == 20 ? "IPv4" : "IPv6", need == 20 ? "IPv4" : "IPv6",
                          EBPF_ETH_HLEN + need);
          return -1;
        }
    }
  /* The copy's buffer is kept from packet to packet of a capture.  */
  if (len > m->packet_in_cap)
    {
      uint8_t *bigger = realloc (m->packet_in, len);
      if (bigger == NULL)
        {
          ebpf_error_set (err, "out of memory");
          return -1;
        }
      m->packet_in = bigger;
      m->packet_in_cap = len;
    }
  memcpy (m->packet_in, data, len);
  m->packet_in_len = len;
  ebpf_machine_reset (m);
  return 0;
}

const uint8_t *
ebpf_machine_packet (const ebpf_machine *m, size_t *len)
{
  const struct ebpf_packet *p = &m->packet;
  if (m->context_kind == EBPF_CONTEXT_MEMORY || p->buf == NULL)
    {
      *len = m->input_len;
      return m->input;
    }
  /* data_out holds the XDP metadata, and the Ethernet header a socket
   * program's data starts after.  */
  uint32_t start = m->context_kind == EBPF_CONTEXT_SOCKET
                   ? p->data - EBPF_ETH_HLEN : p->meta;
  *len = p->end - start;
  return p->buf + start;
}

int
ebpf_machine_set_context (ebpf_machine *m, const uint8_t *ctx, size_t len,
                          struct ebpf_error *err)
{
  size_t max = m->context_kind == EBPF_CONTEXT_XDP ? sizeof (struct xdp_md)
               : m->context_kind == EBPF_CONTEXT_RAW ? sizeof m->context
               : sizeof (struct __sk_buff);
  if (m->context_kind == EBPF_CONTEXT_MEMORY)
    {
      ebpf_error_set (err, "bytecode has no context; give its memory with "
                      "--mem");
      return -1;
    }
  if (len > max)
    {
      ebpf_error_set (err, "the context has %zu bytes; a %s context has at "
                      "most %zu", len,
                      ebpf_context_kind_name (m->context_kind), max);
      return -1;
    }
  uint8_t copy[sizeof m->context] = { 0 };
  memcpy (copy, ctx, len);
  const char *bad = ebpf_context_check_in (m, copy, m->packet_in_len);
  if (bad)
    {
      ebpf_error_set (err, "the context is refused, as the kernel refuses it "
                      "with EINVAL: %s", bad);
      return -1;
    }
  memcpy (m->context, copy, sizeof m->context);
  m->context_len = len;
  ebpf_machine_reset (m);
  return 0;
}

size_t
ebpf_machine_context (const ebpf_machine *m, uint8_t *buf, size_t len)
{
  size_t n = m->context_kind == EBPF_CONTEXT_XDP ? sizeof (struct xdp_md)
             : m->context_kind == EBPF_CONTEXT_RAW ? m->context_len
             : m->context_kind == EBPF_CONTEXT_MEMORY ? 0
             : sizeof (struct __sk_buff);
  uint8_t out[sizeof m->context];
  memcpy (out, m->context, sizeof out);
  if (m->context_kind == EBPF_CONTEXT_XDP)
    {
      /* As the kernel reports it: offsets from the metadata.  */
      struct xdp_md *md = (struct xdp_md *) out;
      md->data_meta = 0;
      md->data = m->packet.data - m->packet.meta;
      md->data_end = m->packet.end - m->packet.meta;
    }
  else if (m->context_kind == EBPF_CONTEXT_SKB
           || m->context_kind == EBPF_CONTEXT_SOCKET)
    {
      /* The kernel copies back only these fields (convert_skb_to___skb).  */
      const struct __sk_buff *in = (const struct __sk_buff *) m->context;
      struct __sk_buff *skb = (struct __sk_buff *) out;
      memset (out, 0, sizeof (struct __sk_buff));
      skb->mark = in->mark;
      skb->priority = in->priority;
      skb->ingress_ifindex = in->ingress_ifindex;
      skb->ifindex = in->ifindex;
      skb->tstamp = in->tstamp;
      memcpy (skb->cb, in->cb, sizeof skb->cb);
      skb->wire_len = in->wire_len;
      skb->gso_segs = in->gso_segs;
      skb->hwtstamp = in->hwtstamp;
    }
  memcpy (buf, out, n < len ? n : len);
  return n;
}

void
ebpf_machine_set_max_insns (ebpf_machine *m, uint64_t max_insns)
{
  m->max_insns = max_insns;
}

uint64_t
ebpf_machine_frame_pointer (const ebpf_machine *m, int depth)
{
  return ebpf_window_base (EBPF_WINDOW_STACK)
         + (uint64_t) EBPF_STACK_SIZE * (uint64_t) (m->max_frames - depth);
}

void
ebpf_machine_map_stack (ebpf_machine *m)
{
  uint32_t lo = EBPF_STACK_SIZE * (uint32_t) (m->max_frames - 1 - m->depth);
  ebpf_memory_map (&m->mem, EBPF_WINDOW_STACK, lo,
                   (uint32_t) m->stack_size - lo, m->stack + lo, true,
                   "stack");
}

void
ebpf_machine_reset (ebpf_machine *m)
{
  ebpf_debug_abandon_call (m);
  memset (m->regs, 0, sizeof m->regs);
  /* Only frames a run reached can hold its data (the stack is mapped no
   * deeper): clearing those keeps runs independent at a fraction of the
   * cost, which counts over a capture of 100,000 packets.  */
  size_t used = (size_t) (m->deepest + 1) * EBPF_STACK_SIZE;
  memset (m->stack + m->stack_size - used, 0, used);
  m->deepest = 0;
  m->depth = 0;
  /* Time goes on by the runs made: a reset with no run since (inputs
   * being set) adds nothing, not even the run cost it charged.  */
  if (m->insn_count > 0)
    m->env.elapsed_cost += m->cost;
  m->redirect.set = false;
  ebpf_machine_map_stack (m);
  if (m->context_kind == EBPF_CONTEXT_MEMORY)
    {
      /* The conformance convention; legacy packet loads read the input.  */
      m->regs[1] = ebpf_window_base (EBPF_WINDOW_INPUT);
      m->regs[2] = m->input_len;
      m->packet = (struct ebpf_packet) { .buf = m->input,
                                         .cap = (uint32_t) m->input_len,
                                         .end = (uint32_t) m->input_len };
    }
  else
    {
      ebpf_context_start (m);
      m->regs[1] = ebpf_window_base (EBPF_WINDOW_CONTEXT);
    }
  m->regs[EBPF_REG_FP] = ebpf_machine_frame_pointer (m, 0);
  m->prog = m->entry_prog;
  m->code = m->entry_code;
  m->tail_target = NULL;
  m->tail_calls = 0;
  m->pc = &m->code[m->prog->entry];
  if (m->gdbsim)
    ebpf_gdbsim_reset (m);
  else if (m->image)   /* an executable's data starts afresh too */
    memcpy (m->image, m->prog->object->image.bytes, m->prog->object->image.len);
  m->insn_count = 0;
  /* What entering the program costs (the kernel's dispatch).  */
  m->cost = m->model->run[m->context_kind];
  if (m->debug.profile.on)
    ebpf_profile_run_start (m);
  m->faulted = false;
  m->resume_over = NULL;
  m->stop_message[0] = '\0';
  ebpf_undo_clear (&m->debug.history);
  m->debug.pending_watch = -1;
  m->debug.pending_helper = false;
}

static enum ebpf_stop
run (ebpf_machine *m, bool stepping)
{
  if (m->faulted || (size_t) (m->pc - m->code) > m->prog->n_slots)
    return EBPF_STOP_FAULT;
  m->stepping = stepping;
  m->image_dirty = true;
  if (stepping)
    m->resume_over = m->pc;   /* a step always executes the instruction */
  enum ebpf_stop stop;
  if (m->suspended_call == NULL || ebpf_debug_resume_call (m, &stop))
    stop = ebpf_interp_run (m);
  m->stepping = false;
  ebpf_debug_settle (m);
  if (stop == EBPF_STOP_FAULT)
    m->faulted = true;
  /* An instruction that faulted or ended the run did not complete: it is
   * where the machine stands, not history to step back over.  */
  if (m->debug.history.on && (stop == EBPF_STOP_FAULT || stop == EBPF_STOP_EXIT
                              || stop == EBPF_STOP_ABORT))
    ebpf_undo_forget_last (&m->debug.history);
  /* A socket program's data_out has the Ethernet header it did not see
   * cleared, as the kernel's test run clears it.  */
  if (stop == EBPF_STOP_EXIT && m->context_kind == EBPF_CONTEXT_SOCKET
      && m->packet.buf && m->packet.data >= EBPF_ETH_HLEN)
    memset (m->packet.buf + m->packet.data - EBPF_ETH_HLEN, 0, EBPF_ETH_HLEN);
  m->last_stop = stop;
  return stop;
}

enum ebpf_stop ebpf_machine_run (ebpf_machine *m) { return run (m, false); }
enum ebpf_stop ebpf_machine_step (ebpf_machine *m) { return run (m, true); }

const char *
ebpf_machine_stop_message (const ebpf_machine *m)
{
  return m->stop_message;
}

uint64_t
ebpf_machine_reg (const ebpf_machine *m, int regno)
{
  return regno >= 0 && regno < EBPF_REG_COUNT ? m->regs[regno] : 0;
}

void
ebpf_machine_set_reg (ebpf_machine *m, int regno, uint64_t value)
{
  if (regno >= 0 && regno < EBPF_REG_COUNT)
    m->regs[regno] = value;
}

uint64_t
ebpf_machine_pc (const ebpf_machine *m)
{
  return ebpf_program_slot_address (m->prog, (size_t) (m->pc - m->code));
}
int ebpf_machine_call_depth (const ebpf_machine *m) { return m->depth; }
uint64_t ebpf_machine_insn_count (const ebpf_machine *m) { return m->insn_count; }
uint64_t
ebpf_machine_cycle_count (const ebpf_machine *m)
{
  return (m->cost + EBPF_COST_SCALE / 2) / EBPF_COST_SCALE;
}

double
ebpf_machine_cycles (const ebpf_machine *m)
{
  return (double) m->cost / EBPF_COST_SCALE;
}

double
ebpf_machine_time_ns (const ebpf_machine *m)
{
  return (double) m->cost * 1e9 / EBPF_COST_SCALE / (double) m->model->clock_hz;
}

const ebpf_cost_model *
ebpf_machine_cost_model (const ebpf_machine *m)
{
  return m->model;
}

bool
ebpf_machine_read (const ebpf_machine *m, uint64_t addr, void *buf, size_t len)
{
  for (size_t i = 0; i < len; i++)
    {
      const uint8_t *p = ebpf_memory_translate (&m->mem, addr + i, 1, false);
      if (p == NULL)
        return false;
      ((uint8_t *) buf)[i] = *p;
    }
  return true;
}

bool
ebpf_machine_write (ebpf_machine *m, uint64_t addr, const void *buf, size_t len)
{
  for (size_t i = 0; i < len; i++)
    if (ebpf_memory_translate (&m->mem, addr + i, 1, true) == NULL)
      return false;
  for (size_t i = 0; i < len; i++)
    *ebpf_memory_translate (&m->mem, addr + i, 1, true) = ((const uint8_t *) buf)[i];
  m->image_dirty = true;
  return true;
}

int
ebpf_machine_register_helper (ebpf_machine *m, int32_t id, const char *name,
                              ebpf_helper_fn fn)
{
  if (id < 0 || id >= EBPF_MAX_HELPER_ID)
    return -1;
  m->helpers[id].fn = fn;
  if (name != NULL)
    m->helpers[id].name = name;
  return 0;
}

void
ebpf_machine_set_seed (ebpf_machine *m, uint64_t seed)
{
  /* splitmix64 of the seed: distinct seeds, distinct states; never 0,
   * which xorshift cannot leave.  */
  uint64_t z = seed + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  m->env.random_state = z ? z : 1;
}

void
ebpf_machine_set_trace (ebpf_machine *m, FILE *out)
{
  m->env.trace = out;
}

int
ebpf_machine_set_cpu (ebpf_machine *m, unsigned cpu, struct ebpf_error *err)
{
  if (cpu >= m->env.ncpus)
    {
      ebpf_error_set (err, "CPU %u: the machine has CPUs 0-%u", cpu,
                      m->env.ncpus - 1);
      return -1;
    }
  m->env.cpu = cpu;
  return 0;
}

void
ebpf_machine_set_comm (ebpf_machine *m, const char *comm)
{
  memset (m->env.comm, 0, sizeof m->env.comm);
  strncpy (m->env.comm, comm, sizeof m->env.comm - 1);
}

int ebpf_machine_map_count (const ebpf_machine *m) { return m->n_maps; }

int
ebpf_machine_find_map (const ebpf_machine *m, const char *name)
{
  for (int i = 0; i < m->n_maps; i++)
    if (strcmp (ebpf_map_name (m->maps[i].map), name) == 0)
      return i;
  return -1;
}

void
ebpf_machine_map_info (const ebpf_machine *m, int map, struct ebpf_map_info *info)
{
  const ebpf_map *em = m->maps[map].map;
  info->name = ebpf_map_name (em);
  info->type_id = m->maps[map].type;
  info->type = ebpf_map_type_name (info->type_id);
  info->key_size = ebpf_map_key_size (em);
  info->value_size = ebpf_map_value_size (em);
  info->max_entries = ebpf_map_max_entries (em);
  info->map_flags = ebpf_map_flags (em);
  info->value_buffer_size = ebpf_map_sys_value_size (em);
  info->percpu = ebpf_map_is_percpu (em);
  const ebpf_object *obj = m->prog->object;
  info->inner_template = obj && map < obj->n_maps
                         && obj->maps[map].origin == EBPF_MAP_INNER_TEMPLATE;
  /* Storage maps have no size of their own; their stand-in has one.  */
  if (obj && map < obj->n_maps && obj->maps[map].max_entries == 0
      && info->type_id != BPF_MAP_TYPE_PERF_EVENT_ARRAY)
    info->max_entries = 0;
}

void
ebpf_object_map_info (const ebpf_object *obj, int index, struct ebpf_map_info *info)
{
  const struct ebpf_object_map *m = &obj->maps[index];
  memset (info, 0, sizeof *info);
  info->name = m->name;
  info->type_id = m->type;
  info->type = ebpf_map_type_name (m->type);
  info->key_size = m->key_size;
  info->value_size = m->value_size;
  info->max_entries = m->max_entries;
  info->map_flags = m->map_flags;
  info->inner_template = m->origin == EBPF_MAP_INNER_TEMPLATE;
}

long
ebpf_machine_map_lookup (ebpf_machine *m, int map, const void *key, void *value)
{
  const struct ebpf_machine_map *mm = &m->maps[map];
  long rc = ebpf_map_sys_lookup (mm->map, key, value);
  /* A slot of a map of devices, CPUs or sockets that holds none (zeros
   * here, ifindex 0 in a devmap) is no element to user space: ENOENT,
   * as the kernel answers for it.  */
  if (rc == 0 && (mm->kernel_objects || mm->type == BPF_MAP_TYPE_DEVMAP)
      && ebpf_bytes_zero (value, ebpf_map_value_size (mm->map)))
    return -ENOENT;
  return rc;
}

long
ebpf_machine_map_update (ebpf_machine *m, int map, const void *key,
                         const void *value, uint64_t flags)
{
  return ebpf_map_sys_update (m->maps[map].map, key, value, flags);
}

long
ebpf_machine_map_delete (ebpf_machine *m, int map, const void *key)
{
  return ebpf_map_sys_delete (m->maps[map].map, key);
}

long
ebpf_machine_map_next_key (ebpf_machine *m, int map, const void *key,
                           void *next_key)
{
  return ebpf_map_get_next_key (m->maps[map].map, key, next_key);
}

long
ebpf_machine_map_nth_value (ebpf_machine *m, int map, uint32_t i, void *value)
{
  return ebpf_map_nth (m->maps[map].map, i, value);
}

struct drain
{
  ebpf_output_fn fn;
  void *ctx;
  const char *map;
};

static int
drain_sample (void *ctx, const void *data, uint32_t size)
{
  struct drain *d = ctx;
  d->fn (d->ctx, d->map, -1, data, size);
  return 0;
}

void
ebpf_machine_drain_output (ebpf_machine *m, ebpf_output_fn fn, void *ctx)
{
  for (int i = 0; i < m->n_maps; i++)
    {
      ebpf_map *map = m->maps[i].map;
      struct drain d = { fn, ctx, ebpf_map_name (map) };
      if (ebpf_map_type (map) == BPF_MAP_TYPE_RINGBUF)
        ebpf_ringbuf_consume (map, drain_sample, &d);
      else if (ebpf_map_type (map) == BPF_MAP_TYPE_PERF_EVENT_ARRAY)
        {
          for (size_t k = 0; k < ebpf_perf_record_count (map); k++)
            {
              const struct ebpf_perf_record *r = ebpf_perf_record_at (map, k);
              fn (ctx, d.map, (int) r->cpu, r->data, r->size);
            }
          ebpf_perf_records_clear (map);
        }
    }
}

int
ebpf_machine_map_format (const ebpf_machine *m, int map, bool key,
                         const void *data, size_t len, bool json, FILE *out)
{
  const ebpf_object *obj = m->prog->object;
  if (obj == NULL || obj->btf == NULL || map < 0 || map >= m->n_maps)
    return -1;
  uint32_t type = key ? obj->maps[map].btf_key_type : obj->maps[map].btf_value_type;
  if (type == 0)
    return -1;
  struct ebpf_error err;
  return ebpf_btf_format_value (obj->btf, type, data, len,
                                json ? EBPF_BTF_FORMAT_JSON : EBPF_BTF_FORMAT_PLAIN,
                                json ? 0 : 2, out, &err);
}

bool
ebpf_machine_redirect (const ebpf_machine *m, uint32_t *ifindex, uint64_t *flags)
{
  *ifindex = m->redirect.ifindex;
  *flags = m->redirect.flags;
  return m->redirect.set;
}

const char *
ebpf_machine_poison_reason (const ebpf_machine *m, size_t pc)
{
  const ebpf_object *obj = m->prog->object;
  if (obj && m->prog->index >= 0)
    {
      const struct ebpf_object_program *p = &obj->programs[m->prog->index];
      for (size_t i = 0; i < p->n_poisons; i++)
        if (p->poisons[i].slot == pc)
          return p->poisons[i].reason;
    }
  return "a CO-RE relocation could not be resolved (the instruction calls "
         "the poison helper 0xbad2310, as libbpf makes it)";
}
