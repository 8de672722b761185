/* map.h — eBPF maps with the kernel's semantics, for the simulator.
 *
 * Every map keeps the values a program can address in ONE arena allocated
 * at creation (max_entries slots, as the kernel preallocates) that never
 * moves, so the simulator can map it into a guest window and turn a value
 * pointer into a guest address as window base + (pointer - arena).
 *
 * Two kinds of caller, as in the kernel:
 *   - the program, through helpers: ebpf_map_lookup/update/delete/push/
 *     pop/peek with the current CPU; a per-CPU map gives that CPU's copy;
 *   - user space (the loader, ebpf-run): ebpf_map_sys_*, where a per-CPU
 *     value is all CPUs' copies at once, each rounded up to 8 bytes.
 * Failures are negative errno values, as the kernel's helpers return them.
 * Nothing here is global: maps are independent objects.
 *
 * Iteration order (get_next_key, for_each, dumps), deterministic:
 *   arrays (all kinds)     index order;
 *   hash maps (all kinds)  insertion order; an element deleted and added
 *                          again counts as newly inserted;
 *   LPM trie               the kernel's post-order: more specific prefixes
 *                          first, then bit 0 before bit 1.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_MAP_H
#define EBPF_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <linux/bpf.h>
#include "ebpfsim.h"

typedef struct ebpf_map ebpf_map;

/* The kernel-internal ENOTSUPP that some map operations return to user
 * space (ringbuf get_next_key, lookups on maps without values).  */
#define EBPF_ENOTSUPP 524

/* What a map is: the fields of BPF_MAP_CREATE that matter here.  */
struct ebpf_map_spec
{
  const char *name;          /* for messages; copied */
  uint32_t type;             /* enum bpf_map_type */
  uint32_t key_size, value_size, max_entries;
  uint32_t map_flags;        /* BPF_F_* */
  uint64_t map_extra;        /* bloom filter: number of hashes in bits 0-3 */
  uint32_t id;               /* chosen by the loader; map-of-maps store it */
  const ebpf_map *inner;     /* map-of-maps: the template of inner maps */
};

/* Creates a map for a machine of NCPUS simulated CPUs.  Validates SPEC as
 * the kernel's map_create does; on failure returns -EINVAL, -E2BIG or
 * -ENOMEM with ERR naming the map and the rule.  */
long ebpf_map_create (const struct ebpf_map_spec *spec, unsigned ncpus,
                      ebpf_map **out, struct ebpf_error *err);
void ebpf_map_free (ebpf_map *m);

const char *ebpf_map_name (const ebpf_map *m);
const char *ebpf_map_type_name (uint32_t type);
/* The type named NAME as ebpf_map_type_name names it, or -1.  */
int ebpf_map_type_by_name (const char *name);
uint32_t ebpf_map_type (const ebpf_map *m);
uint32_t ebpf_map_key_size (const ebpf_map *m);
uint32_t ebpf_map_value_size (const ebpf_map *m);
uint32_t ebpf_map_max_entries (const ebpf_map *m);
uint32_t ebpf_map_flags (const ebpf_map *m);   /* the loader enforces the
                                                  BPF_F_RDONLY/WRONLY_PROG */
uint32_t ebpf_map_id (const ebpf_map *m);
unsigned ebpf_map_ncpus (const ebpf_map *m);
bool ebpf_map_is_percpu (const ebpf_map *m);

/* The value storage, for mapping into guest memory.  Never moves while
 * the map lives.  Programs address it for arrays, hash maps, LPM tries,
 * map-of-maps (inner map ids) and ring buffers; queue, stack and bloom
 * filter keep their values here too but only copy them in and out; a perf
 * event array has none (NULL, 0).  */
uint8_t *ebpf_map_arena (const ebpf_map *m, size_t *size);

/* ---- The program's side (helpers) ----------------------------------------
 * CPU is the current simulated CPU, below the map's ncpus.  */

/* bpf_map_lookup_elem: the value (CPU's copy for per-CPU maps) or NULL.
 * Marks an LRU element as recently used.  Map-of-maps: the inner map id;
 * prog array: the program index.  */
void *ebpf_map_lookup (ebpf_map *m, const void *key, unsigned cpu);
/* bpf_map_update_elem: per-CPU maps write CPU's copy only (a new element's
 * other copies are zeroed).  */
long ebpf_map_update (ebpf_map *m, const void *key, const void *value,
                      uint64_t flags, unsigned cpu);
