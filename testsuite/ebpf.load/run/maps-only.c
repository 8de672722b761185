/* Maps and no program, one of them a map of maps whose inner maps
   __array(values, ...) describes: --list and --dump-maps show the maps
   (not the template, as libbpf keeps it), a run says there is nothing to
   run.
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct inner
{
	__uint (type, BPF_MAP_TYPE_ARRAY);
	__uint (max_entries, 4);
	__type (key, __u32);
	__type (value, __u64);
} inner_a SEC (".maps");

struct
{
	__uint (type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint (max_entries, 2);
	__type (key, __u32);
	__array (values, struct inner);
} outer SEC (".maps") = { .values = { &inner_a } };

struct
{
	__uint (type, BPF_MAP_TYPE_HASH);
	__uint (max_entries, 8);
	__type (key, __u32);
	__type (value, __u32);
} counts SEC (".maps");

char LICENSE[] SEC ("license") = "GPL";
