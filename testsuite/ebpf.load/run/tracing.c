/* A tracing program: the context is raw bytes (--ctx-in) whose first
 * field is a pointer into --mem; the helpers only tracing programs call.
 * Each result goes into a slot of res, dumped after the run.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct ctx { __u64 ptr; __u64 bad; };

struct
{
  __uint (type, BPF_MAP_TYPE_ARRAY);
  __uint (max_entries, 12);
  __type (key, __u32);
  __type (value, __u64);
} res SEC (".maps");

static void
put (__u32 slot, __u64 v)
{
  bpf_map_update_elem (&res, &slot, &v, BPF_ANY);
}

SEC ("kprobe/do_nothing")
int
probe (struct ctx *c)
{
  __u64 word = 7, ptr = c->ptr, bad = c->bad;
  char str[8] = "zzzzzzz";
  struct bpf_fib_lookup fib = { };
  __u64 args[2] = { 42, 43 };

  put (0, bpf_get_current_pid_tgid ());
  put (1, bpf_get_current_uid_gid ());
  put (2, bpf_probe_read_kernel (&word, 8, (void *) ptr));
  put (3, word);
  put (4, bpf_probe_read_user (&word, 8, (void *) bad));
  put (5, word);
  put (6, bpf_probe_read_kernel_str (str, sizeof str, (void *) ptr));
  put (7, *(__u64 *) str);
  put (8, bpf_probe_read_user_str (str, sizeof str, (void *) bad));
  put (9, bpf_trace_vprintk ("vprintk %d %d\n", 15, args, sizeof args));
  put (10, bpf_fib_lookup (c, &fib, sizeof fib, 0));
  put (11, bpf_fib_lookup (c, &fib, 8, 0));
  return 0;
}

char _license[] SEC ("license") = "GPL";
