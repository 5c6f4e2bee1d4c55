#!/usr/bin/env bash
# Runs every libFuzzer harness of a -Dfuzzing=true build for a few seconds
# each, seeded with the Markdown of samples/ and tests/ and the regression
# inputs. A crash leaves its input in FUZZ_ARTIFACTS (default: the build's
# fuzz-artifacts/): add it to tests/fuzz/regressions/ once fixed.
#   tests/fuzz/run-fuzz.sh BUILD_DIR [SECONDS_PER_HARNESS] [HARNESS…]
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
seconds=${2:-20}
shift $(( $# >= 2 ? 2 : 1 ))
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  for h in "$build"/tests/fuzz/fuzz-*; do
    [ -x "$h" ] && [ -f "$h" ] && harnesses+=("$(basename "$h")")
  done
fi
artifacts=${FUZZ_ARTIFACTS:-$build/fuzz-artifacts}
mkdir -p "$artifacts"

# Seeds: every Markdown file the project keeps (under 64 KiB, as bigger
# ones only slow the first pass), plus the regressions.
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
find "$root/samples" "$root/tests" -name '*.md' -size -64k -not -path '*/fuzz/*' |
  while read -r f; do cp "$f" "$seeds/$(echo "$f" | md5sum | cut -c1-16).md"; done
cp "$root"/tests/fuzz/regressions/* "$seeds/" 2>/dev/null || true

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:allocator_may_return_null=1}
# fontconfig (under the pdf writer) keeps its caches for the process's life.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
status=0
for h in "${harnesses[@]}"; do
  corpus=$(mktemp -d)
  echo "== $h: $seconds s"
  # A harness for another input format (fuzz-docx, fuzz-html) brings its
  # own seeds (tests/fuzz/seeds/HARNESS/) and dictionary (HARNESS.dict).
  own=$seeds dict=$root/tests/fuzz/markdown.dict
  [ -d "$root/tests/fuzz/seeds/$h" ] && own=$root/tests/fuzz/seeds/$h
  [ -f "$root/tests/fuzz/$h.dict" ] && dict=$root/tests/fuzz/$h.dict
  # -rss_limit_mb: a 64 KiB input must not need 2 GB; -timeout: nor 10 s.
  if ! "$build/tests/fuzz/$h" "$corpus" "$own" \
       -dict="$dict" -max_len=65536 -timeout=10 \
       -rss_limit_mb=2048 -max_total_time="$seconds" -print_final_stats=1 \
       -artifact_prefix="$artifacts/$h-" 2>"$corpus.log"; then
    status=1
    grep -v '^#\|^INFO\|^NEW\|^REDUCE\|^pulse\|^RELOAD' "$corpus.log" | tail -60
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done|cov:' "$corpus.log" | tail -3
  rm -rf "$corpus" "$corpus.log"
done
exit $status
