/* bpf_csum_diff on sizes that are not whole words and beyond 512 bytes,
 * which Linux 6.13 and later take (run.exp; csum-diff-sizes.oracle: what
 * the kernel did).
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

struct big
{
  __u8 b[1024];
};

struct
{
  __uint (type, BPF_MAP_TYPE_ARRAY);
  __uint (max_entries, 1);
  __type (key, __u32);
  __type (value, struct big);
} buf SEC (".maps");

static __always_inline void
put (__u32 k, __u64 v)
{
  bpf_map_update_elem (&res, &k, &v, 0);
}

SEC ("tc")
int
csum_sizes (struct __sk_buff *skb)
{
  __u8 a[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
  __u8 b[16] = { 0xf1, 0xe2, 0xd3, 0xc4, 0xb5, 0xa6, 0x97, 0x88,
                 0x79, 0x6a, 0x5b, 0x4c, 0x3d, 0x2e, 0x1f, 0x10 };
  put (0, bpf_csum_diff ((void *) a, 6, (void *) b, 8, 0));
  put (1, bpf_csum_diff ((void *) a, 5, (void *) b, 0, 0));
  put (2, bpf_csum_diff (0, 0, (void *) b, 7, 0));
  put (3, bpf_csum_diff ((void *) a, 1, (void *) b, 3, 0x1234));
  put (4, bpf_csum_diff ((void *) a, 3, (void *) b, 1, 0xffff));
  put (5, bpf_csum_diff ((void *) a, 16, (void *) b, 13, 7));
  put (6, bpf_csum_diff ((void *) a, 2, (void *) b, 2, 0));
  put (7, bpf_csum_diff ((void *) a, 4, (void *) b, 4, 0xffffffff));
  __u32 z = 0;
  struct big *p = bpf_map_lookup_elem (&buf, &z);
  if (!p)
    return 1;
  p->b[0] = 1;
  p->b[600] = 2;
  put (8, bpf_csum_diff ((void *) p->b, 600, (void *) p->b, 4, 0));
  put (9, bpf_csum_diff ((void *) p->b, 0, (void *) p->b, 1024, 5));
  put (10, bpf_csum_diff ((void *) p->b, 512, (void *) p->b, 512, 5));
  put (11, bpf_csum_diff ((void *) p->b, 0, (void *) p->b, 0, 0x12345));
  return 0;
}

char LICENSE[] SEC ("license") = "GPL";
