// SPDX-License-Identifier: GPL-3.0-or-later
/* opensnoop.c — who opens which file, as events through a ring buffer.
 *
 * Two programs, the two ways of filling a BPF ring buffer:
 *
 *   tp_openat    tracepoint syscalls/sys_enter_openat: reserves a slot
 *                with bpf_ringbuf_reserve, fills it in place, submits
 *                it. No copy, and no event is half-written when the
 *                buffer is full: the reserve fails and a counter says so.
 *   kp_openat2   kprobe on do_sys_openat2(dfd, filename, how): builds the
 *                event on the stack, reads the open flags from the
 *                kernel's struct open_how with bpf_probe_read_kernel, and
 *                copies the event in with bpf_ringbuf_output.
 *
 * User space (a libbpf ring_buffer__poll loop) would read `events`. */
/* bpf_tracing.h decodes pt_regs per architecture; libbpf projects pass
 * -D__TARGET_ARCH_x86. The context files of this example are x86-64's,
 * so default to it and keep the plain compile line working. */
#ifndef __TARGET_ARCH_x86
#define __TARGET_ARCH_x86
#endif
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <linux/openat2.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define COMM_LEN 16
#define PATH_LEN 64

enum event_source { FROM_TRACEPOINT = 1, FROM_KPROBE = 2 };

/* Shared with user space: fixed-size fields, explicit padding. */
struct event {
  __u64 ts_ns;
  __u32 tgid;                  /* what user space calls the pid */
  __u32 tid;
  __u64 flags;                 /* O_RDONLY, O_CREAT, ... */
  __s32 dfd;
  __u32 source;                /* enum event_source */
  char comm[COMM_LEN];
  char path[PATH_LEN];
};

/* The tracepoint's record, as
 * /sys/kernel/tracing/events/syscalls/sys_enter_openat/format lays it
 * out: the common header, then every argument widened to 8 bytes. */
struct sys_enter_openat_args {
  __u16 common_type;
  __u8 common_flags;
  __u8 common_preempt_count;
  __s32 common_pid;
  __s32 syscall_nr;
  __u32 pad;
  __s64 dfd;
  const char *filename;        /* a user-space pointer */
  __s64 flags;
  __s64 mode;
};

struct {
  __uint (type, BPF_MAP_TYPE_RINGBUF);
  __uint (max_entries, 64 * 1024);   /* bytes; a power of two, page multiple */
} events SEC (".maps");

/* Events lost because the ring buffer was full. */
struct {
  __uint (type, BPF_MAP_TYPE_ARRAY);
  __uint (max_entries, 1);
  __type (key, __u32);
  __type (value, __u64);
} dropped SEC (".maps");

static __always_inline void
count_drop (void)
{
  __u32 zero = 0;
  __u64 *n = bpf_map_lookup_elem (&dropped, &zero);
  if (n)
    __sync_fetch_and_add (n, 1);
}

static __always_inline void
fill_task (struct event *e, enum event_source source)
{
  __u64 id = bpf_get_current_pid_tgid ();

  e->ts_ns = bpf_ktime_get_ns ();
  e->tgid = id >> 32;
  e->tid = (__u32) id;
  e->source = source;
  bpf_get_current_comm (e->comm, sizeof e->comm);
}

SEC ("tracepoint/syscalls/sys_enter_openat")
int
tp_openat (struct sys_enter_openat_args *ctx)
{
  struct event *e = bpf_ringbuf_reserve (&events, sizeof *e, 0);
  if (!e)
    {
      count_drop ();
      return 0;
    }
  fill_task (e, FROM_TRACEPOINT);
  e->dfd = ctx->dfd;
  e->flags = ctx->flags;
  /* The path is in the caller's memory: it may be paged out or bogus,
   * so read it with the faulting-safe helper, never dereference it. */
  if (bpf_probe_read_user_str (e->path, sizeof e->path, ctx->filename) < 0)
    e->path[0] = '\0';
  bpf_printk ("openat tgid=%d path=%s", e->tgid, e->path);
  bpf_ringbuf_submit (e, 0);
  return 0;
}

SEC ("kprobe/do_sys_openat2")
int
BPF_KPROBE (kp_openat2, int dfd, const char *filename, struct open_how *how)
{
  struct event e = {};
  __u64 flags = 0;

  fill_task (&e, FROM_KPROBE);
  e.dfd = dfd;
  /* `how` is a kernel pointer: a kprobe may not dereference it directly. */
  if (bpf_probe_read_kernel (&flags, sizeof flags, &how->flags) == 0)
    e.flags = flags;
  bpf_probe_read_user_str (e.path, sizeof e.path, filename);
  if (bpf_ringbuf_output (&events, &e, sizeof e, 0))
    count_drop ();
  return 0;
}

char LICENSE[] SEC ("license") = "GPL";
