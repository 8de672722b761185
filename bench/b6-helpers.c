/* B6: helper-heavy code: clocks, random numbers and CPU ids in a loop,
 * once per run (clang, XDP).
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC ("xdp")
int
helpers (struct xdp_md *ctx)
{
  __u64 acc = 0;
  for (int i = 0; i < 256; i++)
    acc += bpf_ktime_get_ns () ^ bpf_get_prandom_u32 () ^ bpf_get_smp_processor_id ();
  return acc & 1 ? XDP_PASS : XDP_DROP;
}

char _license[] SEC ("license") = "GPL";
