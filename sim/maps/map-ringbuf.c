/* map-ringbuf.c — BPF_MAP_TYPE_RINGBUF: variable-length records reserved
 * in place, written by the program through their address, then submitted
 * or discarded; a consumer drains submitted records in order.
 *
 * Positions count bytes ever produced/consumed; a position's offset in
 * the data area is pos & mask.  A record is an 8-byte header (u32 length
 * with the busy and discard bits, u32 page offset of the header) and the sample, padded to 8 bytes.  The arena is
 * twice the data size: the kernel maps the data pages twice so that a
 * record crossing the end is contiguous; we let such a record run into
 * the second copy and fold the part past the end back at submit, so the
 * consumer sees the same bytes at offset and at offset + data size.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <string.h>
#include "map.h"

#define PAGE_SIZE 4096
#define RECORD_SIZE_MAX (UINT32_MAX / 4)   /* the length field's 30 bits */

/* The record header.  The kernel's pg_off counts pages from its own
 * control structure, which precedes the data pages; nothing outside the
 * kernel reads it, so we count from the data area and use it to check
 * that a sample handed to submit is one that reserve gave out.  */
struct ringbuf_header
{
  uint32_t len;
  uint32_t pg_off;
};

struct ringbuf_map
{
  struct ebpf_map map;
  uint64_t data_size, mask;
  uint64_t producer, consumer;
};

static inline struct ringbuf_map *
ringbuf_of (ebpf_map *m)
{
  return (struct ringbuf_map *) m;
}

static inline uint32_t
record_length (uint32_t size)
{
  return ebpf_round_up_8 (size + BPF_RINGBUF_HDR_SZ);
}

void *
ebpf_ringbuf_reserve (ebpf_map *m, uint64_t size, uint64_t flags)
{
  if (m->type != BPF_MAP_TYPE_RINGBUF || flags != 0)
    return NULL;
  struct ringbuf_map *r = ringbuf_of (m);
  if (size > RECORD_SIZE_MAX)
    return NULL;
  uint64_t len = record_length ((uint32_t) size);
  if (len > r->data_size)
    return NULL;
  /* The producer may run at most data size - 1 bytes ahead of the
   * consumer, so a full ring is never mistaken for an empty one.  */
  if (r->producer + len - r->consumer > r->mask)
    return NULL;
  uint64_t off = r->producer & r->mask;
  struct ringbuf_header hdr = {
    .len = (uint32_t) size | BPF_RINGBUF_BUSY_BIT,
    .pg_off = (uint32_t) (off / PAGE_SIZE),
  };
  memcpy (m->arena + off, &hdr, sizeof hdr);
  r->producer += len;
  return m->arena + off + BPF_RINGBUF_HDR_SZ;
}

static long
commit (ebpf_map *m, void *sample, bool discard)
{
  if (m->type != BPF_MAP_TYPE_RINGBUF)
    return -EINVAL;
  struct ringbuf_map *r = ringbuf_of (m);
  uint8_t *p = sample;
  if (p < m->arena + BPF_RINGBUF_HDR_SZ
      || p >= m->arena + r->data_size + BPF_RINGBUF_HDR_SZ)
    return -EINVAL;
  uint64_t off = (uint64_t) (p - m->arena) - BPF_RINGBUF_HDR_SZ;
  struct ringbuf_header hdr;
  memcpy (&hdr, m->arena + off, sizeof hdr);
  if (off % 8 != 0 || !(hdr.len & BPF_RINGBUF_BUSY_BIT)
      || hdr.pg_off != off / PAGE_SIZE)
    return -EINVAL;
  uint32_t size = hdr.len & ~(BPF_RINGBUF_BUSY_BIT | BPF_RINGBUF_DISCARD_BIT);
  uint64_t end = off + record_length (size);
  if (end > r->data_size)
    memcpy (m->arena, m->arena + r->data_size, end - r->data_size);
  hdr.len = size | (discard ? BPF_RINGBUF_DISCARD_BIT : 0);
  memcpy (m->arena + off, &hdr, sizeof hdr);
  return 0;
}

/* BPF_RB_NO_WAKEUP / BPF_RB_FORCE_WAKEUP only steer notifications, which
 * a simulated consumer does not need.  */
long
ebpf_ringbuf_submit (ebpf_map *m, void *sample, uint64_t flags)
{
  (void) flags;
  return commit (m, sample, false);
}

