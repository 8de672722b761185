/* B5: hash map updates and lookups in a loop, once per run (clang, XDP).
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct
{
  __uint (type, BPF_MAP_TYPE_HASH);
  __uint (max_entries, 4096);
  __type (key, __u64);
  __type (value, __u64);
} counts SEC (".maps");

SEC ("xdp")
int
hashmap (struct xdp_md *ctx)
{
  __u64 sum = 0;
  for (__u64 i = 0; i < 256; i++)
    {
      __u64 key = (i * 2654435761u) & 4095, one = 1;
      __u64 *v = bpf_map_lookup_elem (&counts, &key);
      if (v)
        sum += ++*v;
      else
        bpf_map_update_elem (&counts, &key, &one, BPF_NOEXIST);
    }
  return sum & 1 ? XDP_PASS : XDP_DROP;
}

char _license[] SEC ("license") = "GPL";
