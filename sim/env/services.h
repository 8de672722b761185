/* services.h — the simulator services an executable reaches by storing
 * to the addresses of runtime/include/ebpfsim-services.h.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_SERVICES_H
#define EBPF_SERVICES_H

#include <stdbool.h>
#include <stdint.h>

struct ebpf_machine;
struct ebpf_decoded;

enum ebpf_service_result
{
  EBPF_SERVICE_DONE,     /* go on with the next instruction */
  EBPF_SERVICE_EXIT,     /* the program ended; r0 holds its status */
  EBPF_SERVICE_ABORT,    /* the program aborted */
  EBPF_SERVICE_FAULT,    /* a bad request: the stop message says why */
};

/* Whether ADDR is a service address for this machine (executables only).  */
bool ebpf_service_address (const struct ebpf_machine *m, uint64_t addr);

/* Carries out the store D made of SIZE bytes at service address ADDR.  */
enum ebpf_service_result ebpf_service_store (struct ebpf_machine *m,
                                             const struct ebpf_decoded *d,
                                             uint64_t addr, unsigned size);

#endif
