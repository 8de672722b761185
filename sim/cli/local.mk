# sim/cli/local.mk — the front end ebpf-run and the input formats it reads
# (JSON map contents, pcap captures).
# SPDX-License-Identifier: GPL-3.0-or-later
sim_libebpfsim_a_SOURCES += \
	sim/cli/pcap.h sim/cli/pcap.c \
	sim/cli/json.h sim/cli/json.c

sim_ebpf_run_SOURCES = sim/cli/ebpf-run.c sim/cli/ebpf-run.h \
	sim/cli/ebpf-run-maps.c sim/cli/ebpf-run-debug.c
sim_ebpf_run_LDADD = sim/libebpfsim.a binutils-port/libebpfopcodes.a
