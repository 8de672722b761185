/* Shared by the ebpf.debug test programs: the kernel's BPF headers, with
   the section and inlining attributes both compilers take.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define NOINLINE __attribute__((noinline))

char LICENSE[] SEC("license") = "GPL";
