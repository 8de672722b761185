# testsuite/boards/local.mk — the DejaGnu board ebpfsim.exp, installed
# in $(pkgdatadir)/boards with the installed paths of ebpf-run and the
# runtime filled in (the source copy finds them from EBPFSIM_BUILDDIR or
# its own tree).  Included by Makefile.am.
#
# Copyright (C) 2026 The ebpfsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

# Only with the runtime, which is built when bpf-gcc is installed.
boardsdir = $(pkgdatadir)/boards
if HAVE_BPF_GCC
boards_DATA = testsuite/boards/installed/ebpfsim.exp
endif

# "[_]" keeps config.status from reading the placeholders as its own.
testsuite/boards/installed/ebpfsim.exp: testsuite/boards/ebpfsim.exp Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && sed \
	  -e 's|@EBPFSIM[_]BINDIR@|$(bindir)|g' \
	  -e 's|@EBPFSIM[_]RUNTIMEDIR@|$(pkglibdir)/runtime|g' \
	  $(srcdir)/testsuite/boards/ebpfsim.exp > $@.tmp && mv $@.tmp $@

BOARDS_CLEANFILES = testsuite/boards/installed/ebpfsim.exp
BOARDS_DIST = testsuite/boards/local.mk testsuite/boards/ebpfsim.exp \
	scripts/check-gcc testsuite/gcc-execute
