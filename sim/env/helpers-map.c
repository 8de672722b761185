/* helpers-map.c — the helpers that work on maps: element access, queues,
 * iteration with a callback, ring buffers, perf output and tail calls.
 * Maps arrive as handles (what lddw of a map gives the program); values go
 * back as guest addresses in the map's window.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <stdlib.h>
#include <string.h>
#include "core/error.h"
#include "helper.h"

/* MAX_TAIL_CALL_CNT, fixed in the kernel.  */
#define MAX_TAIL_CALLS 33

/* The map behind handle H, or NULL after a fault naming the argument.  */
static struct ebpf_machine_map *
map_arg (ebpf_machine *m, uint64_t handle)
{
  int i = ebpf_machine_map_of_handle (m, handle);
  if (i < 0)
    {
      ebpf_machine_fault (m, "%s: map argument 0x%llx is not a map",
                          ebpf_helper_name (m), (unsigned long long) handle);
      return NULL;
    }
  return &m->maps[i];
}

/* Until Linux 6.4 the kernel's x86-64 JIT called update, delete, push,
 * pop, peek and for_each straight into int-returning C functions, so
 * their errors reached the program zero-extended: -EEXIST was
 * 0x00000000ffffffef (measured on 6.1); since, they return long and the
 * errors are sign-extended (measured on 6.18).  */
static uint64_t
int_result (const ebpf_machine *m, long rc)
{
  if (m->env.kernel_version >= EBPF_KERNEL_VERSION (6, 4))
    return (uint64_t) (int64_t) rc;
  return (uint32_t) rc;
}

/* A guest address for a pointer into a map's values.  */
static uint64_t
value_address (const struct ebpf_machine_map *mm, const void *value)
{
  size_t size;
  const uint8_t *arena = ebpf_map_arena (mm->map, &size);
  return ebpf_window_base (mm->window) + (uint64_t) ((const uint8_t *) value - arena);
}

int
ebpf_machine_map_value_address (ebpf_machine *m, int map, const void *key,
                                uint64_t *addr, struct ebpf_error *err)
{
  if (map < 0 || map >= m->n_maps)
    {
      ebpf_error_set (err, "no map %d", map);
      return -1;
    }
  struct ebpf_machine_map *mm = &m->maps[map];
  uint32_t type = ebpf_map_type (mm->map);
  void *value = type == BPF_MAP_TYPE_ARRAY_OF_MAPS || type == BPF_MAP_TYPE_HASH_OF_MAPS
                ? NULL : ebpf_map_lookup (mm->map, key, m->env.cpu);
  if (value == NULL)
    {
      ebpf_error_set (err, "map %s has no such element (or no values the program "
                      "can address)", ebpf_map_name (mm->map));
      return -1;
    }
  *addr = value_address (mm, value);
  return 0;
}

/* The program may not change a map it can only read (.rodata and
 * BPF_F_RDONLY_PROG): the kernel's verifier refuses such a program.  */
static bool
writable (ebpf_machine *m, const struct ebpf_machine_map *mm)
{
  if (mm->readonly)
    ebpf_machine_fault (m, "%s: map '%s' is read-only to programs",
                        ebpf_helper_name (m), ebpf_map_name (mm->map));
  return !mm->readonly;
}

/* Operation OP of a map helper on MM, over BYTES of key (or value, for
 * push, pop and peek): a model's line for the map's type replaces what
 * the call charged as the helper's own cost.  */
static void
charge_map (ebpf_machine *m, const struct ebpf_machine_map *mm,
            enum ebpf_cost_map_op op, uint32_t bytes)
{
  const struct ebpf_sized_cost *c
    = &m->model->map[mm->type < EBPF_COST_MAP_TYPES ? mm->type : 0][op];
  if (c->set)
    m->cost += c->base + (uint64_t) c->per_byte * bytes
               - m->model->helper[(uint32_t) m->pc->imm64 % EBPF_COST_HELPERS].base;
}

