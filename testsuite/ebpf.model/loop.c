/* loop.c — a weighted sum of a packet's first 32 bytes in a loop
 * (ebpf.model/profile.exp): the loop body's line is the hottest, by
 * far, of any profile of it, with DWARF (clang -g) or with BTF's line
 * info alone.  On a packet of 32 bytes or more it returns XDP_PASS or
 * XDP_DROP.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC ("xdp") int
weigh (struct xdp_md *ctx)
{
  unsigned char *data = (unsigned char *) (long) ctx->data;
  unsigned char *end = (unsigned char *) (long) ctx->data_end;
  unsigned sum = 0;
  if (data + 32 > end)
    return XDP_ABORTED;
#pragma clang loop unroll(disable)
  for (int i = 0; i < 32; i++)
    sum += data[i] * (i + 3);  /* the loop body */
  return sum & 1 ? XDP_DROP : XDP_PASS;
}

char _license[] SEC ("license") = "GPL";
