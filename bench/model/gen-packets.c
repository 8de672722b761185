/* gen-packets — the packets bench/model/run.sh runs every program on,
 * written into DIR:
 *
 *   udp64.bin     64-byte IPv4/UDP frame (a DNS query, 10.0.0.1 -> 10.0.0.2:53)
 *   tcp-syn.bin   74-byte IPv4 TCP SYN to port 80 with Linux's usual options
 *   ipv6-udp.bin  78-byte IPv6/UDP frame (2001:db8::1 -> 2001:db8::2:53)
 *   eth14.bin     14-byte frame: an Ethernet header announcing IPv4, nothing
 *                 after it (the shortest BPF_PROG_TEST_RUN accepts)
 *   big1500.bin   1500-byte IPv4/TCP frame (an ACK carrying 1446 bytes)
 *
 * They differ where packet parsers branch (EtherType, IP version,
 * protocol, truncation) and in length, which helpers that copy or sum
 * the packet pay for.  Checksums are valid, so programs that verify or
 * update them take their ordinary paths.  Deterministic: same bytes on
 * every run.
 *
 * Usage: gen-packets DIR
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint8_t dst_mac[6] = { 0x02, 0, 0, 0, 0, 0x02 };
static const uint8_t src_mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };

static void
put16 (uint8_t *p, unsigned v)
{
  p[0] = (uint8_t) (v >> 8), p[1] = (uint8_t) v;
}

/* The Internet checksum's running sum over LEN bytes.  */
static uint32_t
sum16 (uint32_t sum, const uint8_t *p, size_t len)
{
  for (size_t i = 0; i + 1 < len; i += 2)
    sum += (uint32_t) p[i] << 8 | p[i + 1];
  if (len & 1)
    sum += (uint32_t) p[len - 1] << 8;
  return sum;
}

static unsigned
fold (uint32_t sum)
{
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

static size_t
ethernet (uint8_t *f, unsigned type)
{
  memcpy (f, dst_mac, 6);
  memcpy (f + 6, src_mac, 6);
  put16 (f + 12, type);
  return 14;
}

/* An IPv4 header at IP for a payload of LEN bytes of protocol PROTO;
   returns the pseudo-header's sum for the transport checksum.  */
static uint32_t
ipv4 (uint8_t *ip, unsigned proto, size_t len)
{
  memset (ip, 0, 20);
  ip[0] = 0x45;
  put16 (ip + 2, 20 + len);
  put16 (ip + 4, 0x1c46);
  ip[6] = 0x40;                        /* don't fragment */
  ip[8] = 64;
  ip[9] = (uint8_t) proto;
  const uint8_t src[4] = { 10, 0, 0, 1 }, dst[4] = { 10, 0, 0, 2 };
  memcpy (ip + 12, src, 4);
  memcpy (ip + 16, dst, 4);
  put16 (ip + 10, fold (sum16 (0, ip, 20)));
  return sum16 (sum16 (0, src, 4), dst, 4) + proto + (uint32_t) len;
}

/* A TCP header with FLAGS and the options OPT (a multiple of 4 bytes)
   at T, followed by PAYLOAD bytes already in place.  */
static void
tcp (uint8_t *t, uint32_t pseudo, unsigned flags, const uint8_t *opt,
     size_t opt_len, size_t payload)
{
  put16 (t, 51234);
  put16 (t + 2, 80);
  const uint8_t seq[8] = { 0x5e, 0xed, 0x00, 0x01, 0, 0, 0, 0 };
  memcpy (t + 4, seq, 8);
  t[12] = (uint8_t) ((20 + opt_len) / 4 << 4);
  t[13] = (uint8_t) flags;
  put16 (t + 14, 64240);
  put16 (t + 16, 0);
  put16 (t + 18, 0);
  memcpy (t + 20, opt, opt_len);
  put16 (t + 16, fold (sum16 (pseudo, t, 20 + opt_len + payload)));
}

static int
write_file (const char *dir, const char *name, const uint8_t *p, size_t len)
{
  char path[4096];
  snprintf (path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen (path, "wb");
  if (f == NULL || fwrite (p, 1, len, f) != len || fclose (f) != 0)
    {
      perror (path);
      return 1;
    }
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: gen-packets DIR\n");
      return 1;
    }
  const char *dir = argv[1];
  int bad = 0;
  uint8_t f[1500];

  /* IPv4/UDP, 64 bytes: the minimum Ethernet frame less its FCS plus
     four, as most captures show small frames.  */
  memset (f, 0, sizeof f);
  size_t n = ethernet (f, 0x0800);
  const uint8_t query[22] = { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
                              3, 'c', 'o', 'm', 0, 0, 1, 0, 1, 0 };
  uint8_t *u = f + n + 20;
  uint32_t pseudo = ipv4 (f + n, 17, 8 + sizeof query);
  put16 (u, 40000);
  put16 (u + 2, 53);
  put16 (u + 4, 8 + sizeof query);
  memcpy (u + 8, query, sizeof query);
  put16 (u + 6, fold (sum16 (pseudo, u, 8 + sizeof query)));
  bad |= write_file (dir, "udp64.bin", f, n + 20 + 8 + sizeof query);

  /* TCP SYN with MSS 1460, SACK permitted, timestamps, window scale 7:
     what Linux sends.  */
  memset (f, 0, sizeof f);
  n = ethernet (f, 0x0800);
  const uint8_t syn_opt[20] = { 2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0x12, 0x34,
                                0, 0, 0, 0, 1, 3, 3, 7 };
  pseudo = ipv4 (f + n, 6, 20 + sizeof syn_opt);
  tcp (f + n + 20, pseudo, 0x02, syn_opt, sizeof syn_opt, 0);
  bad |= write_file (dir, "tcp-syn.bin", f, n + 20 + 20 + sizeof syn_opt);

  /* IPv6/UDP with a 16-byte payload.  */
  memset (f, 0, sizeof f);
  n = ethernet (f, 0x86dd);
  uint8_t *ip6 = f + n;
  ip6[0] = 0x60;
  put16 (ip6 + 4, 8 + 16);
  ip6[6] = 17;
  ip6[7] = 64;
  const uint8_t a6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
  const uint8_t b6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
  memcpy (ip6 + 8, a6, 16);
  memcpy (ip6 + 24, b6, 16);
  u = ip6 + 40;
  put16 (u, 40001);
  put16 (u + 2, 53);
  put16 (u + 4, 8 + 16);
  for (int i = 0; i < 16; i++)
    u[8 + i] = (uint8_t) (0xa0 + i);
  pseudo = sum16 (sum16 (0, a6, 16), b6, 16) + 17 + 8 + 16;
  put16 (u + 6, fold (sum16 (pseudo, u, 8 + 16)));
  bad |= write_file (dir, "ipv6-udp.bin", f, n + 40 + 8 + 16);

  /* An Ethernet header alone.  */
  memset (f, 0, sizeof f);
  n = ethernet (f, 0x0800);
  bad |= write_file (dir, "eth14.bin", f, n);

  /* 1500 bytes in all: IPv4/TCP ACK|PSH with 1446 bytes of payload.  */
  memset (f, 0, sizeof f);
  n = ethernet (f, 0x0800);
  size_t payload = sizeof f - n - 20 - 20;
  for (size_t i = 0; i < payload; i++)
    f[n + 40 + i] = (uint8_t) (i * 7 + 1);
  pseudo = ipv4 (f + n, 6, 20 + payload);
  tcp (f + n + 20, pseudo, 0x18, NULL, 0, payload);
  bad |= write_file (dir, "big1500.bin", f, sizeof f);
  return bad;
}
