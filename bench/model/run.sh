#!/bin/sh
# Validation of ebpfsim's cycle model against the running kernel.
#
# ebpf-run predicts how long a run of a program takes on a real kernel:
# its cycle model prices instruction classes, helper calls and map
# operations in cycles and, with the model's clock rate, nanoseconds.
# This benchmark holds that prediction against the kernel itself.  Each
# (program, packet) pair runs twice:
#
#   - on this kernel, JIT as configured, through bench/model/ktime:
#     BPF_PROG_TEST_RUN with a repeat count sized to ~MODEL_TRIAL_MS ms of
#     runs, MODEL_TRIALS trials, the median of the kernel's own
#     nanoseconds per run;
#   - on ebpf-run --json with --repeat R on the same packet, the
#     predicted time of the R runs divided by R.  R (1 to 1000, about a
#     millisecond of kernel time) lets maps reach the steady state that
#     the kernel's many repeats reach, so that first-run effects (a hash
#     map's inserts before its updates) weigh little on both sides.
#
# The prediction is ebpf-run's "time_ns", read as the time of all R
# runs, as "cycles" and "instructions" are; an ebpf-run without that
# field gives "cycles" at 3 GHz instead.  The cycle model is the one
# ebpf-run names in "cycle_model".
#
# The programs are ones the model was not calibrated on: the examples
# (examples/build.sh), the bench programs (B2 assembled into an XDP
# section, B3, B5, B6; B7 is a raw tracepoint, whose test runs take no
# repeat count, and its loop of 1M map updates is beyond the verifier's
# budget anyway, so it is left out) and every XDP, tc and socket-filter
# program of the testsuite's C sources, compiled with clang as the
# testsuite compiles them.  The kernel refuses some of the testsuite's
# programs (some on purpose, the neg_* cases): those are listed with the
# verifier's reason and not timed.  The packets are bench/model/
# gen-packets' five: IPv4/UDP (64 bytes), a TCP SYN, IPv6/UDP, a bare
# 14-byte Ethernet header, a 1500-byte frame.  Maps start empty on both
# sides (the firewall's block lists are not seeded).
#
# Printed: the machine, the model, a row per pair (kernel ns, predicted
# ns, relative error (predicted - kernel) / kernel), then the median and
# worst absolute relative error, the median signed error (the model's
# bias) and Spearman's rank correlation between kernel and predicted
# times, which says whether the model orders programs right even where
# its scale is off.  A row marked "retval" had different return values
# on the two sides: the runs took different paths (or the kernel's
# many repeats left different map state), so its times compare less.
#
# Known limits: the kernel's duration is a whole number of ns per run
# (truncated: up to 20% on the 5 ns programs); it includes the test-run
# loop's own cost per repeat, which the model has to count as part of a
# run.  A kernel XDP or skb test run keeps the same packet across its
# repeats, so a program that changes the packet (adjust_head, tail
# changes, a TTL decrement) sees its own output from the second repeat
# on, while ebpf-run gives every repeat a fresh copy; and the kernel's
# maps see hundreds of thousands of runs to ebpf-run's R, so counters
# differ (both show up as "retval" rows).
#
# Needs root (bpf()), clang, libbpf-dev (libbpf 1.1 or later), and ebpf-run
# built in BUILDDIR.  Exit status 77 (skipped) when bpf() is refused or a
# tool is missing.  Outputs go to BUILDDIR/bench/model-build.
#
# Usage: bench/model/run.sh [BUILDDIR]
#   MODEL_TRIALS (default 5) and MODEL_TRIAL_MS (default 10) tune ktime;
#   MODEL_INPUTS lists packet names to use (default all five).
# shellcheck disable=SC2086  # cflags and extra are lists of words
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$top}" && pwd)
run="$build/sim/ebpf-run"
as="$build/binutils-port/ebpf-as"
out="$build/bench/model-build"
trials=${MODEL_TRIALS:-5}
trial_ms=${MODEL_TRIAL_MS:-10}
inputs=${MODEL_INPUTS:-"udp64 tcp-syn ipv6-udp eth14 big1500"}
cpus=$(getconf _NPROCESSORS_CONF 2>/dev/null || echo 1)

skip () {
  echo "bench/model: $*; skipped" >&2
  exit 77
}

[ -x "$run" ] || { echo "bench/model: $run is not built (make sim/ebpf-run)" >&2; exit 1; }
command -v clang > /dev/null 2>&1 || skip "clang is not installed"
rm -rf "$out"
mkdir -p "$out/obj" "$out/packets" "$out/log"

