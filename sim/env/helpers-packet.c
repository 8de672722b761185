/* helpers-packet.c — helpers that read, write and reshape the packet of
 * XDP and socket-buffer programs, with the kernel's limits and errors.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helper.h"
#include "xalloc.h"

/* sizeof (struct xdp_frame) on 64-bit Linux 6.1: the head of an XDP
 * buffer that adjust_head and adjust_meta may not reach into.  */
#define XDP_FRAME_SIZE 40
#define XDP_METADATA_MAX 32
/* struct skb_shared_info, the tail of an XDP page.  */
#define SKB_SHARED_INFO_SIZE 320

static bool
is_xdp (ebpf_machine *m)
{
  return m->context_kind == EBPF_CONTEXT_XDP;
}

static bool
is_skb (ebpf_machine *m)
{
  return m->context_kind == EBPF_CONTEXT_SKB || m->context_kind == EBPF_CONTEXT_SOCKET;
}

/* Helpers called with a context they do not take would not load.  */
static bool
need (ebpf_machine *m, bool ok, const char *what)
{
  if (!ok)
    ebpf_machine_fault (m, "%s is for %s programs; this is a %s program",
                        ebpf_helper_name (m), what,
                        ebpf_context_kind_name (m->context_kind));
  return ok;
}

static void
packet_changed (ebpf_machine *m)
{
  if (is_skb (m))
    {
      struct __sk_buff *skb = (struct __sk_buff *) m->context;
      skb->len = m->packet.end - m->packet.data;
    }
  ebpf_context_map_packet (m);
}

/* ---- XDP ------------------------------------------------------------------- */

static HELPER (helper_xdp_adjust_head)
{
  (void) r1; (void) r3; (void) r4; (void) r5;
  if (!need (m, is_xdp (m), "XDP"))
    return 0;
  struct ebpf_packet *p = &m->packet;
  int64_t delta = (int32_t) r2;
  int64_t data = (int64_t) p->data + delta;
  uint32_t metalen = p->data - p->meta;
  if (data < XDP_FRAME_SIZE + (int64_t) metalen
      || data > (int64_t) p->end - EBPF_ETH_HLEN)
    return (uint64_t) -EINVAL;
  if (metalen)
    memmove (p->buf + p->meta + delta, p->buf + p->meta, metalen);
  p->meta = (uint32_t) (p->meta + delta);
  p->data = (uint32_t) data;
  packet_changed (m);
  return 0;
}

static HELPER (helper_xdp_adjust_tail)
{
  (void) r1; (void) r3; (void) r4; (void) r5;
  if (!need (m, is_xdp (m), "XDP"))
    return 0;
  struct ebpf_packet *p = &m->packet;
  int64_t delta = (int32_t) r2;
  int64_t end = (int64_t) p->end + delta;
  if (end < (int64_t) p->data + EBPF_ETH_HLEN
      || end > (int64_t) p->cap - SKB_SHARED_INFO_SIZE)
    return (uint64_t) -EINVAL;
  if (delta > 0)   /* grown bytes are cleared, not stale */
    memset (p->buf + p->end, 0, (size_t) delta);
  p->end = (uint32_t) end;
  packet_changed (m);
  return 0;
}

static HELPER (helper_xdp_adjust_meta)
{
  (void) r1; (void) r3; (void) r4; (void) r5;
  if (!need (m, is_xdp (m), "XDP"))
    return 0;
  struct ebpf_packet *p = &m->packet;
  int64_t meta = (int64_t) p->meta + (int32_t) r2;
  int64_t metalen = (int64_t) p->data - meta;
  if (meta < XDP_FRAME_SIZE || meta > p->data)
    return (uint64_t) -EINVAL;
  /* Metadata is whole 32-bit words, at most 32 bytes in 6.1 and 255 in
   * 6.18 (the version between is not known here): -EACCES, measured on
   * 6.18.  */
  int64_t most = m->env.kernel_version >= EBPF_KERNEL_VERSION (6, 18) ? 255
                 : XDP_METADATA_MAX;
  if (metalen % 4 || metalen > most)
    return (uint64_t) -EACCES;
  p->meta = (uint32_t) meta;
  packet_changed (m);
  return 0;
}

