/* map-lpm.c — BPF_MAP_TYPE_LPM_TRIE: keys are a u32 prefix length then
 * data bytes, matched bit by bit from the most significant bit of the
 * first byte (network order).
 *
 * Not a trie: an entry is found by its exact (prefix length, data masked
 * to that length) in the slot table, and a lookup tries the prefix lengths
 * that have entries, longest first, so it costs one probe per distinct
 * length in use (a handful for real routing tables).  A sorted index keeps
 * the kernel's get_next_key order — the post-order of its trie, where a
 * more specific prefix comes before the prefix that contains it and a 0
 * bit before a 1 bit.
 *
 * The kernel stores the data bytes exactly as the update gave them, bits
 * past the prefix included, and get_next_key returns them; so do we.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "map.h"

#define PREFIXLEN_SIZE 4
#define KEY_SIZE_MIN (PREFIXLEN_SIZE + 1)
#define KEY_SIZE_MAX (PREFIXLEN_SIZE + 256)   /* LPM_DATA_SIZE_MAX */

struct lpm_map
{
  struct ebpf_map map;
  struct ebpf_slot_table table;   /* key: prefix length, masked data */
  uint8_t *given_keys;            /* per slot, the key as updated */
  uint32_t data_size, max_prefixlen;
  uint32_t *order;                /* live slots in get_next_key order */
  uint32_t *count_by_len;         /* entries per prefix length */
};

static inline struct lpm_map *
lpm_of (ebpf_map *m)
{
  return (struct lpm_map *) m;
}

static inline uint32_t
key_prefixlen (const void *key)
{
  uint32_t len;
  memcpy (&len, key, sizeof len);
  return len;
}

/* The identity of KEY cut to LEN bits, into OUT (key_size bytes).  */
static void
mask_key (const struct lpm_map *l, const void *key, uint32_t len,
          uint8_t *out)
{
  memcpy (out, &len, PREFIXLEN_SIZE);
  uint8_t *data = out + PREFIXLEN_SIZE;
  memcpy (data, (const uint8_t *) key + PREFIXLEN_SIZE, l->data_size);
  uint32_t full = len / 8;
  if (len % 8)
    data[full++] &= (uint8_t) (0xff00 >> (len % 8));
  memset (data + full, 0, l->data_size - full);
}

/* Does masked key A come before masked key B in post-order?  */
static bool
lpm_before (const struct lpm_map *l, const uint8_t *a, const uint8_t *b)
{
  uint32_t la = key_prefixlen (a), lb = key_prefixlen (b);
  uint32_t common = la < lb ? la : lb;
  const uint8_t *da = a + PREFIXLEN_SIZE, *db = b + PREFIXLEN_SIZE;
  for (uint32_t i = 0; i * 8 < common && i < l->data_size; i++)
    if (da[i] != db[i])
      {
        uint8_t diff = da[i] ^ db[i];
        uint32_t bit = i * 8;
        while (!(diff & 0x80))
          {
            diff <<= 1;
            bit++;
          }
        if (bit < common)
          return (da[i] & (0x80 >> (bit % 8))) == 0;
        break;
      }
  /* One contains the other: the more specific goes first.  */
  return la > lb;
}