# --- the tools and the packets ----------------------------------------------
cc=${CC:-cc}
$cc -O2 -std=gnu11 "$here/gen-packets.c" -o "$out/gen-packets"
"$out/gen-packets" "$out/packets"
if ! $cc -O2 -std=gnu11 "$here/ktime.c" -o "$out/ktime" -lbpf -lelf -lz \
     2> "$out/log/ktime-build"; then
  cat "$out/log/ktime-build" >&2
  skip "ktime does not build (libbpf-dev, libelf-dev and zlib1g-dev are needed)"
fi
ktime="$out/ktime"

# --- the programs ------------------------------------------------------------
# A case per line: LABEL OBJECT PROGRAM.  What is left out, and why, goes
# to $out/notes for the end of the report.
cases="$out/cases"
notes="$out/notes"
: > "$cases"
: > "$notes"
# -target bpf does not search the multiarch folder of the asm/ headers.
multiarch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
cflags="-O2 -g -target bpf -I/usr/include/$multiarch"

# XDP, tc and socket-filter programs of OBJ, as LABEL:PROGRAM cases.
# ebpf-run --list names them as libbpf does (by function).
add_programs () {  # label object
  "$run" --list "$2" 2> /dev/null | awk -v l="$1" -v o="$2" '
    /^programs:/ { p = 1; next }
    /^[a-z]/ { p = 0 }
    p && $2 == "section" && $3 ~ /^(xdp|tc|classifier|socket)/ { print l, o, $1 }' >> "$cases"
}

# The examples: the firewall (XDP) and the NAT (tc); the tracer has no
# packet to run on.
sh "$top/examples/build.sh" "$out/obj/examples" > /dev/null
add_programs fw "$out/obj/examples/fw.o"
add_programs nat "$out/obj/examples/nat.o"
# Before compiling the rest: may this process use bpf() at all?
status=0
"$ktime" --repeat 1 --trials 1 "$out/obj/examples/fw.o" xdp_firewall \
  "$out/packets/udp64.bin" > /dev/null 2> "$out/log/probe" || status=$?
if [ $status -eq 77 ]; then
  cat "$out/log/probe" >&2
  skip "bpf() is refused here (run as root)"
fi

# The bench programs.  B2 is straight-line ebpf-as source in .text,
# which libbpf treats as a subprogram: a section of its own and a
# function symbol make it an XDP program.
for b in b3-sort b5-hashmap b6-helpers; do
  clang $cflags -c "$top/bench/$b.c" -o "$out/obj/$b.o"
  add_programs "${b%%-*}" "$out/obj/$b.o"
done
if [ -x "$as" ]; then
  { printf '\t.section xdp, "ax"\n\t.globl b2\n\t.type b2, @function\nb2:\n'
    sh "$top/bench/gen-b2.sh"
    printf '\t.size b2, .-b2\n'; } > "$out/obj/b2.s"
  "$as" -o "$out/obj/b2.o" "$out/obj/b2.s"
  add_programs b2 "$out/obj/b2.o"
else
  echo "B2: $as is not built, left out" >> "$notes"
fi
echo "B7 (b7-map-memory.c): a raw tracepoint program (BPF_PROG_TEST_RUN takes no repeat count for those), and its 1M-iteration loop is beyond the verifier's budget: left out" >> "$notes"

# The testsuite's C programs for XDP, tc and socket filters, compiled as
# their tests do (atomics.c needs -mcpu=v3; gdb-step.exp builds
# oneline.c with 2,000 rounds, the default 125,000 are beyond the
# verifier's 1M-instruction budget).
ts_compiled=0 ts_failed=0
# shellcheck disable=SC2046  # the testsuite's paths have no blanks
for src in $(cd "$top/testsuite" && grep -lE 'SEC *\( *"(xdp|tc|classifier|socket)' \
             $(find . -name '*.c' ! -path './tmp/*' ! -path './unit/*' ! -path './fuzz/*' | sort)); do
  label=$(echo "$src" | sed 's|^\./ebpf\.||; s|/progs/|/|; s|/run/|/|; s|\.c$||')
  obj="$out/obj/ts-$(echo "$label" | tr / -).o"
  extra=""
  case $src in
    */atomics.c) extra=-mcpu=v3 ;;
    */ebpf.gdb/progs/oneline.c) extra=-DROUNDS=2000 ;;
  esac
  if clang $cflags $extra -c "$top/testsuite/$src" -o "$obj" 2> "$out/log/$(basename "$obj" .o).clang"; then
    ts_compiled=$((ts_compiled + 1))
    add_programs "$label" "$obj"
  else
    ts_failed=$((ts_failed + 1))
    echo "testsuite $src: clang failed ($(head -1 "$out/log/$(basename "$obj" .o).clang"))" >> "$notes"
  fi
