#!/bin/sh
# difffuzz — differential fuzzing of ebpfsim against the running kernel.
#
# For each seed, gen.c writes a random XDP program in C: packet parsing
# behind bounds checks (Ethernet, IPv4 with its ihl, IPv6, UDP, TCP, reads
# and writes at fixed and variable offsets), arithmetic of every width
# and sign (+ - * & | ^, shifts masked to the width, division and modulo
# as real BPF div/mod whose divisor may be zero, byte swaps, sign
# extension, comparisons), branches, bounded loops, array, hash, per-CPU,
# queue and stack maps, atomics on map values, noinline static and global
# subprograms, bpf_loop and bpf_for_each_map_elem callbacks, and helpers
# with deterministic results (bpf_csum_diff, bpf_xdp_adjust_head/tail/
# meta, bpf_xdp_load_bytes/store_bytes, bpf_xdp_get_buff_len, map
# helpers).  Its results go to the array map "res" and, folded, into the
# verdict.  The program is compiled with clang -O2 -g -target bpf (the
# seed picks -mcpu=v1, v2 or v3) and run on four packets (udp4: IPv4/UDP
# 74 bytes, tcp6: IPv6/TCP with options 94, tcp4opt: IPv4 with an IP
# option and TCP 64, short: 20 bytes), each time on both sides:
#
#   - the kernel: testsuite/kernel-run (libbpf, BPF_PROG_TEST_RUN, pinned
#     to CPU 0), built from testsuite/kernel-run.c into OUT/bin;
#   - ebpfsim: sim/ebpf-run --json --dump-maps --kernel-version (this
#     kernel's, 6.1 to 6.18) --cpus (the kernel's possible CPUs).
#
# The kernel is the reference.  A program the verifier refuses is not
# compared (ebpfsim has no verifier); rejected.txt says why, and a
# "verifier bug" there is the kernel's own (see Findings below).
#
# Both outputs are normalised by norm.c (retval's low 32 bits, data_out,
# every map's elements sorted by key, and ebpf-run's exit status) and
# compared.  Counted: programs tried (compiled), accepted by the
# verifier, compared (every packet run on both sides), differing (at
# least one packet's results differ).  A differing program is kept in
# OUT/diff/seed-S/: prog.c, prog.o, and per packet PKT.bin, PKT.k.json
# and PKT.s.json (kernel, ebpfsim), PKT.diff; minimise.sh OUT/diff/seed-S
# shrinks it.  OUT/rejected.txt lists the programs the verifier refused
# with the last line of its log; OUT/log.txt one line per program.
#
# Usage: testsuite/difffuzz/run.sh N [SEED]
#   N programs, seeds SEED (default 1) to SEED+N-1.
#   Environment: DIFFFUZZ_OUT (default /tmp/difffuzz-out), DIFFFUZZ_JOBS
#   (parallel workers, default 1), DIFFFUZZ_SIZE (statements, default
#   24), DIFFFUZZ_AVOID (gen's --avoid: csumsize leaves out a known
#   difference), EBPF_RUN (default sim/ebpf-run), KERNEL_RUN (a built kernel-run
#   to use instead), DF_KVER (ebpf-run's --kernel-version), DF_PACKETS
#   (packet names; also eth14, an Ethernet header alone), CLANG.
#
# Prints per difference a line, then
#   difffuzz: tried N, verifier accepted A, compared C, differences D
# Exit status: 0 no difference, 1 differences found, 2 usage, 77 bpf()
# refused here (not root) or a tool missing.
#
# Needs root, clang (14 or later), libbpf-dev (1.1 or later), a built
# ebpfsim.
#
# Files: gen.c (the generator and the packets), norm.c (the normaliser),
# lib.sh (shared shell functions), run.sh, minimise.sh.
#
# Findings (Linux 6.18 x86-64 JIT, clang 14, libbpf 1.1, 2 CPUs; about 1.5
# programs a second with 2 workers and 4 packets):
#   - 1600 programs (seeds 1-1600, before LPM, globals and strncmp were
#     added): 1492 accepted by the verifier, 52 differing, all in
#     bpf_csum_diff: 41 with sizes that are not multiples of 4 (the
#     kernel sums them since 6.13, ebpfsim returned -EINVAL) and 11 in
#     the "pull" form (to_size 0) whose sum is zero (the kernel returns
#     0x0000, ebpfsim returned 0xffff).  Both fixed in ebpfsim by commit
#     92cd3dd while the run went on: today's ebpf-run agrees on all 52.
#   - 1600 programs (seeds 100001-101600): 1491 accepted, 0 differences.
#   - 400 programs of DIFFFUZZ_SIZE=48 on five packets (eth14 too; seeds
#     200001-200400): 339 accepted, 0 differences.
#   - With ebpf-run --kernel-version 6.1 on this 6.18 kernel, 53 of 58
#     programs differ (map helpers' errors not sign-extended, bpf_csum_
#     diff not folded): what the fuzzer is able to see.
#   - A kernel bug, not an ebpfsim one: a program with a global
#     (non-static) function and bpf_loop(0, cb, ...) is refused with
#     "verifier bug: No program to jit at insn N (subprog < 0)" and a
#     WARNING in jit_subprogs (about 1.5% of the programs); ebpfsim runs
#     it.
#   - The verifier's other refusals (about 5%) are of clang's code:
#     the jump-sequence limit of big loops, -mcpu=v3's 32-bit copies of
#     packet pointers, pointer arithmetic it cannot bound.
#
# Copyright (C) 2026 The ebpfsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
case ${1:-} in
  ''|*[!0-9]*) echo "Usage: $0 N [SEED]" >&2; exit 2 ;;
