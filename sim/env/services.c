/* services.c — the simulator services of runtime/include/ebpfsim-services.h:
 * stores to fixed addresses by which an executable exits, aborts and
 * writes output.  They reach here through the interpreter's fault path,
 * so a program that never uses them pays nothing.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stdio.h>
#include <string.h>
#include "../../runtime/include/ebpfsim-services.h"
#include "core/machine.h"
#include "services.h"

bool
ebpf_service_address (const ebpf_machine *m, uint64_t addr)
{
  return m->image != NULL
         && addr >> EBPF_REGION_SHIFT == EBPFSIM_SERVICES >> EBPF_REGION_SHIFT;
}

/* The value a store instruction writes, sign-extended from its width.  */
static int64_t
stored_value (const ebpf_machine *m, const struct ebpf_decoded *d, unsigned size)
{
  uint64_t v = ebpf_opcodes[d->op].shape == EBPF_SHAPE_ST ? d->imm64 : m->regs[d->src];
  unsigned shift = 64 - 8 * size;
  return (int64_t) (v << shift) >> shift;
}

static bool
write_service (ebpf_machine *m, size_t pc, uint64_t request)
{
  struct ebpfsim_write w;
  if (!ebpf_machine_read (m, request, &w, sizeof w))
    {
      ebpf_machine_fault_at (m, pc, "write service: the request at 0x%llx is "
                             "not readable memory", (unsigned long long) request);
      return false;
    }
  if (m->prog->big_endian)
    {
      w.fd = __builtin_bswap64 (w.fd);
      w.buf = __builtin_bswap64 (w.buf);
      w.len = __builtin_bswap64 (w.len);
    }
  if (w.fd != 1 && w.fd != 2)
    {
      ebpf_machine_fault_at (m, pc, "write service: descriptor %llu is not 1 "
                             "(standard output) or 2 (standard error)",
                             (unsigned long long) w.fd);
      return false;
    }
  FILE *out = w.fd == 1 ? stdout : stderr;
  uint8_t chunk[4096];
  for (uint64_t done = 0; done < w.len; )
    {
      size_t n = w.len - done < sizeof chunk ? (size_t) (w.len - done) : sizeof chunk;
      if (!ebpf_machine_read (m, w.buf + done, chunk, n))
        {
          ebpf_machine_fault_at (m, pc, "write service: %llu bytes at 0x%llx "
                                 "are not readable memory",
                                 (unsigned long long) w.len,
                                 (unsigned long long) w.buf);
          return false;
        }
      fwrite (chunk, 1, n, out);
      done += n;
    }
  return true;
}

enum ebpf_service_result
ebpf_service_store (ebpf_machine *m, const struct ebpf_decoded *d,
                    uint64_t addr, unsigned size)
{
  size_t pc = (size_t) (d - m->code);
  enum ebpf_shape shape = ebpf_opcodes[d->op].shape;
  if (shape != EBPF_SHAPE_ST && shape != EBPF_SHAPE_STX)
    {
      ebpf_machine_fault_at (m, pc, "simulator service at 0x%llx: only plain "
                             "stores reach a service", (unsigned long long) addr);
      return EBPF_SERVICE_FAULT;
    }
  int64_t value = stored_value (m, d, size);
  switch (addr)
    {
    case EBPFSIM_SERVICE_EXIT:
      m->regs[0] = (uint64_t) value;
      m->depth = 0;
      snprintf (m->stop_message, sizeof m->stop_message,
                "exit(%lld) at pc 0x%llx", (long long) value,
                (unsigned long long) ebpf_program_slot_address (m->prog, pc));
      return EBPF_SERVICE_EXIT;
    case EBPFSIM_SERVICE_ABORT:
      snprintf (m->stop_message, sizeof m->stop_message,
                "abort() called at pc 0x%llx",
                (unsigned long long) ebpf_program_slot_address (m->prog, pc));
      return EBPF_SERVICE_ABORT;
    case EBPFSIM_SERVICE_WRITE:
      if (size != 8)
        break;
      return write_service (m, pc, (uint64_t) value) ? EBPF_SERVICE_DONE
                                                      : EBPF_SERVICE_FAULT;
    }
  ebpf_machine_fault_at (m, pc, "no simulator service at 0x%llx for a %u-byte "
                         "store (see ebpfsim-services.h)",
                         (unsigned long long) addr, size);
  return EBPF_SERVICE_FAULT;
}
