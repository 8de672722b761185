#!/bin/sh
# minimise.sh — shrinks a program on which the kernel and ebpfsim differ
# (a folder that run.sh kept) into a small C program with the same
# difference.
#
#   testsuite/difffuzz/minimise.sh DIR [PACKET]
#   DF_KERNEL_ERROR=MESSAGE testsuite/difffuzz/minimise.sh --seed S
#
# DIR is OUT/diff/seed-S of run.sh (prog.c and PKT.diff for the packets
# that differ); PACKET (udp4, tcp6, tcp4opt, short) defaults to the
# first that differs.  What differs (status, retval, data_out, map NAME:
# lib.sh's df_signature) is the difference's signature; a smaller
# program is kept only while it compiles, the verifier accepts it, and
# the two sides still differ on a non-empty part of that signature and
# nowhere else, so that the reduction does not wander off to another
# difference.
#
# Two stages:
#   1. statements: gen SEED --drop LIST regenerates the same program
#      without the statements in LIST (and all nested in them); chunks
#      of statements, halving in size, are dropped while the difference
#      stays (delta debugging), then single ones until nothing more goes.
#   2. lines: on the text of the result, every function, block
#      ("... {" to its "}") and line, from the last to the first, is
#      deleted while the difference stays: unused maps, helpers,
#      subprograms and declarations go.  Return statements stay, and
#      clang must not warn of a missing return, an undeclared function
#      or an uninitialised variable (-Werror=...), so that deleting
#      lines brings in no undefined behaviour.
#
# With --seed S and DF_KERNEL_ERROR, it is the kernel's refusal of
# run.sh's program S with MESSAGE (in kernel-run's stderr: libbpf's
# complaint and the end of the verifier's log) that must stay: for
# verifier bugs (DIR is OUT/min/seed-S).
#
# Writes DIR/min.c (the program), DIR/min.o, DIR/min.k.json and
# DIR/min.s.json (kernel, ebpfsim), DIR/min.diff, DIR/min.drop (stage
# 1's LIST), and prints min.c and the commands that reproduce it.
# Environment as run.sh (DIFFFUZZ_OUT: where the tools were built;
# default DIR/../..).
#
# Copyright (C) 2026 The ebpfsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
if [ "${1:-}" = --seed ]; then
  # A program of run.sh's that the kernel refused: DF_KERNEL_ERROR says
  # with which message.
  seed=${2:?usage: minimise.sh --seed S}
  out=${DIFFFUZZ_OUT:-/tmp/difffuzz-out}
  dir=$out/min/seed-$seed
  mkdir -p "$dir"
  df_setup "$out" keep || exit $?
  "$DF_BIN/gen" "$seed" --size "${DIFFFUZZ_SIZE:-24}" --avoid "${DIFFFUZZ_AVOID:-none}" > "$dir/prog.c"
  set -- "$dir" udp4
fi
dir=${1:?usage: minimise.sh DIR [PACKET]}
dir=$(cd "$dir" && pwd) || exit 2
out=${DIFFFUZZ_OUT:-$(cd "$dir/../.." && pwd)}
df_setup "$out" keep
rc=$?
[ $rc -eq 77 ] && exit 77
[ $rc -ne 0 ] && exit 2
kerr=${DF_KERNEL_ERROR:-}

pkt=${2:-}
if [ -z "$pkt" ]; then
  for f in "$dir"/*.diff; do
    case $f in */min.diff) continue ;; esac
    pkt=$(basename "$f" .diff)
    break
  done
fi
[ -f "$dir/$pkt.bin" ] || cp "$DF_PKTDIR/$pkt.bin" "$dir/$pkt.bin"
head=$(sed -n 1p "$dir/prog.c")
seed=$(echo "$head" | sed -n 's/.*seed=\([0-9]*\).*/\1/p')
size=$(echo "$head" | sed -n 's/.*size=\([0-9]*\).*/\1/p')
cpu=$(echo "$head" | sed -n 's/.*-mcpu=\(v[0-9]\).*/\1/p')
nst=$(echo "$head" | sed -n 's/.*stmts=\([0-9]*\).*/\1/p')
avoid=$(echo "$head" | sed -n 's/.*avoid=\([a-z,]*\).*/\1/p')
[ -n "$avoid" ] || avoid=none
w=$dir/min.work
mkdir -p "$w"
if [ -n "$kerr" ]; then
  echo "minimise: seed $seed, $nst statements, the kernel refuses it with: $kerr"
else
  df_signature "$dir/$pkt.diff" > "$w/sig"
  echo "minimise: seed $seed, $nst statements, packet $pkt, differs in: $(tr '\n' ' ' < "$w/sig")"
fi
tests=0

# interesting FILE.c: does it still show (part of) the difference?  Or
# with DF_KERNEL_ERROR, is it still refused with that message?
interesting ()
{
  tests=$((tests + 1))
  df_compile "$1" "$w/t.o" || return 1
  df_run "$w/t.o" "$dir/$pkt.bin" "$w/t"
  rc=$?
  if [ -n "$kerr" ]; then
    [ $rc -eq 2 ] && grep -q -F -- "$kerr" "$w/t.k.err"
    return
  fi
  [ $rc -eq 1 ] || return 1
  df_signature "$w/t.diff" > "$w/t.sig"
  [ -s "$w/t.sig" ] || return 1
  [ -z "$(comm -23 "$w/t.sig" "$w/sig")" ]
}

