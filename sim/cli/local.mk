# sim/cli/local.mk — the front end ebpf-run and the input formats it reads
# (JSON map contents, pcap captures).
# SPDX-License-Identifier: GPL-3.0-or-later
sim_libebpfsim_a_SOURCES += \
	sim/cli/pcap.h sim/cli/pcap.c \
	sim/cli/json.h sim/cli/json.c

# What every front end shares: the session (options, loading, the
# machine and its inputs), map contents from JSON, stops named by line.
noinst_LIBRARIES += sim/libebpfcli.a
sim_libebpfcli_a_SOURCES = sim/cli/session.h sim/cli/session.c \
	sim/cli/ebpf-run.h sim/cli/ebpf-run-maps.c sim/cli/ebpf-run-debug.c \
	sim/cli/profile-report.h sim/cli/profile-report.c \
	sim/cli/calibrate.h sim/cli/calibrate-fit.c

# ebpf-run, with its debugger (-i): the command loop, running, looking.
sim_ebpf_run_SOURCES = sim/cli/ebpf-run.c \
	sim/cli/dbg.h sim/cli/dbg.c sim/cli/dbg-run.c sim/cli/dbg-look.c \
	sim/cli/dbg-bpf.c \
	sim/cli/calibrate.c sim/cli/kernel-bpf.h sim/cli/kernel-bpf.c
sim_ebpf_run_LDADD = sim/libebpfcli.a sim/libebpfsim.a binutils-port/libebpfopcodes.a \
	$(READLINE_LIBS)
# --cycle-model NAME finds the models shipped with ebpfsim, installed or
# in this source tree.
sim_libebpfcli_a_CPPFLAGS = $(AM_CPPFLAGS) \
	-DEBPF_MODELS_DIR='"$(pkgdatadir)/models"' \
	-DEBPF_SOURCE_MODELS_DIR='"$(abs_srcdir)/models"'
