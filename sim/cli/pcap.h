/* pcap.h — reading and writing classic pcap capture files (not pcapng),
 * the packets ebpf-run feeds XDP and tc programs one at a time.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_PCAP_H
#define EBPF_PCAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ebpf_pcap_packet
{
  uint32_t ts_sec, ts_frac;   /* microseconds, or nanoseconds (see nano) */
  uint32_t orig_len;
  const uint8_t *data;
  uint32_t len;
};

/* A capture held in memory, read from a whole file image.  */
struct ebpf_pcap
{
  const uint8_t *image;
  size_t len, pos;
  bool swapped, nano;
  uint32_t linktype;
};

/* Checks the file header.  0, or -1 with a message naming what is wrong.  */
int ebpf_pcap_open (struct ebpf_pcap *pcap, const uint8_t *image, size_t len,
                    char *err, size_t err_len);
/* The next packet: 1, 0 at the end, -1 with a message for a truncated or
 * malformed record (naming its byte offset).  */
int ebpf_pcap_next (struct ebpf_pcap *pcap, struct ebpf_pcap_packet *packet,
                    char *err, size_t err_len);

/* Writing: a header for Ethernet packets, then records.  */
bool ebpf_pcap_write_header (FILE *out, bool nano);
bool ebpf_pcap_write_packet (FILE *out, const struct ebpf_pcap_packet *packet);

#endif