done

# --- measuring -----------------------------------------------------------------
# Why the kernel refused a program, from a ktime log: the verifier's
# message (the last line of its log that is neither statistics nor a
# dump of states), else libbpf's first complaint that is not a summary,
# else ktime's own.
refusal () {
  awk '/^ktime: end of the verifier/ { v = 1; next }
       v && !/processed [0-9]+ insns/ && !/^ *(verification time|stack depth|cur state|old state)/ { r = $0 }
       !v && /^  libbpf: / && lib == "" && !/failed to load object|failed to load: -|Retrying without BTF|program load failed/ { lib = $0 }
       /^ktime:/ && first == "" { first = $0 }
       END { if (r == "") r = lib; if (r == "") r = first
             sub(/^ +(libbpf: )?/, "", r); print r }' "$1"
}

# A JSON number or string field of one-line JSON.
json_num () {
  sed -n "s/.*\"$1\": *\\(-\\{0,1\\}[0-9][0-9.eE+-]*\\).*/\\1/p" "$2"
}
json_str () {
  sed -n "s/.*\"$1\": *\"\\([^\"]*\\)\".*/\\1/p" "$2"
}

results="$out/results"
: > "$results"
: > "$out/run-refused"
model="" clock_note=""
echo "ebpfsim cycle model against the kernel"
echo "machine: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $cpus CPUs, Linux $(uname -r), JIT $(cat /proc/sys/net/core/bpf_jit_enable 2>/dev/null || echo '?')"
echo "kernel: median of $trials trials of BPF_PROG_TEST_RUN, ~$trial_ms ms of repeats each"
echo
printf '%-38s %-9s %12s %12s %9s\n' program input "kernel ns" "predicted ns" error

programs=0 refused=0 pairs=0 run_refused=0 sim_failed=0
while read -r label obj prog; do
  programs=$((programs + 1))
  name="$label:$prog"
  first=1
  for input in $inputs; do
    data="$out/packets/$input.bin"
    log="$out/log/$(echo "$name" | tr /: --).$input"
    status=0
    k=$("$ktime" --trials "$trials" --trial-ms "$trial_ms" "$obj" "$prog" "$data" \
        < /dev/null 2> "$log.ktime") || status=$?
    if [ $status -eq 77 ]; then
      cat "$log.ktime" >&2
      skip "bpf() is refused here (run as root)"
    fi
    if [ $status -eq 2 ] && [ $first -eq 1 ]; then
      refused=$((refused + 1))
      echo "$name: refused by the kernel: $(refusal "$log.ktime")" >> "$notes"
      break
    fi
    first=0
    if [ $status -ne 0 ]; then
      run_refused=$((run_refused + 1))
      echo "$input|$(sed -n 's/^ktime: .*refused: //p' "$log.ktime" | head -1)|$name" >> "$out/run-refused"
      continue
    fi
    kns=${k% *} kret=${k#* }
    if [ "${kns%.*}" -le 0 ]; then   # an error below is relative to it
      echo "$name on $input: the kernel reported 0 ns per run" >> "$notes"
      continue
    fi
    # About a millisecond of kernel time in R runs, 1 to 1000.
    r=$(awk -v k="$kns" 'BEGIN { r = int(1e6 / (k > 0 ? k : 1)); print (r < 1 ? 1 : r > 1000 ? 1000 : r) }')
    status=0
    "$run" --json --cpus "$cpus" --repeat "$r" --timeout 60 --prog "$prog" --data-in "$data" "$obj" \
      < /dev/null > "$log.json" 2> "$log.sim" || status=$?
    if [ $status -ne 0 ]; then
      sim_failed=$((sim_failed + 1))
      echo "$name on $input: ebpf-run exit $status: $(head -1 "$log.sim")" >> "$notes"
      continue
    fi
    t=$(json_num time_ns "$log.json")
    if [ -z "$t" ]; then
      c=$(json_num cycles "$log.json")
      t=$(awk -v c="$c" 'BEGIN { print c / 3 }')
      clock_note="no \"time_ns\" from ebpf-run: predicted = cycles / 3 (a 3 GHz clock)"
    fi
    [ -n "$model" ] || model=$(json_str cycle_model "$log.json")
    sret=$(json_num retval "$log.json")
    pairs=$((pairs + 1))
    # The kernel's retval is 32 bits; ebpf-run's r0 is 64, in decimal
    # beyond awk's exact integers: its low 32 bits digit by digit.
    awk -v n="$name" -v i="$input" -v k="$kns" -v t="$t" -v r="$r" -v kr="$kret" \
        -v sr="$sret" -v f="$results" 'BEGIN {
      p = t / r
      low = 0
      for (j = 1; j <= length(sr); j++)
        low = (low * 10 + substr(sr, j, 1)) % 4294967296
      printf "%-38s %-9s %12.1f %12.1f %+8.1f%%%s\n", n, i, k, p, (p - k) / k * 100,
        (low == kr + 0 ? "" : sprintf("  retval %s, ebpfsim %s", kr, low))
      printf "%s %s %s %s %d\n", n, i, k, p, (low == kr + 0) >> f }'
  done
