/* Over traffic.pcap (run.exp): IPv4 passes, IPv6 is dropped, ARP goes
 * back out (XDP_TX) with its Ethernet addresses swapped; anything else
 * aborts.  Counts the ARP frames in .bss.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

__u32 arps;

SEC ("xdp")
int
classify (struct xdp_md *ctx)
{
  void *data = (void *) (long) ctx->data;
  void *end = (void *) (long) ctx->data_end;
  struct ethhdr *eth = data;
  unsigned char tmp[ETH_ALEN];

  if ((void *) (eth + 1) > end)
    return XDP_ABORTED;
  switch (eth->h_proto)
    {
    case bpf_htons (ETH_P_IP):
      return XDP_PASS;
    case bpf_htons (ETH_P_IPV6):
      return XDP_DROP;
    case bpf_htons (ETH_P_ARP):
      __builtin_memcpy (tmp, eth->h_dest, ETH_ALEN);
      __builtin_memcpy (eth->h_dest, eth->h_source, ETH_ALEN);
      __builtin_memcpy (eth->h_source, tmp, ETH_ALEN);
      arps++;
      return XDP_TX;
    }
  return XDP_ABORTED;
}

char LICENSE[] SEC ("license") = "GPL";
