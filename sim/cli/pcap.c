/* pcap.c — the classic pcap format: a 24-byte file header whose magic
 * number tells byte order and timestamp resolution, then 16-byte record
 * headers each followed by the captured bytes.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <string.h>
#include "pcap.h"

#define MAGIC_MICRO 0xa1b2c3d4u
#define MAGIC_NANO 0xa1b23c4du
#define MAGIC_PCAPNG 0x0a0d0d0au
#define LINKTYPE_ETHERNET 1
#define MAX_SNAPLEN (256u * 1024)

static uint32_t
get32 (const struct ebpf_pcap *p, const uint8_t *b)
{
  uint32_t v;
  memcpy (&v, b, 4);
  return p->swapped ? __builtin_bswap32 (v) : v;
}

int
ebpf_pcap_open (struct ebpf_pcap *p, const uint8_t *image, size_t len,
                char *err, size_t err_len)
{
  memset (p, 0, sizeof *p);
  p->image = image;
  p->len = len;
  if (len < 24)
    {
      snprintf (err, err_len, "%zu bytes is shorter than a pcap file header "
                "(24)", len);
      return -1;
    }
  uint32_t magic;
  memcpy (&magic, image, 4);
  if (magic == MAGIC_PCAPNG)
    {
      snprintf (err, err_len, "a pcapng file; convert it to pcap "
                "(editcap -F pcap IN OUT)");
      return -1;
    }
  if (magic == MAGIC_MICRO || magic == MAGIC_NANO)
    p->nano = magic == MAGIC_NANO;
  else if (__builtin_bswap32 (magic) == MAGIC_MICRO
           || __builtin_bswap32 (magic) == MAGIC_NANO)
    {
      p->swapped = true;
      p->nano = __builtin_bswap32 (magic) == MAGIC_NANO;
    }
  else
    {
      snprintf (err, err_len, "magic number 0x%08x is not pcap's", magic);
      return -1;
    }
  p->linktype = get32 (p, image + 20) & 0xffff;
  if (p->linktype != LINKTYPE_ETHERNET)
    {
      snprintf (err, err_len, "link type %u; only Ethernet (1) captures carry "
                "the frames XDP and tc programs see", p->linktype);
      return -1;
    }
  p->pos = 24;
  return 0;
}

int
ebpf_pcap_next (struct ebpf_pcap *p, struct ebpf_pcap_packet *packet,
                char *err, size_t err_len)
{
  if (p->pos == p->len)
    return 0;
  if (p->len - p->pos < 16)
    {
      snprintf (err, err_len, "truncated record header at byte %zu", p->pos);
      return -1;
    }
  const uint8_t *h = p->image + p->pos;
  packet->ts_sec = get32 (p, h);
  packet->ts_frac = get32 (p, h + 4);
  packet->len = get32 (p, h + 8);
  packet->orig_len = get32 (p, h + 12);
  if (packet->len > MAX_SNAPLEN)
    {
      snprintf (err, err_len, "record at byte %zu claims %u captured bytes "
                "(more than %u)", p->pos, packet->len, MAX_SNAPLEN);
      return -1;
    }
  if (p->len - p->pos - 16 < packet->len)
    {
      snprintf (err, err_len, "record at byte %zu: %u captured bytes, but "
                "the file ends after %zu", p->pos, packet->len,
                p->len - p->pos - 16);
      return -1;
    }
  packet->data = h + 16;
  p->pos += 16 + packet->len;
  return 1;
}

static bool
put32 (FILE *out, uint32_t v)
{
  return fwrite (&v, 4, 1, out) == 1;
}

bool
ebpf_pcap_write_header (FILE *out, bool nano)
{
  uint16_t version[2] = { 2, 4 };
  return put32 (out, nano ? MAGIC_NANO : MAGIC_MICRO)
         && fwrite (version, 2, 2, out) == 2
         && put32 (out, 0) && put32 (out, 0)
         && put32 (out, MAX_SNAPLEN) && put32 (out, LINKTYPE_ETHERNET);
}

bool
ebpf_pcap_write_packet (FILE *out, const struct ebpf_pcap_packet *packet)
{
  return put32 (out, packet->ts_sec) && put32 (out, packet->ts_frac)
         && put32 (out, packet->len) && put32 (out, packet->len)
         && fwrite (packet->data, 1, packet->len, out) == packet->len;
}
