/* memory.h — the guest address space: a table of regions, each in a 4 GiB
 * window of its own, so that finding the region of an address is one shift.
 * Guest addresses are stable from run to run; host pointers never leak.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_MEMORY_H
#define EBPF_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EBPF_REGION_SHIFT 32
#define EBPF_MAX_REGIONS 1024

/* Window numbers of the fixed regions; window 0 stays unmapped so that
 * null and small pointers fault.  */
enum ebpf_window
{
  EBPF_WINDOW_NULL = 0,
  EBPF_WINDOW_STACK = 1,
  EBPF_WINDOW_INPUT = 2,
  EBPF_WINDOW_CODE = 3,   /* code addresses for callx; not readable */
  EBPF_WINDOW_MAP_HANDLES = 4, /* what lddw of a map gives; not readable */
  EBPF_WINDOW_CONTEXT = 5,     /* struct xdp_md / __sk_buff: trapped */
  EBPF_WINDOW_PACKET = 6,
  EBPF_WINDOW_SCRATCH = 7,     /* what helpers hand to callbacks: keys */
  EBPF_WINDOW_FIRST_MAP = 8,   /* then one window per map's values */
};

struct ebpf_region
{
  /* What instructions check, first: the offsets they read and write
   * without a trap, and the host address of window offset 0.  These are
   * lo and hi (for writes, none in a read-only region) or, while the
   * window traps, the larger part of those on either side of the watched
   * offsets [watch_lo, watch_hi), so that an instruction's access that
   * may touch a watchpoint takes the fault path, where the debug core
   * looks at it (debug.h).  */
  uint32_t read_lo, read_hi, write_lo, write_hi;
  uintptr_t origin;     /* host address of offset 0, where lo is host */
  /* The region itself, which helpers and front ends check.  */
  uint32_t lo, hi;      /* valid offsets within the window: [lo, hi) */
  uint8_t *host;        /* host memory for offset lo */
  uint32_t watch_lo, watch_hi;
  bool writable;
  bool trapping;
  const char *name;     /* for fault reports */
};

struct ebpf_memory
{
  unsigned n_windows;   /* windows in use: 0 .. n_windows-1 */
  struct ebpf_region regions[EBPF_MAX_REGIONS];
};

static inline uint64_t
ebpf_window_base (unsigned window)
{
  return (uint64_t) window << EBPF_REGION_SHIFT;
}

/* Host address of SIZE bytes at guest ADDR, or NULL when any byte is
 * outside a region or the region is read-only and WRITE is set.  */
static inline uint8_t *
ebpf_memory_translate (const struct ebpf_memory *mem, uint64_t addr,
                       uint32_t size, bool write)
{
  uint64_t window = addr >> EBPF_REGION_SHIFT;
  if (__builtin_expect (window >= mem->n_windows, 0))
    return NULL;
  const struct ebpf_region *r = &mem->regions[window];
  uint32_t off = (uint32_t) addr;
  if (__builtin_expect (off < r->lo || (uint64_t) off + size > r->hi, 0))
    return NULL;
  if (write && !r->writable)
    return NULL;
  return r->host + (off - r->lo);
}

/* The same for an instruction's own access, on the interpreter's path,
 * into *HOST: false also near a watchpoint.  Every window's bounds are
 * set, empty where nothing is mapped, so the window needs no test but
 * the table's size.  (A result apart from the pointer spares the caller
 * a test for NULL.)  */
static inline bool
ebpf_memory_translate_insn (const struct ebpf_memory *mem, uint64_t addr,
                            uint32_t size, bool write, uint8_t **host)
{
  uint64_t window = addr >> EBPF_REGION_SHIFT;
  if (__builtin_expect (window >= EBPF_MAX_REGIONS, 0))
    return false;
  const struct ebpf_region *r = &mem->regions[window];
  uint32_t off = (uint32_t) addr;
  uint32_t lo = write ? r->write_lo : r->read_lo;
  uint32_t hi = write ? r->write_hi : r->read_hi;
  if (__builtin_expect (off < lo || (uint64_t) off + size > hi, 0))
    return false;
  *host = (uint8_t *) (r->origin + off);
  return true;
}

/* Whether SIZE bytes at ADDR touch a window that traps.  */
static inline bool
ebpf_memory_trapping (const struct ebpf_memory *mem, uint64_t addr,
                      uint32_t size)
{
  uint64_t first = addr >> EBPF_REGION_SHIFT;
  uint64_t last = (addr + size - 1) >> EBPF_REGION_SHIFT;
  return (first < EBPF_MAX_REGIONS && mem->regions[first].trapping)
         || (last < EBPF_MAX_REGIONS && mem->regions[last].trapping);
}

/* Whether a watchpoint lies in WINDOW (trapping or let be for now).  */
static inline bool
ebpf_memory_window_watched (const struct ebpf_memory *mem, unsigned window)
{
  return mem->regions[window].watch_lo < mem->regions[window].watch_hi;
}

/* Makes instructions' accesses to the offsets [LO, HI) of WINDOW trap
 * (LO == HI: none); TRAPPING false lets the window be for now.  */
void ebpf_memory_set_trap (struct ebpf_memory *mem, unsigned window,
                           uint32_t lo, uint32_t hi, bool trapping);

void ebpf_memory_map (struct ebpf_memory *mem, unsigned window, uint32_t lo,
                      uint32_t size, uint8_t *host, bool writable,
                      const char *name);
/* A description of where ADDR lies, for fault reports.  */
void ebpf_memory_describe (const struct ebpf_memory *mem, uint64_t addr,
                           char *buf, size_t len);

#endif
