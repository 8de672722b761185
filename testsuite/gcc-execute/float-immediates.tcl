# float-immediates.tcl — finds the floating-point constants bpf-gcc 12
# writes wrong, in assembly it made with -S -dP, and can write the
# assembly with them right, so that a test can be run without the
# miscompile to show that it was the cause of a failure.
#
# bpf-gcc 12 moves a float or double constant into a register with one
# lddw whose immediate should be the constant's IEEE bits.  Its
# print_operand (gcc/config/bpf/bpf.cc, case CONST_DOUBLE) prints the
# fields of GCC's internal real-number representation instead, so 1.0
# becomes "lddw %r2,65" where 0x3ff0000000000000 was meant; only +0.0
# comes out right.  -dP puts each instruction's RTL before it, as
#   ;(insn 10 8 32 (set (reg:DF 2 %r2 [34])
#   ;        (const_double:DF -2.25e+0 [-0x0.9p+2])) ...
#   	lddw	%r2,137	; 10	[c=4 l=8]  *movdf/2
# and the value in brackets is exact (hexadecimal), so the right bits
# can be computed from it.
#
# Usage: tclsh float-immediates.tcl [-o FIXED.s] FILE.s
# Prints one line per wrong immediate ("insn 10: lddw %r2,137 should be
# lddw %r2,0xc002000000000000 (DF -2.25e+0)"); with -o, also writes the
# assembly with those immediates replaced.  Exit status: 0 none wrong,
# 1 some wrong, 2 bad usage or unreadable input.
#
# Copyright (C) 2026 The ebpfsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

proc usage {} {
    puts stderr "usage: tclsh float-immediates.tcl \[-o FIXED.s\] FILE.s"
    exit 2
}

# 2**K as a double, for any K a double's exponent range needs (2.0**K
# alone would underflow to 0 before multiplying a large mantissa).
proc scale2 {value k} {
    while {$k > 512} { set value [expr {$value * 2.0**512}]; incr k -512 }
    while {$k < -512} { set value [expr {$value * 2.0**-512}]; incr k 512 }
    return [expr {$value * 2.0**$k}]
}

# The IEEE bits, as 0x..., of GCC's exact form of a constant of MODE (SF
# or DF): [-]0xI.FFFpE, +Inf, -Inf, +QNaN, -QNaN (the default NaN).
proc ieee_bits {mode exact} {
    set sign [string match -* $exact]
    if {[regexp {^[+-]Inf$} $exact]} {
        # Written out: Tcl's single-precision format clamps infinities
        # to the largest finite float.
        if {$mode eq "SF"} {
            return [format 0x%08x [expr {($sign << 31) | 0x7f800000}]]
        }
        return [format 0x%016llx [expr {($sign << 63) | 0x7ff0000000000000}]]
    } elseif {[regexp {^[+-]QNaN$} $exact]} {
        # GCC's default quiet NaN: exponent all ones, top fraction bit.
        if {$mode eq "SF"} {
            return [format 0x%08x [expr {($sign << 31) | 0x7fc00000}]]
        }
        return [format 0x%016llx [expr {($sign << 63) | 0x7ff8000000000000}]]
    } elseif {[regexp {^[+-]?0x([0-9a-f]+)\.([0-9a-f]*)p([+-][0-9]+)$} $exact \
                   -> int frac exp]} {
        set mantissa [expr "0x$int$frac"]
        set value [scale2 [expr {double($mantissa)}] [expr {$exp - 4 * [string length $frac]}]]
        if {$sign} { set value [expr {-$value}] }
        if {$value == 0 && $sign} {
            # -0.0: Tcl's arithmetic keeps the sign, but say it plainly.
            if {$mode eq "SF"} { return 0x80000000 }
            return 0x8000000000000000
        }
    } else {
        return ""
    }
    if {$mode eq "SF"} {
        binary scan [binary format r $value] iu bits
        return [format 0x%08x $bits]
    }
    binary scan [binary format q $value] wu bits
    return [format 0x%016llx $bits]
}

set out ""
if {[lindex $argv 0] eq "-o"} {
    if {[llength $argv] != 3} usage
    set out [lindex $argv 1]
    set argv [lrange $argv 2 end]
}
if {[llength $argv] != 1} usage
if {[catch {open [lindex $argv 0] r} f]} {
    puts stderr "float-immediates.tcl: $f"
    exit 2
}
set lines [split [read $f] "\n"]
close $f

# The constant of the insn whose RTL is being read: insn number, mode,
# GCC's decimal and exact forms.
set pending {}
set wrong 0
set fixed {}
foreach line $lines {
    if {[regexp {^;\(insn ([0-9]+) } $line -> id]} {
        set insn $id
        set pending {}
    }
    if {[info exists insn] && [regexp {\(const_double:(SF|DF) (\S+) \[([^]]+)\]\)} $line -> mode dec exact]} {
        set pending [list $insn $mode $dec $exact]
    }
    if {[llength $pending] && [regexp {^\t(lddw|mov)\t(%r[0-9]+),(-?[0-9a-fx]+)(\t; ([0-9]+)\t.*)$} \
                                   $line -> op reg imm rest id]
        && $id == [lindex $pending 0]} {
        lassign $pending id mode dec exact
        set pending {}
        set bits [ieee_bits $mode $exact]
        if {$bits eq ""} {
            puts stderr "float-immediates.tcl: insn $id: cannot read the constant $exact"
            exit 2
        }
        if {$imm != $bits && !($mode eq "SF" && ($imm & 0xffffffff) == $bits)} {
            puts "insn $id: $op $reg,$imm should be lddw $reg,$bits ($mode $dec)"
            incr wrong
            set line "\tlddw\t$reg,$bits$rest"
        }
    }
    lappend fixed $line
}
if {$out ne ""} {
    set f [open $out w]
    puts -nonewline $f [join $fixed "\n"]
    close $f
}
exit [expr {$wrong > 0}]
