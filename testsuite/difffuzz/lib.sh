# Shell functions shared by run.sh and minimise.sh (sourced, not run).
# See run.sh for what the differential fuzzer does.
#
# Copyright (C) 2026 The ebpfsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=sh disable=SC2086  # cflags are lists of words

df_here=${df_here:-$(cd "$(dirname "$0")" && pwd)}  # this folder
df_top=$(cd "$df_here/../.." && pwd)
EBPF_RUN=${EBPF_RUN:-$df_top/sim/ebpf-run}
CLANG=${CLANG:-clang}
DF_CFLAGS=${DF_CFLAGS:--O2 -g -target bpf -I/usr/include/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)}
DF_PACKETS=${DF_PACKETS:-"udp4 tcp6 tcp4opt short"}
# Undefined behaviour that clang can see is an error (minimise.sh deletes
# lines: a missing return or declaration must not slip through).
DF_WERROR="-Werror=return-type -Werror=implicit-function-declaration -Werror=uninitialized -Werror=sometimes-uninitialized"

# df_setup OUT [keep]: builds gen, norm and kernel-run into OUT/bin, writes the
# packets into OUT/packets, and sets DF_BIN, DF_KRUN, DF_CPUS, DF_KVER.
# Returns 77 when bpf() is refused or a tool is missing.
df_setup ()
{
  DF_BIN=$1/bin
  mkdir -p "$DF_BIN" "$1/packets" || return 1
  for t in gen norm; do
    # minimise.sh passes "keep": the generator that made the programs of
    # OUT, even if gen.c changed since (SEED and --drop must regenerate
    # the same program).
    [ "${2:-}" = keep ] && [ -x "$DF_BIN/$t" ] && continue
    if [ ! -x "$DF_BIN/$t" ] || [ "$df_here/$t.c" -nt "$DF_BIN/$t" ]; then
      ${CC:-cc} -O2 -o "$DF_BIN/$t" "$df_here/$t.c" || return 1
    fi
  done
  # kernel-run: KERNEL_RUN if set, else built from testsuite/kernel-run.c.
  if [ -n "${KERNEL_RUN:-}" ]; then
    DF_KRUN=$KERNEL_RUN
  else
    DF_KRUN=$DF_BIN/kernel-run
    if [ ! -f "$df_top/testsuite/kernel-run.c" ]; then
      echo "difffuzz: no testsuite/kernel-run.c" >&2
      return 77
    fi
    if [ ! -x "$DF_KRUN" ] || [ "$df_top/testsuite/kernel-run.c" -nt "$DF_KRUN" ]; then
      ${CC:-cc} -O2 -o "$DF_KRUN" "$df_top/testsuite/kernel-run.c" -lbpf -lelf -lz ||
        { echo "difffuzz: cannot build kernel-run (libbpf-dev?)" >&2; return 77; }
    fi
  fi
  command -v "$CLANG" >/dev/null 2>&1 || { echo "difffuzz: no $CLANG" >&2; return 77; }
  [ -x "$EBPF_RUN" ] || { echo "difffuzz: no $EBPF_RUN (build ebpfsim first)" >&2; return 77; }
  DF_CPUS=$("$DF_KRUN" --probe 2>/dev/null)
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "difffuzz: bpf() refused here (kernel-run --probe: $rc)" >&2
    return 77
  fi
  # ebpf-run follows the helper semantics of the kernel it is compared with.
  DF_KVER=${DF_KVER:-$(uname -r | sed -n 's/^\([0-9]*\.[0-9]*\).*/\1/p')}
  case $DF_KVER in
    6.1|6.[2-9]|6.1[0-8]) ;;
    *) DF_KVER=6.18 ;;
  esac
  for p in $DF_PACKETS; do
    "$DF_BIN/gen" --packet "$p" > "$1/packets/$p.bin" || return 1
  done
  DF_PKTDIR=$1/packets
  return 0
}

# df_compile SRC OBJ: clang with the program's own -mcpu (its first line).
df_compile ()
{
  cf=$(sed -n '1s/.*cflags=\(.*\) stmts=.*/\1/p' "$1")
  $CLANG $DF_CFLAGS $DF_WERROR $cf -c "$1" -o "$2" 2> "$2.clang.err"
}

# df_run OBJ PKT PREFIX: runs the program "prog" of OBJ on PKT on the
# kernel and on ebpfsim; PREFIX.k.json and PREFIX.s.json are what they
# printed, PREFIX.k and PREFIX.s the normalised results (with the exit
# status first), PREFIX.diff their difference.  Returns 0 same, 1
# different, 2 the kernel did not load the program (verifier), 3 the
# kernel refused the test run.
df_run ()
{
  timeout 120 "$DF_KRUN" "$1" prog --data-in "$2" > "$3.k.json" 2> "$3.k.err"
  krc=$?
  [ $krc -eq 2 ] && return 2
  [ $krc -ne 0 ] && return 3
  tries=0
  while :; do
    timeout 120 "$EBPF_RUN" --json --dump-maps --kernel-version "$DF_KVER" --cpus "$DF_CPUS" \
      --timeout 60 --prog prog --data-in "$2" "$1" > "$3.s.json" 2> "$3.s.err"
    src=$?
    # 126/127: ebpf-run is being rebuilt (make relinks it): wait.
    case $src in 126|127) ;; *) break ;; esac
    tries=$((tries + 1))
    [ $tries -ge 60 ] && break
    sleep 2
  done
  { echo "status 0"; "$DF_BIN/norm" "$3.k.json" 2>/dev/null; } > "$3.k"
  { echo "status $src"; "$DF_BIN/norm" "$3.s.json" 2>/dev/null; } > "$3.s"
  if diff "$3.k" "$3.s" > "$3.diff"; then
    return 0
  fi
  return 1
}

# df_signature DIFF: what differs, one word a line (status, retval,
# data_out, map NAME), sorted: minimise.sh keeps a reduction only while
# its signature stays within the original's.
df_signature ()
{
  sed -n 's/^[<>] \(elem\|map\) \([^ ]*\).*/map \2/p; s/^[<>] \(status\|retval\|data_out\) .*/\1/p' "$1" | sort -u
}
