/* map-hash.c — BPF_MAP_TYPE_HASH, PERCPU_HASH, LRU_HASH, LRU_PERCPU_HASH
 * (and the storage of HASH_OF_MAPS).  Keys find slots through the slot
 * table (map-table.c); slot i's value is at i * slot_size in the arena, so
 * a value keeps its address for as long as its element lives.
 *
 * LRU model.  The kernel's LRU is approximate: a lookup only sets a
 * "referenced" bit, and when it needs a free element it scans the inactive
 * end of an active/inactive list pair, giving referenced elements a second
 * chance and freeing a batch at a time into per-CPU caches.  We keep one
 * exact recency list instead (the common-LRU case): a program's lookup or
 * any update makes an element the most recently used, and inserting into a
 * full map evicts the least recently used one.  This is what the kernel
 * approximates and what programs rely on ("hot entries survive, cold ones
 * go"); it differs only in which cold element goes first and in never
 * evicting before the map is full.  User-space lookups do not count as a
 * use, as in the kernel.
 *
 * Updates write in place.  (The kernel swaps in a fresh element for plain
 * hash maps, so a value pointer held across an update of the same key
 * would there still show the old value.)
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "map.h"

#define PERCPU_VALUE_MAX 32768   /* the kernel's PCPU_MIN_UNIT_SIZE */
#define KEY_SIZE_MAX 512         /* MAX_BPF_STACK: keys live on the stack */

struct hash_map
{
  struct ebpf_map map;
  struct ebpf_slot_table table;
  bool lru;
  uint32_t *lru_prev, *lru_next;   /* recency list over live slots */
  uint32_t lru_newest, lru_oldest;
};

static inline struct hash_map *
hash_of (ebpf_map *m)
{
  return (struct hash_map *) m;
}

static inline uint8_t *
slot_value (ebpf_map *m, uint32_t slot, int cpu)
{
  uint8_t *p = m->arena + (size_t) slot * m->slot_size;
  if (m->percpu && cpu > 0)
    p += (size_t) cpu * m->value_stride;
  return p;
}

/* ---- The recency list ---------------------------------------------------*/

static void
lru_unlink (struct hash_map *h, uint32_t slot)
{
  uint32_t p = h->lru_prev[slot], n = h->lru_next[slot];
  if (p != EBPF_NO_SLOT)
    h->lru_next[p] = n;
  else
    h->lru_newest = n;
  if (n != EBPF_NO_SLOT)
    h->lru_prev[n] = p;
  else
    h->lru_oldest = p;
}

static void
lru_push_newest (struct hash_map *h, uint32_t slot)
{
  h->lru_prev[slot] = EBPF_NO_SLOT;
  h->lru_next[slot] = h->lru_newest;
  if (h->lru_newest != EBPF_NO_SLOT)
    h->lru_prev[h->lru_newest] = slot;
  else
    h->lru_oldest = slot;
  h->lru_newest = slot;
}

static inline void
lru_touch (struct hash_map *h, uint32_t slot)
{
  if (h->lru_newest != slot)
    {
      lru_unlink (h, slot);
      lru_push_newest (h, slot);
    }
}

/* ---- Operations ---------------------------------------------------------*/

static void *
hash_lookup (ebpf_map *m, const void *key, int cpu)
{
  struct hash_map *h = hash_of (m);
  uint32_t slot = ebpf_slot_table_find (&h->table, key,
                                        ebpf_slot_table_hash (&h->table, key));
  if (slot == EBPF_NO_SLOT)
    return NULL;
  if (h->lru && cpu >= 0)
    lru_touch (h, slot);
  return slot_value (m, slot, cpu);
}

static void
write_value (ebpf_map *m, uint32_t slot, const void *value, int cpu)
{
  if (!m->percpu)
    memcpy (slot_value (m, slot, 0), value, m->value_size);
  else if (cpu >= 0)
    memcpy (slot_value (m, slot, cpu), value, m->value_size);
  else
    for (unsigned c = 0; c < m->ncpus; c++)
      memcpy (slot_value (m, slot, (int) c),
              (const uint8_t *) value + (size_t) c * m->value_stride,
              m->value_size);
}