long
ebpf_ringbuf_discard (ebpf_map *m, void *sample, uint64_t flags)
{
  (void) flags;
  return commit (m, sample, true);
}

long
ebpf_ringbuf_output (ebpf_map *m, const void *data, uint64_t size,
                     uint64_t flags)
{
  if (flags & ~(uint64_t) (BPF_RB_NO_WAKEUP | BPF_RB_FORCE_WAKEUP))
    return -EINVAL;
  void *sample = ebpf_ringbuf_reserve (m, size, 0);
  if (sample == NULL)
    return -EAGAIN;
  memcpy (sample, data, size);
  return commit (m, sample, false);
}

uint64_t
ebpf_ringbuf_query (ebpf_map *m, uint64_t flags)
{
  if (m->type != BPF_MAP_TYPE_RINGBUF)
    return 0;
  struct ringbuf_map *r = ringbuf_of (m);
  switch (flags)
    {
    case BPF_RB_AVAIL_DATA:
      return r->producer - r->consumer;
    case BPF_RB_RING_SIZE:
      return r->data_size;
    case BPF_RB_CONS_POS:
      return r->consumer;
    case BPF_RB_PROD_POS:
      return r->producer;
    default:
      return 0;
    }
}

long
ebpf_ringbuf_consume (ebpf_map *m, ebpf_ringbuf_fn fn, void *ctx)
{
  if (m->type != BPF_MAP_TYPE_RINGBUF)
    return -EINVAL;
  struct ringbuf_map *r = ringbuf_of (m);
  long delivered = 0;
  while (r->consumer < r->producer)
    {
      uint64_t off = r->consumer & r->mask;
      struct ringbuf_header hdr;
      memcpy (&hdr, m->arena + off, sizeof hdr);
      if (hdr.len & BPF_RINGBUF_BUSY_BIT)
        break;   /* records are consumed in order: wait for this one */
      uint32_t size = hdr.len & ~BPF_RINGBUF_DISCARD_BIT;
      r->consumer += record_length (size);
      if (hdr.len & BPF_RINGBUF_DISCARD_BIT)
        continue;
      delivered++;
      if (fn (ctx, m->arena + off + BPF_RINGBUF_HDR_SZ, size) != 0)
        break;
    }
  return delivered;
}

static long
ringbuf_unsupported_update (ebpf_map *m, const void *key, const void *value,
                            uint64_t flags, int cpu)
{
  (void) m; (void) key; (void) value; (void) flags; (void) cpu;
  return -EBPF_ENOTSUPP;
}

static long
ringbuf_unsupported_delete (ebpf_map *m, const void *key)
{
  (void) m; (void) key;
  return -EBPF_ENOTSUPP;
}

static long
ringbuf_unsupported_next_key (ebpf_map *m, const void *key, void *next_key)
{
  (void) m; (void) key; (void) next_key;
  return -EBPF_ENOTSUPP;
}

static const struct ebpf_map_ops ringbuf_ops = {
  .update = ringbuf_unsupported_update,
  .delete_elem = ringbuf_unsupported_delete,
  .get_next_key = ringbuf_unsupported_next_key,
};

long
ebpf_map_ringbuf_create (const struct ebpf_map *base, ebpf_map **out,
                         struct ebpf_error *err)
{
  long rc = ebpf_map_check_flags (base, BPF_F_NUMA_NODE, err);
  if (rc != 0)
    return rc;
  if (base->key_size != 0 || base->value_size != 0)
    return ebpf_map_reject (err, base, -EINVAL,
                            "key_size and value_size must be 0, not %u "
                            "and %u", base->key_size, base->value_size);
  uint32_t n = base->max_entries;
  if (n == 0 || (n & (n - 1)) != 0 || n % PAGE_SIZE != 0)
    return ebpf_map_reject (err, base, -EINVAL,
                            "max_entries (the data size in bytes) must be a "
                            "power of two and a multiple of the %u-byte "
                            "page, not %u", PAGE_SIZE, n);
  ebpf_map *m;
  rc = ebpf_map_alloc (base, sizeof (struct ringbuf_map), &ringbuf_ops,
                       2 * (uint64_t) n, &m, err);
  if (rc != 0)
    return rc;
  ringbuf_of (m)->data_size = n;
  ringbuf_of (m)->mask = n - 1;
  *out = m;
  return 0;
}