/* bpf_xdp_load_bytes / bpf_xdp_store_bytes (xdp_md, offset, buf, len)  */
static uint64_t
xdp_bytes (ebpf_machine *m, uint64_t offset, uint64_t addr, uint64_t len,
           bool store)
{
  if (!need (m, is_xdp (m), "XDP"))
    return 0;
  uint8_t *buf = ebpf_helper_memory (m, addr, len, !store, "buf");
  if (buf == NULL)
    return 0;
  const struct ebpf_packet *p = &m->packet;
  uint32_t size = p->end - p->data;
  if (len == 0 || offset > size || len > size - offset)
    return (uint64_t) -EINVAL;
  uint8_t *at = m->packet.buf + p->data + offset;
  ebpf_helper_charge_bytes (m, len);
  if (store)
    memmove (at, buf, len);
  else
    memmove (buf, at, len);
  return 0;
}

static HELPER (helper_xdp_load_bytes)
{
  (void) r1; (void) r5;
  return xdp_bytes (m, r2, r3, r4, false);
}

static HELPER (helper_xdp_store_bytes)
{
  (void) r1; (void) r5;
  return xdp_bytes (m, r2, r3, r4, true);
}

/* bpf_xdp_get_buff_len (xdp_md): no fragments here, so the linear length.  */
static HELPER (helper_xdp_get_buff_len)
{
  (void) r1; (void) r2; (void) r3; (void) r4; (void) r5;
  if (!need (m, is_xdp (m), "XDP"))
    return 0;
  return m->packet.end - m->packet.data;
}

/* ---- Socket buffers ------------------------------------------------------------ */

/* bpf_skb_load_bytes (skb, offset, to, len)  */
static HELPER (helper_skb_load_bytes)
{
  (void) r1; (void) r5;
  if (!need (m, is_skb (m), "socket-buffer"))
    return 0;
  uint8_t *to = ebpf_helper_memory (m, r3, r4, true, "to");
  if (to == NULL)
    return 0;
  const struct ebpf_packet *p = &m->packet;
  uint32_t len = p->end - p->data;
  if (r2 > 0xffff || (uint32_t) r2 > len || r4 > len - (uint32_t) r2)
    {
      memset (to, 0, r4);
      return (uint64_t) -EFAULT;
    }
  ebpf_helper_charge_bytes (m, r4);
  memcpy (to, p->buf + p->data + r2, r4);
  return 0;
}

/* bpf_skb_load_bytes_relative (skb, offset, to, len, start_header): from
 * the link-layer (BPF_HDR_START_MAC) or network (BPF_HDR_START_NET)
 * header.  */
static HELPER (helper_skb_load_bytes_relative)
{
  (void) r1;
  if (!need (m, is_skb (m), "socket-buffer"))
    return 0;
  uint8_t *to = ebpf_helper_memory (m, r3, r4, true, "to");
  if (to == NULL)
    return 0;
  const struct ebpf_packet *p = &m->packet;
  /* The link-layer header is where a tc program's data starts (where
   * bpf_skb_change_head put it) or the Ethernet header before a socket
   * program's; the network header is where the test run found it.  */
  uint32_t mac = m->context_kind == EBPF_CONTEXT_SOCKET ? p->data - EBPF_ETH_HLEN
                                                         : p->data;
  uint32_t start = r5 == BPF_HDR_START_MAC ? mac
                   : r5 == BPF_HDR_START_NET ? p->network : UINT32_MAX;
  if (start == UINT32_MAX || r2 > 0xffff || start + r2 > p->end || r4 > p->end - start - r2)
    {
      memset (to, 0, r4);
      return (uint64_t) -EFAULT;
    }
  memcpy (to, p->buf + start + r2, r4);
  return 0;
}

/* bpf_skb_pull_data (skb, len): the whole packet is linear already; only a
 * length past its end fails, as pskb_may_pull does.  */
static HELPER (helper_skb_pull_data)
{
  (void) r1; (void) r3; (void) r4; (void) r5;
  if (!need (m, is_skb (m), "socket-buffer"))
    return 0;
  return r2 <= m->packet.end - m->packet.data ? 0 : (uint64_t) -ENOMEM;
}

