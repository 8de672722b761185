# Procedures of the ebpf.model test files (model.exp, profile.exp,
# calibrate.exp), sourced by each: writing files, reading ebpf-run's
# --json output (one object a line, no nesting but the profile's) without
# a JSON package, and compiling the C programs of this folder.
# SPDX-License-Identifier: GPL-3.0-or-later

# Writes TEXT to PATH as it is (no newline added); BINARY for bytes.
proc mlib_write {path text {binary 0}} {
    set f [open $path w]
    if {$binary} {
        fconfigure $f -translation binary
    }
    puts -nonewline $f $text
    close $f
    return $path
}

proc mlib_read {path} {
    set f [open $path r]
    set text [read $f]
    close $f
    return $text
}

# The JSON object of ebpf-run --json in OUTPUT (stdout and stderr mixed:
# the line that starts with '{'), "" when there is none.
proc mlib_json {output} {
    foreach line [split $output "\n"] {
        if {[string match "\{*\}" $line]} {
            return $line
        }
    }
    return ""
}

# The first number named KEY in JSON (the run's members come before the
# profile's, so that "instructions" and "cycles" are the run's); "" when
# it is not there.
proc mlib_number {json key} {
    if {[regexp "\"$key\": (-?\[0-9\]+(?:\\.\[0-9\]+)?)" $json -> value]} {
        return $value
    }
    return ""
}

# The string member KEY of JSON ("" when absent); escapes kept.
proc mlib_string {json key} {
    if {[regexp "\"$key\": \"((?:\[^\"\\\\\]|\\\\.)*)\"" $json -> value]} {
        return $value
    }
    return ""
}

# The "profile" object of JSON, from its opening brace to the end.
proc mlib_profile {json} {
    set at [string first "\"profile\": \{" $json]
    if {$at < 0} {
        return ""
    }
    return [string range $json $at end]
}

# The rows of table NAME (functions, lines, helpers, maps) of a profile
# object: a list of {name count cycles}.
proc mlib_rows {profile name} {
    if {![regexp "\"$name\": \\\[(\[^\\\]\]*)\\\]" $profile -> body]} {
        return {}
    }
    set rows {}
    foreach {-> row_name count cycles} [regexp -all -inline \
            {\{"name": "((?:[^"\\]|\\.)*)", "(?:instructions|calls)": ([0-9]+), "cycles": ([0-9.]+)\}} $body] {
        lappend rows [list $row_name $count $cycles]
    }
    return $rows
}

# Sums column I of ROWS.
proc mlib_sum {rows i} {
    set sum 0
    foreach row $rows {
        set sum [expr {$sum + [lindex $row $i]}]
    }
    return $sum
}

# Runs ebpf-run with ARGS; {status output}.  Its path is found once, so
# that a test may run it from another folder.
set mlib_ebpf_run [ebpf_tool ebpf-run]
proc mlib_run {args} {
    global mlib_ebpf_run
    return [ebpf_exec $mlib_ebpf_run $args]
}

# Where clang finds <asm/types.h> for -target bpf.
proc mlib_multiarch {} {
    if {[catch {exec gcc -print-multiarch} arch] || $arch eq ""} {
        set arch x86_64-linux-gnu
    }
    return /usr/include/$arch
}

# Compiles SRC with clang -target bpf -O2 -g into OBJ; "" when it
# worked, else clang's complaint.
proc mlib_clang {src obj} {
    set r [ebpf_exec clang [list -target bpf -O2 -g -I[mlib_multiarch] -c $src -o $obj]]
    if {[lindex $r 0] != 0 || ![file exists $obj]} {
        return "clang -target bpf -O2 -g [file tail $src]: [lindex $r 1]"
    }
    return ""
}

# Assembles SRC with ebpf-as into the ELF object OBJ; "" or the complaint.
proc mlib_assemble {src obj} {
    set r [ebpf_exec [ebpf_tool ebpf-as] [list -o $obj $src]]
    if {[lindex $r 0] != 0} {
        return "ebpf-as [file tail $src]: [lindex $r 1]"
    }
    return ""
}