static long
hash_update (ebpf_map *m, const void *key, const void *value,
             uint64_t flags, int cpu)
{
  struct hash_map *h = hash_of (m);
  if ((flags & ~(uint64_t) BPF_F_LOCK) > BPF_EXIST)
    return -EINVAL;
  if (flags & BPF_F_LOCK)
    return -EINVAL;   /* needs a bpf_spin_lock in the value (BTF) */

  uint32_t hash = ebpf_slot_table_hash (&h->table, key);
  uint32_t slot = ebpf_slot_table_find (&h->table, key, hash);
  if (slot != EBPF_NO_SLOT)
    {
      if (flags == BPF_NOEXIST)
        return -EEXIST;
      write_value (m, slot, value, cpu);
      if (h->lru)
        lru_touch (h, slot);
      return 0;
    }
  if (flags == BPF_EXIST)
    return -ENOENT;

  slot = ebpf_slot_table_insert (&h->table, key, hash);
  if (slot == EBPF_NO_SLOT)
    {
      if (!h->lru)
        return -E2BIG;
      uint32_t victim = h->lru_oldest;
      lru_unlink (h, victim);
      ebpf_slot_table_remove (&h->table, victim);
      slot = ebpf_slot_table_insert (&h->table, key, hash);
    }
  /* A new element starts zeroed: a per-CPU update from a program fills
   * only its own CPU's copy, and a reused slot holds old bytes.  */
  memset (slot_value (m, slot, 0), 0, m->slot_size);
  write_value (m, slot, value, cpu);
  if (h->lru)
    lru_push_newest (h, slot);
  return 0;
}

static long
hash_delete (ebpf_map *m, const void *key)
{
  struct hash_map *h = hash_of (m);
  uint32_t slot = ebpf_slot_table_find (&h->table, key,
                                        ebpf_slot_table_hash (&h->table, key));
  if (slot == EBPF_NO_SLOT)
    return -ENOENT;
  if (h->lru)
    lru_unlink (h, slot);
  ebpf_slot_table_remove (&h->table, slot);
  return 0;
}

static long
hash_get_next_key (ebpf_map *m, const void *key, void *next_key)
{
  struct hash_map *h = hash_of (m);
  const struct ebpf_slot_table *t = &h->table;
  uint32_t slot = key ? ebpf_slot_table_find (t, key,
                                              ebpf_slot_table_hash (t, key))
                      : EBPF_NO_SLOT;
  uint32_t next = slot == EBPF_NO_SLOT ? t->head : t->next[slot];
  if (next == EBPF_NO_SLOT)
    return -ENOENT;
  memcpy (next_key, ebpf_slot_key (t, next), m->key_size);
  return 0;
}

/* cursor->next: 0 before the first element, slot + 1 of the next one, or
 * UINT64_MAX at the end.  If the callback deleted the element that was to
 * come next, the walk ends there.  */
static bool
hash_iter_next (ebpf_map *m, struct ebpf_map_cursor *cursor, int cpu,
                const void **key, void **value)
{
  const struct ebpf_slot_table *t = &hash_of (m)->table;
  uint32_t slot;
  if (cursor->next == UINT64_MAX)
    return false;
  if (cursor->next == 0)
    slot = t->head;
  else
    {
      slot = (uint32_t) (cursor->next - 1);
      if (!ebpf_slot_live (t, slot))
        slot = EBPF_NO_SLOT;
    }
  if (slot == EBPF_NO_SLOT)
    {
      cursor->next = UINT64_MAX;
      return false;
    }
  uint32_t next = t->next[slot];
  cursor->next = next == EBPF_NO_SLOT ? UINT64_MAX : (uint64_t) next + 1;
  *key = ebpf_slot_key (t, slot);
  *value = slot_value (m, slot, cpu);
  return true;
}

