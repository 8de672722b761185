/* calls.c — BPF-to-BPF calls (ebpf.model/profile.exp): calls calls
 * middle, which calls leaf four times, and calls leaf once itself, so
 * that a profile's stacks are calls, calls;middle, calls;middle;leaf and
 * calls;leaf.  noinline keeps them functions of their own.  Returns
 * XDP_PASS on any packet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static __attribute__ ((noinline)) int
leaf (int x)
{
  return x * 3 + 1;
}

static __attribute__ ((noinline)) int
middle (int x)
{
  int s = 0;
#pragma clang loop unroll(disable)
  for (int i = 0; i < 4; i++)
    s += leaf (x + i);
  return s;
}

SEC ("xdp") int
calls (struct xdp_md *ctx)
{
  int n = ctx->data_end - ctx->data;
  return middle (n) + leaf (n) > 0 ? XDP_PASS : XDP_DROP;
}

char _license[] SEC ("license") = "GPL";
