#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer, and their seed corpora from tests/data and
# fuzz/seeds. Debian 12: clang 14 and its runtime (libFuzzer is in
# libclang-rt-14-dev); the script installs them when it runs as root and
# they are missing.
#
#   fuzz/build.sh [BUILDDIR]        (default build-fuzz)
#   BUILDDIR/fuzz/fuzz-parse BUILDDIR/fuzz/corpus-parse -dict=fuzz/bounce.dict
#
# fuzz/README.md says how to run them.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build-fuzz}

have_libfuzzer() {
  command -v clang >/dev/null 2>&1 &&
    echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' |
      clang -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1
}
if ! have_libfuzzer; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      clang libclang-rt-dev meson ninja-build pkg-config libgmime-3.0-dev libglib2.0-dev \
      libjson-glib-dev check >/dev/null
  fi
  have_libfuzzer || { echo "fuzz/build.sh: clang with libFuzzer is needed (apt-get install clang libclang-rt-dev)" >&2; exit 1; }
fi

# The library gets coverage instrumentation (fuzzer-no-link); the targets
# link libFuzzer. UBSan reports are fatal, as ASan's are.
if [ ! -d "$out" ]; then
  CC=clang CFLAGS="-fsanitize=fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer -gline-tables-only" \
    meson setup "$out" -Dfuzzing=libfuzzer -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbuildtype=debugoptimized
fi
ninja -C "$out" fuzz/fuzz-parse fuzz/fuzz-mbox fuzz/fuzz-text

# Seed corpora: every message in tests/data and fuzz/seeds, after each of
# the option prefixes the target defines (the same as fuzz_prefixes[] in
# fuzz-*.c, which the replay programs use).
declare -A prefixes=(
  [parse]='\x07\x00 \x1f\x55 \x08\xaa'
  [mbox]='\x07\x00 \x27\x00 \x0f\x55'
  [text]='\x00 \x01 \x02 \x03 \x04 \x05 \x06 \x07'
)
for t in parse mbox text; do
  dir="$out/fuzz/corpus-$t"
  mkdir -p "$dir"
  for f in tests/data/*.eml fuzz/seeds/*; do
    k=0
    for p in ${prefixes[$t]}; do
      { printf "$p"; cat "$f"; } > "$dir/$(basename "$f").$k"
      k=$((k + 1))
    done
  done
done
echo "fuzz/build.sh: targets and corpora in $out/fuzz"
