#!/bin/sh
# The benchmark tables.  Each program runs on ebpfsim and, side by side in
# the same run, on the peers that can run it: DPDK's librte_bpf
# interpreter and JIT (when libdpdk-dev is installed) and GDB 13's bpf
# simulator (when gdb-target/build-gdb.sh has built it).  Every time is
# the median of RUNS runs of a whole process, ebpfsim's and the peers'
# alike, so loading and set-up count everywhere; instruction counts are
# ebpfsim's.  Then what debugging costs (breakpoints, watchpoints, history
# recording), in wall time and, under valgrind, in host instructions,
# which a busy machine does not disturb; then packets per second and
# resident memory.
# Usage: bench/run-bench.sh [BUILDDIR] [RUNS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=$(cd "${1:-$top}" && pwd)
runs=${2:-5}
run="$build/sim/ebpf-run"
as="$build/binutils-port/ebpf-as"
out="$build/bench/build"
mkdir -p "$out"
inc="-I/usr/include/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)"

# --- the programs ------------------------------------------------------
bpf-gcc -O2 -ffunction-sections -fdata-sections "$here/b1-hash-loop.c" -o "$out/b1"
bpf-gcc -O2 -ffunction-sections -fdata-sections "$here/b4-calls.c" -o "$out/b4"
for b in b3-sort b5-hashmap b6-helpers b7-map-memory; do
  clang -O2 -g -target bpf $inc -c "$here/$b.c" -o "$out/$b.o"
done
sh "$here/gen-b2.sh" > "$out/b2.s"
"$as" -O binary -o "$out/b2.bin" "$out/b2.s"
"$as" -o "$out/b2.o" "$out/b2.s"
cc -O2 "$here/gen-pcap.c" -o "$out/gen-pcap"
"$out/gen-pcap" 100000 "$out/100k.pcap"
"$out/gen-pcap" 1 "$out/one.pcap"
clang -O2 -g -target bpf $inc -c "$top/examples/xdp-firewall/fw.c" -o "$out/fw.o"
# a packet for the XDP programs: the 14-byte frame of one.pcap's record
tail -c +41 "$out/one.pcap" > "$out/packet.bin"

dpdk=""
if pkg-config --exists libdpdk 2>/dev/null \
   && cc -O2 "$here/dpdk-bench.c" $(pkg-config --cflags --libs libdpdk) \
        -o "$out/dpdk-bench" 2>/dev/null; then
  dpdk="$out/dpdk-bench"
fi
gdbsim=""
if gdb=$("$top/gdb-target/build-gdb.sh" --print-only 2>/dev/null) \
   && [ -x "$(dirname "$gdb")/bpf-unknown-none-run" ]; then
  gdbsim="$(dirname "$gdb")/bpf-unknown-none-run"
fi

# --- measuring ------------------------------------------------------------
# median wall seconds of RUNS runs of a command
median () {
  i=0
  while [ $i -lt "$runs" ]; do
    s=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || true
    e=$(date +%s.%N)
    echo "$e - $s" | bc -l
    i=$((i + 1))
  done | sort -n | awk '{ a[NR] = $1 } END { printf "%.4f", a[int((NR + 1) / 2)] }'
}

insns () {
  "$run" --stats "$@" 2>&1 | awk '/^instructions:/ { print $2 }'
}

# host instructions of a command under callgrind (empty without valgrind)
host_insns () {
  command -v valgrind > /dev/null 2>&1 || return 0
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
    | awk '/Collected :/ { print $NF }'
}

# --- 1. throughput, side by side ------------------------------------------
echo "Throughput: median wall time of $runs runs of the whole process;"
echo "ratio = peer's time / ebpfsim's."
printf '%-22s %12s %9s %9s %11s %7s %10s %7s %9s %7s\n' benchmark instructions \
  "ebpfsim" "M insn/s" "DPDK intp" "ratio" "DPDK JIT" "ratio" "GDB sim" "ratio"
