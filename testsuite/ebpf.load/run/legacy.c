/* Legacy map definitions in SEC("maps") (run.exp), as libbpf still reads
 * them from old objects.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct bpf_map_def
{
  unsigned int type;
  unsigned int key_size;
  unsigned int value_size;
  unsigned int max_entries;
  unsigned int map_flags;
};

struct bpf_map_def SEC ("maps") hits = {
  .type = BPF_MAP_TYPE_ARRAY,
  .key_size = sizeof (__u32),
  .value_size = sizeof (__u64),
  .max_entries = 4,
};

struct bpf_map_def SEC ("maps") seen = {
  .type = BPF_MAP_TYPE_HASH,
  .key_size = sizeof (__u32),
  .value_size = sizeof (__u32),
  .max_entries = 16,
};

/* hits[1] += 5 on each run, seen[7] = 9 + number of earlier runs; returns
   hits[1] * 100 + seen[7].  */
SEC ("kprobe/legacy")
int
legacy (void *ctx)
{
  __u32 one = 1, seven = 7, nine = 9;
  __u64 *h = bpf_map_lookup_elem (&hits, &one);
  __u32 *s;

  if (!h)
    return -1;
  *h += 5;
  s = bpf_map_lookup_elem (&seen, &seven);
  if (s)
    *s += 1;
  else
    bpf_map_update_elem (&seen, &seven, &nine, BPF_NOEXIST);
  s = bpf_map_lookup_elem (&seen, &seven);
  if (!s)
    return -2;
  return *h * 100 + *s;
}

char LICENSE[] SEC ("license") = "GPL";
