# Shared by testsuite/ebpf.gdb/gdb-*.exp (each sources it): finding a GDB
# that can debug ebpfsim's programs, compiling the test programs, and
# driving GDB through gdb-target/ebpf-gdb (or straight on
# ebpf-gdbserver) with expect.
#
# The GDB: $EBPF_GDB when set, else the build's Makefile's EBPF_GDB (what
# configure found).  It must know the bpf architecture, have Python, and
# have 64-bit pointers on bpf (gdb-target/patches/0003: code lives at
# 0x300000000 and up); without such a GDB the tests are UNSUPPORTED.
# SPDX-License-Identifier: GPL-3.0-or-later

# {path reason}: the GDB, or "" and why there is none.  Asked once.
proc gdbt_find_gdb {} {
    global env gdbt_found_gdb
    if {[info exists gdbt_found_gdb]} {
        return $gdbt_found_gdb
    }
    set gdb ""
    if {[info exists env(EBPF_GDB)] && $env(EBPF_GDB) ne ""} {
        set gdb $env(EBPF_GDB)
    } elseif {[info exists env(EBPF_BUILDDIR)]
              && [file readable $env(EBPF_BUILDDIR)/Makefile]} {
        set f [open $env(EBPF_BUILDDIR)/Makefile r]
        foreach line [split [read $f] "\n"] {
            if {[regexp {^EBPF_GDB\s*=\s*(.*?)\s*$} $line -> value]} {
                set gdb $value
            }
        }
        close $f
    }
    if {$gdb eq ""} {
        set gdbt_found_gdb [list "" "no GDB for bpf is configured (EBPF_GDB)"]
    } elseif {![file executable $gdb]} {
        set gdbt_found_gdb [list "" "GDB $gdb is not there (yet)"]
    } else {
        set r [ebpf_exec $gdb [list -batch -nx -ex "set architecture bpf" \
                                   -ex "python print ('ptr-size', gdb.parse_and_eval ('sizeof (void *)'))"] \
                   "" 60]
        if {![regexp {ptr-size (\d+)} [lindex $r 1] -> size]} {
            set gdbt_found_gdb [list "" "GDB $gdb does not know bpf or has no Python"]
        } elseif {$size != 8} {
            set gdbt_found_gdb [list "" "GDB $gdb has $size-byte pointers on bpf, which cut code addresses (0x300000000 and up) to 32 bits (gdb-target/patches/0003 is missing)"]
        } else {
            set gdbt_found_gdb [list $gdb ""]
        }
    }
    return $gdbt_found_gdb
}

# Checks what every GDB test needs; 1 when all is there, else 0 after an
# UNSUPPORTED (no GDB, no compiler) or UNRESOLVED (not built) named by TAG.
# Sets gdbt(gdb), gdbt(launcher), gdbt(server), gdbt(run), gdbt(dir),
# gdbt(progs), gdbt(ext).
proc gdbt_init {tag} {
    global gdbt env srcdir
    lassign [gdbt_find_gdb] gdb reason
    if {$gdb eq ""} {
        unsupported "$tag: $reason"
        return 0
    }
    if {[auto_execok clang] eq ""} {
        unsupported "$tag: clang is not installed"
        return 0
    }
    set build $env(EBPF_BUILDDIR)
    foreach {key path} [list launcher $build/gdb-target/ebpf-gdb \
                            server $build/gdb-target/ebpf-gdbserver \
                            run $build/sim/ebpf-run] {
        if {![file executable $path]} {
            unresolved "$tag: $path is not built"
            return 0
        }
        set gdbt($key) $path
    }
    set gdbt(gdb) $gdb
    set gdbt(ext) [file dirname $srcdir]/gdb-target/ebpf-gdb.py
    set gdbt(progs) $srcdir/ebpf.gdb/progs
    set gdbt(dir) [ebpf_tmpdir]/gdb
    file mkdir $gdbt(dir)
    set gdbt(multiarch) x86_64-linux-gnu
    catch {set gdbt(multiarch) [exec gcc -print-multiarch]}
    return 1
}