/* The key argument of operation OP, which is charged here.  */
static const uint8_t *
key_arg (ebpf_machine *m, const struct ebpf_machine_map *mm, uint64_t addr,
         enum ebpf_cost_map_op op)
{
  uint32_t size = ebpf_map_key_size (mm->map);
  charge_map (m, mm, op, size);
  return ebpf_helper_memory (m, addr, size, false, "key");
}

static uint64_t
lookup (ebpf_machine *m, uint64_t handle, uint64_t key_addr, unsigned cpu)
{
  struct ebpf_machine_map *mm = map_arg (m, handle);
  const uint8_t *key = mm ? key_arg (m, mm, key_addr, EBPF_COST_LOOKUP) : NULL;
  if (key == NULL)
    return 0;
  void *value = ebpf_map_lookup (mm->map, key, cpu);
  if (value == NULL || (mm->kernel_objects
                        && ebpf_bytes_zero (value, ebpf_map_value_size (mm->map))))
    return 0;   /* no socket (or CPU) there: every slot of a test run */
  uint32_t type = ebpf_map_type (mm->map);
  if (type == BPF_MAP_TYPE_ARRAY_OF_MAPS || type == BPF_MAP_TYPE_HASH_OF_MAPS)
    {
      uint32_t id;
      memcpy (&id, value, 4);
      return id >= 1 && id <= (uint32_t) m->n_maps
             ? ebpf_machine_map_handle ((int) id - 1) : 0;
    }
  return value_address (mm, value);
}

/* bpf_map_lookup_elem (map, key): a pointer to the value, or NULL.  A
 * map of maps gives the inner map.  */
static HELPER (helper_map_lookup_elem)
{
  (void) r3; (void) r4; (void) r5;
  return lookup (m, r1, r2, m->env.cpu);
}

/* bpf_map_lookup_percpu_elem (map, key, cpu): another CPU's copy.  */
static HELPER (helper_map_lookup_percpu_elem)
{
  (void) r4; (void) r5;
  int i = ebpf_machine_map_of_handle (m, r1);
  if (i >= 0 && (!ebpf_map_is_percpu (m->maps[i].map) || r3 >= m->env.ncpus))
    return 0;
  return lookup (m, r1, r2, (unsigned) r3);
}

static HELPER (helper_map_update_elem)
{
  (void) r5;
  struct ebpf_machine_map *mm = map_arg (m, r1);
  if (mm == NULL || !writable (m, mm))
    return 0;
  const uint8_t *key = key_arg (m, mm, r2, EBPF_COST_UPDATE);
  uint32_t size = ebpf_map_value_size (mm->map);
  const uint8_t *value = key ? ebpf_helper_memory (m, r3, size, false, "value") : NULL;
  if (value == NULL)
    return 0;
  if (!(r4 & BPF_F_LOCK))
    return int_result (m, ebpf_map_update (mm->map, key, value, r4, m->env.cpu));
  /* BPF_F_LOCK: the value is copied under its spin lock, which itself
   * stays as it is.  */
  if (mm->spin_lock_off < 0 || (uint32_t) mm->spin_lock_off + 4 > size)
    return int_result (m, -EINVAL);
  uint8_t copy[size];
  memcpy (copy, value, size);
  const uint8_t *old = ebpf_map_lookup (mm->map, key, m->env.cpu);
  memcpy (copy + mm->spin_lock_off, old ? old + mm->spin_lock_off
                                        : (const uint8_t *) "\0\0\0", 4);
  return int_result (m, ebpf_map_update (mm->map, key, copy, r4 & ~(uint64_t) BPF_F_LOCK,
                                      m->env.cpu));
}

/* bpf_redirect_map (map, key, flags): a devmap's device (an xskmap's
 * socket, a cpumap's CPU), or the action in the low bits of FLAGS when
 * the key has none.  */
