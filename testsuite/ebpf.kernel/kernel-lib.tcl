# Procedures of the ebpf.kernel group (kernel.exp): a small JSON reader
# for what kernel-run and ebpf-run print, the two sides' results in one
# form, and their comparison field by field.
# SPDX-License-Identifier: GPL-3.0-or-later

# --- JSON --------------------------------------------------------------------
# kernel_json_parse TEXT: objects become dicts, arrays lists, strings and
# numbers their text, true/false/null themselves.  An error (Tcl error)
# for text that is not JSON.

proc kernel_json_parse {text} {
    set pos 0
    set value [kernel_json_value $text pos]
    kernel_json_space $text pos
    if {$pos != [string length $text]} {
        error "JSON: trailing text at offset $pos"
    }
    return $value
}

proc kernel_json_space {text posvar} {
    upvar $posvar pos
    while {$pos < [string length $text]
           && [string is space [string index $text $pos]]} {
        incr pos
    }
}

proc kernel_json_value {text posvar} {
    upvar $posvar pos
    kernel_json_space $text pos
    set c [string index $text $pos]
    switch -- $c {
        "\{" {
            incr pos
            set d [dict create]
            kernel_json_space $text pos
            if {[string index $text $pos] eq "\}"} {
                incr pos
                return $d
            }
            while 1 {
                kernel_json_space $text pos
                if {[string index $text $pos] ne "\""} {
                    error "JSON: a member name expected at offset $pos"
                }
                set name [kernel_json_string $text pos]
                kernel_json_space $text pos
                if {[string index $text $pos] ne ":"} {
                    error "JSON: ':' expected at offset $pos"
                }
                incr pos
                dict set d $name [kernel_json_value $text pos]
                kernel_json_space $text pos
                set c [string index $text $pos]
                incr pos
                if {$c eq "\}"} { return $d }
                if {$c ne ","} { error "JSON: ',' or '\}' expected at offset [expr {$pos - 1}]" }
            }
        }
        "\[" {
            incr pos
            set l {}
            kernel_json_space $text pos
            if {[string index $text $pos] eq "\]"} {
                incr pos
                return $l
            }
            while 1 {
                lappend l [kernel_json_value $text pos]
                kernel_json_space $text pos
                set c [string index $text $pos]
                incr pos
                if {$c eq "\]"} { return $l }
                if {$c ne ","} { error "JSON: ',' or '\]' expected at offset [expr {$pos - 1}]" }
            }
        }
        "\"" {
            return [kernel_json_string $text pos]
        }
        default {
            if {[regexp -start $pos -- {\A(-?[0-9][0-9.eE+-]*|true|false|null)} $text -> word]} {
                incr pos [string length $word]
                return $word
            }
            error "JSON: a value expected at offset $pos"
        }
    }
}

proc kernel_json_string {text posvar} {
    upvar $posvar pos
    incr pos
    set out ""
    while 1 {
        set end [string first "\"" $text $pos]
        set esc [string first "\\" $text $pos]
        if {$end < 0} { error "JSON: unterminated string" }
        if {$esc < 0 || $esc > $end} {
            append out [string range $text $pos [expr {$end - 1}]]
            set pos [expr {$end + 1}]
            return $out
        }
        append out [string range $text $pos [expr {$esc - 1}]]
        set c [string index $text [expr {$esc + 1}]]
        set pos [expr {$esc + 2}]
        switch -- $c {
            n { append out "\n" }
            t { append out "\t" }
            r { append out "\r" }
            b { append out "\b" }
            f { append out "\f" }
            u {
                scan [string range $text $pos [expr {$pos + 3}]] %x code
                append out [format %c $code]
                incr pos 4
            }
            default { append out $c }
        }
    }
}

# --- one side's result ---------------------------------------------------------
# kernel_result JSON CTX_HEX: a dict of the fields the comparison looks
# at, from either side's JSON (CTX_HEX: ebpf-run's --ctx-out file, or ""
# to take kernel-run's "ctx_out"):
#   retval    the low 32 bits, decimal (the kernel's retval is 32 bits;
#             ebpf-run prints r0's 64)
#   data_out  hex
#   ctx_out   hex (only when a context was given)
#   output    the ring buffer and perf records, "MAP cpu CPU: HEX" each,
#             map by map
#   maps      dict name -> {type TYPE elements LIST skipped WHY}; elements
#             "KEY=VALUE" (or "VALUE" for queues and stacks), sorted by key
#             for hash-type maps, whose order is the implementation's

# Map types whose order of elements means something: index order, pop
# order.  Others (hashes, LRU, LPM tries, ...) are compared as sets.
set ::kernel_ordered_types {array percpu_array devmap cpumap xskmap queue stack}

