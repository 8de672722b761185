/* Values left in a queue and a stack after a run (run.exp): --dump-maps
 * lists them in the order pops would take them.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct
{
  __uint (type, BPF_MAP_TYPE_QUEUE);
  __uint (max_entries, 4);
  __type (value, __u32);
} fifo SEC (".maps");

struct
{
  __uint (type, BPF_MAP_TYPE_STACK);
  __uint (max_entries, 4);
  __type (value, __u32);
} lifo SEC (".maps");

SEC ("xdp")
int
leave (struct xdp_md *ctx)
{
  /* Unrolled: the verifier takes a loop over &v for an endless one.  */
  __u32 v = 1;
  bpf_map_push_elem (&fifo, &v, 0);
  bpf_map_push_elem (&lifo, &v, 0);
  v = 2;
  bpf_map_push_elem (&fifo, &v, 0);
  bpf_map_push_elem (&lifo, &v, 0);
  v = 3;
  bpf_map_push_elem (&fifo, &v, 0);
  bpf_map_push_elem (&lifo, &v, 0);
  __u32 out;
  bpf_map_pop_elem (&fifo, &out);   /* 1 leaves the queue */
  return XDP_PASS;
}

char LICENSE[] SEC ("license") = "GPL";