# Stage 1: statements.  The drop set is a 0/1 string, one char each.
drop=$(printf "%${nst}s" '' | tr ' ' 0)
list ()     # the drop string as gen's LIST
{
  echo "$1" | fold -w1 | awk '$1 == 1 { printf "%s%d", (n++ ? "," : ""), NR - 1 } END { if (!n) printf "none" }'
}
try_drop () # try_drop NEWSTRING: keep it if still interesting
{
  l=$(list "$1")
  if [ "$l" = none ]; then
    "$DF_BIN/gen" "$seed" --size "$size" --avoid "$avoid" --cpu "$cpu" > "$w/c.c"
  else
    "$DF_BIN/gen" "$seed" --size "$size" --avoid "$avoid" --cpu "$cpu" --drop "$l" > "$w/c.c"
  fi
  if interesting "$w/c.c"; then
    drop=$1
    cp "$w/c.c" "$w/best.c"
    return 0
  fi
  return 1
}
"$DF_BIN/gen" "$seed" --size "$size" --avoid "$avoid" --cpu "$cpu" > "$w/best.c"
cmp -s "$w/best.c" "$dir/prog.c" ||
  echo "minimise: warning: $DF_BIN/gen no longer makes prog.c (gen.c changed?)" >&2
if ! interesting "$w/best.c"; then
  echo "minimise: the difference does not reproduce" >&2
  exit 1
fi
chunk=$(( (nst + 1) / 2 ))
while [ $chunk -ge 1 ]; do
  changed=1
  while [ $changed = 1 ]; do
    changed=0
    start=0
    while [ $start -lt "$nst" ]; do
      end=$((start + chunk))
      [ $end -gt "$nst" ] && end=$nst
      seg=$(echo "$drop" | cut -c $((start + 1))-$end)
      case $seg in
        *0*)
          new=$(echo "$drop" | awk -v s=$start -v e=$end '{ printf "%s", substr($0, 1, s); for (i = s; i < e; i++) printf "1"; print substr($0, e + 1) }')
          if try_drop "$new"; then changed=1; fi ;;
      esac
      start=$end
    done
    [ $chunk -gt 1 ] && break
  done
  chunk=$((chunk / 2))
done
list "$drop" > "$dir/min.drop"
echo "minimise: stage 1 kept $(echo "$drop" | tr -cd 0 | wc -c) of $nst statements ($tests tests)"

# Stage 2: lines and blocks of the text, last to first.
cp "$w/best.c" "$w/cur.c"
# block_end FILE LINE: the line of the "}" closing the "{" that ends LINE
# (the generator indents with tabs: the first later line with the same
# indentation starting with "}").
block_end ()
{
  awk -v L="$2" 'NR == L { match($0, /^\t*/); ind = RLENGTH; next }
                 NR > L && ind != "" { match($0, /^\t*/); if (RLENGTH == ind && substr($0, RLENGTH + 1, 1) == "}") { print NR; exit } }' "$1"
}
pass=0
while [ $pass -lt 3 ]; do
  pass=$((pass + 1))
  changed=0
  l=$(wc -l < "$w/cur.c")
  while [ "$l" -gt 1 ]; do
    text=$(sed -n "${l}p" "$w/cur.c")
    e=$l
    b=$l
    case $text in
      '{') e=$(block_end "$w/cur.c" "$l"); [ -n "$e" ] || e=$l; b=$((l - 1)) ;;
      *'{') e=$(block_end "$w/cur.c" "$l"); [ -n "$e" ] || e=$l ;;
      '#include'*|'typedef'*|'SEC('*) l=$((l - 1)); continue ;;
    esac
    if echo "$text" | grep -q '^[[:space:]]*return'; then
      l=$((l - 1))
      continue
    fi
    sed "${b},${e}d" "$w/cur.c" > "$w/c.c"
    if interesting "$w/c.c"; then
      cp "$w/c.c" "$w/cur.c"
      changed=1
    fi
    l=$((l - 1))
  done
  [ $changed = 0 ] && break
done
# Blank statement comments of removed statements are noise; so are
# comment lines.
grep -v '^[[:space:]]*/\* s[0-9]* \*/$' "$w/cur.c" > "$w/c.c"
if interesting "$w/c.c"; then cp "$w/c.c" "$w/cur.c"; fi
interesting "$w/cur.c"
cp "$w/cur.c" "$dir/min.c"
cp "$w/t.o" "$dir/min.o"
if [ -n "$kerr" ]; then
  cp "$w/t.k.err" "$dir/min.k.err"
  echo "minimise: $(wc -l < "$dir/min.c") lines after $tests tests; $dir/min.c:"
  cat "$dir/min.c"
  echo "--- the kernel says:"
  cat "$dir/min.k.err"
  exit 0
fi
cp "$w/t.k.json" "$dir/min.k.json"
cp "$w/t.s.json" "$dir/min.s.json"
cp "$w/t.diff" "$dir/min.diff"
cf=$(sed -n '1s/.*cflags=\(.*\) stmts=.*/\1/p' "$dir/min.c")
echo "minimise: $(wc -l < "$dir/min.c") lines after $tests tests; $dir/min.c:"
cat "$dir/min.c"
echo "--- difference (< kernel, > ebpfsim):"
cat "$dir/min.diff"
echo "--- reproduce:"
echo "$CLANG $DF_CFLAGS $cf -c $dir/min.c -o min.o"
echo "$DF_KRUN min.o prog --data-in $dir/$pkt.bin"
echo "$EBPF_RUN --json --dump-maps --kernel-version $DF_KVER --cpus $DF_CPUS --prog prog --data-in $dir/$pkt.bin min.o"
