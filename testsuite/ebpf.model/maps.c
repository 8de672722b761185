/* maps.c — map helper calls for the costs of a cycle model's "map" and
 * "region map" lines (ebpf.model/model.exp) and a profile's helper and
 * map tables (ebpf.model/profile.exp).  Each program makes one map
 * helper call; nothing seeds the maps, so hash lookups find nothing and
 * array lookups find the zeroed element 1.
 *
 *   look_hash4    bpf_map_lookup_elem on a hash map, 4-byte key
 *   look_hash16   the same, 16-byte key
 *   look_array4   bpf_map_lookup_elem on an array, 4-byte key
 *   update_hash4  bpf_map_update_elem on the 4-byte-key hash map
 *   touch_array4  an array lookup, then exactly one store and one load
 *                 of the value (volatile): two map-value accesses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct key16 { __u64 a, b; };
struct { __uint (type, BPF_MAP_TYPE_HASH); __uint (max_entries, 8);
         __type (key, __u32); __type (value, __u64); } hash4 SEC (".maps");
struct { __uint (type, BPF_MAP_TYPE_HASH); __uint (max_entries, 8);
         __type (key, struct key16); __type (value, __u64); } hash16 SEC (".maps");
struct { __uint (type, BPF_MAP_TYPE_ARRAY); __uint (max_entries, 8);
         __type (key, __u32); __type (value, __u64); } array4 SEC (".maps");

SEC ("xdp") int
look_hash4 (struct xdp_md *ctx)
{
  __u32 k = 1;
  return bpf_map_lookup_elem (&hash4, &k) ? XDP_DROP : XDP_PASS;
}

SEC ("xdp") int
look_hash16 (struct xdp_md *ctx)
{
  struct key16 k = { 1, 2 };
  return bpf_map_lookup_elem (&hash16, &k) ? XDP_DROP : XDP_PASS;
}

SEC ("xdp") int
look_array4 (struct xdp_md *ctx)
{
  __u32 k = 1;
  return bpf_map_lookup_elem (&array4, &k) ? XDP_PASS : XDP_DROP;
}

SEC ("xdp") int
update_hash4 (struct xdp_md *ctx)
{
  __u32 k = 1;
  __u64 v = 5;
  return bpf_map_update_elem (&hash4, &k, &v, BPF_ANY) == 0 ? XDP_PASS : XDP_DROP;
}

SEC ("xdp") int
touch_array4 (struct xdp_md *ctx)
{
  __u32 k = 1;
  volatile __u64 *v = bpf_map_lookup_elem (&array4, &k);
  if (!v)
    return XDP_ABORTED;
  *v = 7;
  return *v == 7 ? XDP_PASS : XDP_DROP;
}

char _license[] SEC ("license") = "GPL";
