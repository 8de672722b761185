# runtime/local.mk — the C runtime for executables built with bpf-gcc and
# run by ebpf-run: crt0.o, libebpfsim-rt.a (the C library and the libgcc
# routines Debian's libgcc.a lacks) and the GCC specs that use them.
# Included by Makefile.am; configure provides BPF_GCC, BPF_AR and the
# conditional HAVE_BPF_GCC.  The objects are BPF code, so they are built
# by these rules rather than by automake's, under the suffix .bpfo.
#
# Copyright (C) 2026 The ebpfsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

# RUNTIME_LIBGCC_FILES (the libgcc routines, .c files) and
# RUNTIME_LIBGCC_HEADER_FILES (what they include), paths from the top.
# No variable here ends in _SOURCES or _HEADERS: automake -Wall would
# take those for its own and fail on them.
include $(srcdir)/runtime/libgcc/files.mk

RUNTIME_LIBC_C_FILES = \
	runtime/libc/_Exit.c runtime/libc/abort.c runtime/libc/exit.c \
	runtime/libc/assert-fail.c runtime/libc/errno.c \
	runtime/libc/malloc.c runtime/libc/calloc.c \
	runtime/libc/abs.c runtime/libc/labs.c runtime/libc/llabs.c \
	runtime/libc/ffs.c runtime/libc/ffsl.c runtime/libc/ffsll.c \
	runtime/libc/ctype.c \
	runtime/libc/memchr.c runtime/libc/memcmp.c runtime/libc/memcpy.c \
	runtime/libc/memmove.c runtime/libc/mempcpy.c runtime/libc/memset.c \
	runtime/libc/stpcpy.c runtime/libc/strcat.c runtime/libc/strchr.c \
	runtime/libc/strcmp.c runtime/libc/strcpy.c runtime/libc/strcspn.c \
	runtime/libc/strlen.c runtime/libc/strncat.c runtime/libc/strncmp.c \
	runtime/libc/strncpy.c runtime/libc/strnlen.c runtime/libc/strpbrk.c \
	runtime/libc/strrchr.c runtime/libc/strspn.c runtime/libc/strstr.c \
	runtime/libc/stream.c runtime/libc/fflush.c runtime/libc/ferror.c \
	runtime/libc/fputc.c runtime/libc/putc.c runtime/libc/putchar.c \
	runtime/libc/fputs.c runtime/libc/puts.c runtime/libc/fwrite.c \
	runtime/libc/format.c runtime/libc/vfprintf.c runtime/libc/vprintf.c \
	runtime/libc/vsnprintf.c runtime/libc/vsprintf.c \
	runtime/libc/format-float.c runtime/libc/decimal.c \
	$(RUNTIME_MATH_C_FILES)
# math.h's functions: the host unit test testsuite/unit/math-test.c
# builds them too (see runtime/libc/math-routines.h).
RUNTIME_MATH_C_FILES = \
	runtime/libc/fabs.c runtime/libc/copysign.c runtime/libc/fmax.c \
	runtime/libc/fmin.c runtime/libc/floor.c runtime/libc/ceil.c \
	runtime/libc/trunc.c runtime/libc/ilogb.c runtime/libc/sqrt.c \
	runtime/libc/pow.c
# The variadic entries of the printf family (see printf.s for why).
RUNTIME_LIBC_ASM_FILES = \
	runtime/libc/printf.s runtime/libc/fprintf.s runtime/libc/sprintf.s \
	runtime/libc/snprintf.s
RUNTIME_LIBC_PRIVATE_HEADER_FILES = runtime/libc/format.h runtime/libc/stream.h \
	runtime/libc/decimal.h runtime/libc/math-routines.h
RUNTIME_PUBLIC_HEADER_FILES = \
	runtime/include/assert.h runtime/include/ctype.h \
	runtime/include/errno.h runtime/include/math.h runtime/include/stdio.h \
	runtime/include/stdlib.h runtime/include/string.h \
	runtime/include/strings.h runtime/include/ebpfsim-services.h

# What -l options the specs link with, before -lgcc.
RUNTIME_LINK_LIBS = -lebpfsim-rt

# -O2 and the sections: see ebpfsim.specs.in.  The library must not
# turn its own loops into calls to memcpy or memset, which a program may
# define differently (-ffreestanding, -fno-tree-loop-distribute-patterns).
# -fno-ipa-sra: bpf-gcc 12's IPA-SRA splits structure arguments of
# static functions into clones with more than the five arguments BPF
# allows, and then rejects its own clone ("too many function arguments
# for eBPF" in a function named *.isra).
RUNTIME_BPF_CFLAGS = -O2 -g -Wall -Wextra -ffunction-sections \
	-fdata-sections -fno-merge-constants -ffreestanding \
	-fno-tree-loop-distribute-patterns -fno-ipa-sra \
	-isystem $(srcdir)/runtime/include

