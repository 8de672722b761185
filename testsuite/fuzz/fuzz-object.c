/* fuzz-object — arbitrary bytes as an ELF object: the loader must refuse
 * them with a message or load them; every program loaded is then run
 * with a small budget over a packet.
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
  struct ebpf_error err;
  ebpf_object *obj = ebpf_object_open_memory (data, size, "fuzz", NULL, &err);
  if (obj == NULL)
    return 0;
  static const uint8_t packet[64] = { [12] = 0x08, [14] = 0x45 };
  for (int i = 0; i < ebpf_object_program_count (obj) && i < 4; i++)
    {
      ebpf_program *prog = ebpf_object_program (obj, i, &err);
      ebpf_machine *m = prog ? ebpf_machine_new (prog, NULL, &err) : NULL;
      if (m)
        {
          ebpf_machine_set_packet (m, packet, sizeof packet, &err);
          ebpf_machine_set_max_insns (m, 10000);
          ebpf_machine_run (m);
        }
      ebpf_machine_free (m);
      ebpf_program_free (prog);
    }
  ebpf_object_close (obj);
  return 0;
}
