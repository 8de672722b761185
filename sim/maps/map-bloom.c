/* map-bloom.c — BPF_MAP_TYPE_BLOOM_FILTER: push adds a value, peek says
 * "maybe present" (0) or "certainly absent" (-ENOENT).  False positives
 * happen as in the kernel, but always the same ones: the hash has a fixed
 * seed.  The bit array is the arena, sized as the kernel sizes it.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include "map.h"

#define DEFAULT_NR_HASHES 5

struct bloom_map
{
  struct ebpf_map map;
  uint32_t nr_hashes;
  uint32_t bit_mask;    /* the number of bits, a power of two, minus 1 */
};

static inline struct bloom_map *
bloom_of (ebpf_map *m)
{
  return (struct bloom_map *) m;
}

static inline uint32_t
bit_number (struct bloom_map *b, const void *value, uint32_t i)
{
  return ebpf_key_hash (value, b->map.value_size, i) & b->bit_mask;
}

static long
bloom_push (ebpf_map *m, const void *value, uint64_t flags)
{
  struct bloom_map *b = bloom_of (m);
  if (flags != BPF_ANY)
    return -EINVAL;
  for (uint32_t i = 0; i < b->nr_hashes; i++)
    {
      uint32_t bit = bit_number (b, value, i);
      m->arena[bit / 8] |= (uint8_t) (1u << (bit % 8));
    }
  return 0;
}

static long
bloom_peek (ebpf_map *m, void *value)
{
  struct bloom_map *b = bloom_of (m);
  for (uint32_t i = 0; i < b->nr_hashes; i++)
    {
      uint32_t bit = bit_number (b, value, i);
      if (!(m->arena[bit / 8] & (1u << (bit % 8))))
        return -ENOENT;
    }
  return 0;
}

static long
bloom_unsupported (ebpf_map *m, void *value)
{
  (void) m; (void) value;
  return -EOPNOTSUPP;   /* nothing can be taken out of a bloom filter */
}

static long
bloom_no_delete (ebpf_map *m, const void *key)
{
  (void) m; (void) key;
  return -EOPNOTSUPP;
}

static long
bloom_no_next_key (ebpf_map *m, const void *key, void *next_key)
{
  (void) m; (void) key; (void) next_key;
  return -EOPNOTSUPP;
}

static const struct ebpf_map_ops bloom_ops = {
  .push = bloom_push,
  .peek = bloom_peek,
  .pop = bloom_unsupported,
  .delete_elem = bloom_no_delete,
  .get_next_key = bloom_no_next_key,
};

long
ebpf_map_bloom_create (const struct ebpf_map *base, ebpf_map **out,
                       struct ebpf_error *err)
{
  long rc = ebpf_map_check_flags (base, EBPF_MAP_COMMON_FLAGS
                                        | BPF_F_ZERO_SEED, err);
  if (rc != 0)
    return rc;
  rc = ebpf_keyless_check_sizes (base, err);
  if (rc != 0)
    return rc;
  if (base->map_extra & ~(uint64_t) 0xf)
    return ebpf_map_reject (err, base, -EINVAL,
                            "map_extra may only set bits 0-3 (the number "
                            "of hashes), not 0x%llx",
                            (unsigned long long) base->map_extra);
  uint32_t nr_hashes = base->map_extra & 0xf;
  if (nr_hashes == 0)
    nr_hashes = DEFAULT_NR_HASHES;

  /* The kernel's sizing: max_entries * nr_hashes / ln 2 bits (7/5 stands
   * for 1/ln 2), at least 64, rounded up to a power of two; past 2^31,
   * the whole 32-bit range.  */
  uint64_t nr_bits = (uint64_t) base->max_entries * nr_hashes / 5 * 7;
  uint64_t bits;
  if (nr_bits > ((uint64_t) 1 << 31))
    bits = (uint64_t) 1 << 32;
  else
    for (bits = 64; bits < nr_bits; bits *= 2)
      ;
  ebpf_map *m;
  rc = ebpf_map_alloc (base, sizeof (struct bloom_map), &bloom_ops,
                       bits / 8, &m, err);
  if (rc != 0)
    return rc;
  bloom_of (m)->nr_hashes = nr_hashes;
  bloom_of (m)->bit_mask = (uint32_t) (bits - 1);
  *out = m;
  return 0;
}