/* bpf_skb_store_bytes (skb, offset, from, len, flags)  */
static HELPER (helper_skb_store_bytes)
{
  (void) r1;
  if (!need (m, is_skb (m), "socket-buffer"))
    return 0;
  if (r5 & ~(uint64_t) (BPF_F_RECOMPUTE_CSUM | BPF_F_INVALIDATE_HASH))
    return (uint64_t) -EINVAL;
  const uint8_t *from = ebpf_helper_memory (m, r3, r4, false, "from");
  if (from == NULL)
    return 0;
  const struct ebpf_packet *p = &m->packet;
  uint32_t len = p->end - p->data;
  if (r2 > 0xffff || (uint32_t) r2 > len || r4 > len - (uint32_t) r2)
    return (uint64_t) -EFAULT;
  ebpf_helper_charge_bytes (m, r4);
  memmove (m->packet.buf + p->data + r2, from, r4);
  if (r5 & BPF_F_INVALIDATE_HASH)
    ((struct __sk_buff *) m->context)->hash = 0;
  return 0;
}

/* Ones'-complement sum of 32-bit words into 32 bits with end-around
 * carry, as the x86-64 kernel's csum_partial leaves it.  */
static uint32_t
csum_add32 (uint32_t sum, uint32_t word)
{
  uint64_t s = (uint64_t) sum + word;
  return (uint32_t) s + (uint32_t) (s >> 32);
}

static uint16_t
csum_fold (uint32_t sum)
{
  sum = (sum & 0xffff) + (sum >> 16);
  sum = (sum & 0xffff) + (sum >> 16);
  return (uint16_t) ~sum;
}

/* x86-64's csum_partial: the little-endian 64-bit words of LEN bytes at
 * P (the last padded with zeros) summed with end-around carry, folded to
 * 32 bits and added to SUM.  */
static uint32_t
csum_partial (const uint8_t *p, uint64_t len, uint32_t sum)
{
  uint64_t acc = 0;
  for (uint64_t i = 0; i < len; i += 8)
    {
      uint64_t word = 0;
      for (uint64_t k = 0; k < 8 && i + k < len; k++)
        word |= (uint64_t) p[i + k] << (8 * k);
      acc += word;
      acc += acc < word;   /* the carry, around */
    }
  return csum_add32 (csum_add32 ((uint32_t) (acc >> 32), (uint32_t) acc), sum);
}

static uint32_t
csum_fold16 (uint32_t sum)
{
  sum = (sum & 0xffff) + (sum >> 16);
  return (sum & 0xffff) + (sum >> 16);
}

/* bpf_csum_diff (from, from_size, to, to_size, seed).  Until 6.13: sizes
 * in whole 32-bit words up to 512 bytes, and the 32-bit partial sum of
 * SEED, TO's words and FROM's complemented.  Since (measured on 6.18):
 * any sizes, and the partial sums as the kernel's code takes them,
 * folded to 16 bits (not inverted): TO's less FROM's, TO's alone, or
 * FROM's taken away from SEED.  */
static HELPER (helper_csum_diff)
{
  bool folded = m->env.kernel_version >= EBPF_KERNEL_VERSION (6, 13);
  if (!folded && (r2 % 4 || r4 % 4 || r2 > 512 || r4 > 512))
    return (uint64_t) -EINVAL;
  const uint8_t *from = ebpf_helper_memory (m, r1, r2, false, "from");
  const uint8_t *to = ebpf_helper_memory (m, r3, r4, false, "to");
  if (from == NULL || to == NULL)
    return 0;
  ebpf_helper_charge_bytes (m, r2 + r4);
  uint32_t seed = (uint32_t) r5;
  if (folded)
    {
      uint32_t sum = seed;
      if (r2 && r4)
        sum = csum_add32 (csum_partial (to, r4, seed), ~csum_partial (from, r2, 0));
      else if (r4)
        sum = csum_partial (to, r4, seed);
      else if (r2)
        sum = ~csum_partial (from, r2, ~seed);
      return csum_fold16 (sum);
    }
  uint32_t sum = seed;
  for (uint64_t i = 0; i < r2; i += 4)
    {
      uint32_t w;
      memcpy (&w, from + i, 4);
      sum = csum_add32 (sum, ~w);
    }
  for (uint64_t i = 0; i < r4; i += 4)
    {
      uint32_t w;
      memcpy (&w, to + i, 4);
      sum = csum_add32 (sum, w);
    }
  return sum;
}

/* The 16-bit checksum at OFFSET of the packet, updated for FROM becoming
 * TO (SIZE 2 or 4), or by the difference TO (SIZE 0).  */
