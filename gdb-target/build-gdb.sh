#!/bin/sh
# Finds a GDB that knows the bpf architecture and has Python, or builds one:
# GDB 13.1 from Debian's gdb-source, configured --target=bpf-unknown-none,
# with gdb-target/patches/*.patch applied (10 to 30 minutes on 2 cores).
# The build also installs GDB's bpf simulator, bpf-unknown-none-run, which
# bench/run-bench.sh looks for beside the gdb this prints.
#
# Usage: gdb-target/build-gdb.sh [--print-only]
#   Prints the gdb path on stdout; everything else goes to stderr.
#   Looks, in order, at $GDB (if set, it alone), the cache, then bpf-gdb,
#   bpf-unknown-none-gdb, gdb-multiarch and gdb on PATH; builds only if
#   none qualifies.  --print-only does the same lookup but never builds:
#   it exits 1 instead.
set -eu
LC_ALL=C        # the same sorted order of patches for the key and for patch
export LC_ALL

# Bump only when the configure options or build steps below change: the
# cache key is made of the inputs (tarball, patches, this), not of this
# file's text, so that editing comments does not cost a rebuild.
recipe=r2

print_only=
[ "${1:-}" = "--print-only" ] && print_only=1
here=$(cd "$(dirname "$0")" && pwd)
tarball=/usr/src/gdb.tar.xz

# Taken only if it knows bpf and has Python (the extensions need both);
# one run, so a failing "set architecture" cannot hide behind the print
# (whose own message to_string keeps off stdout).
check='python gdb.execute("set architecture bpf", to_string=True); print("ok")'
qualifies () {
  [ -x "$1" ] && [ "$("$1" -batch -nx -ex "$check" 2>/dev/null)" = ok ]
}

if [ -n "${GDB:-}" ]; then
  path=$(command -v "$GDB" 2>/dev/null) && qualifies "$path" && echo "$path" && exit 0
  echo "build-gdb.sh: GDB=$GDB does not know bpf or has no Python" >&2
  exit 1
fi

# Cache key: the tarball's content, the patch set ("none" if empty), the
# recipe.  As scripts/check-*, fall back to a per-user cache under TMPDIR
# when the shared one cannot be written.
cache_root=${EBPF_CACHE:-/var/cache/ebpfsim}
if ! mkdir -p "$cache_root" 2>/dev/null || [ ! -w "$cache_root" ]; then
  cache_root=${TMPDIR:-/tmp}/ebpfsim-cache-$(id -u)
  mkdir -p "$cache_root"
fi
cache=
cache_key () {
  set --
  for p in "$here"/patches/*.patch; do [ -f "$p" ] && set -- "$@" "$p"; done
  patches=none
  [ $# -eq 0 ] || patches=$(cat "$@" | sha256sum | cut -c1-12)
  cache=$cache_root/gdb-$(sha256sum "$tarball" | cut -c1-12)-$patches-$recipe
}
[ -f "$tarball" ] && cache_key
gdb_bin=bin/bpf-unknown-none-gdb
if [ -n "$cache" ] && [ -x "$cache/$gdb_bin" ]; then
  echo "$cache/$gdb_bin"
  exit 0
fi

for candidate in bpf-gdb bpf-unknown-none-gdb gdb-multiarch gdb; do
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if qualifies "$path"; then
    echo "$path"
    exit 0
  fi
done
[ -z "$print_only" ] || exit 1

# Build dependencies, installed only when missing.  Expat: GDB parses
# target descriptions and memory maps (qXfer:features, qXfer:memory-map)
# with it and ignores them without.  Python: Debian's /usr/bin/python3 is
# named by path below, not whatever python3 comes first on PATH (a pyenv
# shim, say, whose libpython and home are not python3-dev's).
need=
for pkg in gdb-source python3-dev libgmp-dev libmpfr-dev libexpat1-dev; do
  dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q ' installed$' \
    || need="$need $pkg"
done
if [ -n "$need" ]; then
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $need >&2
fi
cache_key

# One build at a time per cache root: a second setup waits, then finds the
# first one's result.  The lock goes with the process.
exec 9<"$cache_root"
if ! flock -n 9; then
  echo "build-gdb.sh: waiting for another GDB build in $cache_root" >&2
  flock 9
fi
if [ -x "$cache/$gdb_bin" ]; then
  echo "$cache/$gdb_bin"
  exit 0
fi
rm -rf "$cache_root"/gdb-build.*   # left by killed builds; we hold the lock

# Build and install into a scratch directory beside the cache, removed on
# any exit; only a complete, working install is renamed into place.
tmp=$(mktemp -d "$cache_root/gdb-build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
start=$(date +%s)
echo "build-gdb.sh: building GDB into $cache (log on stderr)" >&2
tar -C "$tmp" -xf "$tarball"
src=$tmp/gdb                       # Debian's tarball unpacks to gdb/
for p in "$here"/patches/*.patch; do
  [ -f "$p" ] || continue
  echo "build-gdb.sh: applying $(basename "$p")" >&2
  patch -d "$src" -p1 --batch --forward < "$p" >&2
done
mkdir "$tmp/obj"
cd "$tmp/obj"
"$src/configure" --target=bpf-unknown-none --prefix="$cache" \
  --disable-werror --disable-gdbserver --disable-nls \
  --with-python=/usr/bin/python3 --with-expat --with-mpfr MAKEINFO=true >&2
make -j"$(nproc)" MAKEINFO=true >&2
make install MAKEINFO=true DESTDIR="$tmp/dest" >&2
built=$tmp/dest$cache
if ! qualifies "$built/$gdb_bin" || [ ! -x "$built/bin/bpf-unknown-none-run" ]; then
  echo "build-gdb.sh: the built GDB lacks bpf, Python or the simulator:" >&2
  "$built/$gdb_bin" -batch -nx -ex "$check" >&2 || :
  ls "$built/bin" >&2 || :
  exit 1
fi
mv "$built" "$cache"
echo "build-gdb.sh: built in $(( $(date +%s) - start )) s" >&2
echo "$cache/$gdb_bin"
