# sim/env/local.mk — what surrounds a program: its context, the kernel's
# helpers, the simulator services of executables, GDB's simulator
# conventions.
# SPDX-License-Identifier: GPL-3.0-or-later
sim_libebpfsim_a_SOURCES += \
	sim/env/context.h sim/env/context.c \
	sim/env/helper.h sim/env/helpers.c sim/env/helpers-trace.c \
	sim/env/helpers-packet.c sim/env/helpers-map.c \
	sim/env/services.h sim/env/services.c \
	sim/env/gdbsim.h sim/env/gdbsim.c \
	runtime/include/ebpfsim-services.h