static uint64_t
csum_replace (ebpf_machine *m, uint64_t offset, uint64_t from, uint64_t to,
              unsigned size, bool mangled_0)
{
  const struct ebpf_packet *p = &m->packet;
  uint32_t len = p->end - p->data;
  /* A checksum is 16-bit aligned: an odd offset faults, as one past the
   * packet does (measured on 6.18).  */
  if (offset > 0xffff || (offset & 1) || offset + 2 > len)
    return (uint64_t) -EFAULT;
  uint8_t *field = m->packet.buf + p->data + offset;
  uint16_t check;
  memcpy (&check, field, 2);
  if (mangled_0 && check == 0)
    return 0;   /* UDP without a checksum keeps none */
  uint32_t sum = (uint16_t) ~check;
  switch (size)
    {
    case 0:
      /* TO is a difference (bpf_csum_diff's); FROM must be 0.  */
      if (from != 0)
        return (uint64_t) -EINVAL;
      sum = csum_add32 (sum, (uint32_t) to);
      break;
    case 2:
      sum = csum_add32 (sum, (uint16_t) ~(uint16_t) from);
      sum = csum_add32 (sum, (uint16_t) to);
      break;
    case 4:
      sum = csum_add32 (sum, ~(uint32_t) from);
      sum = csum_add32 (sum, (uint32_t) to);
      break;
    default:
      return (uint64_t) -EINVAL;
    }
  check = csum_fold (sum);
  if (mangled_0 && check == 0)
    check = 0xffff;   /* CSUM_MANGLED_0 */
  memcpy (field, &check, 2);
  return 0;
}

/* bpf_l3_csum_replace (skb, offset, from, to, flags)  */
static HELPER (helper_l3_csum_replace)
{
  (void) r1;
  if (!need (m, is_skb (m), "socket-buffer"))
    return 0;
  if (r5 & ~(uint64_t) BPF_F_HDR_FIELD_MASK)
    return (uint64_t) -EINVAL;
  return csum_replace (m, r2, r3, r4, r5 & BPF_F_HDR_FIELD_MASK, false);
}

/* bpf_l4_csum_replace (skb, offset, from, to, flags)  */
static HELPER (helper_l4_csum_replace)
{
  (void) r1;
  if (!need (m, is_skb (m), "socket-buffer"))
    return 0;
  /* BPF_F_IPV6 (bit 7, for an IPv6 pseudo-header's checksum state) is
   * taken since 6.18 (6.1 refused it; the version between is not known
   * here); ebpfsim's checksums need nothing of it.  */
  uint64_t known = BPF_F_MARK_MANGLED_0 | BPF_F_MARK_ENFORCE | BPF_F_PSEUDO_HDR
                   | BPF_F_HDR_FIELD_MASK;
  if (m->env.kernel_version >= EBPF_KERNEL_VERSION (6, 18))
    known |= 1ULL << 7;
  if (r5 & ~known)
    return (uint64_t) -EINVAL;
  return csum_replace (m, r2, r3, r4, r5 & BPF_F_HDR_FIELD_MASK,
                       (r5 & BPF_F_MARK_MANGLED_0) != 0);
}

/* Room for an skb's data to be LEN bytes with FRONT bytes before it, as
 * the kernel reallocates an skb's head to grow it: a larger buffer, the
 * packet's offsets moved by what was added in front.  */
static void
skb_room (ebpf_machine *m, uint32_t front, uint32_t len)
{
  struct ebpf_packet *p = &m->packet;
  uint32_t shift = front > p->data ? front - p->data + EBPF_SKB_HEADROOM : 0;
  uint32_t need = p->data + shift + len + SKB_SHARED_INFO_SIZE;
  if (shift == 0 && need <= p->cap)
    return;
  uint32_t cap = (need + 4095) & ~4095u;
  uint8_t *buf = ebpf_xcalloc (1, cap);
  memcpy (buf + shift, p->buf, p->end);
  free (p->buf);
  p->buf = buf;
  p->cap = cap;
  p->meta += shift;
  p->data += shift;
  p->end += shift;
  p->network += shift;
  p->dirty = p->end;   /* the rest of the new buffer is zeros */
}

/* bpf_skb_change_tail (skb, len, flags): the packet cut or grown with
 * zeros to LEN bytes, at most EBPF_SKB_MAX_LEN.  */