runtime_libc_objects = $(RUNTIME_LIBC_C_FILES:.c=.bpfo) \
	$(RUNTIME_LIBC_ASM_FILES:.s=.bpfo)
runtime_libgcc_objects = $(RUNTIME_LIBGCC_FILES:.c=.bpfo)
runtime_objects = $(runtime_libc_objects) $(runtime_libgcc_objects)

runtimedir = $(pkglibdir)/runtime
runtimeincludedir = $(runtimedir)/include
if HAVE_BPF_GCC
runtime_DATA = runtime/crt0.o runtime/libebpfsim-rt.a \
	runtime/installed/ebpfsim.specs
runtimeinclude_HEADERS = $(RUNTIME_PUBLIC_HEADER_FILES)
# The specs the build tree's tests use.
noinst_DATA = runtime/ebpfsim.specs
endif

runtime_v_BPFCC = $(runtime_v_BPFCC_@AM_V@)
runtime_v_BPFCC_ = $(runtime_v_BPFCC_@AM_DEFAULT_V@)
runtime_v_BPFCC_0 = @echo "  BPFCC   " $@;
runtime_v_BPFCC_1 =

SUFFIXES = .bpfo
.c.bpfo:
	$(runtime_v_BPFCC)$(MKDIR_P) $(@D) && \
	  $(BPF_GCC) $(RUNTIME_BPF_CFLAGS) -c -o $@ $<
.s.bpfo:
	$(runtime_v_BPFCC)$(MKDIR_P) $(@D) && \
	  $(BPF_GCC) $(RUNTIME_BPF_CFLAGS) -c -o $@ $<

# Without dependency tracking for BPF objects, every object depends on
# every header it could read.
$(runtime_objects) runtime/crt0.o: $(RUNTIME_PUBLIC_HEADER_FILES) \
	$(RUNTIME_LIBC_PRIVATE_HEADER_FILES) $(RUNTIME_LIBGCC_HEADER_FILES)

# Named .o, not .bpfo, because that is the name it is installed under; an
# explicit rule, so automake's host rule for .c.o does not apply.
runtime/crt0.o: runtime/crt0.c
	$(runtime_v_BPFCC)$(MKDIR_P) $(@D) && \
	  $(BPF_GCC) $(RUNTIME_BPF_CFLAGS) -c -o $@ $(srcdir)/runtime/crt0.c

runtime/libebpfsim-rt.a: $(runtime_objects)
	$(AM_V_AR)rm -f $@ && $(BPF_AR) rcs $@ $(runtime_objects)

# The specs with their paths filled in: the build tree's, and the
# installed one.  "[_]" keeps config.status from reading these
# placeholders as its own.
runtime_specs_edit = sed \
	-e 's|@RUNTIME[_]LIBS@|$(RUNTIME_LINK_LIBS)|g'
runtime/ebpfsim.specs: runtime/ebpfsim.specs.in Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(runtime_specs_edit) \
	  -e 's|@RUNTIME[_]INCDIR@|$(abs_top_srcdir)/runtime/include|g' \
	  -e 's|@RUNTIME[_]LIBDIR@|$(abs_top_builddir)/runtime|g' \
	  $(srcdir)/runtime/ebpfsim.specs.in > $@.tmp && mv $@.tmp $@
runtime/installed/ebpfsim.specs: runtime/ebpfsim.specs.in Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(runtime_specs_edit) \
	  -e 's|@RUNTIME[_]INCDIR@|$(runtimeincludedir)|g' \
	  -e 's|@RUNTIME[_]LIBDIR@|$(runtimedir)|g' \
	  $(srcdir)/runtime/ebpfsim.specs.in > $@.tmp && mv $@.tmp $@

# For Makefile.am to add to CLEANFILES and EXTRA_DIST.
RUNTIME_CLEANFILES = $(runtime_objects) runtime/crt0.o \
	runtime/libebpfsim-rt.a runtime/ebpfsim.specs \
	runtime/installed/ebpfsim.specs
RUNTIME_DIST = runtime/local.mk runtime/ebpfsim.specs.in runtime/crt0.c \
	$(RUNTIME_LIBC_C_FILES) $(RUNTIME_LIBC_ASM_FILES) \
	$(RUNTIME_LIBC_PRIVATE_HEADER_FILES) $(RUNTIME_PUBLIC_HEADER_FILES) \
	runtime/libgcc/files.mk $(RUNTIME_LIBGCC_FILES) \
	$(RUNTIME_LIBGCC_HEADER_FILES) testsuite/ebpf.runtime
