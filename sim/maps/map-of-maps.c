/* map-of-maps.c — BPF_MAP_TYPE_ARRAY_OF_MAPS and HASH_OF_MAPS.  A value
 * is a u32 inner map id (the loader's ids; the helper turns a looked-up id
 * into the inner map).  The template given at creation fixes the shape of
 * every inner map; ebpf_map_sys_update_inner (map.c) checks each against
 * it.  Storage is a reference array or a hash map.
 *
 * Copyright (C) 2026 The ebpfsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later  */
#include <errno.h>
#include "map.h"

long
ebpf_map_of_maps_create (const struct ebpf_map *base, ebpf_map **out,
                         struct ebpf_error *err)
{
  uint32_t inner = base->inner_template.type;
  if (inner == BPF_MAP_TYPE_UNSPEC)
    return ebpf_map_reject (err, base, -EINVAL,
                            "needs an inner map template (inner_map_fd)");
  if (inner == BPF_MAP_TYPE_ARRAY_OF_MAPS
      || inner == BPF_MAP_TYPE_HASH_OF_MAPS)
    return ebpf_map_reject (err, base, -EINVAL,
                            "maps of maps nest one level only; the template "
                            "is a %s", ebpf_map_type_name (inner));
  if (base->value_size != 4)
    return ebpf_map_reject (err, base, -EINVAL,
                            "value_size must be 4 (an inner map id), not %u",
                            base->value_size);
  if (base->type == BPF_MAP_TYPE_ARRAY_OF_MAPS)
    return ebpf_ref_array_create (base, out, err);
  return ebpf_map_hash_create (base, out, err);
}
