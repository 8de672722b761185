/* B7: memory: a hash map of 1M 8-byte keys and 8-byte values, filled by
 * one run (clang, tracing-style program without a context); make bench
 * reports the resident memory it costs.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define ELEMENTS (1 << 20)

struct
{
  __uint (type, BPF_MAP_TYPE_HASH);
  __uint (max_entries, ELEMENTS);
  __type (key, __u64);
  __type (value, __u64);
} big SEC (".maps");

SEC ("raw_tracepoint/fill")
int
fill (void *ctx)
{
  for (__u64 i = 0; i < ELEMENTS; i++)
    {
      __u64 key = i * 0x9e3779b97f4a7c15ULL, value = i;
      if (bpf_map_update_elem (&big, &key, &value, BPF_NOEXIST) != 0)
        return 1;
    }
  return 0;
}

char _license[] SEC ("license") = "GPL";
