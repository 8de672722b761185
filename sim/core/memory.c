/* memory.c — mapping regions and describing addresses for reports.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <inttypes.h>
#include <stdio.h>
#include "memory.h"

/* Sets what instructions check of R from the region and its watched
 * offsets: the region's bounds (for writes, none when it is read-only),
 * or, while it traps, the larger part of them outside the watched
 * offsets, so that a watchpoint below the frames in use, or past a map
 * value's end, costs nothing.  */
static void
set_instruction_bounds (struct ebpf_region *r)
{
  r->origin = (uintptr_t) r->host - r->lo;
  r->read_lo = r->lo;
  r->read_hi = r->hi;
  if (r->trapping)
    {
      uint32_t below_hi = r->watch_lo < r->hi ? r->watch_lo : r->hi;
      uint32_t above_lo = r->watch_hi > r->lo ? r->watch_hi : r->lo;
      uint32_t below = below_hi > r->lo ? below_hi - r->lo : 0;
      uint32_t above = r->hi > above_lo ? r->hi - above_lo : 0;
      if (below >= above)
        r->read_hi = r->lo + below;
      else
        r->read_lo = above_lo;
    }
  r->write_lo = r->writable ? r->read_lo : 0;
  r->write_hi = r->writable ? r->read_hi : 0;
}

void
ebpf_memory_map (struct ebpf_memory *mem, unsigned window, uint32_t lo,
                 uint32_t size, uint8_t *host, bool writable, const char *name)
{
  struct ebpf_region *r = &mem->regions[window];
  r->lo = lo;
  r->hi = lo + size;
  r->host = host;
  r->writable = writable;
  r->name = name;
  set_instruction_bounds (r);
  if (window >= mem->n_windows)
    mem->n_windows = window + 1;
}

void
ebpf_memory_set_trap (struct ebpf_memory *mem, unsigned window, uint32_t lo,
                      uint32_t hi, bool trapping)
{
  struct ebpf_region *r = &mem->regions[window];
  r->watch_lo = lo;
  r->watch_hi = hi;
  r->trapping = trapping && lo < hi;
  set_instruction_bounds (r);
}

void
ebpf_memory_describe (const struct ebpf_memory *mem, uint64_t addr, char *buf,
                      size_t len)
{
  uint64_t window = addr >> EBPF_REGION_SHIFT;
  const struct ebpf_region *r = window < mem->n_windows
                                ? &mem->regions[window] : NULL;
  if (r == NULL || r->name == NULL)
    {
      snprintf (buf, len, "not in any region");
      return;
    }
  uint64_t base = ebpf_window_base ((unsigned) window);
  if (r->hi == r->lo)
    snprintf (buf, len, "%s, which is empty", r->name);
  else
    snprintf (buf, len, "%s is 0x%" PRIx64 "-0x%" PRIx64 "%s", r->name,
              base + r->lo, base + r->hi - 1,
              r->writable ? "" : ", read-only");
}
