/* csum.c — bpf_csum_diff over 4 and over 8 words (ebpf.model/model.exp):
 * two programs that differ only in the size they pass (16 and 32 bytes
 * to add, none to take away), so that they run the same instructions and
 * the helper is charged for 16 bytes more in csum8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC ("xdp") int
csum4 (struct xdp_md *ctx)
{
  __u32 w[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  return bpf_csum_diff (0, 0, w, 4 * 4, 0) ? XDP_PASS : XDP_DROP;
}

SEC ("xdp") int
csum8 (struct xdp_md *ctx)
{
  __u32 w[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  return bpf_csum_diff (0, 0, w, 8 * 4, 0) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC ("license") = "GPL";
