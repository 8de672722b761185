/* map-test — the map implementations (sim/map*.c) against the kernel's
 * documented semantics: creation rules, lookups, updates and their errno
 * values, per-CPU copies, LRU eviction, longest-prefix match, queue and
 * stack, bloom filter, ring buffer, perf output, prog array, maps of maps,
 * iteration.  Prints PASS/FAIL lines for DejaGnu (ebpf.load/maps.exp) and
 * the memory cost of a 1M-entry hash map.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "maps/map.h"

static int failures;

static bool
check (bool ok, const char *name, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

#include <stdarg.h>
static bool
check (bool ok, const char *name, const char *fmt, ...)
{
  if (ok)
    printf ("PASS: maps: %s\n", name);
  else
    {
      va_list ap;
      va_start (ap, fmt);
      printf ("FAIL: maps: %s: ", name);
      vprintf (fmt, ap);
      printf ("\n");
      va_end (ap);
      failures++;
    }
  return ok;
}

/* A check that a call returned the expected errno (or 0).  */
#define EXPECT_RC(name, call, want)                                        \
  do                                                                       \
    {                                                                      \
      long rc_ = (call);                                                   \
      check (rc_ == (want), name, "%s returned %ld, expected %ld", #call,   \
             rc_, (long) (want));                                          \
    }                                                                      \
  while (0)

static long
try_create (uint32_t type, uint32_t key_size, uint32_t value_size,
            uint32_t max_entries, uint32_t flags, uint64_t extra,
            unsigned ncpus, ebpf_map **out, struct ebpf_error *err)
{
  struct ebpf_map_spec spec = {
    .name = "test_map", .type = type, .key_size = key_size,
    .value_size = value_size, .max_entries = max_entries,
    .map_flags = flags, .map_extra = extra, .id = 1,
  };
  return ebpf_map_create (&spec, ncpus, out, err);
}

static ebpf_map *
make (const char *what, uint32_t type, uint32_t key_size, uint32_t value_size,
      uint32_t max_entries, uint32_t flags, unsigned ncpus)
{
  struct ebpf_error err;
  ebpf_map *m;
  long rc = try_create (type, key_size, value_size, max_entries, flags, 0,
                        ncpus, &m, &err);
  if (rc != 0)
    {
      printf ("FAIL: maps: %s: create: %s\n", what, err.message);
      failures++;
      exit (1);
    }
  return m;
}

static uint64_t
u64_at (const void *p)
{
  uint64_t v;
  memcpy (&v, p, sizeof v);
  return v;
}

static uint32_t
u32_at (const void *p)
{
  uint32_t v;
  memcpy (&v, p, sizeof v);
  return v;
}

/* ---- Creation ---------------------------------------------------------- */

static void
expect_reject (const char *name, uint32_t type, uint32_t key_size,
               uint32_t value_size, uint32_t max_entries, uint32_t flags,
               uint64_t extra, long want, const char *mention)
{
  struct ebpf_error err = { "" };
  ebpf_map *m = NULL;
  long rc = try_create (type, key_size, value_size, max_entries, flags,
                        extra, 2, &m, &err);
  /* The message names the map and the rule it broke.  */
  check (rc == want && m == NULL && strstr (err.message, "'test_map'")
         && strstr (err.message, mention), name,
         "rc %ld (expected %ld), message \"%s\" (expected to mention %s)",
         rc, want, err.message, mention);
  ebpf_map_free (m);
}

static void
test_create (void)
{
  expect_reject ("create: array key_size must be 4", BPF_MAP_TYPE_ARRAY, 8,
                 4, 4, 0, 0, -EINVAL, "key_size");
  expect_reject ("create: array value_size 0", BPF_MAP_TYPE_ARRAY, 4, 0, 4,
                 0, 0, -EINVAL, "value_size");
  expect_reject ("create: array max_entries 0", BPF_MAP_TYPE_ARRAY, 4, 4, 0,
                 0, 0, -EINVAL, "max_entries");
  expect_reject ("create: percpu array value over 32 KiB",
                 BPF_MAP_TYPE_PERCPU_ARRAY, 4, 32769, 4, 0, 0, -E2BIG,
                 "per-CPU");
  expect_reject ("create: percpu array not mmapable",
                 BPF_MAP_TYPE_PERCPU_ARRAY, 4, 4, 4, BPF_F_MMAPABLE, 0,
                 -EINVAL, "MMAPABLE");
  expect_reject ("create: queue key_size must be 0", BPF_MAP_TYPE_QUEUE, 4,
                 4, 4, 0, 0, -EINVAL, "key_size must be 0");
  expect_reject ("create: stack value_size 0", BPF_MAP_TYPE_STACK, 0, 0, 4,
                 0, 0, -EINVAL, "value_size");
  expect_reject ("create: ringbuf size not a power of two",
                 BPF_MAP_TYPE_RINGBUF, 0, 0, 3 * 4096, 0, 0, -EINVAL,
                 "power of two");
  expect_reject ("create: ringbuf size below a page", BPF_MAP_TYPE_RINGBUF,
                 0, 0, 2048, 0, 0, -EINVAL, "page");
  expect_reject ("create: ringbuf key_size must be 0", BPF_MAP_TYPE_RINGBUF,
                 4, 0, 4096, 0, 0, -EINVAL, "key_size");
  expect_reject ("create: lpm needs BPF_F_NO_PREALLOC", BPF_MAP_TYPE_LPM_TRIE,
                 8, 4, 4, 0, 0, -EINVAL, "BPF_F_NO_PREALLOC");
  expect_reject ("create: lpm key_size at least 5", BPF_MAP_TYPE_LPM_TRIE, 4,
                 4, 4, BPF_F_NO_PREALLOC, 0, -EINVAL, "key_size");
  expect_reject ("create: lpm key_size at most 260", BPF_MAP_TYPE_LPM_TRIE,
                 261, 4, 4, BPF_F_NO_PREALLOC, 0, -EINVAL, "key_size");
  expect_reject ("create: bloom key_size must be 0",
                 BPF_MAP_TYPE_BLOOM_FILTER, 4, 4, 4, 0, 0, -EINVAL,
                 "key_size");
  expect_reject ("create: bloom map_extra beyond 4 bits",
                 BPF_MAP_TYPE_BLOOM_FILTER, 0, 4, 4, 0, 0x10, -EINVAL,
                 "map_extra");
  expect_reject ("create: map_extra only for bloom", BPF_MAP_TYPE_HASH, 4, 4,
                 4, 0, 1, -EINVAL, "map_extra");
  expect_reject ("create: hash key_size 0", BPF_MAP_TYPE_HASH, 0, 4, 4, 0, 0,
                 -EINVAL, "key_size");
  expect_reject ("create: hash key over 512 bytes", BPF_MAP_TYPE_HASH, 513,
                 4, 4, 0, 0, -E2BIG, "key_size");
  expect_reject ("create: lru hash must be preallocated",
                 BPF_MAP_TYPE_LRU_HASH, 4, 4, 4, BPF_F_NO_PREALLOC, 0,
                 -EINVAL, "preallocated");
  expect_reject ("create: BPF_F_NO_COMMON_LRU only for lru",
                 BPF_MAP_TYPE_HASH, 4, 4, 4, BPF_F_NO_COMMON_LRU, 0, -EINVAL,
                 "LRU");
  expect_reject ("create: unknown flag bit", BPF_MAP_TYPE_HASH, 4, 4, 4,
                 1u << 20, 0, -EINVAL, "map_flags");
  expect_reject ("create: rdonly_prog and wronly_prog", BPF_MAP_TYPE_ARRAY,
                 4, 4, 4, BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG, 0, -EINVAL,
                 "BPF_F_RDONLY_PROG");
  expect_reject ("create: prog array value_size 4", BPF_MAP_TYPE_PROG_ARRAY,
                 4, 8, 4, 0, 0, -EINVAL, "value_size");
  expect_reject ("create: prog array no rdonly_prog",
                 BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 4, BPF_F_RDONLY_PROG, 0,
                 -EINVAL, "map_flags");
  expect_reject ("create: array of maps needs a template",
                 BPF_MAP_TYPE_ARRAY_OF_MAPS, 4, 4, 4, 0, 0, -EINVAL,
                 "inner map");
  expect_reject ("create: unsupported type", BPF_MAP_TYPE_STACK_TRACE, 4, 8,
                 4, 0, 0, -EINVAL, "not supported");
  expect_reject ("create: unknown type", 999, 4, 8, 4, 0, 0, -EINVAL,
                 "unknown map type");

  struct ebpf_error err;
  ebpf_map *m = NULL;
  EXPECT_RC ("create: hash with BPF_F_NO_PREALLOC",
             try_create (BPF_MAP_TYPE_HASH, 4, 4, 4, BPF_F_NO_PREALLOC, 0, 1,
                         &m, &err), 0);
  ebpf_map_free (m);
  EXPECT_RC ("create: lru with BPF_F_NO_COMMON_LRU",
             try_create (BPF_MAP_TYPE_LRU_HASH, 4, 4, 4, BPF_F_NO_COMMON_LRU,
                         0, 1, &m, &err), 0);
  ebpf_map_free (m);
  m = make ("create: rdonly_prog recorded", BPF_MAP_TYPE_ARRAY, 4, 4, 4,
            BPF_F_RDONLY_PROG, 1);
  check (ebpf_map_flags (m) == BPF_F_RDONLY_PROG && ebpf_map_id (m) == 1,
         "create: BPF_F_RDONLY_PROG is recorded", "flags 0x%x",
         ebpf_map_flags (m));
  ebpf_map_free (m);
  m = make ("create: wronly_prog", BPF_MAP_TYPE_HASH, 4, 4, 4,
            BPF_F_WRONLY_PROG, 1);
  check (ebpf_map_flags (m) == BPF_F_WRONLY_PROG,
         "create: BPF_F_WRONLY_PROG is recorded", "flags 0x%x",
         ebpf_map_flags (m));
  ebpf_map_free (m);
}