esac
n=$1
seed0=${2:-1}
out=${DIFFFUZZ_OUT:-/tmp/difffuzz-out}
jobs=${DIFFFUZZ_JOBS:-1}
size=${DIFFFUZZ_SIZE:-24}
avoid=${DIFFFUZZ_AVOID:-none}
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

mkdir -p "$out" || exit 2
df_setup "$out"
rc=$?
[ $rc -eq 77 ] && exit 77
[ $rc -ne 0 ] && exit 2
mkdir -p "$out/diff"
: > "$out/log.txt"
: > "$out/rejected.txt"

# worker J: seeds seed0+J, seed0+J+jobs, ...; counts in OUT/counts.J
worker ()
{
  j=$1
  w=$out/work.$j
  mkdir -p "$w"
  tried=0 accepted=0 compared=0 differ=0
  i=$j
  while [ "$i" -lt "$n" ]; do
    s=$((seed0 + i))
    i=$((i + jobs))
    "$DF_BIN/gen" "$s" --size "$size" --avoid "$avoid" > "$w/prog.c" || continue
    if ! df_compile "$w/prog.c" "$w/prog.o"; then
      echo "seed $s: clang failed" >> "$out/log.txt"
      mkdir -p "$out/clang-failed" && cp "$w/prog.c" "$out/clang-failed/seed-$s.c"
      continue
    fi
    tried=$((tried + 1))
    status=same rejected=0 refused=0 differs=""
    for p in $DF_PACKETS; do
      df_run "$w/prog.o" "$DF_PKTDIR/$p.bin" "$w/$p"
      case $? in
        0) ;;
        1) differs="$differs $p" ;;
        2) rejected=1; break ;;
        *) refused=1 ;;
      esac
    done
    if [ $rejected = 1 ]; then
      why=$(grep -v '^ *$' "$w/$p.k.err" |
              grep -v 'libbpf\|^ *processed [0-9]* insns\|verification time\|stack depth\|^ *-- END' | tail -1)
      echo "seed $s: rejected: $why" >> "$out/rejected.txt"
      echo "seed $s: verifier rejected" >> "$out/log.txt"
      continue
    fi
    accepted=$((accepted + 1))
    if [ $refused = 1 ]; then
      echo "seed $s: test run refused on a packet" >> "$out/log.txt"
    else
      compared=$((compared + 1))
    fi
    if [ -n "$differs" ]; then
      differ=$((differ + 1))
      d=$out/diff/seed-$s
      rm -rf "$d" && mkdir -p "$d"
      cp "$w/prog.c" "$w/prog.o" "$d/"
      for p in $differs; do
        cp "$DF_PKTDIR/$p.bin" "$d/$p.bin"
        for x in k.json s.json k.err s.err diff; do cp "$w/$p.$x" "$d/$p.$x"; done
      done
      sig=$(for p in $differs; do df_signature "$w/$p.diff"; done | sort -u | tr '\n' ' ')
      echo "seed $s: differs on$differs: $sig" | tee -a "$out/log.txt"
    else
      echo "seed $s: same" >> "$out/log.txt"
    fi
  done
  echo "$tried $accepted $compared $differ" > "$out/counts.$j"
}

start=$(date +%s)
j=0
while [ $j -lt "$jobs" ]; do
  worker $j &
  j=$((j + 1))
done
wait
t=0 a=0 c=0 d=0
j=0
while [ $j -lt "$jobs" ]; do
  read -r t1 a1 c1 d1 < "$out/counts.$j"
  t=$((t + t1)) a=$((a + a1)) c=$((c + c1)) d=$((d + d1))
  j=$((j + 1))
done
if [ -s "$out/rejected.txt" ]; then
  echo "difffuzz: the verifier's most frequent reasons (rejected.txt):"
  sed 's/^seed [0-9]*: rejected: *//; s/[0-9][0-9]*/N/g' "$out/rejected.txt" | cut -c1-100 |
    sort | uniq -c | sort -rn | head -5
fi
echo "difffuzz: $(($(date +%s) - start)) s, outputs in $out"
echo "difffuzz: tried $t, verifier accepted $a, compared $c, differences $d"
[ "$d" -eq 0 ]
