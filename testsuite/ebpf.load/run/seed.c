/* Maps seeded by --map NAME=FILE.json (run.exp).
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct pair
{
  __u32 a;
  __u16 b;
  __u8 c[2];
};

struct
{
  __uint (type, BPF_MAP_TYPE_HASH);
  __uint (max_entries, 8);
  __type (key, __u32);
  __type (value, __u64);
} conf SEC (".maps");

struct
{
  __uint (type, BPF_MAP_TYPE_ARRAY);
  __uint (max_entries, 2);
  __type (key, __u32);
  __type (value, struct pair);
} pairs SEC (".maps");

struct
{
  __uint (type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint (max_entries, 1);
  __type (key, __u32);
  __type (value, __u32);
} per_cpu SEC (".maps");

/* conf[5] + conf[6] + pairs[1].a + pairs[1].b + pairs[1].c[1]; 0 for
   elements that are missing.  */
SEC ("kprobe/sum")
int
sum (void *ctx)
{
  __u32 k5 = 5, k6 = 6, k1 = 1;
  __u64 *v, total = 0;
  struct pair *p;

  if ((v = bpf_map_lookup_elem (&conf, &k5)))
    total += *v;
  if ((v = bpf_map_lookup_elem (&conf, &k6)))
    total += *v;
  if ((p = bpf_map_lookup_elem (&pairs, &k1)))
    total += p->a + p->b + p->c[1];
  return total;
}

/* The copy of per_cpu[0] of the CPU the program runs on, times 1000, plus
   that CPU's number.  */
SEC ("kprobe/mine")
int
mine (void *ctx)
{
  __u32 k0 = 0;
  __u32 *v = bpf_map_lookup_elem (&per_cpu, &k0);

  return (v ? *v : 0) * 1000 + bpf_get_smp_processor_id ();
}

char LICENSE[] SEC ("license") = "GPL";
