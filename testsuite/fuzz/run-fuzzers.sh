#!/bin/sh
# Builds the fuzz targets with libFuzzer, ASan and UBSan (clang) and runs
# each for SECONDS (default 60) from a corpus seeded with the testsuite's
# own inputs.  Crashes are written under OUTDIR/crashes.
# Usage: testsuite/fuzz/run-fuzzers.sh [SECONDS] [OUTDIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
seconds=${1:-60}
out=${2:-$top/testsuite/tmp/fuzz}
mkdir -p "$out/crashes"
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
inc="-I$top/sim -I$top/binutils-port -I$top"
lib_sources="$top/sim/*/*.c $top/binutils-port/*.c"
# The library without the programs' main functions.
sources=$(ls $lib_sources | grep -v -e '/ebpf-run' -e '/ebpf-as.c' -e '/ebpf-objdump.c' \
  -e '/cli/session.c' -e '/cli/dbg' -e '/cli/calibrate.c' -e '/cli/kernel-bpf' \
  -e '/cli/profile-report')
for target in bytecode object asm inputs debug rsp; do
  echo "fuzz-$target: building"
  case $target in
    rsp)   # the GDB remote protocol layer alone
      clang $flags "$top/gdb-target/fuzz-rsp.c" "$top/gdb-target/rsp.c" \
        -o "$out/fuzz-$target" ;;
    *)
      clang $flags $inc -DPACKAGE_VERSION='"fuzz"' "$here/fuzz-$target.c" $sources \
        -ldw -lelf -o "$out/fuzz-$target" ;;
  esac
  corpus="$out/corpus-$target"
  mkdir -p "$corpus"
  case $target in
    object|debug) cp "$top"/testsuite/ebpf.binutils/ref/*.o "$top"/testsuite/tmp/progs/*.o \
      "$top"/testsuite/tmp/debug-lines/*.o "$corpus" 2>/dev/null || true ;;
    asm) cp "$top"/testsuite/ebpf.binutils/asm-errors/*.s "$corpus" 2>/dev/null || true ;;
    inputs) cp "$top"/examples/*/*.json "$top"/examples/*/*.pcap "$top"/models/*.model \
      "$corpus" 2>/dev/null || true ;;
  esac
  echo "fuzz-$target: running $seconds s"
  (cd "$out/crashes" && "$out/fuzz-$target" -max_total_time="$seconds" \
     -max_len=65536 -timeout=10 -rss_limit_mb=2048 "$corpus") > "$out/fuzz-$target.log" 2>&1 \
    || { echo "fuzz-$target: FAILED, see $out/fuzz-$target.log"; tail -30 "$out/fuzz-$target.log"; exit 1; }
  grep -E '^#[0-9]+.*DONE|^Done' "$out/fuzz-$target.log" | tail -1
done