static HELPER (helper_skb_change_tail)
{
  (void) r1; (void) r4; (void) r5;
  if (!need (m, is_skb (m), "socket-buffer"))
    return 0;
  struct ebpf_packet *p = &m->packet;
  uint32_t min = m->context_kind == EBPF_CONTEXT_SKB ? EBPF_ETH_HLEN : 0;
  if (r3 != 0 || r2 < min || r2 > EBPF_SKB_MAX_LEN)
    return (uint64_t) -EINVAL;
  skb_room (m, 0, (uint32_t) r2);
  uint32_t end = p->data + (uint32_t) r2;
  if (end > p->end)
    memset (p->buf + p->end, 0, end - p->end);
  p->end = end;
  packet_changed (m);
  return 0;
}

/* bpf_skb_change_head (skb, head_room, flags): zeros in front, for
 * programs that see the link-layer header, which starts there; the
 * network header stays where it was.  */
static HELPER (helper_skb_change_head)
{
  (void) r1; (void) r4; (void) r5;
  if (!need (m, m->context_kind == EBPF_CONTEXT_SKB, "tc"))
    return 0;
  struct ebpf_packet *p = &m->packet;
  if (r3 != 0 || r2 > EBPF_SKB_MAX_LEN - (p->end - p->data))
    return (uint64_t) -EINVAL;
  skb_room (m, (uint32_t) r2, p->end - p->data + (uint32_t) r2);
  p->data -= (uint32_t) r2;
  p->meta = p->data;
  memset (p->buf + p->data, 0, r2);
  packet_changed (m);
  return 0;
}

/* ---- Forwarding decisions --------------------------------------------------------- */

/* bpf_csum_level (skb, level): the checksum state a driver's
 * CHECKSUM_UNNECESSARY leaves, which a test run's skb starts without
 * (CHECKSUM_NONE): INC makes it so at level 0 and counts up to the
 * kernel's SKB_MAX_CSUM_LEVEL (3), DEC counts down and from level 0
 * clears it, RESET clears it; QUERY gives the level, or -EACCES without
 * it.  Measured on 6.18.  */
static HELPER (helper_csum_level)
{
  (void) r1; (void) r3; (void) r4; (void) r5;
  if (!need (m, is_skb (m), "socket-buffer"))
    return 0;
  struct ebpf_packet *p = &m->packet;
  switch (r2)
    {
    case BPF_CSUM_LEVEL_QUERY:
      return p->ip_summed_unnecessary ? p->csum_level : (uint64_t) -EACCES;
    case BPF_CSUM_LEVEL_INC:
      if (!p->ip_summed_unnecessary)
        {
          p->ip_summed_unnecessary = true;
          p->csum_level = 0;
        }
      else if (p->csum_level < 3)
        p->csum_level++;
      return 0;
    case BPF_CSUM_LEVEL_DEC:
      if (p->ip_summed_unnecessary && p->csum_level == 0)
        p->ip_summed_unnecessary = false;
      else if (p->ip_summed_unnecessary)
        p->csum_level--;
      return 0;
    case BPF_CSUM_LEVEL_RESET:
      p->ip_summed_unnecessary = false;
      p->csum_level = 0;
      return 0;
    default:
      return (uint64_t) -EINVAL;
    }
}

/* bpf_set_hash (skb, hash): the flow hash, which bpf_get_hash_recalc
 * then gives as it is (the kernel marks it a software hash).  */
static HELPER (helper_set_hash)
{
  (void) r1; (void) r3; (void) r4; (void) r5;
  if (!need (m, is_skb (m), "socket-buffer"))
    return 0;
  ((struct __sk_buff *) m->context)->hash = (uint32_t) r2;
  return 0;
}

/* FNV-1a over LEN bytes, on from HASH.  */
static uint32_t
fnv1a (uint32_t hash, const uint8_t *p, size_t len)
{
  for (size_t i = 0; i < len; i++)
    hash = (hash ^ p[i]) * 16777619u;
  return hash;
}

/* bpf_get_hash_recalc (skb): the hash bpf_set_hash (or ctx_in) gave, else
 * a flow hash of the addresses, protocol and ports, which the skb keeps.
 * The kernel's own flow hash has a seed chosen at random at boot, so no
 * value of it can be expected: ebpfsim's is FNV-1a, the same for the
 * same flow and never 0, as the kernel's.  */