# Compiles SRC (a path, or a name in ebpf.gdb/progs) with clang -target
# bpf -g and OPTS into the scratch folder; returns the object's path, or
# "" after a FAIL.
proc gdbt_clang {src opts {suffix ""}} {
    global gdbt srcdir
    if {[file pathtype $src] ne "absolute"} {
        set src $gdbt(progs)/$src
    }
    set obj $gdbt(dir)/[file rootname [file tail $src]][join $opts ""]$suffix.o
    set r [ebpf_exec clang [list -target bpf -g {*}$opts -I/usr/include/$gdbt(multiarch) \
                                -I$srcdir/ebpf.debug/progs -c $src -o $obj]]
    if {[lindex $r 0] != 0} {
        fail "clang [file tail $src] $opts: [lindex $r 1]"
        return ""
    }
    return $obj
}

# The line of FILE (in ebpf.gdb/progs or a path) marked "L:NAME".
proc gdbt_line {file name} {
    global gdbt
    if {[file pathtype $file] ne "absolute"} {
        set file $gdbt(progs)/$file
    }
    set f [open $file r]
    set n 0
    set found 0
    foreach line [split [read $f] "\n"] {
        incr n
        if {[regexp "L:$name\\y" $line]} {
            set found $n
            break
        }
    }
    close $f
    if {!$found} {
        perror "no line marked L:$name in $file"
    }
    return $found
}

# A 64-byte Ethernet frame into PATH: IPv4 (unless ETHERTYPE says other),
# the given protocol and source address (four numbers), TTL 64, to
# 10.0.0.1.
proc gdbt_packet {path {proto 17} {saddr {10 0 0 2}} {ethertype 0x0800}} {
    set eth [binary format c6c6S {-1 -1 -1 -1 -1 -1} {2 0 0 0 0 1} $ethertype]
    set ip [binary format ccSSSccSc4c4 0x45 0 50 1 0 64 $proto 0 $saddr {10 0 0 1}]
    set f [open $path wb]
    puts -nonewline $f $eth$ip[string repeat "\0" [expr {64 - 34}]]
    close $f
    return $path
}

# ---- Driving GDB ----------------------------------------------------------------

# GDB's options after ebpf-gdb's "--": no init files, no styling, no
# paging, no questions.
proc gdbt_gdb_options {} {
    return [list -nx -iex "set style enabled off" -iex "set pagination off" \
                -iex "set width 0" -iex "set height 0" -iex "set confirm off"]
}

# Waits for GDB's prompt; returns {status output}, status ok, timeout or
# eof, output what came before the prompt ("\r\n" made "\n").
proc gdbt_wait {limit} {
    global spawn_id
    set timeout $limit
    set status ok
    set out ""
    expect {
        -re {\(gdb\) $} {
            set out $expect_out(buffer)
            regsub {\(gdb\) $} $out "" out
        }
        timeout { set status timeout }
        eof {
            set status eof
            catch {set out $expect_out(buffer)}
        }
    }
    return [list $status [string map {"\r\n" "\n" "\r" ""} $out]]
}

# Starts GDB with ebpf-gdb on OBJ with ebpf-run options RUNOPTS and GDB
# options GDBOPTS; 1 with GDB at its prompt (connected), else 0 after a
# FAIL named TAG.  gdbt(startup) holds what GDB printed.
proc gdbt_start {tag obj runopts {gdbopts {}}} {
    global gdbt env spawn_id
    set env(GDB) $gdbt(gdb)
    set env(TERM) dumb
    set cmd [list $gdbt(launcher) $obj {*}$runopts -- {*}[gdbt_gdb_options] {*}$gdbopts]
    return [gdbt_spawn $tag $cmd]
}

# Starts GDB itself on the debug image of OBJ, connected with
# "target TARGET | ebpf-gdbserver --stdio RUNOPTS OBJ" (TARGET: remote or
# extended-remote), the extension loaded: as ebpf-gdb does, but with the
# target chosen.
proc gdbt_start_direct {tag target obj runopts} {
    global gdbt env spawn_id
    set env(TERM) dumb
    set image $gdbt(dir)/[file tail $obj].debug
    set r [ebpf_exec $gdbt(run) [list --debug-image $image $obj]]
    if {[lindex $r 0] != 0} {
        fail "$tag: ebpf-run --debug-image: [lindex $r 1]"
        return 0
    }
    set server "exec $gdbt(server) --stdio [join $runopts] $obj"
    set cmd [list $gdbt(gdb) -q {*}[gdbt_gdb_options] -iex "set auto-load safe-path /" \
                 -ex "source $gdbt(ext)" -ex "target $target | $server" $image]
    return [gdbt_spawn $tag $cmd]
}