static HELPER (helper_redirect_map)
{
  (void) r4; (void) r5;
  struct ebpf_machine_map *mm = map_arg (m, r1);
  if (mm == NULL)
    return 0;
  bool devmap = mm->type == BPF_MAP_TYPE_DEVMAP || mm->type == BPF_MAP_TYPE_DEVMAP_HASH;
  if (!devmap && mm->type != BPF_MAP_TYPE_XSKMAP && mm->type != BPF_MAP_TYPE_CPUMAP)
    {
      ebpf_machine_fault (m, "%s: map '%s' is no devmap, xskmap or cpumap",
                          ebpf_helper_name (m), ebpf_map_name (mm->map));
      return 0;
    }
  uint32_t key = (uint32_t) r2, ifindex = 0;
  const uint8_t *value = ebpf_map_lookup (mm->map, &key, m->env.cpu);
  if (value)
    memcpy (&ifindex, value, 4);
  if (ifindex == 0)   /* an empty slot: no device, socket or CPU there */
    return r3 & 3;
  if (!devmap)
    ifindex = 0;      /* a socket or a CPU: no device */
  m->redirect.set = true;
  m->redirect.ifindex = ifindex;
  m->redirect.flags = r3;
  return XDP_REDIRECT;
}

static HELPER (helper_map_delete_elem)
{
  (void) r3; (void) r4; (void) r5;
  struct ebpf_machine_map *mm = map_arg (m, r1);
  if (mm == NULL || !writable (m, mm))
    return 0;
  const uint8_t *key = key_arg (m, mm, r2, EBPF_COST_DELETE);
  return key ? int_result (m, ebpf_map_delete (mm->map, key)) : 0;
}

static HELPER (helper_map_push_elem)
{
  (void) r4; (void) r5;
  struct ebpf_machine_map *mm = map_arg (m, r1);
  if (mm == NULL || !writable (m, mm))
    return 0;
  charge_map (m, mm, EBPF_COST_PUSH, ebpf_map_value_size (mm->map));
  const uint8_t *value = ebpf_helper_memory (m, r2, ebpf_map_value_size (mm->map),
                                             false, "value");
  return value ? int_result (m, ebpf_map_push (mm->map, value, r3)) : 0;
}

static uint64_t
pop_or_peek (ebpf_machine *m, uint64_t handle, uint64_t addr, bool pop)
{
  struct ebpf_machine_map *mm = map_arg (m, handle);
  if (mm == NULL || (pop && !writable (m, mm)))
    return 0;
  bool bloom = ebpf_map_type (mm->map) == BPF_MAP_TYPE_BLOOM_FILTER;
  charge_map (m, mm, pop ? EBPF_COST_POP : EBPF_COST_PEEK,
              ebpf_map_value_size (mm->map));
  uint8_t *value = ebpf_helper_memory (m, addr, ebpf_map_value_size (mm->map),
                                       !bloom, "value");
  if (value == NULL)
    return 0;
  long rc = pop ? ebpf_map_pop (mm->map, value) : ebpf_map_peek (mm->map, value);
  if (rc < 0 && !bloom)   /* the kernel leaves no stale bytes behind */
    memset (value, 0, ebpf_map_value_size (mm->map));
  return int_result (m, rc);
}

static HELPER (helper_map_pop_elem)
{
  (void) r3; (void) r4; (void) r5;
  return pop_or_peek (m, r1, r2, true);
}

static HELPER (helper_map_peek_elem)
{
  (void) r3; (void) r4; (void) r5;
  return pop_or_peek (m, r1, r2, false);
}

/* bpf_for_each_map_elem (map, callback_fn, callback_ctx, flags): the
 * callback gets (map, key, value, ctx) and returns 0 to go on, 1 to stop;
 * the helper returns the number of elements visited.  Keys are handed to
 * the callback on its own stack copy, as values are addresses in the map.  */
