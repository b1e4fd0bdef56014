#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz": clang 14, ASan + UBSan) and runs
# each for N seconds (default 20) on its corpus, fuzz/corpus/<target>/.
# New interesting inputs go to <build>/corpus/<target>/ (not the source
# tree); crashing inputs are saved as fuzz/crashes/<target>-crash-<sha1>.
# Exits non-zero if any target crashed, leaked, timed out or ran out of memory.
#
#   scripts/fuzz.sh            # 20 s per target
#   scripts/fuzz.sh 60         # 60 s per target
#   FUZZ_TARGETS="fuzz_redact" scripts/fuzz.sh 300
#   GENAI_FUZZ_BUILD_DIR=build/ci scripts/fuzz.sh 10
#       # use the targets of an existing build (preset ci builds them too)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
targets="${FUZZ_TARGETS:-fuzz_sse_parser fuzz_response_stream fuzz_response_json fuzz_json_parse fuzz_google_error fuzz_key_file fuzz_emulator_jwt fuzz_emulator_front_door fuzz_redact}"

build="${GENAI_FUZZ_BUILD_DIR:-}"
if [ -z "$build" ]; then
  command -v clang++-14 >/dev/null || { echo "fuzz.sh: clang++-14 missing: scripts/install-deps.sh --with-clang" >&2; exit 2; }
  build=build/fuzz
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz
fi

mkdir -p fuzz/crashes
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
failed=()
for t in $targets; do
  work="$build/corpus/$t"
  mkdir -p "$work"
  log="$build/$t.log"
  echo "== $t: ${seconds}s"
  [ -x "$build/fuzz/$t" ] || { echo "fuzz.sh: $build/fuzz/$t is not built" >&2; exit 2; }
  if "$build/fuzz/$t" "$work" "fuzz/corpus/$t" \
       -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="fuzz/crashes/$t-" >"$log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    echo "   ok: ${execs:-?} runs, ${rate:-?} exec/s, ${cov:-cov: ?}"
  else
    echo "   FAILED (log: $log); the input is in fuzz/crashes/:" >&2
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*property violated|artifact_prefix|Test unit written)' "$log" >&2 || tail -20 "$log" >&2
    # The project's own frames of the first stack, so that a CI log alone says where.
    awk '/^ +#[0-9]+ /{print} /^$/{if (seen) exit} /^ +#0 /{seen=1}' "$log" |
      grep -E ' in (genai|LLVMFuzzerTestOneInput)' | sed -E 's/^ +/     /; s/\(.*\) (\/[^ ]+)$/ \1/' | head -8 >&2 || true
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: crashed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: all targets ran ${seconds}s without a crash"
