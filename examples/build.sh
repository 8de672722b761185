#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Compile the three examples into OUTDIR (default: examples/build/).
#
#   examples/build.sh [OUTDIR]
#
# The objects are reproducible: same clang, same bytes, wherever the tree
# or OUTDIR lives (sources are compiled from this folder by relative
# path and the debug info's directory is mapped to "."). CLANG overrides
# the compiler.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/build"}
clang=${CLANG:-clang}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The system's asm/ headers live under the multiarch folder, which
# -target bpf does not search by itself.
multiarch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
cflags="-O2 -g -target bpf -I/usr/include/$multiarch -Wall -Werror"

cd "$here"
for src in xdp-firewall/fw.c tc-rewrite/nat.c trace-ringbuf/opensnoop.c; do
    obj=$out/$(basename "$src" .c).o
    echo "  CC  $src -> $obj"
    # shellcheck disable=SC2086  # cflags is a list of words
    "$clang" $cflags -fdebug-prefix-map="$here"=. -c "$src" -o "$obj"
done
