#!/bin/sh
# Builds the oracle case directory: every *.c here compiled by clang (NAME.o)
# and, where it compiles, by bpf-gcc without BTF (NAME.gcc.o) and with
# -gbtf (NAME.gccbtf.o), the compilers' messages in NAME.gcc*.log, plus the
# input files (inputs/, made by mkpackets.py) and `list`.
# Deterministic: run from anywhere, the objects are the same bytes.
#   ./build.sh [OUTDIR]            (default OUTDIR: $TMPDIR/ebpfsim-progs-cases)
#   ../../../../shared/oracle/run-oracle.sh OUTDIR oracle.out
set -eu
src=$(cd "$(dirname "$0")" && pwd)
out=${1:-${TMPDIR:-/tmp}/ebpfsim-progs-cases}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$src"

INC="-I/usr/include/x86_64-linux-gnu"
CLANG="clang -O2 -g -target bpf $INC -fdebug-prefix-map=$src=."
BPFGCC="bpf-gcc -O2 $INC -idirafter /usr/include"

for c in *.c; do
	n=${c%.c}
	extra=
	case $n in
	atomics) extra=-mcpu=v3 ;;   # fetch atomics need v3 (kernel 6.1 has them)
	esac
	$CLANG $extra -c "$c" -o "$out/$n.o"
	for v in gcc:"" gccbtf:-gbtf; do
		suffix=${v%%:*} flags=${v#*:}
		if ! $BPFGCC $flags -c "$c" -o "$out/$n.$suffix.o" > "$out/$n.$suffix.log" 2>&1; then
			rm -f "$out/$n.$suffix.o"
			echo "bpf-gcc $flags failed: $c (see $out/$n.$suffix.log)"
		fi
	done
done
cp inputs/* list "$out/"