done < "$cases"

# --- summary -------------------------------------------------------------------
echo
if [ "$pairs" -gt 0 ]; then
  # The statistics over all pairs, then over those whose return values
  # agree (the same path on both sides, as far as r0 tells).
  awk '{ n++; name[n] = $1 " " $2; k[n] = $3; p[n] = $4; same[n] = $5 }
    function median(v, m,   i, j, t, s) {
      for (i = 1; i <= m; i++) s[i] = v[i]
      for (i = 2; i <= m; i++) { t = s[i]; for (j = i - 1; j >= 1 && s[j] > t; j--) s[j + 1] = s[j]; s[j + 1] = t }
      return m % 2 ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2
    }
    # ranks, ties given their mean rank
    function rank(v, rk, m,   i, j, less, eq) {
      for (i = 1; i <= m; i++) {
        less = 0; eq = 0
        for (j = 1; j <= m; j++) { if (v[j] < v[i]) less++; else if (v[j] == v[i]) eq++ }
        rk[i] = less + (eq + 1) / 2
      }
    }
    function stats(title, only_same,   i, m, kk, pp, e, a, nm, worst, rk, rp, mk, mp, sxy, sxx, syy) {
      for (i = 1; i <= n; i++) {
        if (only_same && !same[i]) continue
        m++; kk[m] = k[i]; pp[m] = p[i]; nm[m] = name[i]
        e[m] = (p[i] - k[i]) / k[i] * 100; a[m] = e[m] < 0 ? -e[m] : e[m]
      }
      if (m == 0) return
      worst = 1
      for (i = 2; i <= m; i++) if (a[i] > a[worst]) worst = i
      rank(kk, rk, m); rank(pp, rp, m)
      for (i = 1; i <= m; i++) { mk += rk[i]; mp += rp[i] }
      mk /= m; mp /= m
      for (i = 1; i <= m; i++) { sxy += (rk[i] - mk) * (rp[i] - mp); sxx += (rk[i] - mk) ^ 2; syy += (rp[i] - mp) ^ 2 }
      printf "%s: %d pairs\n", title, m
      printf "  median |error| %.1f%%, worst |error| %.1f%% (%s), median error (bias) %+.1f%%\n",
        median(a, m), a[worst], nm[worst], median(e, m)
      if (sxx > 0 && syy > 0) printf "  Spearman rank correlation of kernel and predicted times: %.3f\n", sxy / sqrt(sxx * syy)
      else print "  Spearman rank correlation: undefined (constant times)"
    }
    END {
      stats("all", 0)
      for (i = 1; i <= n; i++) if (!same[i]) diff++
      if (diff) stats("same return value on both sides", 1)
    }' "$results"
fi
echo "model: ${model:-not named by ebpf-run (its built-in model)}"
[ -z "$clock_note" ] || echo "note: $clock_note"
echo "programs: $programs ($refused refused by the kernel), testsuite sources: $ts_compiled compiled, $ts_failed not"
echo "pairs timed: $pairs; test runs the kernel refused: $run_refused; ebpf-run failures: $sim_failed"
if [ -s "$notes" ] || [ -s "$out/run-refused" ]; then
  echo
  echo "Not timed:"
  sed 's/^/  /' "$notes"
  # Test runs refused, by input and reason: typically one input for a
  # whole class of programs.
  sort "$out/run-refused" | awk -F'|' '
    function flush() { if (n) printf "  %s: BPF_PROG_TEST_RUN refused (%s) for %d program%s: %s\n", pi, pr, n, (n > 1 ? "s" : ""), names }
    $1 != pi || $2 != pr { flush(); pi = $1; pr = $2; n = 0; names = "" }
    { n++; if (n <= 5) names = names (n > 1 ? ", " : "") $3; else if (n == 6) names = names ", ..." }
    END { flush() }'
fi
