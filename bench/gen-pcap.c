/* Writes a pcap of N Ethernet frames for the XDP parser benchmark: IPv4
 * and IPv6, TCP and UDP to varied ports, some ARP, deterministic.
 * Usage: gen-pcap N FILE
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

static void
put32 (FILE *f, uint32_t v)
{
  fwrite (&v, 4, 1, f);
}

int
main (int argc, char **argv)
{
  if (argc != 3)
    {
      fprintf (stderr, "usage: gen-pcap N FILE\n");
      return 1;
    }
  long n = atol (argv[1]);
  FILE *f = fopen (argv[2], "wb");
  if (f == NULL || n <= 0)
    {
      perror (argv[2]);
      return 1;
    }
  uint16_t version[2] = { 2, 4 };
  put32 (f, 0xa1b2c3d4);
  fwrite (version, 2, 2, f);
  put32 (f, 0), put32 (f, 0), put32 (f, 65535), put32 (f, 1);
  uint32_t x = 12345;
  for (long i = 0; i < n; i++)
    {
      uint8_t p[128] = { 0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2 };
      x = x * 1103515245 + 12345;
      unsigned kind = (x >> 16) % 10, len;
      if (kind == 0)
        {
          p[12] = 0x08, p[13] = 0x06;                  /* ARP */
          len = 42;
        }
      else if (kind < 3)
        {
          p[12] = 0x86, p[13] = 0xdd;                  /* IPv6 UDP */
          p[14] = 0x60, p[19] = 16, p[20] = 17, p[21] = 64;
          p[22] = 0x20, p[23] = 0x01, p[24] = 0x0d, p[25] = 0xb8;
          p[37] = (uint8_t) x;
          p[54] = 0x13, p[55] = 0x88, p[56] = 0x00, p[57] = 0x35;
          len = 70;
        }
      else
        {
          p[12] = 0x08, p[13] = 0x00;                  /* IPv4 */
          bool tcp = kind & 1;
          p[14] = 0x45, p[17] = tcp ? 40 : 28, p[22] = 64, p[23] = tcp ? 6 : 17;
          p[26] = 10, p[27] = (uint8_t) (x >> 8), p[28] = (uint8_t) (x >> 3),
          p[29] = (uint8_t) x;
          p[30] = 192, p[31] = 168, p[32] = 1, p[33] = 1;
          uint16_t dport = (uint16_t) ((x >> 4) % 1024);
          p[34] = 0x9c, p[35] = 0x40, p[36] = dport >> 8, p[37] = dport & 0xff;
          len = tcp ? 54 : 42;
        }
      put32 (f, (uint32_t) i), put32 (f, 0), put32 (f, len), put32 (f, len);
      fwrite (p, 1, len, f);
    }
  return fclose (f) == 0 ? 0 : 1;
}
