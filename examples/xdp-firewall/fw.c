// SPDX-License-Identifier: GPL-3.0-or-later
/* fw.c — a small XDP firewall.
 *
 * Verdicts, in the order they are decided:
 *   1. frames too short for the headers they announce are dropped
 *      (a malformed frame is never worth passing up the stack);
 *   2. IPv4/IPv6 sources listed exactly in `blocklist_v4`/`blocklist_v6`;
 *   3. IPv4 sources inside a prefix of the LPM trie `blocked_prefixes`;
 *   4. TCP to a destination port whose entry in `blocked_ports` is non-zero;
 *   everything else (ARP, ICMP, UDP, allowed TCP) passes.
 * Each verdict is counted per reason in the per-CPU array `stats`, and
 * bytes of IPv4 traffic per source in the LRU hash `bytes_by_src`. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

enum reason {
  REASON_PASS = 0,
  REASON_MALFORMED,
  REASON_BLOCKLIST,
  REASON_PREFIX,
  REASON_PORT,
  REASON_MAX,
};

/* Key layout the kernel's LPM trie expects: a prefix length in bits,
 * then the address bytes in network order. */
struct lpm_v4_key {
  __u32 prefixlen;
  __u32 addr;
};

struct {
  __uint (type, BPF_MAP_TYPE_HASH);
  __uint (max_entries, 1024);
  __type (key, __u32);            /* IPv4 source, network order */
  __type (value, __u8);           /* unused: presence is what counts */
} blocklist_v4 SEC (".maps");

struct {
  __uint (type, BPF_MAP_TYPE_HASH);
  __uint (max_entries, 1024);
  __type (key, struct in6_addr);
  __type (value, __u8);
} blocklist_v6 SEC (".maps");

struct {
  __uint (type, BPF_MAP_TYPE_LPM_TRIE);
  __uint (max_entries, 256);
  __type (key, struct lpm_v4_key);
  __type (value, __u8);
  /* The kernel refuses an LPM trie without this flag. */
  __uint (map_flags, BPF_F_NO_PREALLOC);
} blocked_prefixes SEC (".maps");

struct {
  __uint (type, BPF_MAP_TYPE_ARRAY);
  __uint (max_entries, 65536);    /* one slot per port: O(1), no hashing */
  __type (key, __u32);
  __type (value, __u8);
} blocked_ports SEC (".maps");

struct {
  __uint (type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint (max_entries, REASON_MAX);
  __type (key, __u32);
  __type (value, __u64);
} stats SEC (".maps");

struct {
  __uint (type, BPF_MAP_TYPE_LRU_HASH);
  __uint (max_entries, 64);       /* small on purpose: old talkers get evicted */
  __type (key, __u32);
  __type (value, __u64);
} bytes_by_src SEC (".maps");

static __always_inline int
verdict (enum reason why)
{
  __u32 key = why;
  __u64 *count = bpf_map_lookup_elem (&stats, &key);

  /* Per-CPU slot: no other CPU writes it, so no atomic is needed. */
  if (count)
    *count += 1;
  return why == REASON_PASS ? XDP_PASS : XDP_DROP;
}

static __always_inline void
account_bytes (__u32 saddr, __u64 len)
{
  __u64 *bytes = bpf_map_lookup_elem (&bytes_by_src, &saddr);

  if (bytes)
    /* Shared between CPUs, so the add must be atomic. */
    __sync_fetch_and_add (bytes, len);
  else
    bpf_map_update_elem (&bytes_by_src, &saddr, &len, BPF_NOEXIST);
}

/* Returns the verdict for the transport header at `l4`; only TCP can be
 * blocked by port, but a truncated UDP header is malformed too. */
static __always_inline int
check_l4 (void *l4, void *data_end, __u8 proto)
{
  if (proto == IPPROTO_TCP)
    {
      struct tcphdr *tcp = l4;
      if ((void *) (tcp + 1) > data_end)
        return verdict (REASON_MALFORMED);
      __u32 port = bpf_ntohs (tcp->dest);
      __u8 *blocked = bpf_map_lookup_elem (&blocked_ports, &port);
      if (blocked && *blocked)
        return verdict (REASON_PORT);
    }
  else if (proto == IPPROTO_UDP)
    {
      struct udphdr *udp = l4;
      if ((void *) (udp + 1) > data_end)
        return verdict (REASON_MALFORMED);
    }
  return verdict (REASON_PASS);
}

static __always_inline int
handle_ipv4 (void *l3, void *data_end, __u64 frame_len)
{
  struct iphdr *ip = l3;

  if ((void *) (ip + 1) > data_end)
    return verdict (REASON_MALFORMED);
  /* ihl counts 32-bit words; below 5 the header is impossible. */
  if (ip->ihl < 5)
    return verdict (REASON_MALFORMED);

  account_bytes (ip->saddr, frame_len);

  if (bpf_map_lookup_elem (&blocklist_v4, &ip->saddr))
    return verdict (REASON_BLOCKLIST);

  struct lpm_v4_key key = { .prefixlen = 32, .addr = ip->saddr };
  if (bpf_map_lookup_elem (&blocked_prefixes, &key))
    return verdict (REASON_PREFIX);

  /* Later fragments carry no transport header: nothing to match a port on. */
  if (ip->frag_off & bpf_htons (0x1fff))
    return verdict (REASON_PASS);

  void *l4 = l3 + ip->ihl * 4;
  if (l4 > data_end)
    return verdict (REASON_MALFORMED);
  return check_l4 (l4, data_end, ip->protocol);
}

static __always_inline int
handle_ipv6 (void *l3, void *data_end)
{
  struct ipv6hdr *ip6 = l3;

  if ((void *) (ip6 + 1) > data_end)
    return verdict (REASON_MALFORMED);
  if (bpf_map_lookup_elem (&blocklist_v6, &ip6->saddr))
    return verdict (REASON_BLOCKLIST);
  /* Extension headers are not walked: a real firewall would, but the
   * first next-header is enough for the traffic of this example. */
  return check_l4 (ip6 + 1, data_end, ip6->nexthdr);
}

SEC ("xdp")
int
xdp_firewall (struct xdp_md *ctx)
{
  void *data = (void *) (long) ctx->data;
  void *data_end = (void *) (long) ctx->data_end;
  struct ethhdr *eth = data;

  if ((void *) (eth + 1) > data_end)
    return verdict (REASON_MALFORMED);

  switch (eth->h_proto)
    {
    case bpf_htons (ETH_P_IP):
      return handle_ipv4 (eth + 1, data_end, data_end - data);
    case bpf_htons (ETH_P_IPV6):
      return handle_ipv6 (eth + 1, data_end);
    default:
      /* ARP and the rest are not ours to judge. */
      return verdict (REASON_PASS);
    }
}

char LICENSE[] SEC ("license") = "GPL";
