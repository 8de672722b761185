/* map.c — what all maps share: creation checks common to every type, the
 * dispatch to each family's operations, and the user-space entry points.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/error.h"
#include "map.h"

struct map_family
{
  const char *name;
  ebpf_map_create_fn create;   /* NULL: not simulated */
};

/* Indexed by enum bpf_map_type; names as bpftool spells them.  */
static const struct map_family families[] = {
  [BPF_MAP_TYPE_UNSPEC] = { "unspec", NULL },
  [BPF_MAP_TYPE_HASH] = { "hash", ebpf_map_hash_create },
  [BPF_MAP_TYPE_ARRAY] = { "array", ebpf_map_array_create },
  [BPF_MAP_TYPE_PROG_ARRAY] = { "prog_array", ebpf_map_prog_array_create },
  [BPF_MAP_TYPE_PERF_EVENT_ARRAY] = { "perf_event_array",
                                      ebpf_map_perf_create },
  [BPF_MAP_TYPE_PERCPU_HASH] = { "percpu_hash", ebpf_map_hash_create },
  [BPF_MAP_TYPE_PERCPU_ARRAY] = { "percpu_array", ebpf_map_array_create },
  [BPF_MAP_TYPE_STACK_TRACE] = { "stack_trace", NULL },
  [BPF_MAP_TYPE_CGROUP_ARRAY] = { "cgroup_array", NULL },
  [BPF_MAP_TYPE_LRU_HASH] = { "lru_hash", ebpf_map_hash_create },
  [BPF_MAP_TYPE_LRU_PERCPU_HASH] = { "lru_percpu_hash",
                                     ebpf_map_hash_create },
  [BPF_MAP_TYPE_LPM_TRIE] = { "lpm_trie", ebpf_map_lpm_create },
  [BPF_MAP_TYPE_ARRAY_OF_MAPS] = { "array_of_maps", ebpf_map_of_maps_create },
  [BPF_MAP_TYPE_HASH_OF_MAPS] = { "hash_of_maps", ebpf_map_of_maps_create },
  [BPF_MAP_TYPE_DEVMAP] = { "devmap", NULL },
  [BPF_MAP_TYPE_SOCKMAP] = { "sockmap", NULL },
  [BPF_MAP_TYPE_CPUMAP] = { "cpumap", NULL },
  [BPF_MAP_TYPE_XSKMAP] = { "xskmap", NULL },
  [BPF_MAP_TYPE_SOCKHASH] = { "sockhash", NULL },
  [BPF_MAP_TYPE_CGROUP_STORAGE] = { "cgroup_storage", NULL },
  [BPF_MAP_TYPE_REUSEPORT_SOCKARRAY] = { "reuseport_sockarray", NULL },
  [BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE] = { "percpu_cgroup_storage", NULL },
  [BPF_MAP_TYPE_QUEUE] = { "queue", ebpf_map_queue_create },
  [BPF_MAP_TYPE_STACK] = { "stack", ebpf_map_queue_create },
  [BPF_MAP_TYPE_SK_STORAGE] = { "sk_storage", NULL },
  [BPF_MAP_TYPE_DEVMAP_HASH] = { "devmap_hash", NULL },
  [BPF_MAP_TYPE_STRUCT_OPS] = { "struct_ops", NULL },
  [BPF_MAP_TYPE_RINGBUF] = { "ringbuf", ebpf_map_ringbuf_create },
  [BPF_MAP_TYPE_INODE_STORAGE] = { "inode_storage", NULL },
  [BPF_MAP_TYPE_TASK_STORAGE] = { "task_storage", NULL },
  [BPF_MAP_TYPE_BLOOM_FILTER] = { "bloom_filter", ebpf_map_bloom_create },
  [BPF_MAP_TYPE_USER_RINGBUF] = { "user_ringbuf", NULL },
};
#define N_FAMILIES (sizeof families / sizeof families[0])

const char *
ebpf_map_type_name (uint32_t type)
{
  return type < N_FAMILIES && families[type].name ? families[type].name
                                                   : "unknown";
}

int
ebpf_map_type_by_name (const char *name)
{
  for (size_t type = 0; type < N_FAMILIES; type++)
    if (families[type].name && strcmp (families[type].name, name) == 0)
      return (int) type;
  return -1;
}

