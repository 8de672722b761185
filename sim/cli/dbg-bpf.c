/* dbg-bpf.c — ebpf-run -i: what only a BPF debugger has (see dbg.h): the
 * packet in hex with its headers decoded, the context, map elements
 * looked up, updated and deleted by a key written as a number, an IPv4
 * address or bytes, and where a map value lies for "watch map".
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "dbg.h"
#include "ebpf-run.h"

/* ---- The packet ------------------------------------------------------------ */

static uint16_t
be16 (const uint8_t *p)
{
  return (uint16_t) (p[0] << 8 | p[1]);
}

/* Ethernet, IPv4 or IPv6, TCP or UDP, as far as the bytes go.  */
static void
decode_headers (FILE *out, const uint8_t *p, size_t len)
{
  if (len < 14)
    {
      fprintf (out, "  (%zu bytes: shorter than an Ethernet header)\n", len);
      return;
    }
  fprintf (out, "  ether %02x:%02x:%02x:%02x:%02x:%02x > %02x:%02x:%02x:%02x:%02x:%02x, "
           "type 0x%04x\n", p[6], p[7], p[8], p[9], p[10], p[11],
           p[0], p[1], p[2], p[3], p[4], p[5], be16 (p + 12));
  uint16_t type = be16 (p + 12);
  const uint8_t *l3 = p + 14;
  size_t left = len - 14;
  unsigned proto;
  size_t l3_len;
  char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
  if (type == 0x0800 && left >= 20 && (l3[0] >> 4) == 4)
    {
      l3_len = (size_t) (l3[0] & 15) * 4;
      proto = l3[9];
      inet_ntop (AF_INET, l3 + 12, src, sizeof src);
      inet_ntop (AF_INET, l3 + 16, dst, sizeof dst);
      fprintf (out, "  IP %s > %s: ihl %u, tos 0x%x, len %u, id %u, ttl %u, proto %u\n",
               src, dst, l3[0] & 15, l3[1], be16 (l3 + 2), be16 (l3 + 4), l3[8], proto);
      if (l3_len < 20 || l3_len > left)
        return;
    }
  else if (type == 0x86dd && left >= 40)
    {
      l3_len = 40;
      proto = l3[6];
      inet_ntop (AF_INET6, l3 + 8, src, sizeof src);
      inet_ntop (AF_INET6, l3 + 24, dst, sizeof dst);
      fprintf (out, "  IP6 %s > %s: payload %u, next header %u, hop limit %u\n",
               src, dst, be16 (l3 + 4), proto, l3[7]);
    }
  else
    return;
  const uint8_t *l4 = l3 + l3_len;
  left -= l3_len;
  if (proto == 6 && left >= 20)
    {
      static const char flags[] = "FSRPAUEC";
      char f[9];
      int n = 0;
      for (int b = 0; b < 8; b++)
        if (l4[13] & (1 << b))
          f[n++] = flags[b];
      f[n] = '\0';
      fprintf (out, "  TCP %u > %u: flags [%s], seq %u, ack %u, win %u\n",
               be16 (l4), be16 (l4 + 2), f,
               (unsigned) (l4[4] << 24 | l4[5] << 16 | l4[6] << 8 | l4[7]),
               (unsigned) (l4[8] << 24 | l4[9] << 16 | l4[10] << 8 | l4[11]),
               be16 (l4 + 14));
    }
  else if (proto == 17 && left >= 8)
    fprintf (out, "  UDP %u > %u: len %u\n", be16 (l4), be16 (l4 + 2), be16 (l4 + 4));
}

void
dbg_packet (struct dbg *d, const char *args)
{
  (void) args;
  if (!d->running)
    {
      dbg_error (d, "The program is not being run.");
      return;
    }
  size_t len;
  const uint8_t *p = ebpf_machine_packet (d->s->m, &len);
  if (p == NULL)
    {
      dbg_error (d, "This program has no packet.");
      return;
    }
  fprintf (d->out, "%zu bytes\n", len);
  /* As tcpdump -x: 16 bytes a line, in pairs.  */
  for (size_t off = 0; off < len; off += 16)
    {
      fprintf (d->out, "\t0x%04zx: ", off);
      for (size_t i = off; i < off + 16 && i < len; i++)
        fprintf (d->out, "%s%02x", (i - off) % 2 ? "" : " ", p[i]);
      fprintf (d->out, "\n");
    }
  decode_headers (d->out, p, len);
}

/* ---- The context ----------------------------------------------------------- */

struct find_region
{
  const char *name;
  uint64_t base, size;
};

