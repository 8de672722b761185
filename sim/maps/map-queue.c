/* map-queue.c — BPF_MAP_TYPE_QUEUE (first in, first out) and STACK (last
 * in, first out): values without keys, pushed, popped and peeked by
 * copy.  The values are a circular buffer of max_entries slots in the
 * arena, oldest at HEAD; a program never addresses them.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <string.h>
#include "map.h"

struct queue_map
{
  struct ebpf_map map;
  uint32_t head, count;   /* the oldest value and how many there are */
  bool lifo;              /* a stack pops the newest */
};

static inline struct queue_map *
queue_of (ebpf_map *m)
{
  return (struct queue_map *) m;
}

static inline uint8_t *
queue_slot (ebpf_map *m, uint32_t i)
{
  struct queue_map *q = queue_of (m);
  return m->arena + (size_t) ((q->head + i) % m->max_entries) * m->value_size;
}

static long
queue_push (ebpf_map *m, const void *value, uint64_t flags)
{
  struct queue_map *q = queue_of (m);
  if ((flags & BPF_NOEXIST) || flags > BPF_EXIST)
    return -EINVAL;
  if (q->count == m->max_entries)
    {
      /* BPF_EXIST on a full queue or stack makes room by dropping the
       * oldest value — for a stack too, the bottom one.  */
      if (!(flags & BPF_EXIST))
        return -E2BIG;
      q->head = (q->head + 1) % m->max_entries;
      q->count--;
    }
  memcpy (queue_slot (m, q->count), value, m->value_size);
  q->count++;
  return 0;
}

static long
queue_take (ebpf_map *m, void *value, bool remove)
{
  struct queue_map *q = queue_of (m);
  if (q->count == 0)
    return -ENOENT;
  uint32_t i = q->lifo ? q->count - 1 : 0;
  memcpy (value, queue_slot (m, i), m->value_size);
  if (remove)
    {
      if (!q->lifo)
        q->head = (q->head + 1) % m->max_entries;
      q->count--;
    }
  return 0;
}

static long
queue_pop (ebpf_map *m, void *value)
{
  return queue_take (m, value, true);
}

static long
queue_peek (ebpf_map *m, void *value)
{
  return queue_take (m, value, false);
}

static long
queue_nth (ebpf_map *m, uint32_t i, void *value)
{
  struct queue_map *q = queue_of (m);
  if (i >= q->count)
    return -ENOENT;
  memcpy (value, queue_slot (m, q->lifo ? q->count - 1 - i : i), m->value_size);
  return 0;
}

/* lookup, update, delete and get_next_key are left out: the dispatch
 * answers NULL and -EINVAL, as the kernel does for these maps.  */
static const struct ebpf_map_ops queue_ops = {
  .push = queue_push,
  .pop = queue_pop,
  .peek = queue_peek,
  .nth = queue_nth,
};

long
ebpf_map_queue_create (const struct ebpf_map *base, ebpf_map **out,
                       struct ebpf_error *err)
{
  long rc = ebpf_map_check_flags (base, EBPF_MAP_COMMON_FLAGS, err);
  if (rc != 0)
    return rc;
  rc = ebpf_keyless_check_sizes (base, err);
  if (rc != 0)
    return rc;
  ebpf_map *m;
  rc = ebpf_map_alloc (base, sizeof (struct queue_map), &queue_ops,
                       (uint64_t) base->max_entries * base->value_size, &m,
                       err);
  if (rc != 0)
    return rc;
  queue_of (m)->lifo = base->type == BPF_MAP_TYPE_STACK;
  *out = m;
  return 0;
}