/* ---- Arrays ------------------------------------------------------------ */

static void
test_array (void)
{
  ebpf_map *m = make ("array", BPF_MAP_TYPE_ARRAY, 4, 12, 4, 0, 1);
  size_t arena_size;
  uint8_t *arena = ebpf_map_arena (m, &arena_size);
  /* Elements are value_size rounded up to 8 apart, as in the kernel.  */
  check (arena_size == 4 * 16, "array: arena is max_entries * round_up(12, 8)",
         "size %zu", arena_size);
  uint32_t k = 2;
  uint8_t *v = ebpf_map_lookup (m, &k, 0);
  check (v == arena + 2 * 16, "array: lookup points into the arena",
         "%p vs %p", (void *) v, (void *) (arena + 32));
  check (v && u64_at (v) == 0, "array: elements start zeroed", "not zero");
  uint8_t val[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
  EXPECT_RC ("array: update", ebpf_map_update (m, &k, val, BPF_ANY, 0), 0);
  check (memcmp (v, val, 12) == 0, "array: update writes in place",
         "value differs");
  EXPECT_RC ("array: update BPF_EXIST",
             ebpf_map_update (m, &k, val, BPF_EXIST, 0), 0);
  EXPECT_RC ("array: BPF_NOEXIST is -EEXIST",
             ebpf_map_update (m, &k, val, BPF_NOEXIST, 0), -EEXIST);
  EXPECT_RC ("array: unknown update flag is -EINVAL",
             ebpf_map_update (m, &k, val, 8, 0), -EINVAL);
  EXPECT_RC ("array: BPF_F_LOCK without a spin lock is -EINVAL",
             ebpf_map_update (m, &k, val, BPF_F_LOCK, 0), -EINVAL);
  uint32_t big = 4;
  check (ebpf_map_lookup (m, &big, 0) == NULL,
         "array: lookup out of range is NULL", "not NULL");
  EXPECT_RC ("array: update out of range is -E2BIG",
             ebpf_map_update (m, &big, val, BPF_ANY, 0), -E2BIG);
  EXPECT_RC ("array: delete is -EINVAL", ebpf_map_delete (m, &k), -EINVAL);
  uint8_t out[12];
  EXPECT_RC ("array: sys lookup", ebpf_map_sys_lookup (m, &k, out), 0);
  check (memcmp (out, val, 12) == 0, "array: sys lookup copies the value",
         "differs");
  EXPECT_RC ("array: sys lookup out of range is -ENOENT",
             ebpf_map_sys_lookup (m, &big, out), -ENOENT);

  uint32_t next;
  EXPECT_RC ("array: get_next_key NULL", ebpf_map_get_next_key (m, NULL,
                                                                &next), 0);
  check (next == 0, "array: get_next_key NULL gives 0", "gave %u", next);
  k = 1;
  ebpf_map_get_next_key (m, &k, &next);
  check (next == 2, "array: get_next_key 1 gives 2", "gave %u", next);
  k = 3;
  EXPECT_RC ("array: get_next_key last is -ENOENT",
             ebpf_map_get_next_key (m, &k, &next), -ENOENT);
  k = 77;
  ebpf_map_get_next_key (m, &k, &next);
  check (next == 0, "array: get_next_key out of range gives 0", "gave %u",
         next);
  ebpf_map_free (m);
}

static void
test_percpu_array (void)
{
  ebpf_map *m = make ("percpu array", BPF_MAP_TYPE_PERCPU_ARRAY, 4, 4, 2, 0,
                      4);
  check (ebpf_map_sys_value_size (m) == 4 * 8,
         "percpu array: user value is ncpus * round_up(4, 8)", "%zu",
         ebpf_map_sys_value_size (m));
  uint32_t k = 1, val = 0xabcd;
  EXPECT_RC ("percpu array: program update",
             ebpf_map_update (m, &k, &val, BPF_ANY, 2), 0);
  uint32_t *on2 = ebpf_map_lookup (m, &k, 2), *on1 = ebpf_map_lookup (m, &k,
                                                                       1);
  check (on2 && *on2 == 0xabcd && on1 && *on1 == 0,
         "percpu array: a program update writes its CPU's copy only",
         "cpu2 %x cpu1 %x", on2 ? *on2 : 0, on1 ? *on1 : 0);
  check ((uint8_t *) on2 - (uint8_t *) on1 == 8,
         "percpu array: copies are 8 bytes apart", "%td",
         (uint8_t *) on2 - (uint8_t *) on1);
  uint64_t all[4];
  ebpf_map_sys_lookup (m, &k, all);
  check ((uint32_t) all[2] == 0xabcd && all[0] == 0 && all[3] == 0,
         "percpu array: user lookup reads every CPU", "wrong copies");
  uint64_t set[4] = { 10, 11, 12, 13 };
  EXPECT_RC ("percpu array: user update", ebpf_map_sys_update (m, &k, set,
                                                               BPF_ANY), 0);
  on1 = ebpf_map_lookup (m, &k, 3);
  check (on1 && *on1 == 13, "percpu array: user update writes every CPU",
         "cpu3 %u", on1 ? *on1 : 0);
  check (ebpf_map_lookup (m, &k, 4) == NULL,
         "percpu array: a CPU beyond ncpus gets NULL", "not NULL");
  ebpf_map_free (m);
}

/* ---- Hash maps --------------------------------------------------------- */

static void
test_hash (void)
{
  ebpf_map *m = make ("hash", BPF_MAP_TYPE_HASH, 8, 8, 3, 0, 1);
  uint64_t k1 = 100, k2 = 200, k3 = 300, k4 = 400, v = 1, got;
  check (ebpf_map_lookup (m, &k1, 0) == NULL, "hash: lookup when empty",
         "not NULL");
  EXPECT_RC ("hash: BPF_EXIST on a missing key is -ENOENT",
             ebpf_map_update (m, &k1, &v, BPF_EXIST, 0), -ENOENT);
  EXPECT_RC ("hash: BPF_NOEXIST adds", ebpf_map_update (m, &k1, &v,
                                                        BPF_NOEXIST, 0), 0);
  EXPECT_RC ("hash: BPF_NOEXIST on an existing key is -EEXIST",
             ebpf_map_update (m, &k1, &v, BPF_NOEXIST, 0), -EEXIST);
  v = 2;
  EXPECT_RC ("hash: BPF_EXIST replaces",
             ebpf_map_update (m, &k1, &v, BPF_EXIST, 0), 0);
  EXPECT_RC ("hash: unknown update flag is -EINVAL",
             ebpf_map_update (m, &k1, &v, 3, 0), -EINVAL);
  uint64_t *p1 = ebpf_map_lookup (m, &k1, 0);
  check (p1 && *p1 == 2, "hash: lookup sees the update", "wrong value");
  size_t arena_size;
  uint8_t *arena = ebpf_map_arena (m, &arena_size);
  check ((uint8_t *) p1 >= arena && (uint8_t *) p1 < arena + arena_size
         && arena_size == 3 * 8, "hash: values live in the arena",
         "outside");
  v = 3;
  ebpf_map_update (m, &k2, &v, BPF_ANY, 0);
  ebpf_map_update (m, &k3, &v, BPF_ANY, 0);
  check (ebpf_map_lookup (m, &k1, 0) == p1,
         "hash: a value keeps its address as others come", "moved");
  EXPECT_RC ("hash: full map is -E2BIG",
             ebpf_map_update (m, &k4, &v, BPF_ANY, 0), -E2BIG);
  EXPECT_RC ("hash: replacing in a full map works",
             ebpf_map_update (m, &k3, &v, BPF_ANY, 0), 0);
  EXPECT_RC ("hash: delete missing is -ENOENT", ebpf_map_delete (m, &k4),
             -ENOENT);
  EXPECT_RC ("hash: sys lookup missing is -ENOENT",
             ebpf_map_sys_lookup (m, &k4, &got), -ENOENT);

  /* Insertion order: k1, k2, k3.  */
  uint64_t next;
  ebpf_map_get_next_key (m, NULL, &next);
  check (next == k1, "hash: first key is the oldest", "got %llu",
         (unsigned long long) next);
  ebpf_map_get_next_key (m, &k1, &next);
  check (next == k2, "hash: next key in insertion order", "got %llu",
         (unsigned long long) next);
  ebpf_map_get_next_key (m, &k4, &next);
  check (next == k1, "hash: get_next_key of a missing key gives the first",
         "got %llu", (unsigned long long) next);
  EXPECT_RC ("hash: get_next_key after the last is -ENOENT",
             ebpf_map_get_next_key (m, &k3, &next), -ENOENT);

  EXPECT_RC ("hash: delete", ebpf_map_delete (m, &k2), 0);
  check (ebpf_map_lookup (m, &k2, 0) == NULL, "hash: deleted key is gone",
         "still there");
  EXPECT_RC ("hash: room again after delete",
             ebpf_map_update (m, &k4, &v, BPF_ANY, 0), 0);
  ebpf_map_get_next_key (m, &k3, &next);
  check (next == k4, "hash: a re-added slot counts as newly inserted",
         "got %llu", (unsigned long long) next);

  /* The dump idiom: walk with get_next_key, deleting as we go.  */
  uint64_t key, prev;
  int walked = 0;
  bool have = ebpf_map_get_next_key (m, NULL, &key) == 0;
  while (have)
    {
      prev = key;
      have = ebpf_map_get_next_key (m, &prev, &key) == 0;
      ebpf_map_delete (m, &prev);
      walked++;
    }
  check (walked == 3 && ebpf_map_get_next_key (m, NULL, &key) == -ENOENT,
         "hash: walk and delete empties the map", "walked %d", walked);
  ebpf_map_free (m);

  /* Many keys with collisions in the index: everything is found again
   * after heavy deletes (the backward-shift deletion).  */
  m = make ("hash churn", BPF_MAP_TYPE_HASH, 4, 4, 1000, 0, 1);
  bool ok = true;
  for (uint32_t i = 0; i < 1000; i++)
    ok &= ebpf_map_update (m, &i, &i, BPF_NOEXIST, 0) == 0;
  for (uint32_t i = 0; i < 1000; i += 3)
    ok &= ebpf_map_delete (m, &i) == 0;
  for (uint32_t i = 0; i < 1000; i++)
    {
      uint32_t *p = ebpf_map_lookup (m, &i, 0);
      ok &= i % 3 == 0 ? p == NULL : (p != NULL && *p == i);
    }
  check (ok, "hash: 1000 keys survive deleting a third", "lost a key");
  ebpf_map_free (m);
}

static void
test_percpu_hash (void)
{
  ebpf_map *m = make ("percpu hash", BPF_MAP_TYPE_PERCPU_HASH, 4, 8, 4, 0, 3);
  uint32_t k = 7;
  uint64_t v = 55;
  EXPECT_RC ("percpu hash: program update on CPU 1",
             ebpf_map_update (m, &k, &v, BPF_ANY, 1), 0);
  uint64_t all[3] = { 9, 9, 9 };
  ebpf_map_sys_lookup (m, &k, all);
  /* A new element from a program: the other CPUs' copies are zero.  */
  check (all[0] == 0 && all[1] == 55 && all[2] == 0,
         "percpu hash: new element holds the value on its CPU only",
         "%llu %llu %llu", (unsigned long long) all[0],
         (unsigned long long) all[1], (unsigned long long) all[2]);
  v = 66;
  ebpf_map_update (m, &k, &v, BPF_EXIST, 2);
  ebpf_map_sys_lookup (m, &k, all);
  check (all[1] == 55 && all[2] == 66,
         "percpu hash: program update keeps other CPUs' copies", "lost");
  uint64_t *p = ebpf_map_lookup (m, &k, 2);
  check (p && *p == 66, "percpu hash: lookup gives the CPU's copy", "wrong");
  uint64_t set[3] = { 1, 2, 3 };
  uint32_t k2 = 8;
  EXPECT_RC ("percpu hash: user update of all CPUs",
             ebpf_map_sys_update (m, &k2, set, BPF_NOEXIST), 0);
  p = ebpf_map_lookup (m, &k2, 0);
  check (p && *p == 1, "percpu hash: user update reaches CPU 0", "wrong");
  ebpf_map_free (m);
}

static void
test_lru (void)
{
  ebpf_map *m = make ("lru", BPF_MAP_TYPE_LRU_HASH, 4, 4, 3, 0, 1);
  uint32_t a = 1, b = 2, c = 3, d = 4, e = 5, v = 0;
  ebpf_map_update (m, &a, &v, BPF_ANY, 0);
  ebpf_map_update (m, &b, &v, BPF_ANY, 0);
  ebpf_map_update (m, &c, &v, BPF_ANY, 0);
  ebpf_map_lookup (m, &a, 0);   /* a is now the most recently used */
  EXPECT_RC ("lru: insert into a full map succeeds",
             ebpf_map_update (m, &d, &v, BPF_ANY, 0), 0);
  check (ebpf_map_lookup (m, &b, 0) == NULL && ebpf_map_lookup (m, &a, 0)
         && ebpf_map_lookup (m, &d, 0),
         "lru: the least recently used element is evicted", "wrong victim");
  /* Recency now, newest first: d, a (looked up above), c.  A user-space
   * lookup of c does not save it (the kernel's syscall path does not
   * mark the element).  */
  uint32_t out;
  ebpf_map_sys_lookup (m, &c, &out);
  ebpf_map_update (m, &e, &v, BPF_ANY, 0);
  check (ebpf_map_lookup (m, &c, 0) == NULL && ebpf_map_lookup (m, &e, 0),
         "lru: a user-space lookup does not count as a use", "c survived");
  /* An update makes an element recent too.  Recency: e, d, a.  */
  ebpf_map_update (m, &a, &v, BPF_EXIST, 0);
  ebpf_map_update (m, &b, &v, BPF_ANY, 0);
  check (ebpf_map_lookup (m, &d, 0) == NULL && ebpf_map_lookup (m, &a, 0),
         "lru: an update counts as a use", "wrong victim");
  EXPECT_RC ("lru: delete", ebpf_map_delete (m, &a), 0);
  EXPECT_RC ("lru: BPF_NOEXIST fills the freed slot without eviction",
             ebpf_map_update (m, &c, &v, BPF_NOEXIST, 0), 0);
  check (ebpf_map_lookup (m, &b, 0) && ebpf_map_lookup (m, &e, 0),
         "lru: no eviction while there is room", "evicted");
  ebpf_map_free (m);

  m = make ("lru percpu", BPF_MAP_TYPE_LRU_PERCPU_HASH, 4, 4, 2, 0, 2);
  uint32_t val = 9;
  ebpf_map_update (m, &a, &val, BPF_ANY, 1);
  ebpf_map_update (m, &b, &val, BPF_ANY, 0);
  ebpf_map_update (m, &c, &val, BPF_ANY, 0);
  uint32_t *p = ebpf_map_lookup (m, &b, 1);
  check (ebpf_map_lookup (m, &a, 0) == NULL && p && *p == 0,
         "lru percpu: evicts and keeps per-CPU copies", "wrong");
  ebpf_map_free (m);
}

/* ---- LPM trie ---------------------------------------------------------- */

struct lpm_key
{
  uint32_t prefixlen;
  uint8_t data[4];
};

static struct lpm_key
prefix (uint32_t len, uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
  return (struct lpm_key) { len, { a, b, c, d } };
}

static uint32_t
lpm_value (ebpf_map *m, struct lpm_key k)
{
  uint32_t *p = ebpf_map_lookup (m, &k, 0);
  return p ? *p : 0;
}

static void
test_lpm (void)
{
  ebpf_map *m = make ("lpm", BPF_MAP_TYPE_LPM_TRIE, 8, 4, 6,
                      BPF_F_NO_PREALLOC, 1);
  struct lpm_key a = prefix (8, 10, 0, 0, 0), b = prefix (16, 10, 1, 0, 0),
                 c = prefix (24, 10, 1, 2, 0), d = prefix (9, 10, 128, 0, 0),
                 e = prefix (16, 192, 168, 0, 0);
  uint32_t v;
  v = 1; ebpf_map_update (m, &a, &v, BPF_ANY, 0);
  v = 2; ebpf_map_update (m, &b, &v, BPF_ANY, 0);
  v = 3; ebpf_map_update (m, &c, &v, BPF_ANY, 0);
  v = 4; ebpf_map_update (m, &d, &v, BPF_ANY, 0);
  v = 5; ebpf_map_update (m, &e, &v, BPF_NOEXIST, 0);
  check (lpm_value (m, prefix (32, 10, 1, 2, 3)) == 3,
         "lpm: the longest prefix wins", "got %u",
         lpm_value (m, prefix (32, 10, 1, 2, 3)));
  check (lpm_value (m, prefix (32, 10, 1, 9, 9)) == 2,
         "lpm: falls back to a shorter prefix", "got %u",
         lpm_value (m, prefix (32, 10, 1, 9, 9)));
  check (lpm_value (m, prefix (32, 10, 200, 0, 1)) == 4,
         "lpm: a 9-bit prefix matches on bit 8", "got %u",
         lpm_value (m, prefix (32, 10, 200, 0, 1)));
  check (lpm_value (m, prefix (32, 10, 9, 9, 9)) == 1,
         "lpm: /8 catches the rest of 10/8", "got %u",
         lpm_value (m, prefix (32, 10, 9, 9, 9)));
  check (lpm_value (m, prefix (32, 11, 0, 0, 0)) == 0,
         "lpm: no match is NULL", "matched");
  /* The lookup key's own prefix length bounds the match.  */
  check (lpm_value (m, prefix (16, 10, 1, 2, 3)) == 2,
         "lpm: lookup prefixlen limits the match", "got %u",
         lpm_value (m, prefix (16, 10, 1, 2, 3)));

  struct lpm_key bad = prefix (33, 10, 0, 0, 0);
  EXPECT_RC ("lpm: prefixlen beyond the data is -EINVAL",
             ebpf_map_update (m, &bad, &v, BPF_ANY, 0), -EINVAL);
  EXPECT_RC ("lpm: BPF_NOEXIST on an existing prefix is -EEXIST",
             ebpf_map_update (m, &a, &v, BPF_NOEXIST, 0), -EEXIST);
  struct lpm_key f = prefix (24, 10, 1, 3, 0);
  EXPECT_RC ("lpm: BPF_EXIST on a missing prefix is -ENOENT",
             ebpf_map_update (m, &f, &v, BPF_EXIST, 0), -ENOENT);
  EXPECT_RC ("lpm: unknown flag is -EINVAL",
             ebpf_map_update (m, &f, &v, 4, 0), -EINVAL);
  EXPECT_RC ("lpm: the sixth entry fits", ebpf_map_update (m, &f, &v,
                                                           BPF_ANY, 0), 0);
  struct lpm_key g = prefix (32, 1, 2, 3, 4);
  EXPECT_RC ("lpm: a full trie is -ENOSPC",
             ebpf_map_update (m, &g, &v, BPF_ANY, 0), -ENOSPC);
  EXPECT_RC ("lpm: replacing in a full trie works",
             ebpf_map_update (m, &f, &v, BPF_ANY, 0), 0);
  EXPECT_RC ("lpm: delete", ebpf_map_delete (m, &f), 0);
  EXPECT_RC ("lpm: delete missing is -ENOENT", ebpf_map_delete (m, &f),
             -ENOENT);
  /* Identity is the prefix: 10.1.7.7/16 names 10.1/16.  The data bytes
   * are kept as given and returned by get_next_key.  */
  struct lpm_key b_unmasked = prefix (16, 10, 1, 7, 7);
  v = 20;
  EXPECT_RC ("lpm: exact update ignores bits past the prefix",
             ebpf_map_update (m, &b_unmasked, &v, BPF_EXIST, 0), 0);

  /* Post-order: more specific first, then bit 0 before bit 1:
   *   10.1.2/24, 10.1/16 (bit 8 = 0 side), 10.128/9 (bit 8 = 1),
   *   10/8, 192.168/16.  */
  struct lpm_key want[] = { c, b_unmasked, d, a, e };
  struct lpm_key k, cur;
  bool ok = ebpf_map_get_next_key (m, NULL, &k) == 0;
  int i = 0;
  while (ok && i < 5)
    {
      if (memcmp (&k, &want[i], sizeof k) != 0)
        break;
      cur = k;
      i++;
      ok = ebpf_map_get_next_key (m, &cur, &k) == 0;
    }
  check (i == 5 && !ok, "lpm: get_next_key walks in post-order",
         "differs at position %d (prefixlen %u, %u.%u.%u.%u)", i,
         k.prefixlen, k.data[0], k.data[1], k.data[2], k.data[3]);
  struct lpm_key missing = prefix (16, 10, 2, 0, 0);
  ebpf_map_get_next_key (m, &missing, &k);
  check (memcmp (&k, &c, sizeof k) == 0,
         "lpm: get_next_key of a missing key gives the first", "no");
  EXPECT_RC ("lpm: delete by prefix", ebpf_map_delete (m, &b), 0);
  check (lpm_value (m, prefix (32, 10, 1, 9, 9)) == 1,
         "lpm: after deleting /16 the /8 matches", "got %u",
         lpm_value (m, prefix (32, 10, 1, 9, 9)));
  EXPECT_RC ("lpm: array-style delete of a bad prefixlen is -EINVAL",
             ebpf_map_delete (m, &bad), -EINVAL);
  ebpf_map_free (m);

  m = make ("lpm zero", BPF_MAP_TYPE_LPM_TRIE, 8, 4, 2, BPF_F_NO_PREALLOC, 1);
  struct lpm_key any = prefix (0, 0, 0, 0, 0);
  v = 99;
  ebpf_map_update (m, &any, &v, BPF_ANY, 0);
  check (lpm_value (m, prefix (32, 8, 8, 8, 8)) == 99,
         "lpm: a /0 entry matches everything", "no");
  ebpf_map_free (m);
}

/* ---- Queue, stack, bloom filter ---------------------------------------- */

static void
test_queue_stack (void)
{
  ebpf_map *q = make ("queue", BPF_MAP_TYPE_QUEUE, 0, 4, 3, 0, 1);
  uint32_t v, out;
  for (v = 1; v <= 3; v++)
    ebpf_map_push (q, &v, BPF_ANY);
  check (ebpf_map_nth (q, 0, &out) == 0 && out == 1
         && ebpf_map_nth (q, 2, &out) == 0 && out == 3,
         "queue: values in pop order, oldest first", "got %u", out);
  EXPECT_RC ("queue: no value past the last", ebpf_map_nth (q, 3, &out), -ENOENT);
  v = 4;
  EXPECT_RC ("queue: push into a full queue is -E2BIG",
             ebpf_map_push (q, &v, BPF_ANY), -E2BIG);
  EXPECT_RC ("queue: BPF_EXIST overwrites the oldest",
             ebpf_map_push (q, &v, BPF_EXIST), 0);
  EXPECT_RC ("queue: BPF_NOEXIST is -EINVAL",
             ebpf_map_push (q, &v, BPF_NOEXIST), -EINVAL);
  ebpf_map_peek (q, &out);
  check (out == 2, "queue: peek gives the oldest left (1 was dropped)",
         "got %u", out);
  ebpf_map_pop (q, &out);
  check (out == 2, "queue: pop is first in, first out", "got %u", out);
  ebpf_map_sys_lookup (q, NULL, &out);
  check (out == 3, "queue: user lookup peeks", "got %u", out);
  ebpf_map_pop (q, &out);
  ebpf_map_pop (q, &out);
  check (out == 4, "queue: last value out", "got %u", out);
  EXPECT_RC ("queue: pop from empty is -ENOENT", ebpf_map_pop (q, &out),
             -ENOENT);
  EXPECT_RC ("queue: peek at empty is -ENOENT", ebpf_map_peek (q, &out),
             -ENOENT);
  check (ebpf_map_lookup (q, NULL, 0) == NULL, "queue: lookup is NULL",
         "not NULL");
  EXPECT_RC ("queue: update is -EINVAL",
             ebpf_map_update (q, NULL, &v, BPF_ANY, 0), -EINVAL);
  EXPECT_RC ("queue: delete is -EINVAL", ebpf_map_delete (q, NULL), -EINVAL);
  EXPECT_RC ("queue: get_next_key is -EINVAL",
             ebpf_map_get_next_key (q, NULL, &out), -EINVAL);
  /* Wrap around the circular buffer many times.  */
  bool ok = true;
  for (uint32_t i = 0; i < 20; i++)
    {
      ok &= ebpf_map_push (q, &i, BPF_ANY) == 0;
      ok &= ebpf_map_pop (q, &out) == 0 && out == i;
    }
  check (ok, "queue: order holds across wrap-around", "lost order");
  ebpf_map_free (q);

  ebpf_map *s = make ("stack", BPF_MAP_TYPE_STACK, 0, 4, 3, 0, 1);
  for (v = 1; v <= 3; v++)
    ebpf_map_push (s, &v, BPF_ANY);
  check (ebpf_map_nth (s, 0, &out) == 0 && out == 3
         && ebpf_map_nth (s, 2, &out) == 0 && out == 1,
         "stack: values in pop order, newest first", "got %u", out);
  ebpf_map_peek (s, &out);
  check (out == 3, "stack: peek gives the newest", "got %u", out);
  v = 4;
  EXPECT_RC ("stack: push into a full stack is -E2BIG",
             ebpf_map_push (s, &v, BPF_ANY), -E2BIG);
  /* BPF_EXIST drops the oldest value, the bottom of the stack.  */
  EXPECT_RC ("stack: BPF_EXIST overwrites the oldest",
             ebpf_map_push (s, &v, BPF_EXIST), 0);
  uint32_t seq[4] = { 0 };
  for (int i = 0; i < 3; i++)
    ebpf_map_pop (s, &seq[i]);
  check (seq[0] == 4 && seq[1] == 3 && seq[2] == 2,
         "stack: pops last in, first out, bottom dropped", "%u %u %u",
         seq[0], seq[1], seq[2]);
  EXPECT_RC ("stack: pop from empty is -ENOENT", ebpf_map_pop (s, &out),
             -ENOENT);
  ebpf_map_free (s);
}

static int
bloom_false_positives (uint64_t extra)
{
  ebpf_map *m;
  struct ebpf_error err;
  if (try_create (BPF_MAP_TYPE_BLOOM_FILTER, 0, 8, 100, 0, extra, 1, &m,
                  &err) != 0)
    return -1;
  for (uint64_t v = 0; v < 100; v++)
    ebpf_map_push (m, &v, BPF_ANY);
  int fp = 0;
  for (uint64_t v = 1000; v < 2000; v++)
    fp += ebpf_map_peek (m, &v) == 0;
  ebpf_map_free (m);
  return fp;
}

static void
test_bloom (void)
{
  ebpf_map *m = make ("bloom", BPF_MAP_TYPE_BLOOM_FILTER, 0, 8, 100, 0, 1);
  size_t bytes;
  ebpf_map_arena (m, &bytes);
  /* 100 entries * 5 hashes / 5 * 7 = 700 bits, rounded up to 1024.  */
  check (bytes == 128, "bloom: bit array sized as the kernel does",
         "%zu bytes", bytes);
  bool ok = true;
  for (uint64_t v = 0; v < 100; v++)
    ok &= ebpf_map_push (m, &v, BPF_ANY) == 0;
  for (uint64_t v = 0; v < 100; v++)
    ok &= ebpf_map_peek (m, &v) == 0;
  check (ok, "bloom: every pushed value tests present", "missed one");
  uint64_t v = 5000, out;
  EXPECT_RC ("bloom: push with flags is -EINVAL",
             ebpf_map_push (m, &v, BPF_EXIST), -EINVAL);
  EXPECT_RC ("bloom: pop is -EOPNOTSUPP", ebpf_map_pop (m, &out),
             -EOPNOTSUPP);
  EXPECT_RC ("bloom: delete is -EOPNOTSUPP", ebpf_map_delete (m, &v),
             -EOPNOTSUPP);
  EXPECT_RC ("bloom: get_next_key is -EOPNOTSUPP",
             ebpf_map_get_next_key (m, NULL, &out), -EOPNOTSUPP);
  v = 3;
  EXPECT_RC ("bloom: user lookup tests the value given",
             ebpf_map_sys_lookup (m, NULL, &v), 0);
  ebpf_map_free (m);

  int fp = bloom_false_positives (0), again = bloom_false_positives (0);
  /* Expected rate (1 - e^(-500/1024))^5, under 1%: about 9 in 1000.  */
  check (fp >= 0 && fp < 40 && fp == again,
         "bloom: false positives are rare and deterministic",
         "%d then %d of 1000", fp, again);
  int fp1 = bloom_false_positives (1);
  check (fp1 > fp, "bloom: map_extra 1 uses one hash (more false positives)",
         "%d vs %d", fp1, fp);
}

/* ---- Ring buffer ------------------------------------------------------- */

struct drained
{
  int n;
  uint32_t sizes[16];
  uint8_t first[16];
};

static int
drain (void *ctx, const void *data, uint32_t size)
{
  struct drained *d = ctx;
  if (d->n < 16)
    {
      d->sizes[d->n] = size;
      d->first[d->n] = size ? *(const uint8_t *) data : 0;
    }
  d->n++;
  return 0;
}

static void
test_ringbuf (void)
{
  ebpf_map *m = make ("ringbuf", BPF_MAP_TYPE_RINGBUF, 0, 0, 4096, 0, 1);
  size_t arena_size;
  uint8_t *arena = ebpf_map_arena (m, &arena_size);
  uint8_t *s = ebpf_ringbuf_reserve (m, 10, 0);
  check (s == arena + 8, "ringbuf: a record's sample follows its 8-byte "
         "header", "%td", s ? s - arena : -1);
  uint32_t len = u32_at (arena), pg = u32_at (arena + 4);
  check (len == (10 | BPF_RINGBUF_BUSY_BIT) && pg == 0,
         "ringbuf: reserved header has the busy bit", "len 0x%x pg %u", len,
         pg);
  memset (s, 0xaa, 10);
  struct drained d = { 0 };
  ebpf_ringbuf_consume (m, drain, &d);
  check (d.n == 0, "ringbuf: nothing to consume before submit", "%d", d.n);
  EXPECT_RC ("ringbuf: submit", ebpf_ringbuf_submit (m, s, 0), 0);
  check (u32_at (arena) == 10, "ringbuf: submit clears the busy bit",
         "0x%x", u32_at (arena));
  EXPECT_RC ("ringbuf: double submit is refused",
             ebpf_ringbuf_submit (m, s, 0), -EINVAL);
  EXPECT_RC ("ringbuf: submit of a stray pointer is refused",
             ebpf_ringbuf_submit (m, arena + 100, 0), -EINVAL);
  check (ebpf_ringbuf_query (m, BPF_RB_PROD_POS) == 24,
         "ringbuf: records are padded to 8 bytes (8 + 10 -> 24)", "%llu",
         (unsigned long long) ebpf_ringbuf_query (m, BPF_RB_PROD_POS));
  check (ebpf_ringbuf_query (m, BPF_RB_RING_SIZE) == 4096,
         "ringbuf: query ring size", "wrong");
  ebpf_ringbuf_consume (m, drain, &d);
  check (d.n == 1 && d.sizes[0] == 10 && d.first[0] == 0xaa,
         "ringbuf: consumer gets the submitted record", "n %d", d.n);
  check (ebpf_ringbuf_query (m, BPF_RB_AVAIL_DATA) == 0
         && ebpf_ringbuf_query (m, BPF_RB_CONS_POS) == 24,
         "ringbuf: consuming advances the consumer position", "wrong");

  /* Records complete out of order are consumed in order; discarded ones
   * are skipped.  */
  uint8_t *r1 = ebpf_ringbuf_reserve (m, 4, 0);
  uint8_t *r2 = ebpf_ringbuf_reserve (m, 4, 0);
  uint8_t *r3 = ebpf_ringbuf_reserve (m, 4, 0);
  *r1 = 1; *r2 = 2; *r3 = 3;
  ebpf_ringbuf_submit (m, r2, 0);
  ebpf_ringbuf_discard (m, r3, BPF_RB_NO_WAKEUP);
  d.n = 0;
  ebpf_ringbuf_consume (m, drain, &d);
  check (d.n == 0, "ringbuf: a busy record holds back later ones", "%d",
         d.n);
  ebpf_ringbuf_submit (m, r1, 0);
  ebpf_ringbuf_consume (m, drain, &d);
  check (d.n == 2 && d.first[0] == 1 && d.first[1] == 2,
         "ringbuf: in order, discarded record skipped", "n %d", d.n);

  check (ebpf_ringbuf_reserve (m, 4, 1) == NULL,
         "ringbuf: reserve with flags fails", "not NULL");
  check (ebpf_ringbuf_reserve (m, 4096, 0) == NULL,
         "ringbuf: a record larger than the ring fails", "not NULL");
  uint8_t payload[4096] = { 7 };
  EXPECT_RC ("ringbuf: output with bad flags is -EINVAL",
             ebpf_ringbuf_output (m, payload, 8, 4), -EINVAL);
  int fits = 0;
  while (ebpf_ringbuf_output (m, payload, 1000, 0) == 0)
    fits++;
  /* 1008-byte records; the producer stays under 4095 bytes ahead.  */
  check (fits == 4, "ringbuf: fills up to the data size", "%d records",
         fits);
  EXPECT_RC ("ringbuf: output into a full ring is -EAGAIN",
             ebpf_ringbuf_output (m, payload, 1000, 0), -EAGAIN);
  d.n = 0;
  ebpf_ringbuf_consume (m, drain, &d);
  check (d.n == 4 && d.sizes[3] == 1000, "ringbuf: drains the full ring",
         "%d", d.n);

  /* A record crossing the end of the data area is contiguous in the
   * arena and folded back to the start at submit.  */
  uint32_t off = (uint32_t) (ebpf_ringbuf_query (m, BPF_RB_PROD_POS) & 4095);
  ebpf_ringbuf_output (m, payload, 4096 - 64 - off - 8, 0);   /* filler */
  ebpf_ringbuf_consume (m, drain, &d);
  off = (uint32_t) (ebpf_ringbuf_query (m, BPF_RB_PROD_POS) & 4095);
  uint32_t size = 120;   /* 4032 + 8 + 120: runs 64 bytes past the end */
  uint8_t *w = ebpf_ringbuf_reserve (m, size, 0);
  bool ok = w == arena + off + 8 && w + size <= arena + arena_size;
  if (ok)
    {
      for (uint32_t i = 0; i < size; i++)
        w[i] = (uint8_t) i;
      ebpf_ringbuf_submit (m, w, 0);
      ok = memcmp (arena, w + size - 64, 64) == 0;
    }
  check (ok, "ringbuf: a wrapping record is contiguous and folded back",
         "off %u", off);
  EXPECT_RC ("ringbuf: update is -ENOTSUPP",
             ebpf_map_update (m, NULL, NULL, 0, 0), -EBPF_ENOTSUPP);
  EXPECT_RC ("ringbuf: get_next_key is -ENOTSUPP",
             ebpf_map_get_next_key (m, NULL, NULL), -EBPF_ENOTSUPP);
  ebpf_map_free (m);
}

/* ---- Perf event array, prog array, maps of maps ------------------------ */

static void
test_perf (void)
{
  ebpf_map *m = make ("perf", BPF_MAP_TYPE_PERF_EVENT_ARRAY, 4, 4, 4, 0, 2);
  uint32_t data = 0x11223344;
  EXPECT_RC ("perf: BPF_F_CURRENT_CPU",
             ebpf_perf_event_output (m, BPF_F_CURRENT_CPU, &data, 4, 1), 0);
  EXPECT_RC ("perf: explicit index of the current CPU",
             ebpf_perf_event_output (m, 0, &data, 2, 0), 0);
  EXPECT_RC ("perf: another CPU's event is -EOPNOTSUPP",
             ebpf_perf_event_output (m, 1, &data, 4, 0), -EOPNOTSUPP);
  EXPECT_RC ("perf: index beyond max_entries is -E2BIG",
             ebpf_perf_event_output (m, 9, &data, 4, 0), -E2BIG);
  EXPECT_RC ("perf: a slot with no CPU is -ENOENT",
             ebpf_perf_event_output (m, 3, &data, 4, 0), -ENOENT);
  EXPECT_RC ("perf: unknown flag bits are -EINVAL",
             ebpf_perf_event_output (m, 1ull << 62, &data, 4, 0), -EINVAL);
  const struct ebpf_perf_record *r0 = ebpf_perf_record_at (m, 0),
                                *r1 = ebpf_perf_record_at (m, 1);
  check (ebpf_perf_record_count (m) == 2 && r0->cpu == 1 && r0->size == 4
         && u32_at (r0->data) == data && r1->cpu == 0 && r1->size == 2,
         "perf: records captured with CPU and bytes", "count %zu",
         ebpf_perf_record_count (m));
  ebpf_perf_records_clear (m);
  check (ebpf_perf_record_count (m) == 0, "perf: clear", "not empty");
  uint32_t out;
  EXPECT_RC ("perf: user lookup is -ENOTSUPP",
             ebpf_map_sys_lookup (m, &data, &out), -EBPF_ENOTSUPP);
  ebpf_map_free (m);
}

static void
test_prog_array (void)
{
  ebpf_map *m = make ("prog array", BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 4, 0, 1);
  uint32_t k = 1, prog = 7, out = 0, big = 4;
  EXPECT_RC ("prog array: set slot", ebpf_map_sys_update (m, &k, &prog,
                                                          BPF_ANY), 0);
  check (ebpf_map_tail_call_target (m, 1, &out) && out == 7,
         "prog array: tail call target", "got %u", out);
  check (!ebpf_map_tail_call_target (m, 0, &out),
         "prog array: empty slot falls through", "found");
  check (!ebpf_map_tail_call_target (m, 99, &out),
         "prog array: index out of range falls through", "found");
  EXPECT_RC ("prog array: only BPF_ANY",
             ebpf_map_sys_update (m, &k, &prog, BPF_NOEXIST), -EINVAL);
  EXPECT_RC ("prog array: index out of range is -E2BIG",
             ebpf_map_sys_update (m, &big, &prog, BPF_ANY), -E2BIG);
  k = 0;
  EXPECT_RC ("prog array: user lookup of an empty slot is -ENOENT",
             ebpf_map_sys_lookup (m, &k, &out), -ENOENT);
  k = 1;
  EXPECT_RC ("prog array: delete", ebpf_map_delete (m, &k), 0);
  EXPECT_RC ("prog array: delete of an empty slot is -ENOENT",
             ebpf_map_delete (m, &k), -ENOENT);
  ebpf_map_get_next_key (m, NULL, &out);
  check (out == 0, "prog array: get_next_key walks indices", "got %u", out);
  ebpf_map_free (m);
}

static void
test_map_of_maps (void)
{
  struct ebpf_error err;
  ebpf_map *tmpl = make ("template", BPF_MAP_TYPE_ARRAY, 4, 8, 4, 0, 1);
  struct ebpf_map_spec inner_spec = {
    .name = "inner", .type = BPF_MAP_TYPE_ARRAY, .key_size = 4,
    .value_size = 8, .max_entries = 4, .id = 11,
  };
  ebpf_map *inner, *wrong_size, *outer, *houter, *nested;
  ebpf_map_create (&inner_spec, 1, &inner, &err);
  inner_spec.max_entries = 8;
  inner_spec.id = 12;
  ebpf_map_create (&inner_spec, 1, &wrong_size, &err);

  struct ebpf_map_spec outer_spec = {
    .name = "outer", .type = BPF_MAP_TYPE_ARRAY_OF_MAPS, .key_size = 4,
    .value_size = 4, .max_entries = 2, .id = 20, .inner = tmpl,
  };
  EXPECT_RC ("array of maps: create", ebpf_map_create (&outer_spec, 1, &outer,
                                                       &err), 0);
  uint32_t k = 0, id = 11;
  EXPECT_RC ("array of maps: a matching inner map",
             ebpf_map_sys_update_inner (outer, &k, inner, BPF_ANY), 0);
  uint32_t *p = ebpf_map_lookup (outer, &k, 0);
  check (p && *p == 11, "array of maps: lookup gives the inner map id",
         "got %u", p ? *p : 0);
  EXPECT_RC ("array of maps: inner max_entries must match the template",
             ebpf_map_sys_update_inner (outer, &k, wrong_size, BPF_ANY),
             -EINVAL);
  EXPECT_RC ("array of maps: raw update is refused",
             ebpf_map_sys_update (outer, &k, &id, BPF_ANY), -EINVAL);
  k = 1;
  check (ebpf_map_lookup (outer, &k, 0) == NULL,
         "array of maps: empty slot is NULL", "not NULL");

  outer_spec.type = BPF_MAP_TYPE_HASH_OF_MAPS;
  outer_spec.max_entries = 4;
  EXPECT_RC ("hash of maps: create", ebpf_map_create (&outer_spec, 1, &houter,
                                                      &err), 0);
  k = 1234;
  EXPECT_RC ("hash of maps: insert",
             ebpf_map_sys_update_inner (houter, &k, inner, BPF_NOEXIST), 0);
  EXPECT_RC ("hash of maps: BPF_NOEXIST again is -EEXIST",
             ebpf_map_sys_update_inner (houter, &k, inner, BPF_NOEXIST),
             -EEXIST);
  p = ebpf_map_lookup (houter, &k, 0);
  check (p && *p == 11, "hash of maps: lookup gives the inner map id",
         "got %u", p ? *p : 0);
  check (!ebpf_map_supports_for_each (houter),
         "hash of maps: no for_each, as in the kernel", "supported");

  outer_spec.type = BPF_MAP_TYPE_ARRAY_OF_MAPS;
  outer_spec.inner = outer;
  EXPECT_RC ("map of maps: nesting is refused",
             ebpf_map_create (&outer_spec, 1, &nested, &err), -EINVAL);
  outer_spec.inner = tmpl;
  outer_spec.value_size = 8;
  EXPECT_RC ("map of maps: value_size must be 4",
             ebpf_map_create (&outer_spec, 1, &nested, &err), -EINVAL);

  /* A template made with BPF_F_INNER_MAP accepts any max_entries.  */
  ebpf_map *flex = make ("flex template", BPF_MAP_TYPE_ARRAY, 4, 8, 4,
                         BPF_F_INNER_MAP, 1);
  inner_spec.map_flags = BPF_F_INNER_MAP;
  ebpf_map *big_inner;
  ebpf_map_create (&inner_spec, 1, &big_inner, &err);
  outer_spec.value_size = 4;
  outer_spec.inner = flex;
  ebpf_map_create (&outer_spec, 1, &nested, &err);
  k = 0;
  EXPECT_RC ("map of maps: BPF_F_INNER_MAP template, any max_entries",
             ebpf_map_sys_update_inner (nested, &k, big_inner, BPF_ANY), 0);
  ebpf_map_free (nested);
  ebpf_map_free (big_inner);
  ebpf_map_free (flex);
  ebpf_map_free (houter);
  ebpf_map_free (outer);
  ebpf_map_free (wrong_size);
  ebpf_map_free (inner);
  ebpf_map_free (tmpl);
}

/* ---- for_each ---------------------------------------------------------- */

struct sum_ctx
{
  uint64_t sum;
  uint64_t stop_at;
  ebpf_map *delete_from;
};

static long
sum_values (ebpf_map *m, const void *key, void *value, void *ctx)
{
  struct sum_ctx *s = ctx;
  s->sum += *(uint32_t *) value;
  if (s->delete_from)
    ebpf_map_delete (m, key);   /* the kernel allows deleting the current */
  return *(uint32_t *) value == s->stop_at;
}

static void
test_for_each (void)
{
  ebpf_map *a = make ("for_each array", BPF_MAP_TYPE_ARRAY, 4, 4, 5, 0, 1);
  for (uint32_t i = 0; i < 5; i++)
    {
      uint32_t v = 10 * (i + 1);
      ebpf_map_update (a, &i, &v, BPF_ANY, 0);
    }
  struct sum_ctx s = { 0, 0, NULL };
  long n = ebpf_map_for_each (a, 0, sum_values, &s);
  check (n == 5 && s.sum == 150, "for_each: array visits every element",
         "n %ld sum %llu", n, (unsigned long long) s.sum);
  s = (struct sum_ctx) { 0, 30, NULL };
  n = ebpf_map_for_each (a, 0, sum_values, &s);
  /* The count includes the element whose callback returned 1.  */
  check (n == 3 && s.sum == 60, "for_each: callback 1 stops, counted",
         "n %ld sum %llu", n, (unsigned long long) s.sum);
  ebpf_map_free (a);

  ebpf_map *h = make ("for_each hash", BPF_MAP_TYPE_HASH, 4, 4, 8, 0, 1);
  for (uint32_t i = 1; i <= 4; i++)
    ebpf_map_update (h, &i, &i, BPF_ANY, 0);
  s = (struct sum_ctx) { 0, 0, h };
  n = ebpf_map_for_each (h, 0, sum_values, &s);
  uint32_t k;
  check (n == 4 && s.sum == 10
         && ebpf_map_get_next_key (h, NULL, &k) == -ENOENT,
         "for_each: hash, deleting each element as it is visited",
         "n %ld sum %llu", n, (unsigned long long) s.sum);
  ebpf_map_free (h);

  ebpf_map *pc = make ("for_each percpu", BPF_MAP_TYPE_PERCPU_ARRAY, 4, 4, 2,
                       0, 2);
  uint64_t both[2] = { 5, 7 };
  k = 0;
  ebpf_map_sys_update (pc, &k, both, BPF_ANY);
  s = (struct sum_ctx) { 0, 0, NULL };
  ebpf_map_for_each (pc, 1, sum_values, &s);
  check (s.sum == 7, "for_each: per-CPU values are the current CPU's",
         "sum %llu", (unsigned long long) s.sum);
  ebpf_map_free (pc);

  ebpf_map *q = make ("for_each queue", BPF_MAP_TYPE_QUEUE, 0, 4, 2, 0, 1);
  EXPECT_RC ("for_each: a queue is -EINVAL",
             ebpf_map_for_each (q, 0, sum_values, &s), -EINVAL);
  ebpf_map_free (q);
}

/* ---- Cost of a large hash map ------------------------------------------ */

static double
resident_mib (void)
{
  FILE *f = fopen ("/proc/self/statm", "r");
  unsigned long size = 0, resident = 0;
  if (f)
    {
      if (fscanf (f, "%lu %lu", &size, &resident) != 2)
        resident = 0;
      fclose (f);
    }
  return resident * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static double
seconds (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void
test_big_hash (void)
{
  enum { N = 1 << 20 };
  double before = resident_mib ();
  ebpf_map *m = make ("1M hash", BPF_MAP_TYPE_HASH, 8, 8, N, 0, 1);
  double t0 = seconds ();
  bool ok = true;
  for (uint64_t i = 0; i < N; i++)
    {
      uint64_t key = i * 0x9e3779b97f4a7c15ull, v = i;
      ok &= ebpf_map_update (m, &key, &v, BPF_NOEXIST, 0) == 0;
    }
  double t1 = seconds ();
  for (uint64_t i = 0; i < N; i++)
    {
      uint64_t key = i * 0x9e3779b97f4a7c15ull;
      uint64_t *p = ebpf_map_lookup (m, &key, 0);
      ok &= p != NULL && *p == i;
    }
  double t2 = seconds ();
  double cost = resident_mib () - before;
  check (ok, "1M hash: every key found", "lost keys");
  printf ("maps: 1M-entry hash map (8-byte keys and values): %.1f MiB "
          "resident; update %.0f ns, lookup %.0f ns\n", cost,
          (t1 - t0) / N * 1e9, (t2 - t1) / N * 1e9);
  check (cost < 100, "1M hash: well under 100 MiB resident", "%.1f MiB",
         cost);
  ebpf_map_free (m);
}

int
main (void)
{
  test_create ();
  test_array ();
  test_percpu_array ();
  test_hash ();
  test_percpu_hash ();
  test_lru ();
  test_lpm ();
  test_queue_stack ();
  test_bloom ();
  test_ringbuf ();
  test_perf ();
  test_prog_array ();
  test_map_of_maps ();
  test_for_each ();
  test_big_hash ();
  return failures != 0;
}