static bool
find_region (void *ctx, const struct ebpf_region_info *r)
{
  struct find_region *f = ctx;
  if (strcmp (r->name, f->name) != 0)
    return true;
  f->base = r->base;
  f->size = r->size;
  return false;
}

static void
print_field (void *ctx, const char *name, unsigned off, unsigned size, uint64_t value)
{
  (void) size;
  fprintf (ctx, "  %-16s = 0x%" PRIx64 " (%" PRIu64 ")  +%u\n", name, value, value, off);
}

/* ctx: the context's fields as the program reads them; a memory
 * program's input, its first words.  */
void
dbg_ctx (struct dbg *d, const char *args)
{
  (void) args;
  if (!d->running)
    {
      dbg_error (d, "The program is not being run.");
      return;
    }
  enum ebpf_context_kind kind = ebpf_program_context_kind (d->s->prog);
  if (kind == EBPF_CONTEXT_XDP || kind == EBPF_CONTEXT_SKB || kind == EBPF_CONTEXT_SOCKET)
    fprintf (d->out, "%s, as the program reads it:\n",
             kind == EBPF_CONTEXT_XDP ? "struct xdp_md" : "struct __sk_buff");
  if (ebpf_machine_context_fields (d->s->m, print_field, d->out))
    return;
  struct find_region ctx = { "context", 0, 0 };
  ebpf_machine_regions (d->s->m, find_region, &ctx);
  if (ctx.size == 0)
    {
      dbg_error (d, "This program has no context.");
      return;
    }
  fprintf (d->out, "context at 0x%" PRIx64 ", %" PRIu64 " bytes\n", ctx.base, ctx.size);
  for (uint64_t off = 0; off < ctx.size && off < 256; off += 4)
    {
      uint32_t w;
      if (!ebpf_machine_read (d->s->m, ctx.base + off, &w, 4))
        break;
      fprintf (d->out, "%s+%-3" PRIu64 " 0x%08x", off % 16 ? "  " : off ? "\n  " : "  ",
               off, w);
    }
  fprintf (d->out, "\n");
}

/* ---- Map elements -------------------------------------------------------- */

/* A key or value of SIZE bytes from TEXT: a number (in the program's
 * byte order), a dotted IPv4 address (network order, 4 bytes), or hex
 * bytes "0x0a000007" (exactly SIZE of them).  */
