/* debug-image.h — the debug image of an object (ebpfsim-debug.h): the
 * relocatable object rewritten as an ELF executable whose sections lie at
 * their guest addresses, every relocation applied, for DWARF consumers.
 * The public entry points are ebpf_object_debug_image,
 * ebpf_object_write_debug_image and ebpf_object_program_code; these are
 * the library's own helpers around them.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_DEBUG_IMAGE_H
#define EBPF_DEBUG_IMAGE_H

#include <stdbool.h>
#include <stdint.h>
#include "ebpfsim-debug.h"

/* The guest address of byte 0 of ELF section ELF_INDEX of OBJ, as the
 * debug image places it: a code section's code address, a global-data
 * section's map value address.  False when the section has no place in
 * guest memory (DWARF, .BTF, .maps, license...).  For an executable, the
 * section's own sh_addr when it is allocated.  */
bool ebpf_object_section_address (const ebpf_object *obj, int elf_index,
                                  uint64_t *addr);

/* Whether OBJ's ELF file has a section called NAME with contents.  */
bool ebpf_object_has_section (const ebpf_object *obj, const char *name);

#endif
