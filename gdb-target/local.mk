# gdb-target/local.mk — the GDB target: the remote-serial-protocol layer
# (packets, acks, escapes, interrupts, TCP) the server stands on.
# SPDX-License-Identifier: GPL-3.0-or-later
noinst_LIBRARIES += gdb-target/libebpfrsp.a
gdb_target_libebpfrsp_a_SOURCES = gdb-target/rsp.h gdb-target/rsp.c

check_PROGRAMS += gdb-target/rsp-test
gdb_target_rsp_test_SOURCES = gdb-target/rsp-test.c
gdb_target_rsp_test_LDADD = gdb-target/libebpfrsp.a -lpthread

# ebpf-gdbserver: GDB's remote protocol over the public debug API, the
# program loaded by the session module as ebpf-run loads it.
bin_PROGRAMS += gdb-target/ebpf-gdbserver
gdb_target_ebpf_gdbserver_SOURCES = gdb-target/server.h gdb-target/server.c \
	gdb-target/server-memory.c gdb-target/server-monitor.c \
	gdb-target/server-main.c
gdb_target_ebpf_gdbserver_LDADD = sim/libebpfcli.a sim/libebpfsim.a \
	binutils-port/libebpfopcodes.a gdb-target/libebpfrsp.a -lpthread

# ebpf-gdb, the launcher: made from ebpf-gdb.in with the tree's or the
# installed paths ("[_]" keeps config.status from reading them as its own).
bin_SCRIPTS = gdb-target/ebpf-gdb
dist_pkgdata_DATA = gdb-target/ebpf-gdb.py
gdb-target/ebpf-gdb: gdb-target/ebpf-gdb.in Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && sed \
	  -e 's|@EBPF[_]SRCDIR@|$(abs_srcdir)|g' \
	  -e 's|@EBPF[_]BINDIR@|$(bindir)|g' \
	  -e 's|@EBPF[_]PKGDATADIR@|$(pkgdatadir)|g' \
	  -e 's|@EBPF[_]PKGLIBDIR@|$(pkglibdir)|g' \
	  -e 's|@EBPF[_]GDB@|$(EBPF_GDB)|g' \
	  $(srcdir)/gdb-target/ebpf-gdb.in > $@.tmp && chmod +x $@.tmp && mv $@.tmp $@
GDB_TARGET_CLEANFILES = gdb-target/ebpf-gdb

# make install installs the GDB that configure found in ebpfsim's cache
# (a build of gdb-target/build-gdb.sh) with the project, where the
# installed ebpf-gdb looks first; a GDB of the system's stays where it is.
install-exec-local:
	@case "$(EBPF_GDB)" in */gdb-*/bin/bpf-unknown-none-gdb) \
	  prefix_dir=`dirname "$(EBPF_GDB)"`; prefix_dir=`dirname "$$prefix_dir"`; \
	  echo " installing GDB from $$prefix_dir"; \
	  $(MKDIR_P) "$(DESTDIR)$(pkglibdir)/gdb" && \
	  cp -R "$$prefix_dir/." "$(DESTDIR)$(pkglibdir)/gdb/" ;; esac
uninstall-local:
	rm -rf "$(DESTDIR)$(pkglibdir)/gdb"
