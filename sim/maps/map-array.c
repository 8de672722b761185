/* map-array.c — BPF_MAP_TYPE_ARRAY and PERCPU_ARRAY: max_entries values
 * indexed by a u32 key, all present from creation and zeroed.  Element i
 * sits at i * slot_size in the arena; a per-CPU element holds ncpus copies
 * of value_size rounded up to 8 bytes, as the kernel lays them out.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <string.h>
#include "map.h"

/* The kernel's PCPU_MIN_UNIT_SIZE: the largest per-CPU value.  */
#define PERCPU_VALUE_MAX 32768

static void *
array_lookup (ebpf_map *m, const void *key, int cpu)
{
  uint32_t index = ebpf_array_key_index (key);
  if (index >= m->max_entries)
    return NULL;
  uint8_t *p = m->arena + (size_t) index * m->slot_size;
  if (m->percpu && cpu > 0)
    p += (size_t) cpu * m->value_stride;
  return p;
}

static long
array_update (ebpf_map *m, const void *key, const void *value,
              uint64_t flags, int cpu)
{
  /* The kernel's order of checks: flags, index, then BPF_NOEXIST (every
   * element of an array exists); BPF_F_LOCK needs a spin lock in the
   * value, which a map without BTF never has.  */
  if ((flags & ~(uint64_t) BPF_F_LOCK) > BPF_EXIST)
    return -EINVAL;
  uint32_t index = ebpf_array_key_index (key);
  if (index >= m->max_entries)
    return -E2BIG;
  if (flags & BPF_NOEXIST)
    return -EEXIST;
  if (flags & BPF_F_LOCK)
    return -EINVAL;
  uint8_t *slot = m->arena + (size_t) index * m->slot_size;
  if (!m->percpu)
    memcpy (slot, value, m->value_size);
  else if (cpu >= 0)
    memcpy (slot + (size_t) cpu * m->value_stride, value, m->value_size);
  else
    for (unsigned c = 0; c < m->ncpus; c++)
      memcpy (slot + (size_t) c * m->value_stride,
              (const uint8_t *) value + (size_t) c * m->value_stride,
              m->value_size);
  return 0;
}

static long
array_delete (ebpf_map *m, const void *key)
{
  (void) m; (void) key;
  return -EINVAL;   /* array elements cannot be removed */
}

long
ebpf_array_get_next_key (const ebpf_map *m, const void *key, void *next_key)
{
  uint32_t index = key ? ebpf_array_key_index (key) : UINT32_MAX;
  uint32_t next;
  if (index >= m->max_entries)
    next = 0;
  else if (index == m->max_entries - 1)
    return -ENOENT;
  else
    next = index + 1;
  memcpy (next_key, &next, sizeof next);
  return 0;
}

static long
array_get_next_key (ebpf_map *m, const void *key, void *next_key)
{
  return ebpf_array_get_next_key (m, key, next_key);
}

static bool
array_iter_next (ebpf_map *m, struct ebpf_map_cursor *cursor, int cpu,
                 const void **key, void **value)
{
  if (cursor->next >= m->max_entries)
    return false;
  cursor->index = (uint32_t) cursor->next++;
  *key = &cursor->index;
  *value = array_lookup (m, &cursor->index, cpu);
  return true;
}

static const struct ebpf_map_ops array_ops = {
  .lookup = array_lookup,
  .update = array_update,
  .delete_elem = array_delete,
  .get_next_key = array_get_next_key,
  .iter_next = array_iter_next,
};

long
ebpf_array_check_sizes (const struct ebpf_map *base, struct ebpf_error *err)
{
  if (base->key_size != 4)
    return ebpf_map_reject (err, base, -EINVAL,
                            "key_size must be 4 (a u32 index), not %u",
                            base->key_size);
  if (base->value_size == 0)
    return ebpf_map_reject (err, base, -EINVAL, "value_size must not be 0");
  if (base->max_entries == 0)
    return ebpf_map_reject (err, base, -EINVAL, "max_entries must not be 0");
  return 0;
}

long
ebpf_map_array_create (const struct ebpf_map *base, ebpf_map **out,
                       struct ebpf_error *err)
{
  long rc = ebpf_array_check_sizes (base, err);
  if (rc == 0)
    rc = ebpf_map_check_flags (base, EBPF_MAP_COMMON_FLAGS | BPF_F_MMAPABLE
                                     | BPF_F_INNER_MAP, err);
  if (rc != 0)
    return rc;
  if (base->percpu && (base->map_flags & BPF_F_MMAPABLE))
    return ebpf_map_reject (err, base, -EINVAL,
                            "a per-CPU array cannot be BPF_F_MMAPABLE");
  if (base->percpu && base->value_size > PERCPU_VALUE_MAX)
    return ebpf_map_reject (err, base, -E2BIG,
                            "value_size %u exceeds the per-CPU limit %u",
                            base->value_size, PERCPU_VALUE_MAX);
  return ebpf_map_alloc (base, sizeof (ebpf_map), &array_ops,
                         (uint64_t) base->max_entries * base->slot_size, out,
                         err);
}