row () {  # name insns seconds dpdk_interp dpdk_jit gdb
  awk -v n="$1" -v i="$2" -v t="$3" -v d="$4" -v j="$5" -v g="$6" 'BEGIN {
    mips = t > 0 ? i / t / 1e6 : 0
    printf "%-22s %12d %8.3fs %9.0f", n, i, t, mips
    if (d != "") printf " %10.3fs %6.2fx", d, d / t; else printf " %11s %7s", "-", "-"
    if (j != "") printf " %9.3fs %6.2fx", j, j / t; else printf " %10s %7s", "-", "-"
    if (g != "") printf " %8.3fs %6.2fx", g, g / t; else printf " %9s %7s", "-", "-"
    printf "\n" }'
}

# B1: the hash loop (bpf-gcc executable); DPDK's validator refuses loops.
t=$(median "$run" "$out/b1")
g=""
[ -n "$gdbsim" ] && g=$(median "$gdbsim" --memory-size 8m "$out/b1")
row "B1 hash loop" "$(insns "$out/b1")" "$t" "" "" "$g"

# B2: the unrolled body, 10,000 runs in one process on every engine.
t=$(median "$run" --repeat 10000 "$out/b2.o")
d="" j=""
if [ -n "$dpdk" ]; then
  d=$(median "$dpdk" "$out/b2.bin" 10000 interp)
  j=$(median "$dpdk" "$out/b2.bin" 10000 jit)
fi
row "B2 unrolled x10000" "$(insns --repeat 10000 "$out/b2.o")" "$t" "$d" "$j" ""

t=$(median "$run" "$out/b4")
row "B4 calls" "$(insns "$out/b4")" "$t" "" "" ""
for b in b3-sort b5-hashmap b6-helpers; do
  t=$(median "$run" --repeat 1000 --data-in "$out/packet.bin" "$out/$b.o")
  row "$b x1000" "$(insns --repeat 1000 --data-in "$out/packet.bin" "$out/$b.o")" "$t" "" "" ""
done
# The XDP firewall over 100,000 packets, a run per packet; and over one,
# for what starting the process and loading the object cost.
t=$(median "$run" --pcap-in "$out/100k.pcap" "$out/fw.o")
n=$(insns --pcap-in "$out/100k.pcap" "$out/fw.o")
row "XDP fw 100k packets" "$n" "$t" "" "" ""
fw_seconds=$t
fw_start=$(median "$run" --pcap-in "$out/one.pcap" "$out/fw.o")

# --- 2. what debugging costs ----------------------------------------------
# B3 (memory-heavy: every other instruction a stack access) plain,
# then with a breakpoint on the one instruction it never reaches (found
# by trying each: --break makes a run that reaches it exit with 5), with
# watchpoints on stack bytes it never touches, and recording history.
echo
echo "Debugging cost on B3 sort: wall time of 10,000 runs (median of $runs) and"
echo "host instructions of 1,000 under callgrind; cost = against the plain run."
b3="--repeat 10000 --data-in $out/packet.bin $out/b3-sort.o"
b3_callgrind="--repeat 1000 --data-in $out/packet.bin $out/b3-sort.o"
slots=$("$build/binutils-port/ebpf-objdump" -d "$out/b3-sort.o" \
  | awk '/^ *[0-9]+:/ { n = $1 + 0 } END { print n + 1 }')
unreached=""
pc=$slots
while [ "$pc" -gt 0 ]; do
  pc=$((pc - 1))
  status=0
  "$run" --break "$pc" --data-in "$out/packet.bin" "$out/b3-sort.o" > /dev/null 2>&1 || status=$?
  if [ $status -eq 0 ]; then unreached=$pc; break; fi