static HELPER (helper_for_each_map_elem)
{
  (void) r5;
  if (r4 != 0)
    return int_result (m, -EINVAL);
  struct ebpf_machine_map *mm = map_arg (m, r1);
  if (mm == NULL)
    return 0;
  if (!ebpf_map_supports_for_each (mm->map))
    return int_result (m, -EINVAL);
  size_t slot;
  if (!ebpf_helper_callback_slot (m, r2, &slot))
    return 0;
  /* The callback gets a read-only copy of the key (the kernel passes a
   * pointer to a key it keeps) and the value's address in the map.  */
  struct ebpf_map_cursor cursor = { 0, 0 };
  const void *key;
  void *value;
  uint64_t visited = 0;
  while (ebpf_map_iter_next (mm->map, &cursor, m->env.cpu, &key, &value))
    {
      visited++;
      uint32_t key_size = ebpf_map_key_size (mm->map);
      if (key_size > sizeof m->scratch)
        {
          ebpf_machine_fault (m, "%s: a key of %u bytes is larger than the "
                              "simulator passes to callbacks (%zu)",
                              ebpf_helper_name (m), key_size, sizeof m->scratch);
          return 0;
        }
      memcpy (m->scratch, key, key_size);
      uint64_t key_addr = ebpf_window_base (EBPF_WINDOW_SCRATCH);
      uint64_t ret = ebpf_machine_call_function (m, slot, r1, key_addr,
                                                 value_address (mm, value), r3, 0);
      if (m->faulted)
        return 0;
      if (ret)
        break;
    }
  return visited;
}

/* ---- Ring buffers and perf output ----------------------------------------- */

static struct ebpf_machine_map *
ringbuf_arg (ebpf_machine *m, uint64_t handle)
{
  struct ebpf_machine_map *mm = map_arg (m, handle);
  if (mm && ebpf_map_type (mm->map) != BPF_MAP_TYPE_RINGBUF)
    {
      ebpf_machine_fault (m, "%s: map '%s' is not a ring buffer",
                          ebpf_helper_name (m), ebpf_map_name (mm->map));
      return NULL;
    }
  return mm;
}

static HELPER (helper_ringbuf_output)
{
  (void) r5;
  struct ebpf_machine_map *mm = ringbuf_arg (m, r1);
  const uint8_t *data = mm ? ebpf_helper_memory (m, r2, r3, false, "data") : NULL;
  if (data == NULL)
    return 0;
  ebpf_helper_charge_bytes (m, r3);
  return (uint64_t) ebpf_ringbuf_output (mm->map, data, r3, r4);
}

static HELPER (helper_ringbuf_reserve)
{
  (void) r4; (void) r5;
  struct ebpf_machine_map *mm = ringbuf_arg (m, r1);
  if (mm == NULL)
    return 0;
  void *sample = ebpf_ringbuf_reserve (mm->map, r2, r3);
  return sample ? value_address (mm, sample) : 0;
}

/* submit/discard name the sample by its address, which only the ring
 * buffer it came from can hold.  */
static uint64_t
ringbuf_finish (ebpf_machine *m, uint64_t sample, uint64_t flags, bool submit)
{
  unsigned window = (unsigned) (sample >> EBPF_REGION_SHIFT);
  for (int i = 0; i < m->n_maps; i++)
    if (m->maps[i].window == window
        && ebpf_map_type (m->maps[i].map) == BPF_MAP_TYPE_RINGBUF)
      {
        size_t size;
        uint8_t *arena = ebpf_map_arena (m->maps[i].map, &size);
        uint64_t off = sample - ebpf_window_base (window);
        if (off < size)
          {
            long rc = submit ? ebpf_ringbuf_submit (m->maps[i].map, arena + off, flags)
                             : ebpf_ringbuf_discard (m->maps[i].map, arena + off, flags);
            if (rc == 0)
              return 0;
          }
        break;
      }
  ebpf_machine_fault (m, "%s: 0x%llx is not a sample reserved from a ring "
                      "buffer", ebpf_helper_name (m), (unsigned long long) sample);
  return 0;
}

static HELPER (helper_ringbuf_submit)
{
  (void) r3; (void) r4; (void) r5;
  return ringbuf_finish (m, r1, r2, true);
}

