/* byteorder.h — reading integers stored in either byte order, as ELF
 * objects, BTF and .BTF.ext hold them.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#ifndef EBPF_BYTEORDER_H
#define EBPF_BYTEORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

static inline uint32_t
ebpf_load_u32 (const uint8_t *p, bool big_endian)
{
  if (big_endian)
    return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16
           | (uint32_t) p[2] << 8 | p[3];
  return (uint32_t) p[3] << 24 | (uint32_t) p[2] << 16
         | (uint32_t) p[1] << 8 | p[0];
}

/* An unsigned integer of N bytes at P (at most 8 are read: a wider
 * field's first 8, by its byte order).  */
static inline uint64_t
ebpf_load_uint (const uint8_t *p, size_t n, bool big_endian)
{
  uint64_t v = 0;
  if (n > 8)
    n = 8;
  for (size_t i = 0; i < n; i++)
    v |= (uint64_t) p[big_endian ? n - 1 - i : i] << (8 * i);
  return v;
}

#endif