static HELPER (helper_get_hash_recalc)
{
  (void) r1; (void) r2; (void) r3; (void) r4; (void) r5;
  if (!need (m, is_skb (m), "socket-buffer"))
    return 0;
  struct __sk_buff *skb = (struct __sk_buff *) m->context;
  if (skb->hash)
    return skb->hash;
  const struct ebpf_packet *p = &m->packet;
  /* The network header: after the Ethernet header, which a socket
   * program's data no longer holds.  */
  uint32_t net = m->context_kind == EBPF_CONTEXT_SOCKET ? p->data : p->data + EBPF_ETH_HLEN;
  const uint8_t *l3 = p->buf + net;
  uint32_t avail = p->end > net ? p->end - net : 0;
  uint16_t type = (uint16_t) (p->buf[net - 2] << 8 | p->buf[net - 1]);
  uint32_t hash = 2166136261u, l4 = 0;
  uint8_t proto = 0;
  if (type == 0x0800 && avail >= 20)
    {
      hash = fnv1a (hash, l3 + 12, 8);
      proto = l3[9];
      l4 = (uint32_t) (l3[0] & 15) * 4;
    }
  else if (type == 0x86dd && avail >= 40)
    {
      hash = fnv1a (hash, l3 + 8, 32);
      proto = l3[6];
      l4 = 40;
    }
  hash = fnv1a (hash, &proto, 1);
  if ((proto == 6 || proto == 17) && l4 && avail >= l4 + 4)
    hash = fnv1a (hash, l3 + l4, 4);
  skb->hash = hash ? hash : 1;
  return skb->hash;
}

/* bpf_redirect (ifindex, flags): recorded, and the verdict it implies.  */
static HELPER (helper_redirect)
{
  (void) r3; (void) r4; (void) r5;
  if (is_xdp (m))
    {
      if (r2 != 0)
        return XDP_ABORTED;
    }
  else if (r2 & ~(uint64_t) BPF_F_INGRESS)
    return 2;   /* TC_ACT_SHOT */
  m->redirect.set = true;
  m->redirect.ifindex = (uint32_t) r1;
  m->redirect.flags = r2;
  return is_xdp (m) ? XDP_REDIRECT : 7 /* TC_ACT_REDIRECT */;
}

/* bpf_fib_lookup (ctx, params, plen, flags): with no routing table, every
 * lookup finds no route.  */
static HELPER (helper_fib_lookup)
{
  (void) r1; (void) r5;
  if (r3 < sizeof (struct bpf_fib_lookup))
    return (uint64_t) -EINVAL;
  if (r4 & ~(uint64_t) (BPF_FIB_LOOKUP_DIRECT | BPF_FIB_LOOKUP_OUTPUT))
    return (uint64_t) -EINVAL;
  if (ebpf_helper_memory (m, r2, r3, true, "params") == NULL)
    return 0;
  return BPF_FIB_LKUP_RET_NOT_FWDED;
}

void
ebpf_helpers_install_packet (ebpf_machine *m)
{
  static const struct { int id; ebpf_helper_fn fn; } table[] = {
    { BPF_FUNC_xdp_adjust_head, helper_xdp_adjust_head },
    { BPF_FUNC_xdp_adjust_tail, helper_xdp_adjust_tail },
    { BPF_FUNC_xdp_adjust_meta, helper_xdp_adjust_meta },
    { BPF_FUNC_skb_load_bytes, helper_skb_load_bytes },
    { BPF_FUNC_skb_store_bytes, helper_skb_store_bytes },
    { BPF_FUNC_csum_diff, helper_csum_diff },
    { BPF_FUNC_l3_csum_replace, helper_l3_csum_replace },
    { BPF_FUNC_l4_csum_replace, helper_l4_csum_replace },
    { BPF_FUNC_skb_change_tail, helper_skb_change_tail },
    { BPF_FUNC_skb_change_head, helper_skb_change_head },
    { BPF_FUNC_redirect, helper_redirect },
    { BPF_FUNC_csum_level, helper_csum_level },
    { BPF_FUNC_set_hash, helper_set_hash },
    { BPF_FUNC_get_hash_recalc, helper_get_hash_recalc },
    { BPF_FUNC_fib_lookup, helper_fib_lookup },
    { BPF_FUNC_xdp_get_buff_len, helper_xdp_get_buff_len },
    { BPF_FUNC_xdp_load_bytes, helper_xdp_load_bytes },
    { BPF_FUNC_xdp_store_bytes, helper_xdp_store_bytes },
    { BPF_FUNC_skb_load_bytes_relative, helper_skb_load_bytes_relative },
    { BPF_FUNC_skb_pull_data, helper_skb_pull_data },
  };
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    m->helpers[table[i].id].fn = table[i].fn;
}