done
printf '%-52s %9s %7s %14s %8s\n' "B3 sort" "wall" "cost" "host insns" "cost"
plain_t="" plain_h=""
debug_row () {  # name ebpf-run-options... (the first row is the plain run)
  name=$1; shift
  t=$(median "$run" "$@" $b3)
  h=$(host_insns "$run" "$@" $b3_callgrind)
  if [ -z "$plain_t" ]; then plain_t=$t plain_h=$h; fi
  awk -v n="$name" -v t="$t" -v p="$plain_t" -v h="$h" -v ph="$plain_h" 'BEGIN {
    printf "%-52s %8.3fs %+6.1f%%", n, t, (t / p - 1) * 100
    if (h != "" && ph != "") printf " %14d %+7.1f%%", h, (h / ph - 1) * 100
    printf "\n" }'
}
debug_row "plain"
if [ -n "$unreached" ]; then
  debug_row "breakpoint on code never reached (pc $unreached)" --break "$unreached"
else
  echo "(every instruction of B3 is reached: no breakpoint row)"
fi
debug_row "watchpoint, stack bytes below the frame (fp-600)" --watch fp-600,8:access
debug_row "watchpoint, unused bottom of the frame (fp-512)" --watch fp-512,8:access
debug_row "watchpoint, the packet it does not touch" --watch 0x600000000,8:access
debug_row "history recording (reverse execution)" --record
"$run" --record --stats --data-in "$out/packet.bin" "$out/b3-sort.o" 2>/dev/null \
  | awk '/^instructions:/ { n = $2 } /^history:/ { printf "history of one run: %d bytes for %d instructions (%.1f bytes each)\n", $5, $2, $5 / $2 }'

# --- 3. packets and memory --------------------------------------------------
echo
awk -v t="$fw_seconds" -v s="$fw_start" 'BEGIN {
  printf "XDP firewall over 100,000 packets: %.2f M packets/s for the whole process, ", 100000 / t / 1e6
  printf "%.2f M packets/s less its start (%.1f ms with one packet)\n", 99999 / (t - s) / 1e6, s * 1000 }'
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f '%M' -o "$out/b7.rss" "$run" --max-insns 100000000 "$out/b7-map-memory.o" > "$out/b7.out" 2>&1 || true
  /usr/bin/time -f '%M' -o "$out/none.rss" "$run" --mem-hex 00 "$out/b2.s" > /dev/null 2>&1 || true
  awk -v full="$(tail -1 "$out/b7.rss")" -v base="$(tail -1 "$out/none.rss")" -v r="$(head -1 "$out/b7.out")" 'BEGIN {
    printf "hash map of 1M 8-byte keys and values, filled: %.1f MiB resident (ebpf-run on a small program: %.1f MiB; %s)\n", full / 1024, base / 1024, r }'
else
  echo "note: /usr/bin/time (package time) not installed: no memory row"
fi

# --- 4. the assembler on a large source --------------------------------------
awk 'BEGIN { for (i = 0; i < 1000000; i++) { if (i % 10 == 0) printf "L%d:\n", i
             print "\tr0 += 1" }
             print "\tif r0 > 5 goto L999990"; print "\texit" }' > "$out/asm-1m.s"
t=$(median "$build/binutils-port/ebpf-as" -o "$out/asm-1m.o" "$out/asm-1m.s")
awk -v t="$t" 'BEGIN { printf "ebpf-as on a source of 1,000,002 instructions and 100,000 labels: %.2f s (%.1f M lines/s)\n", t, 1.1 / t }'

# --- 5. a map seed of many strings (the JSON reader is linear) --------------
awk 'BEGIN { printf "[{\"key\": 0, \"value\": 0, \"pad\": [" ; for (i = 0; i < 200000; i++) printf "%s\"abcdefgh\"", i ? ", " : ""; print "]}]" }' > "$out/strings.json"
t=$(median "$run" --map stats="$out/strings.json" --data-in "$out/packet.bin" "$out/fw.o")
awk -v t="$t" 'BEGIN { printf "a --map seed of 200,000 strings (2.4 MB of JSON) and one run: %.2f s\n", t }'
[ -n "$dpdk" ] || echo "note: DPDK not installed (apt-get install libdpdk-dev): its columns are empty"
[ -n "$gdbsim" ] || echo "note: GDB's bpf simulator not built (gdb-target/build-gdb.sh): its column is empty"
command -v valgrind > /dev/null 2>&1 || echo "note: valgrind not installed: no host instruction counts"
