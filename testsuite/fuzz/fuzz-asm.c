/* fuzz-asm — arbitrary text through the assembler.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stddef.h>
#include <stdint.h>
#include "asm.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct ebpf_diag diag = { NULL, "fuzz", 0, "" };
  struct ebpf_asm_object obj;
  ebpf_assemble ((const char *) data, size, size & 1, &obj, &diag);
  ebpf_asm_object_free (&obj);
  return 0;
}