proc kernel_result {json {ctx_hex ""}} {
    global kernel_ordered_types
    set d [kernel_json_parse $json]
    set r [dict create]
    if {[dict exists $d retval]} {
        # 64 bits in decimal: Tcl's integers are unbounded.
        dict set r retval [expr {[dict get $d retval] & 0xffffffff}]
    }
    if {[dict exists $d data_out]} {
        dict set r data_out [dict get $d data_out]
    }
    if {$ctx_hex ne ""} {
        dict set r ctx_out $ctx_hex
    } elseif {[dict exists $d ctx_out]} {
        dict set r ctx_out [dict get $d ctx_out]
    }
    # Records map by map (lsort is stable: each map's keep their order);
    # kernel-run reads one map after the other, ebpf-run in the order
    # they were sent.
    set out {}
    if {[dict exists $d output]} {
        foreach o [dict get $d output] {
            lappend out [list [dict get $o map] "[dict get $o map] cpu [dict get $o cpu]: [dict get $o data]"]
        }
    }
    set records {}
    foreach o [lsort -index 0 $out] {
        lappend records [lindex $o 1]
    }
    dict set r output $records
    set maps [dict create]
    if {[dict exists $d maps]} {
        foreach m [dict get $d maps] {
            set type [dict get $m type]
            set elements {}
            foreach e [dict get $m elements] {
                if {[dict exists $e key]} {
                    lappend elements "[dict get $e key]=[dict get $e value]"
                } else {
                    lappend elements [dict get $e value]
                }
            }
            if {[lsearch -exact $kernel_ordered_types $type] < 0} {
                set elements [lsort $elements]
            }
            set skipped ""
            if {[dict exists $m skipped]} {
                set skipped [dict get $m skipped]
            }
            dict set maps [dict get $m name] [dict create type $type \
                elements $elements skipped $skipped]
        }
    }
    dict set r maps $maps
    return $r
}

# Map types neither side lists: their values are programs or maps, or
# they have no keys to walk (ebpf-run --dump-maps prints them empty,
# kernel-run too).
set ::kernel_unlisted_types {prog_array array_of_maps hash_of_maps ringbuf
    perf_event_array bloom_filter}

# kernel_compare K S IGNORE SKIPPEDVAR: the differences between the
# kernel's result K and ebpfsim's S, a list of {FIELD TEXT}: FIELD is
# retval, data_out, ctx_out, output, "map NAME" or "map NAME KEY"; TEXT
# says "FIELD: kernel VALUE, ebpfsim VALUE".  Fields in the list IGNORE
# are left out.  The maps not compared are appended to the variable
# SKIPPEDVAR, with why.
proc kernel_compare {k s ignore skippedvar} {
    upvar $skippedvar skipped
    set diffs {}
    foreach field {retval data_out ctx_out} {
        if {[lsearch -exact $ignore $field] >= 0} { continue }
        set kv [kernel_get $k $field]
        set sv [kernel_get $s $field]
        if {$kv ne $sv} {
            lappend diffs [list $field "$field: kernel [kernel_short $kv], ebpfsim [kernel_short $sv]"]
        }
    }
    if {[lsearch -exact $ignore output] < 0} {
        set ko [dict get $k output]
        set so [dict get $s output]
        if {![kernel_same_output $ko $so]} {
            lappend diffs [list output "output: kernel \[[kernel_short [join $ko {; }] 160]\], ebpfsim \[[kernel_short [join $so {; }] 160]\]"]
        }
    }
    set kmaps [dict get $k maps]
    set smaps [dict get $s maps]
    set names [lsort -unique [concat [dict keys $kmaps] [dict keys $smaps]]]
    foreach name $names {
        set id "map $name"
        if {[lsearch -exact $ignore $id] >= 0} { continue }
        if {![dict exists $kmaps $name]} {
            lappend diffs [list $id "map $name: only ebpfsim has it"]
            continue
        }
        if {![dict exists $smaps $name]} {
            lappend diffs [list $id "map $name: only the kernel has it"]
            continue
        }
        set km [dict get $kmaps $name]
        set sm [dict get $smaps $name]
        set type [dict get $km type]
        if {$type ne [dict get $sm type]} {
            lappend diffs [list $id "map $name: type kernel $type, ebpfsim [dict get $sm type]"]
            continue
        }
        if {[lsearch -exact $::kernel_unlisted_types $type] >= 0} {
            lappend skipped "$name ($type: not listed from user space)"
            continue
        }
        if {[dict get $km skipped] ne ""} {
            lappend skipped "$name ($type: [dict get $km skipped])"
            continue
        }
        set ke [dict get $km elements]
        set se [dict get $sm elements]
        if {$ke eq $se} { continue }
        if {[string first = [lindex [concat $ke $se] 0]] < 0} {
            # Values without keys (a queue, a stack): the list as a whole.
            lappend diffs [list $id "map $name ($type): kernel \[[kernel_short [join $ke { }] 120]\], ebpfsim \[[kernel_short [join $se { }] 120]\]"]
            continue
        }
        # Element by element: keys on one side only, values that differ.
        set kd [dict create]
        foreach e $ke { dict set kd {*}[split $e =] }
        set sd [dict create]
        foreach e $se { dict set sd {*}[split $e =] }
        foreach key [lsort -unique [concat [dict keys $kd] [dict keys $sd]]] {
            if {[lsearch -exact $ignore "map $name $key"] >= 0} { continue }
            set kv [kernel_get $kd $key]
            set sv [kernel_get $sd $key]
            if {$kv ne $sv} {
                lappend diffs [list "map $name $key" "map $name key $key: kernel $kv, ebpfsim $sv"]
            }
        }
    }
    return $diffs
}

