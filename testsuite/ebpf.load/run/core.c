/* CO-RE end to end (run.exp): the program is compiled with this layout of
 * struct rec; core-target.c has another one.  ebpf-run --btf core-target.o
 * must relocate to the target's layout.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct rec
{
  int a;                /* target: long at 8 */
  int b;                /* target: int at 20 */
  char c;               /* target: char at 16 */
  int gone;             /* not in the target */
};                      /* 16 bytes here, 24 in the target */

/* (type size << 24) | (offset of b << 16) | (size of a << 8) | gone exists */
SEC ("kprobe/layout")
int
layout (void *ctx)
{
  struct rec *r = ctx;
  return (bpf_core_type_size (struct rec) << 24)
         | (bpf_core_field_offset (r->b) << 16)
         | (bpf_core_field_size (r->a) << 8)
         | bpf_core_field_exists (r->gone);
}

/* Reads b and c of the context through CO-RE relocated loads.  */
SEC ("kprobe/read")
int
read_fields (void *ctx)
{
  struct rec *r = ctx;
  return __builtin_preserve_access_index (r->b) * 256
         + __builtin_preserve_access_index (r->c);
}

/* Reads r->gone only where it exists: against the target, the poisoned
   load is never executed.  */
SEC ("kprobe/guarded")
int
guarded (void *ctx)
{
  struct rec *r = ctx;
  if (bpf_core_field_exists (r->gone))
    return __builtin_preserve_access_index (r->gone);
  return 7;
}

/* Reads r->gone unconditionally: against the target, it faults.  */
SEC ("kprobe/unguarded")
int
unguarded (void *ctx)
{
  struct rec *r = ctx;
  return __builtin_preserve_access_index (r->gone);
}

char LICENSE[] SEC ("license") = "GPL";