/* Index in order[] of the first entry not before KEY.  */
static uint32_t
order_position (const struct lpm_map *l, const uint8_t *key)
{
  uint32_t lo = 0, hi = l->table.count;
  while (lo < hi)
    {
      uint32_t mid = lo + (hi - lo) / 2;
      if (lpm_before (l, ebpf_slot_key (&l->table, l->order[mid]), key))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void *
lpm_lookup (ebpf_map *m, const void *key, int cpu)
{
  (void) cpu;
  struct lpm_map *l = lpm_of (m);
  uint8_t probe[KEY_SIZE_MAX];
  uint32_t len = key_prefixlen (key);
  if (len > l->max_prefixlen)
    len = l->max_prefixlen;
  for (uint32_t n = len + 1; n-- > 0;)
    {
      if (l->count_by_len[n] == 0)
        continue;
      mask_key (l, key, n, probe);
      uint32_t slot = ebpf_slot_table_find (&l->table, probe,
                                            ebpf_slot_table_hash (&l->table,
                                                                  probe));
      if (slot != EBPF_NO_SLOT)
        return m->arena + (size_t) slot * m->slot_size;
    }
  return NULL;
}

static uint32_t
find_exact (struct lpm_map *l, const void *key, uint8_t *masked)
{
  mask_key (l, key, key_prefixlen (key), masked);
  return ebpf_slot_table_find (&l->table, masked,
                               ebpf_slot_table_hash (&l->table, masked));
}

static long
lpm_update (ebpf_map *m, const void *key, const void *value, uint64_t flags,
            int cpu)
{
  (void) cpu;
  struct lpm_map *l = lpm_of (m);
  if (flags > BPF_EXIST)
    return -EINVAL;
  uint32_t len = key_prefixlen (key);
  if (len > l->max_prefixlen)
    return -EINVAL;
  uint8_t masked[KEY_SIZE_MAX];
  uint32_t slot = find_exact (l, key, masked);
  if (slot != EBPF_NO_SLOT)
    {
      if (flags == BPF_NOEXIST)
        return -EEXIST;
    }
  else
    {
      if (flags == BPF_EXIST)
        return -ENOENT;
      if (l->table.count == l->table.capacity)
        return -ENOSPC;   /* the trie's "full", unlike the hash's -E2BIG */
      uint32_t pos = order_position (l, masked);
      slot = ebpf_slot_table_insert (&l->table, masked,
                                     ebpf_slot_table_hash (&l->table,
                                                           masked));
      memmove (l->order + pos + 1, l->order + pos,
               (l->table.count - 1 - pos) * sizeof *l->order);
      l->order[pos] = slot;
      l->count_by_len[len]++;
    }
  memcpy (l->given_keys + (size_t) slot * m->key_size, key, m->key_size);
  memcpy (m->arena + (size_t) slot * m->slot_size, value, m->value_size);
  return 0;
}

static long
lpm_delete (ebpf_map *m, const void *key)
{
  struct lpm_map *l = lpm_of (m);
  uint32_t len = key_prefixlen (key);
  if (len > l->max_prefixlen)
    return -EINVAL;
  uint8_t masked[KEY_SIZE_MAX];
  uint32_t slot = find_exact (l, key, masked);
  if (slot == EBPF_NO_SLOT)
    return -ENOENT;
  uint32_t pos = order_position (l, masked);
  memmove (l->order + pos, l->order + pos + 1,
           (l->table.count - 1 - pos) * sizeof *l->order);
  ebpf_slot_table_remove (&l->table, slot);
  l->count_by_len[len]--;
  return 0;
}

static long
lpm_get_next_key (ebpf_map *m, const void *key, void *next_key)
{
  struct lpm_map *l = lpm_of (m);
  if (l->table.count == 0)
    return -ENOENT;
  uint32_t pos = 0;   /* NULL, invalid or absent key: the first one */
  uint8_t masked[KEY_SIZE_MAX];
  if (key != NULL && key_prefixlen (key) <= l->max_prefixlen
      && find_exact (l, key, masked) != EBPF_NO_SLOT)
    pos = order_position (l, masked) + 1;
  if (pos >= l->table.count)
    return -ENOENT;
  memcpy (next_key, l->given_keys + (size_t) l->order[pos] * m->key_size,
          m->key_size);
  return 0;
}

static void
lpm_destroy (ebpf_map *m)
{
  struct lpm_map *l = lpm_of (m);
  ebpf_slot_table_fini (&l->table);
  free (l->given_keys);
  free (l->order);
  free (l->count_by_len);
}

static const struct ebpf_map_ops lpm_ops = {
  .lookup = lpm_lookup,
  .update = lpm_update,
  .delete_elem = lpm_delete,
  .get_next_key = lpm_get_next_key,
  .destroy = lpm_destroy,
};

long
ebpf_map_lpm_create (const struct ebpf_map *base, ebpf_map **out,
                     struct ebpf_error *err)
{
  long rc = ebpf_map_check_flags (base, EBPF_MAP_COMMON_FLAGS
                                        | BPF_F_NO_PREALLOC, err);
  if (rc != 0)
    return rc;
  if (!(base->map_flags & BPF_F_NO_PREALLOC))
    return ebpf_map_reject (err, base, -EINVAL,
                            "an LPM trie needs BPF_F_NO_PREALLOC");
  if (base->max_entries == 0)
    return ebpf_map_reject (err, base, -EINVAL, "max_entries must not be 0");
  if (base->key_size < KEY_SIZE_MIN || base->key_size > KEY_SIZE_MAX)
    return ebpf_map_reject (err, base, -EINVAL,
                            "key_size must be %u..%u (a u32 prefix length "
                            "and 1..256 data bytes), not %u", KEY_SIZE_MIN,
                            KEY_SIZE_MAX, base->key_size);
  if (base->value_size == 0)
    return ebpf_map_reject (err, base, -EINVAL, "value_size must not be 0");

  ebpf_map *m;
  rc = ebpf_map_alloc (base, sizeof (struct lpm_map), &lpm_ops,
                       (uint64_t) base->max_entries * base->slot_size, &m,
                       err);
  if (rc != 0)
    return rc;
  struct lpm_map *l = lpm_of (m);
  l->data_size = base->key_size - PREFIXLEN_SIZE;
  l->max_prefixlen = l->data_size * 8;
  l->given_keys = calloc (base->max_entries, base->key_size);
  l->order = calloc (base->max_entries, sizeof *l->order);
  l->count_by_len = calloc (l->max_prefixlen + 1, sizeof *l->count_by_len);
  if (!ebpf_slot_table_init (&l->table, base->max_entries, base->key_size)
      || !l->given_keys || !l->order || !l->count_by_len)
    {
      ebpf_map_free (m);
      return ebpf_map_reject (err, base, -ENOMEM,
                              "out of memory for %u entries",
                              base->max_entries);
    }
  *out = m;
  return 0;
}