long
ebpf_map_reject (struct ebpf_error *err, const struct ebpf_map *base,
                 long code, const char *fmt, ...)
{
  char why[EBPF_ERROR_MAX];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (why, sizeof why, fmt, ap);
  va_end (ap);
  ebpf_error_set (err, "map '%s' (%s): %s", base->name ? base->name : "?",
                  ebpf_map_type_name (base->type), why);
  return code;
}

long
ebpf_map_check_flags (const struct ebpf_map *base, uint32_t allowed,
                      struct ebpf_error *err)
{
  uint32_t bad = base->map_flags & ~allowed;
  if (bad != 0)
    return ebpf_map_reject (err, base, -EINVAL,
                            "map_flags 0x%x not allowed for this type "
                            "(allowed: 0x%x)", bad, allowed);
  return 0;
}

long
ebpf_map_alloc (const struct ebpf_map *base, size_t size,
                const struct ebpf_map_ops *ops, uint64_t arena_size,
                ebpf_map **out, struct ebpf_error *err)
{
  /* A guest window is 4 GiB; the kernel's own limits are lower still.  */
  if (arena_size >= ((uint64_t) 1 << 32))
    return ebpf_map_reject (err, base, -E2BIG,
                            "values need %llu bytes, more than the 4 GiB "
                            "a map may have",
                            (unsigned long long) arena_size);
  ebpf_map *m = calloc (1, size);
  /* calloc of a large arena takes fresh zero pages from the system: only
   * the pages a program touches become resident.  */
  uint8_t *arena = arena_size ? calloc (1, arena_size) : NULL;
  char *name = strdup (base->name);
  if (m == NULL || (arena_size && arena == NULL) || name == NULL)
    {
      free (m);
      free (arena);
      free (name);
      return ebpf_map_reject (err, base, -ENOMEM,
                              "out of memory for %llu bytes of values",
                              (unsigned long long) arena_size);
    }
  *m = *base;
  m->ops = ops;
  m->name = name;
  m->arena = arena;
  m->arena_size = arena_size;
  *out = m;
  return 0;
}

long
ebpf_map_create (const struct ebpf_map_spec *spec, unsigned ncpus,
                 ebpf_map **out, struct ebpf_error *err)
{
  *out = NULL;
  struct ebpf_map base = {
    .name = (char *) (spec->name ? spec->name : ""),
    .type = spec->type,
    .key_size = spec->key_size,
    .value_size = spec->value_size,
    .max_entries = spec->max_entries,
    .map_flags = spec->map_flags,
    .map_extra = spec->map_extra,
    .id = spec->id,
    .ncpus = ncpus,
    .percpu = spec->type == BPF_MAP_TYPE_PERCPU_ARRAY
              || spec->type == BPF_MAP_TYPE_PERCPU_HASH
              || spec->type == BPF_MAP_TYPE_LRU_PERCPU_HASH,
    .value_stride = ebpf_round_up_8 (spec->value_size),
  };
  base.slot_size = base.value_stride * (base.percpu ? ncpus : 1);

  if (spec->type >= N_FAMILIES || families[spec->type].name == NULL)
    return ebpf_map_reject (err, &base, -EINVAL, "unknown map type %u",
                            spec->type);
  if (families[spec->type].create == NULL)
    return ebpf_map_reject (err, &base, -EINVAL,
                            "map type %u is not supported by the simulator",
                            spec->type);
  if (ncpus == 0 || ncpus > 4096)
    return ebpf_map_reject (err, &base, -EINVAL,
                            "the CPU count must be 1..4096, not %u", ncpus);
  if (spec->value_size > UINT32_MAX - 7)
    return ebpf_map_reject (err, &base, -E2BIG, "value_size %u is too large",
                            spec->value_size);
  /* map_create: only the bloom filter (and arena maps) use map_extra.  */
  if (spec->map_extra != 0 && spec->type != BPF_MAP_TYPE_BLOOM_FILTER)
    return ebpf_map_reject (err, &base, -EINVAL,
                            "map_extra must be 0 for this type");
  /* bpf_map_flags_access_ok: a map is not both read-only and write-only,
   * for user space or for programs.  */
  if ((spec->map_flags & BPF_F_RDONLY) && (spec->map_flags & BPF_F_WRONLY))
    return ebpf_map_reject (err, &base, -EINVAL,
                            "BPF_F_RDONLY and BPF_F_WRONLY together");
  if ((spec->map_flags & BPF_F_RDONLY_PROG)
      && (spec->map_flags & BPF_F_WRONLY_PROG))
    return ebpf_map_reject (err, &base, -EINVAL,
                            "BPF_F_RDONLY_PROG and BPF_F_WRONLY_PROG "
                            "together");
  if (spec->inner != NULL)
    {
      if (spec->type != BPF_MAP_TYPE_ARRAY_OF_MAPS
          && spec->type != BPF_MAP_TYPE_HASH_OF_MAPS)
        return ebpf_map_reject (err, &base, -EINVAL,
                                "only map-of-maps take an inner map");
      const ebpf_map *in = spec->inner;
      base.inner_template = (struct ebpf_map_spec) {
        .type = in->type, .key_size = in->key_size,
        .value_size = in->value_size, .max_entries = in->max_entries,
        .map_flags = in->map_flags, .map_extra = in->map_extra,
      };
    }
  return families[spec->type].create (&base, out, err);
}

