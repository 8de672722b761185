/* context.h — program contexts: what r1 points to when a program starts.
 *
 * XDP and socket-buffer programs see a context structure (struct xdp_md,
 * struct __sk_buff) whose pointer fields the kernel rewrites into 64-bit
 * loads of the real packet pointers.  Here the context is a window with no
 * memory behind it: every access traps into context.c, which checks it
 * against the fields of the structure and performs it, as the kernel's
 * rewritten instruction would.  Accesses elsewhere pay nothing for it.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_CONTEXT_H
#define EBPF_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ebpfsim.h"

struct ebpf_decoded;

/* Room the kernel leaves around a test-run packet: XDP_PACKET_HEADROOM
 * before it, and a page in all for XDP (4096 - 256 - 320 bytes of data at
 * most, 320 being struct skb_shared_info).  */
#define EBPF_XDP_HEADROOM 256
#define EBPF_XDP_MAX_DATA (4096 - 256 - 320)
#define EBPF_SKB_HEADROOM 64
/* A tc or socket test run's packet: a page less NET_SKB_PAD (64) and the
 * aligned struct skb_shared_info (320); more is EINVAL (measured on Linux
 * 6.18: 3712 bytes run, 3713 are refused).  */
#define EBPF_SKB_MAX_DATA (4096 - 64 - 320)
/* What an skb may grow to (bpf_skb_change_tail and _head): SKB_MAX_ALLOC,
 * 16 KiB less its shared info, as a test run's skb has no device to
 * allow more (measured on 6.18).  */
#define EBPF_SKB_MAX_LEN 16064
#define EBPF_ETH_HLEN 14

/* The packet: offsets into BUF of the metadata, data and end.  */
struct ebpf_packet
{
  uint8_t *buf;
  uint32_t cap;
  uint32_t meta, data, end;
  uint32_t dirty;   /* no run has written at or past this offset */
  /* An skb's checksum state (bpf_csum_level): CHECKSUM_UNNECESSARY at
   * csum_level, or CHECKSUM_NONE, as a test run's skb starts.  */
  bool ip_summed_unnecessary;
  uint8_t csum_level;
  uint32_t network;   /* an skb's network header, which bpf_skb_change_head
                         leaves where it was */
};

/* Performs the load or store of instruction D at context offset OFF, as
 * the kernel's rewritten instruction would.  False (with a fault report)
 * when the program may not access the context that way.  */
bool ebpf_context_access (ebpf_machine *m, const struct ebpf_decoded *d,
                          uint32_t off, unsigned size, bool write);

/* The packet window follows the packet's bounds.  */
void ebpf_context_map_packet (ebpf_machine *m);

/* Sets up packet and context fields for a new run, from data_in and
 * ctx_in, as BPF_PROG_TEST_RUN does.  */
void ebpf_context_start (ebpf_machine *m);

/* Why the kernel would refuse CTX as ctx_in for a packet of PACKET_LEN
 * bytes, or NULL.  */
const char *ebpf_context_check_in (const ebpf_machine *m, const uint8_t *ctx,
                                   size_t packet_len);

#endif
