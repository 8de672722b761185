# gdb-target/local.mk — the GDB target: the remote-serial-protocol layer
# (packets, acks, escapes, interrupts, TCP) the server stands on.
# SPDX-License-Identifier: GPL-3.0-or-later
noinst_LIBRARIES += gdb-target/libebpfrsp.a
gdb_target_libebpfrsp_a_SOURCES = gdb-target/rsp.h gdb-target/rsp.c

check_PROGRAMS += gdb-target/rsp-test
gdb_target_rsp_test_SOURCES = gdb-target/rsp-test.c
gdb_target_rsp_test_LDADD = gdb-target/libebpfrsp.a -lpthread