long ebpf_map_delete (ebpf_map *m, const void *key);
/* bpf_map_push_elem / pop / peek: queue, stack; bloom filter push and peek
 * (peek reads VALUE as the element to test: 0 maybe present, -ENOENT no).  */
long ebpf_map_push (ebpf_map *m, const void *value, uint64_t flags);
long ebpf_map_pop (ebpf_map *m, void *value);
long ebpf_map_peek (ebpf_map *m, void *value);
/* A queue's or stack's value I in the order pops would take them, left
 * in place: -ENOENT past the last, -EINVAL for other types.  */
long ebpf_map_nth (ebpf_map *m, uint32_t i, void *value);

/* bpf_for_each_map_elem support, driven step by step by the helper: start
 * with a zeroed cursor; each call gives the next element's key and value
 * (CPU's copy for per-CPU maps) until it returns false.  The current
 * element may be deleted before the next call.  Hash and array maps only
 * (as the kernel): other types end at once.  */
struct ebpf_map_cursor
{
  uint64_t next;        /* position of the next element, map-specific */
  uint32_t index;       /* arrays: the key handed out */
};
bool ebpf_map_iter_next (ebpf_map *m, struct ebpf_map_cursor *cursor,
                         unsigned cpu, const void **key, void **value);
bool ebpf_map_supports_for_each (const ebpf_map *m);

/* The same as one call: FN returns 0 to go on, 1 to stop.  Returns the
 * number of elements visited, as bpf_for_each_map_elem does.  */
typedef long (*ebpf_map_elem_fn) (ebpf_map *m, const void *key, void *value,
                                  void *ctx);
long ebpf_map_for_each (ebpf_map *m, unsigned cpu, ebpf_map_elem_fn fn,
                        void *ctx);

/* prog array, for the tail call: the program index at INDEX, or false when
 * the slot is empty or out of range (the tail call falls through).  */
bool ebpf_map_tail_call_target (ebpf_map *m, uint32_t index,
                                uint32_t *prog_index);

/* ---- User space's side (the bpf syscall) --------------------------------*/

/* Size of a value buffer for sys_lookup/sys_update: value_size, or for
 * per-CPU maps ncpus * value_size rounded up to 8.  */
size_t ebpf_map_sys_value_size (const ebpf_map *m);
/* BPF_MAP_LOOKUP_ELEM: copies the value out (-ENOENT when absent).  Queue,
 * stack: peek.  Bloom filter: VALUE is the element to test.  Does not
 * count as a use for LRU.  */
long ebpf_map_sys_lookup (ebpf_map *m, const void *key, void *value);
/* BPF_MAP_UPDATE_ELEM.  Map-of-maps take ebpf_map_sys_update_inner, which
 * checks the inner map against the template.  */
long ebpf_map_sys_update (ebpf_map *m, const void *key, const void *value,
                          uint64_t flags);
long ebpf_map_sys_update_inner (ebpf_map *outer, const void *key,
                                const ebpf_map *inner, uint64_t flags);
long ebpf_map_sys_delete (ebpf_map *m, const void *key);
/* BPF_MAP_GET_NEXT_KEY: the first key when KEY is NULL or absent; -ENOENT
 * after the last.  */
long ebpf_map_get_next_key (ebpf_map *m, const void *key, void *next_key);

/* ---- Ring buffer --------------------------------------------------------
 * The arena is the data area.  Each record is an 8-byte header (u32 length
 * with BPF_RINGBUF_BUSY_BIT and BPF_RINGBUF_DISCARD_BIT, u32 page offset
 * of the header from the data area start) and the sample,
 * padded to 8 bytes.  The arena is twice the data size: a record that
 * wraps at the end is reserved contiguously into the second copy and
 * folded back at submit, as the kernel gets the same effect by mapping the
 * data pages twice.  */
void *ebpf_ringbuf_reserve (ebpf_map *m, uint64_t size, uint64_t flags);
/* Submit or discard a sample returned by reserve: -EINVAL when SAMPLE is
 * not a reserved, unsubmitted record.  */
long ebpf_ringbuf_submit (ebpf_map *m, void *sample, uint64_t flags);
long ebpf_ringbuf_discard (ebpf_map *m, void *sample, uint64_t flags);
long ebpf_ringbuf_output (ebpf_map *m, const void *data, uint64_t size,
                          uint64_t flags);