proc gdbt_spawn {tag cmd} {
    global gdbt spawn_id
    verbose -log "spawn $cmd"
    if {[catch {spawn {*}$cmd} err]} {
        fail "$tag: cannot start GDB: $err"
        return 0
    }
    set gdbt(alive) 1
    # Room for long outputs (info registers, map dumps) before a prompt.
    match_max 262144
    lassign [gdbt_wait 60] status out
    set gdbt(startup) $out
    set gdbt(status) $status
    if {$status ne "ok"} {
        fail "$tag: GDB did not come to its prompt ($status)"
        gdbt_finish
        return 0
    }
    if {![regexp {Remote debugging using} $out]
        || [regexp {Remote connection closed|Connection timed out|Could not|Remote communication error} $out]} {
        fail "$tag: GDB did not connect to ebpf-gdbserver"
        gdbt_finish
        return 0
    }
    return 1
}

# Sends CMD to GDB; returns what it printed until its next prompt.  After
# a timeout, interrupts GDB to get the prompt back; gdbt(status) says ok,
# timeout or eof (GDB gone: later commands return at once).
proc gdbt_cmd {cmd {limit 30}} {
    global gdbt spawn_id
    if {!$gdbt(alive)} {
        set gdbt(status) eof
        return ""
    }
    send -- "$cmd\n"
    lassign [gdbt_wait $limit] status out
    set gdbt(status) $status
    if {$status eq "timeout"} {
        send -- "\003"
        lassign [gdbt_wait 10] s2 more
        append out $more
        if {$s2 ne "ok"} {
            set gdbt(alive) 0
        }
    } elseif {$status eq "eof"} {
        set gdbt(alive) 0
    }
    # The command's echo; GDB's note on its first breakpoint in read-only
    # memory (code is: the server's memory map says so), which can come
    # with any command that resumes.
    regsub {^[^\n]*\n} $out "" out
    regsub -all {Note: automatically using hardware breakpoints for read-only addresses\.\n} $out "" out
    return $out
}

# Runs CMD and checks its output against the regexp PATTERN: one PASS or
# FAIL named NAME.  Returns the output.
proc gdbt_test {cmd pattern name {limit 30}} {
    global gdbt
    set out [gdbt_cmd $cmd $limit]
    gdbt_check $out $pattern $name
    return $out
}

# Checks OUT (a command's output, gdbt(status) of that command) against
# PATTERN.
proc gdbt_check {out pattern name} {
    global gdbt
    if {$gdbt(status) eq "timeout"} {
        fail "$name (timeout)"
    } elseif {$gdbt(status) eq "eof"} {
        fail "$name (GDB exited)"
    } elseif {[regexp -- $pattern $out]} {
        pass $name
        return 1
    } else {
        verbose -log "$name: /$pattern/ not in:\n$out"
        fail $name
    }
    return 0
}

# The value printed by "print EXPR" ($N = VALUE), or "" on error.
proc gdbt_value {expr} {
    set out [gdbt_cmd "print $expr"]
    if {[regexp {\$\d+ = ([^\n]*)} $out -> value]} {
        return $value
    }
    return ""
}

# Quits GDB (and so the server).
proc gdbt_finish {} {
    global gdbt spawn_id
    if {[info exists gdbt(alive)] && $gdbt(alive)} {
        send -- "kill\n"
        gdbt_wait 10
        send -- "quit\n"
        set timeout 10
        expect {
            eof {}
            timeout {}
        }
    }
    set gdbt(alive) 0
    catch {close}
    catch {wait}
}

# Regexp helpers: a code address (at or above 0x300000000) and the
# inferior's exit with status CODE (0: exited normally).
set gdbt_addr {0x0*3[0-9a-f]{8}}
proc gdbt_exit_re {code} {
    if {$code == 0} {
        return {\[Inferior 1 \([^)]*\) exited normally\]}
    }
    return "\\\[Inferior 1 \\(\[^)\]*\\) exited with code [format %02o $code]\\\]"
}
