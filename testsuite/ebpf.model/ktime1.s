# ktime1.s — one bpf_ktime_get_ns reading, returned
# (ebpf.model/model.exp): 2 instructions, a call and an exit.
# SPDX-License-Identifier: GPL-3.0-or-later
	call 5
	exit
