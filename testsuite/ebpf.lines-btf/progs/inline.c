/* A BTF map, a helper call, an inlined function from a header, a switch,
 * 64-bit constants (lddw, two slots) and read-only data.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#define SEC(name) __attribute__ ((section (name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof (val) *name
#include "inline-helper.h"

struct counters
{
  unsigned long long packets, bytes;
};

struct
{
  __uint (type, 2);             /* BPF_MAP_TYPE_ARRAY */
  __uint (max_entries, 4);
  __type (key, unsigned);
  __type (value, struct counters);
} stats SEC (".maps");

static void *(*bpf_map_lookup_elem) (void *map, const void *key) = (void *) 1;

const volatile unsigned long long seed = 0x123456789abcdefULL;

struct xdp_md
{
  unsigned data, data_end, data_meta, ingress_ifindex, rx_queue_index;
};

SEC ("xdp")
int
count (struct xdp_md *ctx)
{
  unsigned len = ctx->data_end - ctx->data;
  unsigned key;
  switch (len & 3)
    {
    case 0: key = 0; break;
    case 1: key = 1; break;
    default: key = mix (len, 7) & 3; break;
    }
  struct counters *c = bpf_map_lookup_elem (&stats, &key);
  if (!c)
    return 0;
  c->packets += 1;
  c->bytes += len ^ seed;
  return 2;                     /* XDP_PASS */
}

char _license[] SEC ("license") = "GPL";
