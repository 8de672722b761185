/* Compiled for both byte orders (run.exp): reads packet bytes, counts
 * into a hash map and global data; r0 must not depend on the byte order.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct
{
  __uint (type, BPF_MAP_TYPE_HASH);
  __uint (max_entries, 8);
  __type (key, __u32);
  __type (value, __u64);
} totals SEC (".maps");

__u64 packets;                          /* .bss */
volatile const __u32 scale = 3;         /* .rodata */
__u32 base = 0x100;                     /* .data */

SEC ("xdp")
int
endian (struct xdp_md *ctx)
{
  unsigned char *p = (void *) (long) ctx->data;
  unsigned char *end = (void *) (long) ctx->data_end;
  __u32 key;
  __u64 word, *v;

  if (p + 22 > end)
    return XDP_ABORTED;
  /* The ethertype, in network order whatever the host's.  */
  key = (p[12] << 8) | p[13];
  /* Bytes 14..21 as a big-endian 64-bit number.  */
  word = 0;
  for (int i = 14; i < 22; i++)
    word = (word << 8) | p[i];
  v = bpf_map_lookup_elem (&totals, &key);
  if (v)
    *v += word;
  else
    bpf_map_update_elem (&totals, &key, &word, BPF_ANY);
  packets++;
  return base + key % 251 * scale + (word >> 56) + packets;
}

char LICENSE[] SEC ("license") = "GPL";
