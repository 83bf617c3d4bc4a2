#!/usr/bin/env bash
# CI, hostile-input part: the test suite and the fuzz seed replay under
# AddressSanitizer + UndefinedBehaviorSanitizer, and several threads
# parsing at once under ThreadSanitizer. Any sanitizer report fails.
# Installs what it uses; runs from a clean checkout as root (as .ci/run).
# About 5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

if [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends build-essential meson ninja-build pkg-config \
    libgmime-3.0-dev libglib2.0-dev libjson-glib-dev check python3 >/dev/null
fi

# GLib's slice allocator hides leaks and frees from the sanitizers.
export G_SLICE=always-malloc G_DEBUG=gc-friendly
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# Check's own per-test limits (tcase_set_timeout) scale as meson's do below: the
# sanitized build runs several times slower, and test-threads' cold start parses
# every tests/data message in 8 threads, so its work grows with tests/data.
export CK_TIMEOUT_MULTIPLIER=3
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/.ci/tsan.supp"

# A report that did not stop the program (a child, a pipe) still fails.
check_log() {
  if grep -nE 'ERROR: (Address|Leak|Thread)Sanitizer|WARNING: ThreadSanitizer|runtime error:' "$1"; then
    echo "sanitize: sanitizer report in $1" >&2
    exit 1
  fi
}

echo "== ASan + UBSan: build"
rm -rf build-asan
meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
  -Dc_args=-fno-sanitize-recover=all -Dc_link_args=-fno-sanitize-recover=all >/dev/null
ninja -C build-asan
echo "== ASan + UBSan: test suite and fuzz seed replay"
# Every test but the Python binding's, which runs in a Python that was not
# built with ASan: the runtime must be preloaded there, and the
# interpreter's own allocations at exit are no leaks of ours.
mapfile -t tests < <(meson test -C build-asan --list 2>/dev/null | sed -n 's|^libbounce[^/]* / ||p')
c_tests=() py_tests=()
for t in "${tests[@]}"; do
  case "$t" in python-*) py_tests+=("$t") ;; *) c_tests+=("$t") ;; esac
done
meson test -C build-asan --print-errorlogs --num-processes 2 --timeout-multiplier 3 "${c_tests[@]}"
check_log build-asan/meson-logs/testlog.txt
if [ "${#py_tests[@]}" -gt 0 ]; then
  LD_PRELOAD="$(gcc -print-file-name=libasan.so)" ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" \
    meson test -C build-asan --print-errorlogs --num-processes 2 --timeout-multiplier 3 \
    "${py_tests[@]}"
  check_log build-asan/meson-logs/testlog.txt
fi

# Once set up (GLib's GOnce is invisible to TSan; the cold start runs in the
# suites above), four threads parse with one shared options object.
echo "== ThreadSanitizer: threads parsing at once"
rm -rf build-tsan
meson setup build-tsan -Db_sanitize=thread -Db_lundef=false >/dev/null
ninja -C build-tsan tests/test-hostile
CK_RUN_CASE=threads CK_FORK=no BOUNCE_TEST_DATA="$PWD/tests/data" \
  build-tsan/tests/test-hostile 2>&1 | tee build-tsan/threads.log
check_log build-tsan/threads.log
echo "sanitize: passed"
