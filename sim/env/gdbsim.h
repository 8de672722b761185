/* gdbsim.h — GDB's bpf simulator conventions for a machine: flat memory
 * from address 0 and GDB's helper 7 (see struct ebpf_machine_options).
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_GDBSIM_H
#define EBPF_GDBSIM_H

#include <stdbool.h>
#include <stdint.h>
#include "ebpfsim.h"

/* Maps MEMORY_SIZE bytes of flat memory at address 0 (0: the default)
 * for M's program, which must fit there.  */
bool ebpf_gdbsim_setup (ebpf_machine *m, uint64_t memory_size,
                        struct ebpf_error *err);

/* GDB's helper 7 in place of the kernel's, once the built-ins are in.  */
void ebpf_gdbsim_install_helpers (ebpf_machine *m);

/* A fresh start: flat memory zeroed but for the executable's image, and
 * r1 and r2 cleared, as GDB's simulator starts.  */
void ebpf_gdbsim_reset (ebpf_machine *m);

#endif
