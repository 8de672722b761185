/* memory.c — mapping regions and describing addresses for reports.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <inttypes.h>
#include <stdio.h>
#include "memory.h"

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
  if (window >= mem->n_windows)
    mem->n_windows = window + 1;
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
