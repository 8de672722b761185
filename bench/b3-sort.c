/* B3: memory-heavy: an insertion sort of 48 words on the stack, then a
 * copy into a map value, once per run (clang, XDP).  make bench also
 * runs it with a breakpoint on code never reached and with watchpoints
 * on memory never touched, to show what they cost.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct
{
  __uint (type, BPF_MAP_TYPE_ARRAY);
  __uint (max_entries, 1);
  __type (key, __u32);
  __type (value, __u64[48]);
} sorted SEC (".maps");

SEC ("xdp")
int
sort (struct xdp_md *ctx)
{
  __u64 a[48];
  __u64 x = ctx->data_end - ctx->data;
  for (int i = 0; i < 48; i++)
    {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      a[i] = x >> 33;
    }
  for (int i = 1; i < 48; i++)
    {
      __u64 v = a[i];
      int j = i - 1;
      while (j >= 0 && a[j] > v)
        {
          a[j + 1] = a[j];
          j--;
        }
      a[j + 1] = v;
    }
  __u32 key = 0;
  __u64 *out = bpf_map_lookup_elem (&sorted, &key);
  if (!out)   /* never: key 0 is in the array; make bench's breakpoint */
    {
      bpf_printk ("no value for key 0");
      return XDP_ABORTED;
    }
  for (int i = 0; i < 48; i++)
    out[i] = a[i];
  return XDP_PASS;
}

char _license[] SEC ("license") = "GPL";
