# sim/load/local.mk — reading objects: ELF programs and maps, BTF, its
# formatter, .BTF.ext and CO-RE.
# SPDX-License-Identifier: GPL-3.0-or-later
sim_libebpfsim_a_SOURCES += \
	sim/load/object.h sim/load/object.c \
	sim/load/btf.h sim/load/btf.c sim/load/btf-format.c \
	sim/load/btf-ext.h sim/load/btf-ext.c \
	sim/load/core-relo.h sim/load/core-relo.c

# The debug image: the object as an executable at its guest addresses.
sim_libebpfsim_a_SOURCES += sim/load/debug-image.h sim/load/debug-image.c \
	sim/load/frame-base.h sim/load/frame-base.c
