/* fuzz-debug — arbitrary bytes as an ELF object, through what a debugger
 * reads of it: the debug image writer, the line tables from DWARF and
 * from .BTF.ext, and their queries.  Each must refuse bad input with a
 * message or answer; the image written must itself read back as ELF.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "ebpfsim.h"
#include "ebpfsim-debug.h"
#include "ebpfsim-lines.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct ebpf_error err;
  ebpf_object *obj = ebpf_object_open_memory (data, size, "fuzz", NULL, &err);
  if (obj == NULL)
    return 0;
  uint8_t *image;
  size_t len;
  if (ebpf_object_debug_image (obj, &image, &len, &err) == 0)
    {
      /* The image is an executable of its own: the loader reads it.  */
      ebpf_object_close (ebpf_object_open_memory (image, len, "image", NULL, &err));
      free (image);
    }
  static const enum ebpf_lines_source sources[] = {
    EBPF_LINES_ANY, EBPF_LINES_DWARF, EBPF_LINES_BTF };
  for (int s = 0; s < 3; s++)
    {
      ebpf_lines *lines = ebpf_lines_open (obj, sources[s], &err);
      if (lines == NULL)
        continue;
      uint64_t addrs[8];
      for (size_t i = 0; i < ebpf_lines_count (lines) && i < 64; i++)
        {
          const struct ebpf_line *row = ebpf_lines_row (lines, i);
          ebpf_lines_find (lines, row->addr + 4);
          ebpf_lines_function_at (lines, row->addr);
          if (row->file)
            {
              ebpf_lines_addresses (lines, row->file, row->line, addrs, 8);
              ebpf_lines_source_text (lines, row->file, row->line);
            }
        }
      for (size_t i = 0; i < ebpf_lines_function_count (lines) && i < 16; i++)
        {
          const struct ebpf_function *f = ebpf_lines_function (lines, i);
          if (f->name)
            ebpf_lines_function_named (lines, f->name);
        }
      ebpf_lines_close (lines);
    }
  ebpf_object_close (obj);
  return 0;
}