void
ebpf_map_free (ebpf_map *m)
{
  if (m == NULL)
    return;
  if (m->ops->destroy)
    m->ops->destroy (m);
  free (m->arena);
  free (m->name);
  free (m);
}

const char *ebpf_map_name (const ebpf_map *m) { return m->name; }
uint32_t ebpf_map_type (const ebpf_map *m) { return m->type; }
uint32_t ebpf_map_key_size (const ebpf_map *m) { return m->key_size; }
uint32_t ebpf_map_value_size (const ebpf_map *m) { return m->value_size; }
uint32_t ebpf_map_max_entries (const ebpf_map *m) { return m->max_entries; }
uint32_t ebpf_map_flags (const ebpf_map *m) { return m->map_flags; }
uint32_t ebpf_map_id (const ebpf_map *m) { return m->id; }
unsigned ebpf_map_ncpus (const ebpf_map *m) { return m->ncpus; }
bool ebpf_map_is_percpu (const ebpf_map *m) { return m->percpu; }

uint8_t *
ebpf_map_arena (const ebpf_map *m, size_t *size)
{
  *size = m->arena_size;
  return m->arena;
}

/* ---- The program's side ------------------------------------------------ */

void *
ebpf_map_lookup (ebpf_map *m, const void *key, unsigned cpu)
{
  if (m->ops->lookup == NULL || cpu >= m->ncpus)
    return NULL;
  return m->ops->lookup (m, key, (int) cpu);
}

long
ebpf_map_update (ebpf_map *m, const void *key, const void *value,
                 uint64_t flags, unsigned cpu)
{
  if (m->ops->update == NULL || cpu >= m->ncpus)
    return -EINVAL;
  return m->ops->update (m, key, value, flags, (int) cpu);
}

long
ebpf_map_delete (ebpf_map *m, const void *key)
{
  return m->ops->delete_elem ? m->ops->delete_elem (m, key) : -EINVAL;
}

long
ebpf_map_push (ebpf_map *m, const void *value, uint64_t flags)
{
  return m->ops->push ? m->ops->push (m, value, flags) : -EINVAL;
}

long
ebpf_map_pop (ebpf_map *m, void *value)
{
  return m->ops->pop ? m->ops->pop (m, value) : -EINVAL;
}

long
ebpf_map_peek (ebpf_map *m, void *value)
{
  return m->ops->peek ? m->ops->peek (m, value) : -EINVAL;
}

long
ebpf_map_nth (ebpf_map *m, uint32_t i, void *value)
{
  return m->ops->nth ? m->ops->nth (m, i, value) : -EINVAL;
}

bool
ebpf_map_supports_for_each (const ebpf_map *m)
{
  return m->ops->iter_next != NULL;
}

bool
ebpf_map_iter_next (ebpf_map *m, struct ebpf_map_cursor *cursor,
                    unsigned cpu, const void **key, void **value)
{
  if (m->ops->iter_next == NULL || cpu >= m->ncpus)
    return false;
  return m->ops->iter_next (m, cursor, (int) cpu, key, value);
}

