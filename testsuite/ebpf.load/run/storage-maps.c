/* Maps whose elements live with kernel objects (sockets, tasks, inodes,
   cgroups), a user ring buffer and a stack trace map: the object loads
   and lists them; a test run has no samples to drain.
   storage-maps.oracle holds what the kernel did (Linux 6.18,
   ../shared/oracle/runner.c).
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_SK_STORAGE); __uint(map_flags, BPF_F_NO_PREALLOC); __type(key, int); __type(value, __u64); } sk_st SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_TASK_STORAGE); __uint(map_flags, BPF_F_NO_PREALLOC); __type(key, int); __type(value, __u64); } task_st SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_INODE_STORAGE); __uint(map_flags, BPF_F_NO_PREALLOC); __type(key, int); __type(value, __u64); } inode_st SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_CGROUP_STORAGE); __type(key, struct bpf_cgroup_storage_key); __type(value, __u64); } cg_st SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_USER_RINGBUF); __uint(max_entries, 4096); } urb SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_STACK_TRACE); __uint(max_entries, 16); __type(key, __u32); __uint(value_size, 127 * 8); } stacks SEC(".maps");
static long drain_cb (struct bpf_dynptr *d, void *ctx) { return 0; }
SEC("tc") int drain (struct __sk_buff *s)
{
	return 7 + bpf_user_ringbuf_drain (&urb, drain_cb, 0, 0);
}
char LICENSE[] SEC("license") = "GPL";
