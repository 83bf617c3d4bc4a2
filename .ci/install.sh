#!/usr/bin/env bash
# CI: install libbounce into a temporary prefix and use it as a user would:
#  - the example is built from a copy of examples/ with its Makefile, through
#    pkg-config, against the installed library, and run on a Maildir;
#  - the Python binding's tests run against the installed libbounce.so.0;
#  - `man bounceparse` and `man 3 libbounce` work with the prefix's bin/ on
#    PATH (man finds ../share/man), the headers and libbounce.pc are there.
# Reuses the build directory the README's commands made (build/, or $BUILD):
# its prefix is pointed at the temporary one for the install, then restored.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
build=${BUILD:-build}
export DEBIAN_FRONTEND=noninteractive

if ! command -v man >/dev/null || ! command -v make >/dev/null; then
  echo "== installing man-db and make"
  apt-get install -y -q --no-install-recommends man-db make >/dev/null
fi

[ -f "$build/build.ninja" ] || meson setup "$build" >/dev/null
tmp=$(mktemp -d)
prefix="$tmp/prefix"
old_prefix=$(meson introspect "$build" --buildoptions |
  python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
restore() {
  meson configure "$build" -Dprefix="$old_prefix" >/dev/null || true
  rm -rf "$tmp"
}
trap restore EXIT

echo "== meson install into $prefix"
meson configure "$build" -Dprefix="$prefix" >/dev/null
ninja -C "$build" >/dev/null
meson install -C "$build" --quiet >/dev/null

pc=$(find "$prefix" -name libbounce.pc)
libdir=$(dirname "$(dirname "$pc")")
for f in "$prefix/bin/bounceparse" "$libdir/libbounce.so.0" "$prefix/include/bounce/bounce.h" \
         "$prefix/include/bounce/bounce-version.h" "$prefix/include/bounce/bounce-gmime.h" \
         "$prefix/share/man/man1/bounceparse.1" "$prefix/share/man/man3/libbounce.3"; do
  [ -e "$f" ] || { echo "install.sh: $f was not installed" >&2; exit 1; }
done
export PKG_CONFIG_PATH="$(dirname "$pc")" LD_LIBRARY_PATH="$libdir"

echo "== examples/ built with pkg-config $(pkg-config --modversion libbounce) and run"
cp -r "$src/examples" "$tmp/examples"
make -s -C "$tmp/examples" >/dev/null
linked=$(ldd "$tmp/examples/bounce-lists" | awk '/libbounce/ {print $3}')
[ "$(realpath "$linked")" = "$(realpath "$libdir/libbounce.so.0")" ] ||
  { echo "install.sh: the example loads $linked, not the installed library" >&2; exit 1; }
python3 "$src/examples/test-bounce-lists.py" "$tmp/examples/bounce-lists" \
  "$prefix/bin/bounceparse" "$src/tests/data"

echo "== Python binding against the installed library"
LIBBOUNCE_LIBRARY="$libdir/libbounce.so.0" BOUNCEPARSE="$prefix/bin/bounceparse" \
  BOUNCE_TEST_DATA="$src/tests/data" PYTHONDONTWRITEBYTECODE=1 \
  python3 "$src/bindings/python/test_libbounce.py" 2>&1 | tail -n 3

echo "== man pages"
export MAN_DISABLE_SECCOMP=1 MANPAGER=cat MANWIDTH=80
for page in "bounceparse" "3 libbounce"; do
  # shellcheck disable=SC2086
  where=$(PATH="$prefix/bin:$PATH" man -w $page)
  case "$where" in
    "$prefix"/*) ;;
    *) echo "install.sh: man $page found '$where', not the installed page" >&2; exit 1 ;;
  esac
  # shellcheck disable=SC2086
  PATH="$prefix/bin:$PATH" man $page | grep -q "SEE ALSO" ||
    { echo "install.sh: man $page did not render" >&2; exit 1; }
  echo "man $page: $where"
done
echo "install: OK"