# The texts of DIFFS (kernel_compare's), at most 4 per map, for a
# test's message.
proc kernel_diff_texts {diffs} {
    set texts {}
    set per_map [dict create]
    foreach d $diffs {
        lassign $d id text
        if {[regexp {^map (\S+) } $id -> map]} {
            dict incr per_map $map
            set n [dict get $per_map $map]
            if {$n == 5} {
                set more 0
                foreach e $diffs {
                    if {[string match "map $map *" [lindex $e 0]]} { incr more }
                }
                lappend texts "map $map: [expr {$more - 4}] more elements differ"
            }
            if {$n > 4} { continue }
        }
        lappend texts $text
    }
    return $texts
}

# Are the records KO (the kernel's) and SO (ebpfsim's) the same?  A perf
# sample is padded by the kernel so that its u32 size and its data fill
# whole 8-byte words, and user space reads the padding as data: a
# program's 8-byte record arrives as 12 bytes.  ebpf-run prints the bytes
# the program sent.  So a perf record (cpu >= 0) matches when the
# kernel's is ebpfsim's followed by exactly that padding, of zeros.
proc kernel_same_output {ko so} {
    if {[llength $ko] != [llength $so]} { return 0 }
    foreach k $ko s $so {
        if {$k eq $s} { continue }
        if {![regexp {^(.* cpu (\d+): )([0-9a-f]*)$} $k -> khead cpu kdata]
            || ![regexp {^(.* cpu \d+: )([0-9a-f]*)$} $s -> shead sdata]
            || $khead ne $shead} {
            return 0
        }
        set n [expr {[string length $sdata] / 2}]
        set padded [expr {($n + 4 + 7) / 8 * 8 - 4}]
        if {[string length $kdata] != 2 * $padded
            || [string range $kdata 0 [expr {2 * $n - 1}]] ne $sdata
            || ![regexp {^0*$} [string range $kdata [expr {2 * $n}] end]]} {
            return 0
        }
    }
    return 1
}

# KEY's value in dict D, or "(none)".  (Not with expr: expr would read
# hex digits as a number.)
proc kernel_get {d key} {
    if {[dict exists $d $key]} {
        return [dict get $d $key]
    }
    return "(none)"
}

# TEXT cut to about MAX characters.
proc kernel_short {text {max 96}} {
    if {[string length $text] <= $max} { return $text }
    return "[string range $text 0 [expr {$max - 1}]]...([string length $text] chars)"
}

# --- two at a time -------------------------------------------------------------------
# The machine has two cores: clang runs two compilations at once, and
# the kernel's side of a pair runs while ebpf-run does the other.

# Starts PROGRAM with ARGLIST (no shell), stdout and stderr together,
# under a time limit; kernel_finish waits for it.
proc kernel_start {program arglist {timeout 60}} {
    set cmd [list timeout -k 5 $timeout $program {*}$arglist]
    return [open "|$cmd 2>@1" r]
}

# {status output} of a command kernel_start started, as ebpf_exec gives
# them (status 124: the time limit).
proc kernel_finish {ch} {
    set output [read $ch]
    set status 0
    if {[catch {close $ch} msg opts]} {
        set code [dict get $opts -errorcode]
        if {[lindex $code 0] eq "CHILDSTATUS"} {
            set status [lindex $code 2]
        } elseif {[lindex $code 0] ne "NONE"} {
            set status -1
            append output $msg
        }
    }
    return [list $status [string trimright $output "\n"]]
}
