# runtime/libgcc/files.mk — the runtime's libgcc routines for bpf-gcc 12
# (see libgcc-routines.h), included by runtime/local.mk, which builds
# them with bpf-gcc into the runtime archive.  The host unit test
# testsuite/unit/softfp-test.c builds the same sources for the host with
# -DLIBGCC_HOST_TEST, which renames every routine.
#
# Copyright (C) 2026 The ebpfsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

RUNTIME_LIBGCC_FILES = \
	runtime/libgcc/int-divmod.c \
	runtime/libgcc/int128-divmod.c \
	runtime/libgcc/int128-complement.c \
	runtime/libgcc/clz-table.c \
	runtime/libgcc/fp-add.c \
	runtime/libgcc/fp-mul.c \
	runtime/libgcc/fp-div.c \
	runtime/libgcc/fp-negate.c \
	runtime/libgcc/fp-compare.c \
	runtime/libgcc/fp-from-int.c \
	runtime/libgcc/fp-to-int.c \
	runtime/libgcc/fp-to-int128.c \
	runtime/libgcc/fp-extend-truncate.c \
	runtime/libgcc/complex-div.c

# The headers they include, for dependencies and the distribution.
RUNTIME_LIBGCC_HEADER_FILES = \
	runtime/libgcc/libgcc-routines.h \
	runtime/libgcc/softfp.h