uint64_t ebpf_ringbuf_query (ebpf_map *m, uint64_t flags);
/* The consumer: calls FN for each submitted record in order, stopping at
 * the first one still reserved; discarded records are skipped.  FN
 * returning non-zero stops early (that record is consumed).  Returns the
 * number of records passed to FN.  */
typedef int (*ebpf_ringbuf_fn) (void *ctx, const void *data, uint32_t size);
long ebpf_ringbuf_consume (ebpf_map *m, ebpf_ringbuf_fn fn, void *ctx);

/* ---- Perf event array ---------------------------------------------------
 * Slot i is taken to hold a perf event opened on CPU i (what libbpf's perf
 * buffer sets up), so output to another CPU's slot fails as the kernel's
 * does.  Records are captured in order, unbounded.  */
struct ebpf_perf_record
{
  unsigned cpu;
  uint32_t size;
  const uint8_t *data;
};
long ebpf_perf_event_output (ebpf_map *m, uint64_t flags, const void *data,
                             uint64_t size, unsigned cpu);
size_t ebpf_perf_record_count (const ebpf_map *m);
const struct ebpf_perf_record *ebpf_perf_record_at (const ebpf_map *m,
                                                    size_t i);
void ebpf_perf_records_clear (ebpf_map *m);

/* ======== Internal to the sim/map*.c files ================================
 * The families (map-array.c, map-hash.c, ...) fill an operations table;
 * map.c validates what is common and dispatches.  */

struct ebpf_map_ops
{
  /* CPU < 0: user space (all copies from the slot start; no LRU touch).  */
  void *(*lookup) (ebpf_map *m, const void *key, int cpu);
  long (*update) (ebpf_map *m, const void *key, const void *value,
                  uint64_t flags, int cpu);
  long (*delete_elem) (ebpf_map *m, const void *key);
  long (*get_next_key) (ebpf_map *m, const void *key, void *next_key);
  long (*push) (ebpf_map *m, const void *value, uint64_t flags);
  long (*pop) (ebpf_map *m, void *value);
  long (*peek) (ebpf_map *m, void *value);
  long (*nth) (ebpf_map *m, uint32_t i, void *value);
  bool (*iter_next) (ebpf_map *m, struct ebpf_map_cursor *cursor, int cpu,
                     const void **key, void **value);
  void (*destroy) (ebpf_map *m);
};

struct ebpf_map
{
  const struct ebpf_map_ops *ops;
  char *name;
  uint32_t type, key_size, value_size, max_entries, map_flags, id;
  uint64_t map_extra;
  unsigned ncpus;
  bool percpu;
  uint32_t value_stride;    /* one copy: value_size rounded up to 8 */
  uint32_t slot_size;       /* one element: value_stride, times ncpus if
                               per-CPU */
  uint8_t *arena;
  size_t arena_size;
  struct ebpf_map_spec inner_template;   /* map-of-maps (name unused) */
};

static inline uint32_t
ebpf_round_up_8 (uint32_t n)
{
  return (n + 7) & ~7u;
}

/* A family's constructor; map.c has checked map_extra, the access flags
 * and the CPU count, and set up the common fields in BASE.  */
typedef long (*ebpf_map_create_fn) (const struct ebpf_map *base,
                                    ebpf_map **out, struct ebpf_error *err);

/* Formats "map 'NAME' (TYPE): WHY" into ERR and returns CODE.  */
long ebpf_map_reject (struct ebpf_error *err, const struct ebpf_map *base,
                      long code, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));
/* -EINVAL unless every bit of map_flags is in ALLOWED.  */
long ebpf_map_check_flags (const struct ebpf_map *base, uint32_t allowed,
                           struct ebpf_error *err);
/* Allocates a family struct of SIZE bytes (its first member the map),
 * copies BASE in and allocates a zeroed arena of ARENA_SIZE bytes.  */
long ebpf_map_alloc (const struct ebpf_map *base, size_t size,
                     const struct ebpf_map_ops *ops, uint64_t arena_size,
                     ebpf_map **out, struct ebpf_error *err);

/* Flags every map may carry (the kernel's BPF_F_ACCESS_MASK and NUMA).  */
#define EBPF_MAP_ACCESS_FLAGS (BPF_F_RDONLY | BPF_F_WRONLY \
                               | BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG)
#define EBPF_MAP_COMMON_FLAGS (EBPF_MAP_ACCESS_FLAGS | BPF_F_NUMA_NODE)

long ebpf_map_array_create (const struct ebpf_map *base, ebpf_map **out,
                            struct ebpf_error *err);
