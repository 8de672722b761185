/* map-perf.c — BPF_MAP_TYPE_PERF_EVENT_ARRAY: bpf_perf_event_output
 * records, captured in order with the CPU that wrote them, for ebpf-run to
 * print.  Slot i stands for a perf event opened on CPU i, which is how
 * libbpf's perf buffer fills the array; the kernel refuses output to an
 * event of another CPU, and so do we.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "map.h"

struct perf_map
{
  struct ebpf_map map;
  struct ebpf_perf_record *records;
  size_t count, capacity;
};

static inline struct perf_map *
perf_of (ebpf_map *m)
{
  return (struct perf_map *) m;
}

long
ebpf_perf_event_output (ebpf_map *m, uint64_t flags, const void *data,
                        uint64_t size, unsigned cpu)
{
  if (m->type != BPF_MAP_TYPE_PERF_EVENT_ARRAY)
    return -EINVAL;
  /* The context-length bits belong to the skb/xdp variants; the helper
   * appends those context bytes to DATA itself.  */
  if (flags & ~(BPF_F_INDEX_MASK | BPF_F_CTXLEN_MASK))
    return -EINVAL;
  uint64_t index = flags & BPF_F_INDEX_MASK;
  if (index == BPF_F_CURRENT_CPU)
    index = cpu;
  if (index >= m->max_entries)
    return -E2BIG;
  if (index >= m->ncpus)
    return -ENOENT;       /* no CPU, so no event in that slot */
  if (index != cpu)
    return -EOPNOTSUPP;   /* the event is on another CPU */
  if (size > UINT32_MAX)
    return -E2BIG;

  struct perf_map *p = perf_of (m);
  if (p->count == p->capacity)
    {
      size_t capacity = p->capacity ? 2 * p->capacity : 16;
      struct ebpf_perf_record *records
        = realloc (p->records, capacity * sizeof *records);
      if (records == NULL)
        return -ENOMEM;
      p->records = records;
      p->capacity = capacity;
    }
  uint8_t *copy = malloc (size ? size : 1);
  if (copy == NULL)
    return -ENOMEM;
  memcpy (copy, data, size);
  p->records[p->count++] = (struct ebpf_perf_record) {
    .cpu = cpu, .size = (uint32_t) size, .data = copy,
  };
  return 0;
}

size_t
ebpf_perf_record_count (const ebpf_map *m)
{
  if (m->type != BPF_MAP_TYPE_PERF_EVENT_ARRAY)
    return 0;
  return ((const struct perf_map *) m)->count;
}

const struct ebpf_perf_record *
ebpf_perf_record_at (const ebpf_map *m, size_t i)
{
  if (i >= ebpf_perf_record_count (m))
    return NULL;
  return &((const struct perf_map *) m)->records[i];
}

void
ebpf_perf_records_clear (ebpf_map *m)
{
  if (m->type != BPF_MAP_TYPE_PERF_EVENT_ARRAY)
    return;
  struct perf_map *p = perf_of (m);
  for (size_t i = 0; i < p->count; i++)
    free ((void *) p->records[i].data);
  p->count = 0;
}

static void
perf_destroy (ebpf_map *m)
{
  ebpf_perf_records_clear (m);
  free (perf_of (m)->records);
}

static long
perf_get_next_key (ebpf_map *m, const void *key, void *next_key)
{
  return ebpf_array_get_next_key (m, key, next_key);
}

/* No lookup or update: the slots are the implicit per-CPU events.  */
static const struct ebpf_map_ops perf_ops = {
  .get_next_key = perf_get_next_key,
  .destroy = perf_destroy,
};

long
ebpf_map_perf_create (const struct ebpf_map *base, ebpf_map **out,
                      struct ebpf_error *err)
{
  long rc = ebpf_array_check_sizes (base, err);
  if (rc == 0)
    rc = ebpf_map_check_flags (base, BPF_F_NUMA_NODE | BPF_F_RDONLY
                                     | BPF_F_WRONLY | BPF_F_INNER_MAP
                                     | BPF_F_PRESERVE_ELEMS, err);
  if (rc != 0)
    return rc;
  if (base->value_size != 4)
    return ebpf_map_reject (err, base, -EINVAL,
                            "value_size must be 4 (a perf event fd), not %u",
                            base->value_size);
  return ebpf_map_alloc (base, sizeof (struct perf_map), &perf_ops, 0, out,
                         err);
}
