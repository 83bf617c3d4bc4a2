#!/usr/bin/env bash
# CI: compare the ABI of libbounce with the recorded baseline abi/libbounce.abi
# (libabigail). Fails on any incompatible change: a removed function, a
# changed function type, a changed type or enumerator value, a changed
# SONAME. Additions (new functions in a new version node, new enumerators
# at the end of an enum) pass. docs/ABI.md has the policy.
#
#   .ci/abi.sh            check (CI runs this)
#   .ci/abi.sh --update   rewrite the baseline on purpose (docs/ABI.md)
#
# Builds only the library, with debug information, in build-abi/.
set -euo pipefail
cd "$(dirname "$0")/.."

baseline=abi/libbounce.abi
builddir=build-abi

if ! command -v abidiff >/dev/null || ! command -v abidw >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "abi.sh: abidiff not found; apt-get install abigail-tools (as root)" >&2
    exit 1
  fi
  echo "== installing abigail-tools"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends abigail-tools \
    >/dev/null
fi

echo "== building the library with debug information in $builddir"
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --buildtype=debugoptimized >/dev/null
fi
meson compile -C "$builddir" bounce >/dev/null
lib="$builddir/lib/libbounce.so"

# Only the types the public headers define count: the library's own structs
# (opaque to callers) and GMime's may change freely.
if [ "${1:-}" = "--update" ]; then
  abidw --headers-dir include --drop-private-types --no-corpus-path --no-show-locs \
    --type-id-style hash --out-file "$baseline" "$lib"
  echo "wrote $baseline from $(readelf -d "$lib" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')"
  exit 0
fi

echo "== abidiff $baseline $lib"
set +e
abidiff --headers-dir2 include --drop-private-types --no-added-syms "$baseline" "$lib"
status=$?
set -e
# abidiff's exit status is a set of bits: 1 error, 2 usage error, 4 an ABI
# change (with added symbols filtered out and harmless changes such as an
# appended enumerator filtered by default, what is left is a change to
# something that exists), 8 an incompatible change (a removed symbol).
if [ "$status" -eq 0 ]; then
  echo "ABI: compatible with $baseline"
  exit 0
fi
[ $((status & 3)) -ne 0 ] && echo "ABI: abidiff itself failed (status $status)" >&2
[ $((status & 8)) -ne 0 ] && echo "ABI: incompatible change (a symbol removed, the SONAME changed)" >&2
[ $((status & 4)) -ne 0 ] && echo "ABI: a function, type or enumerator that exists changed" >&2
echo "ABI check failed. Make the change compatible (add, do not change), or, for a" >&2
echo "deliberate SONAME bump, refresh the baseline: docs/ABI.md says how." >&2
exit 1
