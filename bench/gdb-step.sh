#!/bin/sh
# What range stepping saves: GDB's `next` over one source line that
# executes about a million instructions (the loop on one line of
# testsuite/ebpf.gdb/progs/oneline.c), through ebpf-gdb and
# ebpf-gdbserver, timed in GDB (Python's clock around the one `next`),
# with range stepping (GDB's default when the server offers vCont;r: one
# packet per line range) and with plain single steps (`set range-stepping
# off`: one packet per instruction), side by side in one run, each the
# median of RUNS sessions.  Not a test: it prints the times and the ratio.
# Usage: bench/gdb-step.sh [BUILDDIR] [RUNS] [ROUNDS]
#   GDB: $EBPF_GDB, else the build's configured EBPF_GDB.  ROUNDS: loop
#   rounds (8 instructions each at clang -O2; default 125000).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=$(cd "${1:-$top}" && pwd)
runs=${2:-3}
rounds=${3:-125000}
out="$build/bench/build"
mkdir -p "$out"
src="$top/testsuite/ebpf.gdb/progs/oneline.c"
launcher="$build/gdb-target/ebpf-gdb"
run="$build/sim/ebpf-run"

gdb=${EBPF_GDB:-$(sed -n 's/^EBPF_GDB *= *//p' "$build/Makefile" 2>/dev/null || true)}
if [ -z "$gdb" ] || ! [ -x "$gdb" ]; then
  echo "gdb-step.sh: no GDB for bpf (set EBPF_GDB, or configure with one)" >&2
  exit 1
fi
for f in "$launcher" "$build/gdb-target/ebpf-gdbserver" "$run"; do
  [ -x "$f" ] || { echo "gdb-step.sh: $f is not built" >&2; exit 1; }
done

inc="-I/usr/include/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)"
obj="$out/oneline.o"
clang -O2 -g -target bpf $inc -DROUNDS="$rounds" -c "$src" -o "$obj"
# A 64-byte packet (its length is the loop's seed).
head -c 64 /dev/zero > "$out/oneline-packet.bin"
loop=$(grep -n 'L:loop \*/' "$src" | cut -d: -f1)
after=$(grep -n 'L:after \*/' "$src" | cut -d: -f1)
total=$("$run" --stats --data-in "$out/oneline-packet.bin" "$obj" 2>&1 \
        | sed -n 's/^instructions: //p')

# One session: stop at the loop's line, time one `next` over it; prints
# "seconds instructions line".
script="$out/gdb-step.gdb"
session () {
  cat > "$script" <<EOF
set pagination off
set confirm off
$1
break oneline.c:$loop
continue
delete
python
import re, time
def insns():
    text = gdb.execute("monitor stats", to_string=True)
    m = re.search(r"instructions: (\d+)", text)
    return int(m.group(1)) if m else -1
before = insns()
t0 = time.monotonic()
gdb.execute("next", to_string=True)
t1 = time.monotonic()
line = gdb.selected_frame().find_sal().line
print("BENCH %.6f %d %d" % (t1 - t0, insns() - before, line))
end
kill
EOF
  GDB=$gdb "$launcher" "$obj" --data-in "$out/oneline-packet.bin" -- \
    -nx -batch -x "$script" 2>&1 | sed -n 's/^BENCH //p'
}

# Median of RUNS sessions; also checks where `next` stopped.
measure () {
  i=0
  : > "$out/gdb-step.times"
  while [ $i -lt "$runs" ]; do
    r=$(session "$1")
    [ -n "$r" ] || { echo "gdb-step.sh: the GDB session failed ($1)" >&2; exit 1; }
    set -- "$1" $r
    if [ "$4" != "$after" ]; then
      echo "gdb-step.sh: next stopped at line $4, not $after ($1)" >&2
      exit 1
    fi
    echo "$2" >> "$out/gdb-step.times"
    stepped=$3
    i=$((i + 1))
  done
  echo "$(sort -n "$out/gdb-step.times" | sed -n "$(( (runs + 1) / 2 ))p") $stepped"
}

set -- $(measure "set range-stepping on")
[ $# -eq 2 ] || exit 1
range=$1 range_insns=$2
set -- $(measure "set range-stepping off")
[ $# -eq 2 ] || exit 1
single=$1 single_insns=$2

echo "GDB next over oneline.c:$loop ($rounds rounds; $range_insns instructions in the next, $total in the run), median of $runs:"
printf '  %-28s %10.3f s\n' "range stepping (vCont;r)" "$range"
printf '  %-28s %10.3f s\n' "single steps (vCont;s)" "$single"
printf '  %-28s %10.1fx\n' "single / range" "$(echo "$single / $range" | bc -l)"
[ "$range_insns" = "$single_insns" ] || \
  echo "  (the two nexts executed different counts: $range_insns and $single_insns)"
