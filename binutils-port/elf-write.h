/* elf-write.h — writing an assembled object as an ELF relocatable.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_ELF_WRITE_H
#define EBPF_ELF_WRITE_H

#include "asm.h"

/* Writes OBJ to PATH as an ELF64 BPF relocatable (ET_REL, EM_BPF) in the
 * object's byte order.  Returns 0, or -1 with a message in ERR.  */
int ebpf_write_elf (const struct ebpf_asm_object *obj, const char *path,
                    char *err, size_t err_len);

#endif
