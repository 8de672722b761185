/* What a tc program's skb holds in a test run, and the checksum-level and
 * hash helpers (run.exp; skb-facts.oracle: what the kernel did).
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct
{
  __uint (type, BPF_MAP_TYPE_ARRAY);
  __uint (max_entries, 16);
  __type (key, __u32);
  __type (value, __u64);
} res SEC (".maps");

static __always_inline void
put (__u32 k, __u64 v)
{
  bpf_map_update_elem (&res, &k, &v, 0);
}

SEC ("tc")
int
skb_facts (struct __sk_buff *skb)
{
  put (0, skb->protocol);
  put (1, skb->pkt_type);
  put (2, skb->len);
  put (3, bpf_csum_level (skb, BPF_CSUM_LEVEL_QUERY));
  put (4, bpf_csum_level (skb, BPF_CSUM_LEVEL_INC));
  put (5, bpf_csum_level (skb, BPF_CSUM_LEVEL_QUERY));
  put (6, bpf_csum_level (skb, BPF_CSUM_LEVEL_INC));
  put (7, bpf_csum_level (skb, BPF_CSUM_LEVEL_QUERY));
  put (8, bpf_csum_level (skb, BPF_CSUM_LEVEL_DEC));
  put (9, bpf_csum_level (skb, BPF_CSUM_LEVEL_DEC));
  put (10, bpf_csum_level (skb, BPF_CSUM_LEVEL_QUERY));
  put (11, bpf_csum_level (skb, 9));
  put (12, skb->hash);
  put (13, bpf_set_hash (skb, 0x12345678));
  put (14, skb->hash);
  put (15, bpf_get_hash_recalc (skb));
  return 0;
}

char LICENSE[] SEC ("license") = "GPL";
