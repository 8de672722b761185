#!/bin/sh
# Finds a GDB that knows the bpf architecture, or builds one from Debian's
# gdb-source (GDB 13.1 configured --target=bpf-unknown-none; about 10
# minutes on 2 cores), cached outside the tree under
# ${EBPF_CACHE:-/var/cache/ebpfsim}/gdb-<version>-<hash of this recipe>.
# Prints the path of the gdb binary on success.  The build also makes GDB's
# bpf simulator, bpf-unknown-none-run, which the benchmarks compare with.
# Usage: gdb-target/build-gdb.sh [--print-only]
set -eu
recipe_hash=$(sha256sum "$0" | cut -c1-12)

knows_bpf () {
  "$1" -batch -nx -ex 'set architecture bpf' >/dev/null 2>&1
}

for candidate in ${GDB:-} bpf-gdb bpf-unknown-none-gdb gdb-multiarch gdb; do
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if knows_bpf "$path"; then
    echo "$path"
    exit 0
  fi
done

tarball=/usr/src/gdb.tar.xz
if [ ! -f "$tarball" ]; then
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q gdb-source \
    libgmp-dev libmpfr-dev texinfo bison flex >&2
fi
version=$(dpkg-query -W -f='${Version}' gdb-source 2>/dev/null || echo unknown)
cache=${EBPF_CACHE:-/var/cache/ebpfsim}/gdb-$version-$recipe_hash
if [ -x "$cache/bin/bpf-unknown-none-gdb" ]; then
  echo "$cache/bin/bpf-unknown-none-gdb"
  exit 0
fi
[ "${1:-}" = "--print-only" ] && exit 1

work=$cache.build
rm -rf "$work"
mkdir -p "$work"
tar -C "$work" -xf "$tarball"
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)   # gdb/ in Debian's tarball
mkdir "$work/obj"
cd "$work/obj"
"$src/configure" --target=bpf-unknown-none --prefix="$cache" \
  --disable-werror --disable-gdbserver --without-python --with-expat=no \
  --disable-nls MAKEINFO=true >&2
make -j"$(nproc)" MAKEINFO=true >&2
make install MAKEINFO=true >&2
rm -rf "$work"
echo "$cache/bin/bpf-unknown-none-gdb"