long ebpf_map_hash_create (const struct ebpf_map *base, ebpf_map **out,
                           struct ebpf_error *err);
long ebpf_map_lpm_create (const struct ebpf_map *base, ebpf_map **out,
                          struct ebpf_error *err);
long ebpf_map_queue_create (const struct ebpf_map *base, ebpf_map **out,
                            struct ebpf_error *err);
long ebpf_map_bloom_create (const struct ebpf_map *base, ebpf_map **out,
                            struct ebpf_error *err);
long ebpf_map_ringbuf_create (const struct ebpf_map *base, ebpf_map **out,
                              struct ebpf_error *err);
long ebpf_map_perf_create (const struct ebpf_map *base, ebpf_map **out,
                           struct ebpf_error *err);
long ebpf_map_prog_array_create (const struct ebpf_map *base, ebpf_map **out,
                                 struct ebpf_error *err);
long ebpf_map_of_maps_create (const struct ebpf_map *base, ebpf_map **out,
                              struct ebpf_error *err);
/* Arrays of u32 references (map-prog-array.c): prog array, array of maps. */
long ebpf_ref_array_create (const struct ebpf_map *base, ebpf_map **out,
                            struct ebpf_error *err);

/* The index an array-like map's 4-byte key names.  */
static inline uint32_t
ebpf_array_key_index (const void *key)
{
  uint32_t index;
  memcpy (&index, key, sizeof index);
  return index;
}

/* get_next_key over indices 0..max_entries-1, for every array type.  */
long ebpf_array_get_next_key (const ebpf_map *m, const void *key,
                              void *next_key);
/* The checks of maps whose values have no key (queue, stack, bloom
 * filter): key_size 0, value_size and max_entries not 0.  */
long ebpf_keyless_check_sizes (const struct ebpf_map *base,
                               struct ebpf_error *err);

/* The common array checks of array_map_alloc_check: key_size 4, value_size
 * and max_entries not 0.  */
long ebpf_array_check_sizes (const struct ebpf_map *base,
                             struct ebpf_error *err);

/* Keyed slots (map-table.c): the key -> slot index shared by the hash maps
 * and the LPM trie.  Keys live in one array, slot-major; an open-addressed
 * table of (hash, slot) finds them; slots are handed out lowest first and
 * reused most recently freed first; live slots form a list in insertion
 * order.  */
#define EBPF_NO_SLOT UINT32_MAX

struct ebpf_slot_bucket
{
  uint32_t hash;
  uint32_t slot_plus_1;     /* 0: empty bucket */
};

struct ebpf_slot_table
{
  uint32_t key_size, capacity, count;
  uint8_t *keys;            /* capacity * key_size */
  struct ebpf_slot_bucket *buckets;
  uint32_t bucket_mask;
  uint32_t *prev, *next;    /* insertion order; prev is EBPF_SLOT_FREE for
                               a free slot */
  uint32_t head, tail;
  uint32_t free_list;       /* freed slots, chained through next */
  uint32_t fresh;           /* slots fresh .. capacity-1 never used */
};
#define EBPF_SLOT_FREE (UINT32_MAX - 1)

uint32_t ebpf_key_hash (const void *key, uint32_t size, uint32_t seed);
static inline uint32_t
ebpf_slot_table_hash (const struct ebpf_slot_table *t, const void *key)
{
  return ebpf_key_hash (key, t->key_size, 0);
}
bool ebpf_slot_table_init (struct ebpf_slot_table *t, uint32_t capacity,
                           uint32_t key_size);
void ebpf_slot_table_fini (struct ebpf_slot_table *t);
uint32_t ebpf_slot_table_find (const struct ebpf_slot_table *t,
                               const void *key, uint32_t hash);
/* Adds KEY (known absent); EBPF_NO_SLOT when full.  */
uint32_t ebpf_slot_table_insert (struct ebpf_slot_table *t, const void *key,
                                 uint32_t hash);
void ebpf_slot_table_remove (struct ebpf_slot_table *t, uint32_t slot);

static inline const uint8_t *
ebpf_slot_key (const struct ebpf_slot_table *t, uint32_t slot)
{
  return t->keys + (size_t) slot * t->key_size;
}

static inline bool
ebpf_slot_live (const struct ebpf_slot_table *t, uint32_t slot)
{
  return slot < t->fresh && t->prev[slot] != EBPF_SLOT_FREE;
}

#endif
