# sim/debug/local.mk — the debug core: breakpoints, watchpoints, stepping
# and the undo log of history.
# SPDX-License-Identifier: GPL-3.0-or-later
sim_libebpfsim_a_SOURCES += \
	sim/debug/debug.h sim/debug/debug.c \
	sim/debug/undo.h sim/debug/undo.c

# Line tables (ebpfsim-lines.h): DWARF through libdw, or .BTF.ext.
sim_libebpfsim_a_SOURCES += sim/ebpfsim-lines.h sim/ebpfsim-debug.h \
	sim/debug/lines.h sim/debug/lines.c \
	sim/debug/lines-dwarf.c sim/debug/lines-btf.c

# The public debug interface (ebpfsim-debug.h) over the debug core.
sim_libebpfsim_a_SOURCES += sim/debug/frames.c sim/debug/inspect.c \
	sim/debug/control.c
sim_libebpfsim_a_SOURCES += sim/debug/suspend.c
sim_libebpfsim_a_SOURCES += sim/debug/variables.c
# Stepping by source line, over the line tables and the debug interface.
sim_libebpfsim_a_SOURCES += sim/debug/step-line.c
# Profiles: instructions and cycles by instruction, call stack and map.
sim_libebpfsim_a_SOURCES += sim/debug/profile.h sim/debug/profile.c