long
ebpf_map_for_each (ebpf_map *m, unsigned cpu, ebpf_map_elem_fn fn, void *ctx)
{
  if (!ebpf_map_supports_for_each (m))
    return -EINVAL;
  struct ebpf_map_cursor cursor = { 0 };
  const void *key;
  void *value;
  long visited = 0;
  while (ebpf_map_iter_next (m, &cursor, cpu, &key, &value))
    {
      visited++;
      if (fn (m, key, value, ctx) != 0)
        break;
    }
  return visited;
}

bool
ebpf_map_tail_call_target (ebpf_map *m, uint32_t index, uint32_t *prog_index)
{
  if (m->type != BPF_MAP_TYPE_PROG_ARRAY)
    return false;
  const uint32_t *p = m->ops->lookup (m, &index, 0);
  if (p == NULL)
    return false;
  *prog_index = *p;
  return true;
}

/* ---- User space's side ------------------------------------------------- */

size_t
ebpf_map_sys_value_size (const ebpf_map *m)
{
  return m->percpu ? (size_t) m->value_stride * m->ncpus : m->value_size;
}

long
ebpf_map_sys_lookup (ebpf_map *m, const void *key, void *value)
{
  switch (m->type)
    {
    case BPF_MAP_TYPE_QUEUE:
    case BPF_MAP_TYPE_STACK:
    case BPF_MAP_TYPE_BLOOM_FILTER:
      return ebpf_map_peek (m, value);
    default:
      break;
    }
  if (m->ops->lookup == NULL)
    return -EBPF_ENOTSUPP;
  const void *p = m->ops->lookup (m, key, -1);
  if (p == NULL)
    return -ENOENT;
  memcpy (value, p, ebpf_map_sys_value_size (m));
  return 0;
}

long
ebpf_map_sys_update (ebpf_map *m, const void *key, const void *value,
                     uint64_t flags)
{
  switch (m->type)
    {
    case BPF_MAP_TYPE_QUEUE:
    case BPF_MAP_TYPE_STACK:
    case BPF_MAP_TYPE_BLOOM_FILTER:
      return ebpf_map_push (m, value, flags);
    case BPF_MAP_TYPE_ARRAY_OF_MAPS:
    case BPF_MAP_TYPE_HASH_OF_MAPS:
      return -EINVAL;   /* ebpf_map_sys_update_inner checks the template */
    default:
      break;
    }
  if (m->ops->update == NULL)
    return -EINVAL;
  return m->ops->update (m, key, value, flags, -1);
}

/* bpf_map_meta_equal: type, key and value sizes and flags must match the
 * template; max_entries too, unless the template is an array made with
 * BPF_F_INNER_MAP.  */
long
ebpf_map_sys_update_inner (ebpf_map *outer, const void *key,
                           const ebpf_map *inner, uint64_t flags)
{
  if (outer->type != BPF_MAP_TYPE_ARRAY_OF_MAPS
      && outer->type != BPF_MAP_TYPE_HASH_OF_MAPS)
    return -EINVAL;
  const struct ebpf_map_spec *t = &outer->inner_template;
  if (inner->type != t->type || inner->key_size != t->key_size
      || inner->value_size != t->value_size
      || inner->map_flags != t->map_flags)
    return -EINVAL;
  bool any_size = (t->type == BPF_MAP_TYPE_ARRAY
                   || t->type == BPF_MAP_TYPE_PERCPU_ARRAY)
                  && (t->map_flags & BPF_F_INNER_MAP);
  if (!any_size && inner->max_entries != t->max_entries)
    return -EINVAL;
  uint32_t id = inner->id;
  return outer->ops->update (outer, key, &id, flags, -1);
}

long
ebpf_map_sys_delete (ebpf_map *m, const void *key)
{
  return ebpf_map_delete (m, key);
}

long
ebpf_map_get_next_key (ebpf_map *m, const void *key, void *next_key)
{
  if (m->ops->get_next_key == NULL)
    return -EINVAL;
  return m->ops->get_next_key (m, key, next_key);
}

long
ebpf_keyless_check_sizes (const struct ebpf_map *base, struct ebpf_error *err)
{
  if (base->key_size != 0)
    return ebpf_map_reject (err, base, -EINVAL,
                            "key_size must be 0 (values have no key), "
                            "not %u", base->key_size);
  if (base->value_size == 0 || base->max_entries == 0)
    return ebpf_map_reject (err, base, -EINVAL,
                            "value_size and max_entries must not be 0");
  return 0;
}
