/* kernel-bpf.h — the host kernel through bpf(2): maps, programs given as
 * instruction arrays, and their timing with BPF_PROG_TEST_RUN, so that
 * ebpf-run --calibrate can fit its cycle cost model to what the host's
 * JIT really does.  The raw system call, not libbpf, keeps the
 * dependency to linux-libc-dev's <linux/bpf.h>.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_KERNEL_BPF_H
#define EBPF_KERNEL_BPF_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether this process may load programs: tries a two-instruction XDP
   program.  False with WHY filled ("bpf() refused: Operation not
   permitted (loading programs needs root or CAP_BPF)", or for ENOSYS
   "this kernel has no bpf()", etc.).  */
bool kbpf_available (char *why, size_t len);

/* A map; its fd, or -1 with ERR ("BPF_MAP_CREATE of a hash map (key 4,
   value 8, 1024 entries): Invalid argument").  MAP_FLAGS as in
   bpf_attr.  */
int kbpf_map_create (uint32_t type, uint32_t key_size, uint32_t value_size,
                     uint32_t max_entries, uint32_t map_flags,
                     char *err, size_t len);
/* Stores VALUE under KEY (FLAGS: BPF_ANY, BPF_NOEXIST, BPF_EXIST...).
   False with ERR naming the map (its type and sizes, asked of the
   kernel) and the errno text.  */
bool kbpf_map_update (int fd, const void *key, const void *value,
                      uint64_t flags, char *err, size_t len);

/* Loads N instructions as a program of TYPE (BPF_PROG_TYPE_XDP,
   BPF_PROG_TYPE_SCHED_CLS, BPF_PROG_TYPE_SOCKET_FILTER...) with licence
   "GPL".  Its fd, or -1 with ERR holding the errno text and the last
   lines of the verifier's log.  The log is asked for only after a first
   failure, so loads that succeed cost no more than they must.  */
int kbpf_prog_load (uint32_t type, const struct bpf_insn *insns, size_t n,
                    char *err, size_t len);

/* Times PROG_FD over the packet DATA (LEN bytes; XDP and skb programs
   need at least 14): TRIALS test runs of REPEAT repetitions each.  *NS is
   the median of the trials' `duration', the kernel's own nanoseconds per
   repetition, *RETVAL (unless null) the program's r0.  False with ERR.

   The kernel truncates `duration' to whole nanoseconds, so short bodies
   are better timed unrolled many times.  Its clock stops while the
   kernel gives the CPU to other tasks, so a busy machine hardly changes
   it; a wall clock around the call would count that time, and for XDP
   with REPEAT > 1 also a fixed 0.2 to 0.8 ms of setup per call.  */
bool kbpf_prog_time (int prog_fd, const void *data, size_t len,
                     uint32_t repeat, unsigned trials, double *ns,
                     uint32_t *retval, char *err, size_t errlen);

#endif /* EBPF_KERNEL_BPF_H */
