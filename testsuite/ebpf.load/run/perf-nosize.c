/* A perf event array that names no max_entries: libbpf gives it one slot
   a CPU.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY); __uint(key_size, 4); __uint(value_size, 4); } events SEC(".maps");
SEC("xdp") int pe (struct xdp_md *ctx) { __u32 v = 7; bpf_perf_event_output (ctx, &events, BPF_F_CURRENT_CPU, &v, 4); return XDP_PASS; }
char LICENSE[] SEC("license") = "GPL";