static bool
parse_bytes (struct dbg *d, const char *text, uint8_t *out, size_t size,
             const char *what)
{
  memset (out, 0, size);
  struct in_addr a;
  if (strchr (text, '.') && inet_pton (AF_INET, text, &a) == 1)
    {
      if (size != 4)
        {
          dbg_error (d, "An IPv4 address is 4 bytes; the %s is %zu.", what, size);
          return false;
        }
      memcpy (out, &a, 4);
      return true;
    }
  size_t len = strlen (text);
  if (len > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') && len - 2 == 2 * size)
    {
      for (size_t i = 0; i < size; i++)
        {
          char byte[3] = { text[2 + 2 * i], text[3 + 2 * i], 0 };
          char *end;
          out[i] = (uint8_t) strtoul (byte, &end, 16);
          if (*end || !isxdigit ((unsigned char) byte[0]))
            {
              dbg_error (d, "Bad hex bytes \"%s\".", text);
              return false;
            }
        }
      return true;
    }
  char *end;
  errno = 0;
  long long v = strtoll (text, &end, 0);
  if (*end || end == text || errno || size > 8)
    {
      dbg_error (d, "The %s (%zu bytes) is a number, an IPv4 address or 0x and "
                 "%zu hex bytes, not \"%s\".", what, size, 2 * size, text);
      return false;
    }
  bool be = ebpf_program_big_endian (d->s->prog);
  for (size_t i = 0; i < size; i++)
    out[be ? size - 1 - i : i] = (uint8_t) ((unsigned long long) v >> (8 * i));
  return true;
}

/* "NAME[KEY]" or "NAME KEY": the map and the key's bytes (malloc'd).  */
static bool
parse_element (struct dbg *d, const char *text, int *map, uint8_t **key,
               const char **rest)
{
  char name[128], keytext[256];
  size_t n = strcspn (text, " \t[");
  if (n == 0 || n >= sizeof name)
    {
      dbg_error (d, "Expected a map's name and a key.");
      return false;
    }
  memcpy (name, text, n);
  name[n] = '\0';
  const char *p = text + n;
  size_t k;
  if (*p == '[')
    {
      k = strcspn (p + 1, "]");
      if (p[1 + k] != ']' || k >= sizeof keytext)
        {
          dbg_error (d, "A ']' is missing after the key.");
          return false;
        }
      memcpy (keytext, p + 1, k);
      keytext[k] = '\0';
      p += k + 2;
    }
  else
    {
      p += strspn (p, " \t");
      k = strcspn (p, " \t");
      if (k == 0 || k >= sizeof keytext)
        {
          dbg_error (d, "Expected a key after the map's name.");
          return false;
        }
      memcpy (keytext, p, k);
      keytext[k] = '\0';
      p += k;
    }
  *map = ebpf_machine_find_map (d->s->m, name);
  if (*map < 0)
    {
      dbg_error (d, "No map named \"%s\" (info maps lists them).", name);
      return false;
    }
  struct ebpf_map_info info;
  ebpf_machine_map_info (d->s->m, *map, &info);
  *key = calloc (1, info.key_size + 1);
  if (*key == NULL || !parse_bytes (d, keytext, *key, info.key_size, "key"))
    {
      free (*key);
      return false;
    }
  *rest = p + strspn (p, " \t");
  return true;
}

static void
print_element (struct dbg *d, int map, const uint8_t *key, const uint8_t *value)
{
  struct ebpf_map_info info;
  ebpf_machine_map_info (d->s->m, map, &info);
  fprintf (d->out, "key: ");
  if (ebpf_machine_map_format (d->s->m, map, true, key, info.key_size, false, d->out) != 0)
    for (size_t i = 0; i < info.key_size; i++)
      fprintf (d->out, "%02x", key[i]);
  fprintf (d->out, "\nvalue: ");
  if (info.percpu
      || ebpf_machine_map_format (d->s->m, map, false, value, info.value_size, false,
                                  d->out) != 0)
    for (size_t i = 0; i < info.value_buffer_size; i++)
      fprintf (d->out, "%02x", value[i]);
  fprintf (d->out, "\n");
}

void
dbg_map (struct dbg *d, const char *args)
{
  size_t verb = strcspn (args, " \t");
  const char *rest = args + verb + strspn (args + verb, " \t");
  ebpf_machine *m = d->s->m;
  if (verb == 4 && strncmp (args, "dump", 4) == 0)
    {
      if (*rest == '\0')
        for (int i = 0; i < ebpf_machine_map_count (m); i++)
          run_dump_map (m, i, d->out, false);
      else if (ebpf_machine_find_map (m, rest) < 0)
        dbg_error (d, "No map named \"%s\" (info maps lists them).", rest);
      else
        run_dump_map (m, ebpf_machine_find_map (m, rest), d->out, false);
      return;
    }
  bool lookup = verb == 6 && strncmp (args, "lookup", 6) == 0;
  bool update = verb == 6 && strncmp (args, "update", 6) == 0;
  bool del = verb == 6 && strncmp (args, "delete", 6) == 0;
  if (!lookup && !update && !del)
    {
      dbg_error (d, "map takes: dump [NAME], lookup NAME KEY, update NAME KEY "
                 "VALUE, delete NAME KEY.");
      return;
    }
  int map;
  uint8_t *key;
  const char *after;
  if (!parse_element (d, rest, &map, &key, &after))
    return;
  struct ebpf_map_info info;
  ebpf_machine_map_info (m, map, &info);
  uint8_t *value = calloc (1, info.value_buffer_size + 1);
  long rc = 0;
  if (value == NULL)
    dbg_error (d, "out of memory");
  else if (lookup)
    {
      rc = ebpf_machine_map_lookup (m, map, key, value);
      if (rc == 0)
        print_element (d, map, key, value);
    }
  else if (update)
    {
      if (*after == '\0')
        dbg_error (d, "map update needs a value.");
      else if (parse_bytes (d, after, value, info.value_buffer_size, "value"))
        rc = ebpf_machine_map_update (m, map, key, value, 0);
    }
  else
    rc = ebpf_machine_map_delete (m, map, key);
  if (rc < 0)
    dbg_error (d, "%s: %s.", info.name, run_map_error (rc));
  free (value);
  free (key);
}

bool
dbg_map_value_address (struct dbg *d, const char *text, uint64_t *addr,
                       uint64_t *len)
{
  int map;
  uint8_t *key;
  const char *after;
  if (!parse_element (d, text, &map, &key, &after))
    return false;
  struct ebpf_error err;
  bool ok = *after == '\0';
  if (!ok)
    dbg_error (d, "Unexpected \"%s\" after the map element.", after);
  else if (ebpf_machine_map_value_address (d->s->m, map, key, addr, &err) != 0)
    {
      dbg_error (d, "%s", err.message);
      ok = false;
    }
  else
    {
      struct ebpf_map_info info;
      ebpf_machine_map_info (d->s->m, map, &info);
      *len = info.value_size;
    }
  free (key);
  return ok;
}