static void
hash_destroy (ebpf_map *m)
{
  struct hash_map *h = hash_of (m);
  ebpf_slot_table_fini (&h->table);
  free (h->lru_prev);
  free (h->lru_next);
}

static const struct ebpf_map_ops hash_ops = {
  .lookup = hash_lookup,
  .update = hash_update,
  .delete_elem = hash_delete,
  .get_next_key = hash_get_next_key,
  .iter_next = hash_iter_next,
  .destroy = hash_destroy,
};

/* Hash-of-maps share the storage but not bpf_for_each_map_elem.  */
static const struct ebpf_map_ops hash_of_maps_ops = {
  .lookup = hash_lookup,
  .update = hash_update,
  .delete_elem = hash_delete,
  .get_next_key = hash_get_next_key,
  .destroy = hash_destroy,
};

long
ebpf_map_hash_create (const struct ebpf_map *base, ebpf_map **out,
                      struct ebpf_error *err)
{
  bool lru = base->type == BPF_MAP_TYPE_LRU_HASH
             || base->type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
  long rc = ebpf_map_check_flags (base, EBPF_MAP_COMMON_FLAGS
                                        | BPF_F_NO_PREALLOC
                                        | BPF_F_NO_COMMON_LRU
                                        | BPF_F_ZERO_SEED, err);
  if (rc != 0)
    return rc;
  /* htab_map_alloc_check's rules.  BPF_F_NO_PREALLOC is accepted and
   * changes nothing here: the arena is always reserved up front, and its
   * untouched pages cost nothing.  */
  if (lru && (base->map_flags & BPF_F_NO_PREALLOC))
    return ebpf_map_reject (err, base, -EINVAL,
                            "an LRU hash map must be preallocated "
                            "(no BPF_F_NO_PREALLOC)");
  if (!lru && (base->map_flags & BPF_F_NO_COMMON_LRU))
    return ebpf_map_reject (err, base, -EINVAL,
                            "BPF_F_NO_COMMON_LRU is for LRU maps only");
  if (base->max_entries == 0 || base->key_size == 0
      || base->value_size == 0)
    return ebpf_map_reject (err, base, -EINVAL,
                            "key_size, value_size and max_entries must not "
                            "be 0 (%u, %u, %u)", base->key_size,
                            base->value_size, base->max_entries);
  if (base->key_size > KEY_SIZE_MAX)
    return ebpf_map_reject (err, base, -E2BIG,
                            "key_size %u exceeds the %u bytes of a stack "
                            "frame", base->key_size, KEY_SIZE_MAX);
  if (base->percpu && base->value_size > PERCPU_VALUE_MAX)
    return ebpf_map_reject (err, base, -E2BIG,
                            "value_size %u exceeds the per-CPU limit %u",
                            base->value_size, PERCPU_VALUE_MAX);

  ebpf_map *m;
  rc = ebpf_map_alloc (base, sizeof (struct hash_map),
                       base->type == BPF_MAP_TYPE_HASH_OF_MAPS
                       ? &hash_of_maps_ops : &hash_ops,
                       (uint64_t) base->max_entries * base->slot_size, &m,
                       err);
  if (rc != 0)
    return rc;
  struct hash_map *h = hash_of (m);
  h->lru = lru;
  h->lru_newest = h->lru_oldest = EBPF_NO_SLOT;
  bool ok = ebpf_slot_table_init (&h->table, base->max_entries,
                                  base->key_size);
  if (ok && lru)
    {
      h->lru_prev = calloc (base->max_entries, sizeof *h->lru_prev);
      h->lru_next = calloc (base->max_entries, sizeof *h->lru_next);
      ok = h->lru_prev && h->lru_next;
    }
  if (!ok)
    {
      ebpf_map_free (m);
      return ebpf_map_reject (err, base, -ENOMEM,
                              "out of memory for the index of %u entries",
                              base->max_entries);
    }
  *out = m;
  return 0;
}
