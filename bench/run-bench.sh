#!/bin/sh
# The benchmark table: each program run on ebpfsim and, side by side in
# the same run, on the peers that can run it — DPDK's librte_bpf
# interpreter and JIT (when libdpdk-dev is installed) and GDB 13's bpf
# simulator (when gdb-target/build-gdb.sh has built it).  Wall time is
# the median of RUNS runs of the whole process (set-up costs count);
# instruction counts are ebpfsim's.
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
inc="-I/usr/include/x86_64-linux-gnu"

# --- the programs ------------------------------------------------------
bpf-gcc -O2 -ffunction-sections -fdata-sections "$here/b1-hash-loop.c" -o "$out/b1"
bpf-gcc -O2 -ffunction-sections -fdata-sections "$here/b4-calls.c" -o "$out/b4"
for b in b3-sort b5-hashmap b6-helpers; do
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

# --- timing ---------------------------------------------------------------
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

printf '%-22s %12s %9s %9s %11s %7s %9s %9s %7s\n' benchmark instructions \
  "ebpfsim" "M insn/s" "DPDK intp" "ratio" "DPDK JIT" "GDB sim" "ratio"
row () {  # name insns seconds dpdk_interp dpdk_jit gdb
  awk -v n="$1" -v i="$2" -v t="$3" -v d="$4" -v j="$5" -v g="$6" 'BEGIN {
    mips = t > 0 ? i / t / 1e6 : 0
    printf "%-22s %12d %8.3fs %9.0f", n, i, t, mips
    if (d != "") printf " %10.3fs %6.2fx", d, d / t; else printf " %11s %7s", "-", "-"
    if (j != "") printf " %8.4fs", j; else printf " %9s", "-"
    if (g != "") printf " %8.3fs %6.2fx", g, g / t; else printf " %9s %7s", "-", "-"
    printf "\n" }'
}

# B1: the hash loop (bpf-gcc executable); DPDK refuses loops.
t=$(median "$run" "$out/b1")
g=""
[ -n "$gdbsim" ] && g=$(median "$gdbsim" --memory-size 8m "$out/b1")
row "B1 hash loop" "$(insns "$out/b1")" "$t" "" "" "$g"

# B2: the unrolled body, 10,000 runs in one process on every engine.
t=$(median "$run" --repeat 10000 "$out/b2.o")
d="" j=""
if [ -n "$dpdk" ]; then
  # its own timing of the runs (no process start), median of RUNS
  i=0
  while [ $i -lt "$runs" ]; do "$dpdk" "$out/b2.bin" 10000; i=$((i + 1)); done \
    | sort -n | awk '{ a[NR] = $1; b[NR] = $2 } END { m = int((NR + 1) / 2); print a[m], b[m] }' \
    > "$out/dpdk.times"
  read d j < "$out/dpdk.times"
fi
row "B2 unrolled x10000" "$(insns --repeat 10000 "$out/b2.o")" "$t" "$d" "$j" ""

t=$(median "$run" "$out/b4")
row "B4 calls" "$(insns "$out/b4")" "$t" "" "" ""
for b in b3-sort b5-hashmap b6-helpers; do
  t=$(median "$run" --repeat 1000 --data-in "$out/packet.bin" "$out/$b.o")
  row "$b x1000" "$(insns --repeat 1000 --data-in "$out/packet.bin" "$out/$b.o")" "$t" "" "" ""
done

# The XDP firewall over 100,000 packets: packets per second.
t=$(median "$run" --pcap-in "$out/100k.pcap" "$out/fw.o")
n=$(insns --pcap-in "$out/100k.pcap" "$out/fw.o")
row "XDP fw 100k packets" "$n" "$t" "" "" ""
awk -v t="$t" 'BEGIN { printf "XDP fw: %.2f M packets/s\n", 100000 / t / 1e6 }'
[ -n "$dpdk" ] || echo "note: DPDK not installed (apt-get install libdpdk-dev): its columns are empty"
[ -n "$gdbsim" ] || echo "note: GDB's bpf simulator not built (gdb-target/build-gdb.sh): its column is empty"