static HELPER (helper_ringbuf_discard)
{
  (void) r3; (void) r4; (void) r5;
  return ringbuf_finish (m, r1, r2, false);
}

static HELPER (helper_ringbuf_query)
{
  (void) r3; (void) r4; (void) r5;
  struct ebpf_machine_map *mm = ringbuf_arg (m, r1);
  return mm ? ebpf_ringbuf_query (mm->map, r2) : 0;
}

/* bpf_perf_event_output (ctx, map, flags, data, size)  */
static HELPER (helper_perf_event_output)
{
  (void) r1;
  struct ebpf_machine_map *mm = map_arg (m, r2);
  if (mm == NULL)
    return 0;
  if (ebpf_map_type (mm->map) != BPF_MAP_TYPE_PERF_EVENT_ARRAY)
    {
      ebpf_machine_fault (m, "%s: map '%s' is not a perf event array",
                          ebpf_helper_name (m), ebpf_map_name (mm->map));
      return 0;
    }
  const uint8_t *data = ebpf_helper_memory (m, r4, r5, false, "data");
  if (data == NULL)
    return 0;
  /* BPF_F_CTXLEN_MASK: XDP and skb programs may have that many bytes of
   * the packet follow DATA in the record, which a longer packet must
   * hold (-EFAULT); other programs may not ask (-EINVAL).  */
  uint64_t packet_bytes = (r3 & BPF_F_CTXLEN_MASK) >> 32;
  bool has_packet = m->context_kind == EBPF_CONTEXT_XDP
                    || m->context_kind == EBPF_CONTEXT_SKB
                    || m->context_kind == EBPF_CONTEXT_SOCKET;
  if (r3 & ~(uint64_t) (BPF_F_INDEX_MASK | (has_packet ? BPF_F_CTXLEN_MASK : 0)))
    return (uint64_t) -EINVAL;
  const struct ebpf_packet *p = &m->packet;
  if (packet_bytes > p->end - p->data)
    return (uint64_t) -EFAULT;
  ebpf_helper_charge_bytes (m, r5 + packet_bytes);
  if (packet_bytes == 0)
    return (uint64_t) ebpf_perf_event_output (mm->map, r3, data, r5, m->env.cpu);
  uint8_t *record = malloc (r5 + packet_bytes);
  if (record == NULL)
    return (uint64_t) -ENOMEM;
  memcpy (record, data, r5);
  memcpy (record + r5, p->buf + p->data, packet_bytes);
  long rc = ebpf_perf_event_output (mm->map, r3 & ~(uint64_t) BPF_F_CTXLEN_MASK,
                                    record, r5 + packet_bytes, m->env.cpu);
  free (record);
  return (uint64_t) rc;
}

/* ---- Tail calls -------------------------------------------------------------- */

/* bpf_tail_call (ctx, prog_array, index): on success the program is
 * replaced (the interpreter switches after the helper returns); on
 * failure the caller goes on.  */
static HELPER (helper_tail_call)
{
  (void) r1; (void) r4; (void) r5;
  struct ebpf_machine_map *mm = map_arg (m, r2);
  if (mm == NULL)
    return 0;
  if (ebpf_map_type (mm->map) != BPF_MAP_TYPE_PROG_ARRAY)
    {
      ebpf_machine_fault (m, "%s: map '%s' is not a program array",
                          ebpf_helper_name (m), ebpf_map_name (mm->map));
      return 0;
    }
  uint32_t target;
  if (!ebpf_map_tail_call_target (mm->map, (uint32_t) r3, &target))
    return (uint64_t) -ENOENT;
  if (m->tail_calls >= MAX_TAIL_CALLS)
    return (uint64_t) -EBUSY;
  /* From a BPF-to-BPF function the target takes that function's frame
   * and returns to its caller, as in the kernel.  */
  struct ebpf_error err;
  const struct ebpf_decoded *entry = ebpf_machine_program_entry (m, (int) target, &err);
  if (entry == NULL)
    {
      ebpf_machine_fault (m, "%s: %s", ebpf_helper_name (m), err.message);
      return 0;
    }
  m->tail_calls++;
  m->tail_target = entry;
  return 0;
}

