/* fuzz-bytecode — arbitrary bytes as a program, run with a small budget
 * over input memory: whatever the program does, the host must not crash,
 * hang or leak.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stddef.h>
#include <stdint.h>
#include "ebpfsim.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  /* The first byte chooses the byte order; 64 bytes of input memory.  */
  bool big_endian = data[0] & 1;
  struct ebpf_error err;
  size_t code = (size - 1) / 8 * 8;
  ebpf_program *prog = ebpf_program_from_bytes (data + 1, code, big_endian,
                                                "fuzz", &err);
  if (prog == NULL)
    return 0;
  ebpf_machine *m = ebpf_machine_new (prog, NULL, &err);
  uint8_t mem[64] = { 0 };
  if (m && ebpf_machine_set_input (m, mem, sizeof mem, &err) == 0)
    {
      ebpf_machine_set_max_insns (m, 10000);
      ebpf_machine_run (m);
    }
  ebpf_machine_free (m);
  ebpf_program_free (prog);
  return 0;
}
