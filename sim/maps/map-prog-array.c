/* map-prog-array.c — arrays of references: BPF_MAP_TYPE_PROG_ARRAY (the
 * program index a tail call jumps to) and the storage of ARRAY_OF_MAPS
 * (inner map ids).  A slot is empty until set; the u32 values sit in the
 * arena.  The kernel keeps these updates to BPF_ANY and lets a slot be
 * cleared, unlike a plain array.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "map.h"

struct ref_array
{
  struct ebpf_map map;
  uint8_t *present;
};

static inline struct ref_array *
ref_array_of (ebpf_map *m)
{
  return (struct ref_array *) m;
}

static void *
ref_array_lookup (ebpf_map *m, const void *key, int cpu)
{
  (void) cpu;
  uint32_t index = ebpf_array_key_index (key);
  if (index >= m->max_entries || !ref_array_of (m)->present[index])
    return NULL;
  return m->arena + (size_t) index * m->slot_size;
}

static long
ref_array_update (ebpf_map *m, const void *key, const void *value,
                  uint64_t flags, int cpu)
{
  (void) cpu;
  if (flags != BPF_ANY)
    return -EINVAL;
  uint32_t index = ebpf_array_key_index (key);
  if (index >= m->max_entries)
    return -E2BIG;
  memcpy (m->arena + (size_t) index * m->slot_size, value, sizeof (uint32_t));
  ref_array_of (m)->present[index] = 1;
  return 0;
}

static long
ref_array_delete (ebpf_map *m, const void *key)
{
  uint32_t index = ebpf_array_key_index (key);
  if (index >= m->max_entries)
    return -E2BIG;
  if (!ref_array_of (m)->present[index])
    return -ENOENT;
  ref_array_of (m)->present[index] = 0;
  return 0;
}

static long
ref_array_get_next_key (ebpf_map *m, const void *key, void *next_key)
{
  return ebpf_array_get_next_key (m, key, next_key);
}

static void
ref_array_destroy (ebpf_map *m)
{
  free (ref_array_of (m)->present);
}

static const struct ebpf_map_ops ref_array_ops = {
  .lookup = ref_array_lookup,
  .update = ref_array_update,
  .delete_elem = ref_array_delete,
  .get_next_key = ref_array_get_next_key,
  .destroy = ref_array_destroy,
};

/* fd_array_map_alloc_check: an array whose value is a u32 reference, with
 * no BPF_F_RDONLY_PROG/WRONLY_PROG.  */
long
ebpf_ref_array_create (const struct ebpf_map *base, ebpf_map **out,
                       struct ebpf_error *err)
{
  long rc = ebpf_array_check_sizes (base, err);
  if (rc == 0)
    rc = ebpf_map_check_flags (base, BPF_F_NUMA_NODE | BPF_F_RDONLY
                                     | BPF_F_WRONLY | BPF_F_INNER_MAP, err);
  if (rc != 0)
    return rc;
  if (base->value_size != 4)
    return ebpf_map_reject (err, base, -EINVAL,
                            "value_size must be 4 (a u32 reference), not %u",
                            base->value_size);
  ebpf_map *m;
  rc = ebpf_map_alloc (base, sizeof (struct ref_array), &ref_array_ops,
                       (uint64_t) base->max_entries * base->slot_size, &m,
                       err);
  if (rc != 0)
    return rc;
  ref_array_of (m)->present = calloc (base->max_entries, 1);
  if (ref_array_of (m)->present == NULL)
    {
      ebpf_map_free (m);
      return ebpf_map_reject (err, base, -ENOMEM, "out of memory");
    }
  *out = m;
  return 0;
}

long
ebpf_map_prog_array_create (const struct ebpf_map *base, ebpf_map **out,
                            struct ebpf_error *err)
{
  return ebpf_ref_array_create (base, out, err);
}