/* bpf_{sk,task,inode}_storage_get (map, owner, value, flags): storage
 * lives with its socket, task or inode, none of which a test run gives a
 * program: no storage (NULL), as the kernel gives for a NULL owner.  */
static HELPER (helper_storage_get)
{
  (void) r2; (void) r3; (void) r4; (void) r5;
  struct ebpf_machine_map *mm = map_arg (m, r1);
  if (mm != NULL && mm->type != BPF_MAP_TYPE_SK_STORAGE
      && mm->type != BPF_MAP_TYPE_TASK_STORAGE && mm->type != BPF_MAP_TYPE_INODE_STORAGE)
    ebpf_machine_fault (m, "%s: map '%s' is no socket, task or inode storage",
                        ebpf_helper_name (m), ebpf_map_name (mm->map));
  return 0;
}

/* bpf_{sk,task,inode}_storage_delete (map, owner): nothing to delete.  */
static HELPER (helper_storage_delete)
{
  (void) r2; (void) r3; (void) r4; (void) r5;
  return map_arg (m, r1) ? (uint64_t) -ENOENT : 0;
}

/* bpf_user_ringbuf_drain (map, callback, ctx, flags): user space wrote no
 * samples before the run, so none to drain.  */
static HELPER (helper_user_ringbuf_drain)
{
  (void) r2; (void) r3; (void) r4; (void) r5;
  struct ebpf_machine_map *mm = map_arg (m, r1);
  if (mm != NULL && mm->type != BPF_MAP_TYPE_USER_RINGBUF)
    {
      ebpf_machine_fault (m, "%s: map '%s' is not a user ring buffer",
                          ebpf_helper_name (m), ebpf_map_name (mm->map));
      return 0;
    }
  return 0;
}

void
ebpf_helpers_install_map (ebpf_machine *m)
{
  static const struct { int id; ebpf_helper_fn fn; } table[] = {
    { BPF_FUNC_map_lookup_elem, helper_map_lookup_elem },
    { BPF_FUNC_map_lookup_percpu_elem, helper_map_lookup_percpu_elem },
    { BPF_FUNC_redirect_map, helper_redirect_map },
    { BPF_FUNC_sk_storage_get, helper_storage_get },
    { BPF_FUNC_sk_storage_delete, helper_storage_delete },
    { BPF_FUNC_task_storage_get, helper_storage_get },
    { BPF_FUNC_task_storage_delete, helper_storage_delete },
    { BPF_FUNC_inode_storage_get, helper_storage_get },
    { BPF_FUNC_inode_storage_delete, helper_storage_delete },
    { BPF_FUNC_user_ringbuf_drain, helper_user_ringbuf_drain },
    { BPF_FUNC_map_update_elem, helper_map_update_elem },
    { BPF_FUNC_map_delete_elem, helper_map_delete_elem },
    { BPF_FUNC_map_push_elem, helper_map_push_elem },
    { BPF_FUNC_map_pop_elem, helper_map_pop_elem },
    { BPF_FUNC_map_peek_elem, helper_map_peek_elem },
    { BPF_FUNC_for_each_map_elem, helper_for_each_map_elem },
    { BPF_FUNC_ringbuf_output, helper_ringbuf_output },
    { BPF_FUNC_ringbuf_reserve, helper_ringbuf_reserve },
    { BPF_FUNC_ringbuf_submit, helper_ringbuf_submit },
    { BPF_FUNC_ringbuf_discard, helper_ringbuf_discard },
    { BPF_FUNC_ringbuf_query, helper_ringbuf_query },
    { BPF_FUNC_perf_event_output, helper_perf_event_output },
    { BPF_FUNC_tail_call, helper_tail_call },
  };
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    m->helpers[table[i].id].fn = table[i].fn;
}
