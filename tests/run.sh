#!/usr/bin/env bash
# Runs the whole test suite twice: on the normal build, then on a build
# with AddressSanitizer and UndefinedBehaviorSanitizer. Warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."
CI=${CI:-true} bash tests/setup.sh >/dev/null

# Validators must run, not skip, when CI is set.
export CI=${CI:-true}

passed=0
failed=0
run_suite () {
  local dir=$1
  local status=0
  meson test -C "$dir" --print-errorlogs --num-processes 2 "${@:2}" || status=$?
  local counts
  counts=$(python3 - "$dir/meson-logs/testlog.json" <<'PY'
import json, sys
ok = bad = 0
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["result"] in ("OK", "EXPECTEDFAIL", "SKIP"):
        ok += 1
    else:
        bad += 1
print(ok, bad)
PY
)
  passed=$((passed + ${counts% *}))
  failed=$((failed + ${counts#* }))
  return $status
}

overall=0
echo "== tests (build/) =="
run_suite build || overall=1

echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/) =="
if [ ! -f build-asan/meson-private/coredata.dat ]; then
  meson setup build-asan -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbuildtype=debug >/dev/null
fi
ninja -C build-asan >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  run_suite build-asan || overall=1

# Fuzzing, kept short (CI has other work in its 90 minutes): a clang build
# of just the harnesses and the plugins they load, then each harness for
# FUZZ_SECONDS. A crash fails the run and leaves its input in
# build-fuzz/fuzz-artifacts/, to become a regression in tests/fuzz/.
echo "== fuzzing, ${FUZZ_SECONDS:=15} s per harness (build-fuzz/) =="
if [ ! -f build-fuzz/meson-private/coredata.dat ]; then
  CC=clang meson setup build-fuzz -Dwerror=true -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
ninja -C build-fuzz fuzz >/dev/null
if tests/fuzz/run-fuzz.sh build-fuzz "$FUZZ_SECONDS"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  overall=1
fi

echo "$passed passed, $failed failed"
exit $overall
