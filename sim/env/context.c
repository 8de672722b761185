/* context.c — the fields of struct xdp_md and struct __sk_buff, and the
 * packets behind them, as BPF_PROG_TEST_RUN sets them up.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "context.h"
#include "xalloc.h"
#include "core/machine.h"

/* ---- Fields ----------------------------------------------------------------- */

enum field_kind
{
  FIELD_VALUE,        /* a number kept in the context copy */
  FIELD_DATA,         /* pointer to the packet data */
  FIELD_DATA_END,     /* pointer past the packet data */
  FIELD_DATA_META,    /* pointer to the packet metadata */
  FIELD_NULL,         /* a kernel pointer the simulation does not have */
  FIELD_LOOPBACK,     /* the device's ifindex: the loopback's, 1 */
};

struct field
{
  uint16_t off, size;
  enum field_kind kind;
  bool writable;
  const char *name;
};

#define F(type, member, kind, writable)                                     \
  { offsetof (struct type, member), sizeof ((struct type *) 0)->member,     \
    kind, writable, #member }

static const struct field xdp_fields[] = {
  F (xdp_md, data, FIELD_DATA, false),
  F (xdp_md, data_end, FIELD_DATA_END, false),
  F (xdp_md, data_meta, FIELD_DATA_META, false),
  F (xdp_md, ingress_ifindex, FIELD_LOOPBACK, false),
  F (xdp_md, rx_queue_index, FIELD_VALUE, false),
  F (xdp_md, egress_ifindex, FIELD_VALUE, false),
};

/* __sk_buff as a tc program sees it; a socket filter may write only cb[]
 * (checked in access).  */
static const struct field skb_fields[] = {
  F (__sk_buff, len, FIELD_VALUE, false),
  F (__sk_buff, pkt_type, FIELD_VALUE, false),
  F (__sk_buff, mark, FIELD_VALUE, true),
  F (__sk_buff, queue_mapping, FIELD_VALUE, true),
  F (__sk_buff, protocol, FIELD_VALUE, false),
  F (__sk_buff, vlan_present, FIELD_VALUE, false),
  F (__sk_buff, vlan_tci, FIELD_VALUE, false),
  F (__sk_buff, vlan_proto, FIELD_VALUE, false),
  F (__sk_buff, priority, FIELD_VALUE, true),
  F (__sk_buff, ingress_ifindex, FIELD_VALUE, false),
  F (__sk_buff, ifindex, FIELD_VALUE, false),
  F (__sk_buff, tc_index, FIELD_VALUE, true),
  F (__sk_buff, cb[0], FIELD_VALUE, true),
  F (__sk_buff, cb[1], FIELD_VALUE, true),
  F (__sk_buff, cb[2], FIELD_VALUE, true),
  F (__sk_buff, cb[3], FIELD_VALUE, true),
  F (__sk_buff, cb[4], FIELD_VALUE, true),
  F (__sk_buff, hash, FIELD_VALUE, false),
  F (__sk_buff, tc_classid, FIELD_VALUE, true),
  F (__sk_buff, data, FIELD_DATA, false),
  F (__sk_buff, data_end, FIELD_DATA_END, false),
  F (__sk_buff, napi_id, FIELD_VALUE, false),
  F (__sk_buff, data_meta, FIELD_DATA_META, false),
  F (__sk_buff, flow_keys, FIELD_NULL, false),
  F (__sk_buff, tstamp, FIELD_VALUE, true),
  F (__sk_buff, wire_len, FIELD_VALUE, false),
  F (__sk_buff, gso_segs, FIELD_VALUE, false),
  F (__sk_buff, sk, FIELD_NULL, false),
  F (__sk_buff, gso_size, FIELD_VALUE, false),
  F (__sk_buff, hwtstamp, FIELD_VALUE, false),
};
#undef F

static const struct field *
find_field (const struct field *fields, size_t n, uint32_t off, unsigned size)
{
  for (size_t i = 0; i < n; i++)
    if (off >= fields[i].off && off + size <= (uint32_t) fields[i].off + fields[i].size)
      return &fields[i];
  return NULL;
}

static uint64_t
packet_address (uint32_t buf_off)
{
  return ebpf_window_base (EBPF_WINDOW_PACKET) + buf_off;
}

/* What a load of SIZE bytes at OFF in field F reads: the packet
 * pointers as the kernel's rewrite gives them, else the context's copy.  */
static uint64_t
field_value (const ebpf_machine *m, const struct field *f, uint32_t off, unsigned size)
{
  uint64_t v = 0;
  switch (f->kind)
    {
    case FIELD_DATA: v = packet_address (m->packet.data); break;
    case FIELD_DATA_END: v = packet_address (m->packet.end); break;
    case FIELD_DATA_META: v = packet_address (m->packet.meta); break;
    case FIELD_NULL: v = 0; break;
    case FIELD_LOOPBACK: v = 1; break;
    case FIELD_VALUE:
      memcpy (&v, m->context + off, size);
      break;
    }
  return v;
}

bool
ebpf_context_access (ebpf_machine *m, const struct ebpf_decoded *d,
                     uint32_t off, unsigned size, bool write)
{
  /* The two reads every XDP program starts with, before the general
   * checks: they cost once a packet, over captures of many.  */
  if (m->context_kind == EBPF_CONTEXT_XDP && d->op == EBPF_OP_LDX_W)
    {
      if (off == offsetof (struct xdp_md, data))
        {
          m->regs[d->dst] = packet_address (m->packet.data);
          return true;
        }
      if (off == offsetof (struct xdp_md, data_end))
        {
          m->regs[d->dst] = packet_address (m->packet.end);
          return true;
        }
    }
  size_t pc = (size_t) (d - m->code);
  const char *what = m->context_kind == EBPF_CONTEXT_XDP ? "struct xdp_md"
                                                         : "struct __sk_buff";
  const struct field *f = NULL;
  if (m->context_kind == EBPF_CONTEXT_XDP)
    f = find_field (xdp_fields, sizeof xdp_fields / sizeof xdp_fields[0], off, size);
  else if (m->context_kind == EBPF_CONTEXT_SKB || m->context_kind == EBPF_CONTEXT_SOCKET)
    f = find_field (skb_fields, sizeof skb_fields / sizeof skb_fields[0], off, size);
  const struct ebpf_opcode_info *e = &ebpf_opcodes[d->op];
  if (f == NULL || off % size != 0 || e->shape == EBPF_SHAPE_ATOMIC
      || (e->shape == EBPF_SHAPE_LDX && e->llvm[0] == 's'))
    {
      ebpf_machine_fault_at (m, pc, "invalid access to %s: %u byte%s at offset "
                             "%u", what, size, size == 1 ? "" : "s", off);
      return false;
    }
  bool pointer = f->kind == FIELD_DATA || f->kind == FIELD_DATA_END
                 || f->kind == FIELD_DATA_META || f->kind == FIELD_NULL;
  if (write && (!f->writable
                || (m->context_kind == EBPF_CONTEXT_SOCKET
                    && !(off >= offsetof (struct __sk_buff, cb)
                         && off < offsetof (struct __sk_buff, hash)))))
    {
      ebpf_machine_fault_at (m, pc, "%s is read-only at offset %u", what, off);
      return false;
    }
  if (pointer && (off != f->off || size != f->size))
    {
      ebpf_machine_fault_at (m, pc, "invalid access to %s: the pointer at "
                             "offset %u is read whole (%u bytes)", what, f->off,
                             f->size);
      return false;
    }
  if (write)
    {
      uint64_t v = e->shape == EBPF_SHAPE_ST ? d->imm64 : m->regs[d->src];
      memcpy (m->context + off, &v, size);   /* host order, low bytes */
      return true;
    }
  m->regs[d->dst] = field_value (m, f, off, size);
  return true;
}

bool
ebpf_machine_context_fields (const ebpf_machine *m,
                             void (*fn) (void *ctx, const char *name, unsigned off,
                                         unsigned size, uint64_t value),
                             void *ctx)
{
  const struct field *fields;
  size_t n;
  if (m->context_kind == EBPF_CONTEXT_XDP)
    fields = xdp_fields, n = sizeof xdp_fields / sizeof xdp_fields[0];
  else if (m->context_kind == EBPF_CONTEXT_SKB || m->context_kind == EBPF_CONTEXT_SOCKET)
    fields = skb_fields, n = sizeof skb_fields / sizeof skb_fields[0];
  else
    return false;
  for (size_t i = 0; i < n; i++)
    fn (ctx, fields[i].name, fields[i].off, fields[i].size,
        field_value (m, &fields[i], fields[i].off, fields[i].size));
  return true;
}

void
ebpf_context_map_packet (ebpf_machine *m)
{
  struct ebpf_packet *p = &m->packet;
  if (p->end > p->dirty)
    p->dirty = p->end;
  ebpf_memory_map (&m->mem, EBPF_WINDOW_PACKET, p->meta, p->end - p->meta,
                   p->buf + p->meta, true, "packet");
}

/* ---- Test-run set-up ---------------------------------------------------- */

/* pkt_type as eth_type_trans sets it on the loopback device, whose
 * address is all zeros.  */
static uint32_t
eth_pkt_type (const uint8_t *eth)
{
  static const uint8_t zero[6], broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
  if (eth[0] & 1)
    return memcmp (eth, broadcast, 6) == 0 ? 1 /* PACKET_BROADCAST */
                                           : 2 /* PACKET_MULTICAST */;
  return memcmp (eth, zero, 6) == 0 ? 0 /* PACKET_HOST */ : 3 /* OTHERHOST */;
}

/* skb->protocol as eth_type_trans derives it (__be16 in host order): the
 * ethertype, or below 0x600 (an 802.3 length) ETH_P_802_3 when the
 * payload starts with 0xffff (raw 802.3, Novell) and ETH_P_802_2 (LLC)
 * otherwise; measured on 6.18.  */
static uint32_t
eth_protocol (const uint8_t *eth, uint32_t len)
{
  uint16_t type = (uint16_t) (eth[12] << 8 | eth[13]);
  if (type < 0x600)
    type = len >= EBPF_ETH_HLEN + 2 && eth[14] == 0xff && eth[15] == 0xff
           ? 0x0001 : 0x0004;
  uint8_t be[2] = { (uint8_t) (type >> 8), (uint8_t) type };
  uint16_t value;
  memcpy (&value, be, 2);
  return value;
}

void
ebpf_context_start (ebpf_machine *m)
{
  struct ebpf_packet *p = &m->packet;
  if (m->context_kind == EBPF_CONTEXT_RAW)
    {
      ebpf_memory_map (&m->mem, EBPF_WINDOW_CONTEXT, 0, (uint32_t) m->context_len,
                       m->context, false, "context");
      return;
    }
  bool xdp = m->context_kind == EBPF_CONTEXT_XDP;
  uint32_t headroom = xdp ? EBPF_XDP_HEADROOM : EBPF_SKB_HEADROOM;
  uint32_t cap = xdp ? 4096 : headroom + (uint32_t) m->packet_in_len + 4096;
  if (p->buf == NULL || p->cap < cap)
    {
      free (p->buf);
      p->buf = ebpf_xcalloc (1, cap);
      p->cap = cap;
      p->dirty = 0;
    }
  /* Runs write only below the furthest end a packet reached: clearing
   * that much gives every run the same fresh buffer, cheaply.  */
  memset (p->buf, 0, p->dirty);
  if (m->packet_in_len)
    memcpy (p->buf + headroom, m->packet_in, m->packet_in_len);
  p->meta = p->data = headroom;
  p->end = headroom + (uint32_t) m->packet_in_len;
  if (xdp)
    {
      /* ctx_in's data is the length of the metadata at the start of
       * data_in.  */
      struct xdp_md *md = (struct xdp_md *) m->context;
      p->data += md->data;
    }
  else
    {
      struct __sk_buff *skb = (struct __sk_buff *) m->context;
      const uint8_t *eth = p->buf + p->data;
      skb->pkt_type = eth_pkt_type (eth);
      skb->protocol = eth_protocol (eth, p->end - p->data);
      p->ip_summed_unnecessary = false;       /* CHECKSUM_NONE */
      p->csum_level = 0;
      skb->ifindex = 1;                       /* the loopback device */
      if (m->context_kind == EBPF_CONTEXT_SOCKET)
        p->data += EBPF_ETH_HLEN;             /* eth_type_trans pulled it */
      p->network = m->context_kind == EBPF_CONTEXT_SOCKET ? p->data
                   : p->data + EBPF_ETH_HLEN;
      p->meta = p->data;
      skb->len = p->end - p->data;
      /* With a ctx_in, the wire length defaults to the length; without
       * one the kernel sets no field from it, and it reads 0.  */
      if (m->context_len && skb->wire_len == 0)
        skb->wire_len = skb->len;
    }
  ebpf_context_map_packet (m);
}

const char *
ebpf_context_check_in (const ebpf_machine *m, const uint8_t *ctx,
                       size_t packet_len)
{
  if (m->context_kind == EBPF_CONTEXT_XDP)
    {
      const struct xdp_md *md = (const struct xdp_md *) ctx;
      /* The only device is the loopback (ifindex 1), with one queue.  */
      if (md->ingress_ifindex > 1)
        return "ENODEV: no device has ingress_ifindex (only the loopback, 1)";
      if (md->rx_queue_index)
        return "rx_queue_index must be 0 (the loopback has one queue)";
      if (md->egress_ifindex)
        return "egress_ifindex must be 0";
      if (md->data_meta)
        return "data_meta must be 0";
      if (md->data_end != packet_len)
        return "data_end must be the length of data_in";
      if (md->data > md->data_end || md->data % 4 || md->data > 32)
        return "data (the metadata length) must be a multiple of 4, at most 32";
      return NULL;
    }
  if (m->context_kind == EBPF_CONTEXT_SKB || m->context_kind == EBPF_CONTEXT_SOCKET)
    {
      /* Only these fields may be set; the rest must be zero.  */
      static const struct { size_t off, size; } settable[] = {
        { offsetof (struct __sk_buff, mark), 4 },
        { offsetof (struct __sk_buff, priority), 4 },
        { offsetof (struct __sk_buff, ingress_ifindex), 4 },
        { offsetof (struct __sk_buff, ifindex), 4 },
        { offsetof (struct __sk_buff, cb), 20 },
        { offsetof (struct __sk_buff, tstamp), 8 },
        { offsetof (struct __sk_buff, wire_len), 4 },
        { offsetof (struct __sk_buff, gso_segs), 4 },
        { offsetof (struct __sk_buff, gso_size), 4 },
        { offsetof (struct __sk_buff, hwtstamp), 8 },
      };
      const struct __sk_buff *skb = (const struct __sk_buff *) ctx;
      if (skb->ifindex > 1 || skb->ingress_ifindex > 1)
        return "ENODEV: no device has that ifindex (only the loopback, 1)";
      for (size_t off = 0; off < sizeof (struct __sk_buff); off++)
        {
          bool ok = ctx[off] == 0;
          for (size_t i = 0; !ok && i < sizeof settable / sizeof settable[0]; i++)
            ok = off >= settable[i].off && off < settable[i].off + settable[i].size;
          if (!ok)
            {
              static char msg[80];
              snprintf (msg, sizeof msg, "byte %zu of struct __sk_buff is not "
                        "a field a test run may set", off);
              return msg;
            }
        }
    }
  return NULL;
}
