/* map-table.c — keyed slots: finds the slot of a key for the hash maps and
 * the LPM trie.  An open-addressed table with linear probing holds
 * (hash, slot) pairs at most half full, so a probe is short and a miss
 * ends at an empty bucket; deletion shifts the following entries back
 * instead of leaving tombstones, so a table that churns stays fast.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdlib.h>
#include <string.h>
#include "map.h"

static inline uint64_t
load_u64 (const uint8_t *p)
{
  uint64_t v;
  memcpy (&v, p, 8);
  return v;
}

/* A multiply-xorshift hash over 8-byte words: the keys of eBPF maps are
 * short and often multiples of 8 bytes.  Deterministic: no random seed
 * (the kernel seeds per map unless BPF_F_ZERO_SEED; we always behave as
 * with it, so runs repeat bit for bit).  */
uint32_t
ebpf_key_hash (const void *key, uint32_t size, uint32_t seed)
{
  const uint8_t *p = key;
  uint64_t h = (seed + 1) * 0x9e3779b97f4a7c15ull ^ size;
  for (; size >= 8; size -= 8, p += 8)
    {
      h = (h ^ load_u64 (p)) * 0xff51afd7ed558ccdull;
      h ^= h >> 32;
    }
  if (size > 0)
    {
      /* The common 4-byte keys (IPv4 addresses, ports, indexes) without
       * a variable-length copy, which is a library call.  */
      uint64_t tail = 0;
      if (size == 4)
        {
          uint32_t word;
          memcpy (&word, p, 4);
          tail = word;
        }
      else
        memcpy (&tail, p, size);
      h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
    }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return (uint32_t) h;
}

bool
ebpf_slot_table_init (struct ebpf_slot_table *t, uint32_t capacity,
                      uint32_t key_size)
{
  memset (t, 0, sizeof *t);
  if (capacity > (1u << 30))
    return false;
  uint32_t buckets = 16;
  while (buckets < 2 * capacity)
    buckets *= 2;
  t->key_size = key_size;
  t->capacity = capacity;
  t->bucket_mask = buckets - 1;
  t->head = t->tail = t->free_list = EBPF_NO_SLOT;
  /* calloc: untouched pages of a large, sparsely used table stay virtual. */
  t->keys = calloc (capacity, key_size);
  t->buckets = calloc (buckets, sizeof *t->buckets);
  t->prev = calloc (capacity, sizeof *t->prev);
  t->next = calloc (capacity, sizeof *t->next);
  if (!t->keys || !t->buckets || !t->prev || !t->next)
    {
      ebpf_slot_table_fini (t);
      return false;
    }
  return true;
}

void
ebpf_slot_table_fini (struct ebpf_slot_table *t)
{
  free (t->keys);
  free (t->buckets);
  free (t->prev);
  free (t->next);
  memset (t, 0, sizeof *t);
}

uint32_t
ebpf_slot_table_find (const struct ebpf_slot_table *t, const void *key,
                      uint32_t hash)
{
  uint32_t ks = t->key_size;
  for (uint32_t i = hash & t->bucket_mask;; i = (i + 1) & t->bucket_mask)
    {
      const struct ebpf_slot_bucket *b = &t->buckets[i];
      if (b->slot_plus_1 == 0)
        return EBPF_NO_SLOT;
      if (b->hash == hash
          && memcmp (t->keys + (size_t) (b->slot_plus_1 - 1) * ks, key,
                     ks) == 0)
        return b->slot_plus_1 - 1;
    }
}

uint32_t
ebpf_slot_table_insert (struct ebpf_slot_table *t, const void *key,
                        uint32_t hash)
{
  uint32_t slot;
  if (t->free_list != EBPF_NO_SLOT)
    {
      slot = t->free_list;
      t->free_list = t->next[slot];
    }
  else if (t->fresh < t->capacity)
    slot = t->fresh++;
  else
    return EBPF_NO_SLOT;

  memcpy (t->keys + (size_t) slot * t->key_size, key, t->key_size);
  uint32_t i = hash & t->bucket_mask;
  while (t->buckets[i].slot_plus_1 != 0)
    i = (i + 1) & t->bucket_mask;
  t->buckets[i] = (struct ebpf_slot_bucket) { hash, slot + 1 };

  t->prev[slot] = t->tail;
  t->next[slot] = EBPF_NO_SLOT;
  if (t->tail != EBPF_NO_SLOT)
    t->next[t->tail] = slot;
  else
    t->head = slot;
  t->tail = slot;
  t->count++;
  return slot;
}

void
ebpf_slot_table_remove (struct ebpf_slot_table *t, uint32_t slot)
{
  uint32_t mask = t->bucket_mask;
  uint32_t i = ebpf_slot_table_hash (t, ebpf_slot_key (t, slot)) & mask;
  while (t->buckets[i].slot_plus_1 != slot + 1)
    i = (i + 1) & mask;

  /* Backward-shift deletion: an entry after the hole moves into it unless
   * its home bucket lies cyclically in (hole, entry], where it must stay
   * for its probe sequence to reach it.  */
  for (uint32_t j = (i + 1) & mask; t->buckets[j].slot_plus_1 != 0;
       j = (j + 1) & mask)
    {
      uint32_t home = t->buckets[j].hash & mask;
      bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
      if (!stays)
        {
          t->buckets[i] = t->buckets[j];
          i = j;
        }
    }
  t->buckets[i] = (struct ebpf_slot_bucket) { 0, 0 };

  uint32_t p = t->prev[slot], n = t->next[slot];
  if (p != EBPF_NO_SLOT)
    t->next[p] = n;
  else
    t->head = n;
  if (n != EBPF_NO_SLOT)
    t->prev[n] = p;
  else
    t->tail = p;
  t->prev[slot] = EBPF_SLOT_FREE;
  t->next[slot] = t->free_list;
  t->free_list = slot;
  t->count--;
}
