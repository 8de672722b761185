/* The two differences the differential fuzzer (testsuite/difffuzz) found,
 * minimised: bpf_csum_diff of 2 bytes, and pulling zeros, whose sum the
 * kernel gives as 0x0000, not 0xffff (run.exp; csum-diff-fuzz.oracle:
 * what the kernel did).
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct
{
  __uint (type, BPF_MAP_TYPE_ARRAY);
  __uint (max_entries, 2);
  __type (key, __u32);
  __type (value, __u64);
} res SEC (".maps");

SEC ("xdp")
int
csum_fuzz (struct xdp_md *ctx)
{
  __u32 a[1] = { 0xffff0000 }, b[1] = { 0x5fcfa380 }, zero[1] = { 0 }, k = 0;
  __u64 r = bpf_csum_diff (a, 2, b, 4, 0);
  bpf_map_update_elem (&res, &k, &r, 0);
  k = 1;
  __u64 pulled = bpf_csum_diff (zero, 4, 0, 0, 0);
  bpf_map_update_elem (&res, &k, &pulled, 0);
  return pulled == 0 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC ("license") = "GPL";
