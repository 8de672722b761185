/* The simulated environment (run.exp): helpers stubbed with --helper,
 * --seed, --comm, --cpus, --trace, a ring buffer; several programs and
 * maps for --list, --prog and --section.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct
{
  __uint (type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint (max_entries, 1);
  __type (key, __u32);
  __type (value, __u64);
} calls SEC (".maps");

struct
{
  __uint (type, BPF_MAP_TYPE_RINGBUF);
  __uint (max_entries, 4096);
} events SEC (".maps");

struct
{
  __uint (type, BPF_MAP_TYPE_HASH);
  __uint (max_entries, 4);
  __type (key, __u32);
  __type (value, __u32);
} unused SEC (".maps");

/* Two draws of bpf_get_prandom_u32, the first in the high half.  */
SEC ("kprobe/rand")
__u64
rand (void *ctx)
{
  __u64 hi = bpf_get_prandom_u32 ();
  return hi << 32 | bpf_get_prandom_u32 ();
}

/* One draw.  */
SEC ("kprobe/rand1")
int
rand1 (void *ctx)
{
  return bpf_get_prandom_u32 ();
}

/* The first four bytes of the task's name, little-endian.  */
SEC ("kprobe/comm")
int
comm (void *ctx)
{
  char name[16] = {};
  bpf_get_current_comm (name, sizeof name);
  return name[0] | name[1] << 8 | name[2] << 16 | name[3] << 24;
}

/* Counts the call in this CPU's copy of calls[0]; returns the CPU.  */
SEC ("kprobe/cpu")
int
cpu (void *ctx)
{
  __u32 k = 0;
  __u64 *n = bpf_map_lookup_elem (&calls, &k);
  if (n)
    *n += 1;
  return bpf_get_smp_processor_id ();
}

/* Writes a line to the trace.  */
SEC ("tracepoint/syscalls/sys_enter_write")
int
say (void *ctx)
{
  bpf_printk ("hello %d from %s", 42, "say");
  return 1;
}

/* Sends two samples of 8 bytes to the ring buffer.  */
SEC ("tracepoint/syscalls/sys_enter_read")
int
emit (void *ctx)
{
  for (__u64 i = 1; i <= 2; i++)
    {
      __u64 *e = bpf_ringbuf_reserve (&events, sizeof *e, 0);
      if (!e)
        return 1;
      *e = 0x1122334455667700 + i;
      bpf_ringbuf_submit (e, 0);
    }
  return 0;
}

/* Two programs in one section.  */
SEC ("kprobe/twin") int twin_a (void *ctx) { return 1; }
SEC ("kprobe/twin") int twin_b (void *ctx) { return 2; }

char LICENSE[] SEC ("license") = "GPL";
