# sim/core/local.mk — the machine: state, guest memory, decoded programs,
# the interpreter and its cycle costs, fault reports.  What it calls above
# it, and why, is said at the top of machine.h.
# SPDX-License-Identifier: GPL-3.0-or-later
sim_libebpfsim_a_SOURCES += \
	sim/core/machine.h sim/core/machine.c \
	sim/core/memory.h sim/core/memory.c \
	sim/core/interp.c \
	sim/core/program.h sim/core/program.c \
	sim/core/fault.c \
	sim/core/error.h sim/core/error.c sim/core/byteorder.h
