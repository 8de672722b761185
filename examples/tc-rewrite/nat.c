// SPDX-License-Identifier: GPL-3.0-or-later
/* nat.c — destination NAT for UDP on tc ingress.
 *
 * A UDP datagram to a service address (say a public DNS VIP) is
 * rewritten to the backend that serves it: destination address and
 * port from `nat_table`, TTL decremented as a router would, and
 * skb->mark set so that later stages (iptables -m mark, ip rule fwmark)
 * can tell NATed traffic apart.
 *
 * The rewrite goes through bpf_skb_store_bytes and fixes checksums
 * incrementally with bpf_l3_csum_replace / bpf_l4_csum_replace (RFC 1624)
 * instead of recomputing them: cheaper, and correct whatever the
 * payload length. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Offsets from the start of the frame, which is where skb->data points
 * for a tc program (the helpers take offsets from there). */
#define IP_OFF        ETH_HLEN
#define IP_CSUM_OFF   (IP_OFF + offsetof (struct iphdr, check))
#define IP_TTL_OFF    (IP_OFF + offsetof (struct iphdr, ttl))
#define IP_DST_OFF    (IP_OFF + offsetof (struct iphdr, daddr))

struct nat_key {
  __be32 addr;
  __be16 port;
  __u16 pad;        /* explicit, so the key has no uninitialised hole */
};

struct nat_target {
  __be32 addr;
  __be16 port;
  __u16 pad;
  __u32 mark;
};

struct {
  __uint (type, BPF_MAP_TYPE_HASH);
  __uint (max_entries, 256);
  __type (key, struct nat_key);
  __type (value, struct nat_target);
} nat_table SEC (".maps");

SEC ("tc")
int
udp_dnat (struct __sk_buff *skb)
{
  void *data = (void *) (long) skb->data;
  void *data_end = (void *) (long) skb->data_end;
  struct ethhdr *eth = data;
  struct iphdr *ip = (void *) (eth + 1);

  if ((void *) (ip + 1) > data_end || eth->h_proto != bpf_htons (ETH_P_IP))
    return TC_ACT_OK;
  if (ip->protocol != IPPROTO_UDP || ip->ihl != 5)
    return TC_ACT_OK;      /* options would move the UDP header: not handled */
  struct udphdr *udp = (void *) (ip + 1);
  if ((void *) (udp + 1) > data_end)
    return TC_ACT_OK;
  /* A router must not forward what would expire here. */
  if (ip->ttl <= 1)
    return TC_ACT_SHOT;

  struct nat_key key = { .addr = ip->daddr, .port = udp->dest };
  struct nat_target *to = bpf_map_lookup_elem (&nat_table, &key);
  if (!to)
    return TC_ACT_OK;

  /* Read everything first: bpf_skb_store_bytes may move the packet, so
   * the verifier forgets `ip` and `udp` after the first call. */
  __be32 old_addr = ip->daddr, new_addr = to->addr;
  __be16 old_port = udp->dest, new_port = to->port;
  /* TTL shares a 16-bit checksum word with the protocol number. */
  __u16 old_ttl_word = *(__u16 *) &ip->ttl;
  __u8 new_ttl = ip->ttl - 1;
  __u16 new_ttl_word = old_ttl_word;
  *(__u8 *) &new_ttl_word = new_ttl;
  __u32 l4_off = IP_OFF + sizeof (struct iphdr);
  __u32 udp_csum_off = l4_off + offsetof (struct udphdr, check);
  __u32 udp_dport_off = l4_off + offsetof (struct udphdr, dest);
  skb->mark = to->mark;

  /* The address is in the IP header checksum and, through the pseudo
   * header, in the UDP checksum too: BPF_F_PSEUDO_HDR says so.
   * BPF_F_MARK_MANGLED_0 keeps a zero UDP checksum (none sent) at zero,
   * and writes 0xffff where a real sum folds to zero. */
  if (bpf_l4_csum_replace (skb, udp_csum_off, old_addr, new_addr,
                           BPF_F_PSEUDO_HDR | BPF_F_MARK_MANGLED_0 | sizeof (new_addr)))
    return TC_ACT_SHOT;
  if (bpf_l3_csum_replace (skb, IP_CSUM_OFF, old_addr, new_addr, sizeof (new_addr)))
    return TC_ACT_SHOT;
  if (bpf_skb_store_bytes (skb, IP_DST_OFF, &new_addr, sizeof (new_addr), 0))
    return TC_ACT_SHOT;

  /* The port is only in the UDP checksum. */
  if (bpf_l4_csum_replace (skb, udp_csum_off, old_port, new_port,
                           BPF_F_MARK_MANGLED_0 | sizeof (new_port)))
    return TC_ACT_SHOT;
  if (bpf_skb_store_bytes (skb, udp_dport_off, &new_port, sizeof (new_port), 0))
    return TC_ACT_SHOT;

  /* TTL is not covered by the UDP checksum (not in the pseudo header). */
  if (bpf_l3_csum_replace (skb, IP_CSUM_OFF, old_ttl_word, new_ttl_word, 2))
    return TC_ACT_SHOT;
  if (bpf_skb_store_bytes (skb, IP_TTL_OFF, &new_ttl, 1, 0))
    return TC_ACT_SHOT;

  bpf_printk ("dnat %pI4:%d -> %pI4", &old_addr, bpf_ntohs (old_port), &new_addr);
  return TC_ACT_OK;
}

char LICENSE[] SEC ("license") = "GPL";
