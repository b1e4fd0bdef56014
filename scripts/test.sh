#!/usr/bin/env bash
# Installs what the project needs, builds everything and runs every test.
# This is the README's test command and what CI runs (.ci/run).
#
# Preset ci is one build that serves three purposes (docs/testing.md): clang
# 14 at -O1 with AddressSanitizer + UndefinedBehaviorSanitizer, so every test
# runs under both, and with libFuzzer's instrumentation, so the fuzz targets
# come out of the same build. In CI (CI=true) it then also runs:
#  - preset tsan (ThreadSanitizer, gcc): the tests labelled "concurrency";
#  - scripts/fuzz.sh 10 on build/ci: each libFuzzer target for 10 s.
# GENAI_SANITIZERS=1 runs those two locally too; GENAI_SANITIZERS=0 skips them.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { echo; echo "=== test.sh: $* ($(( SECONDS / 60 ))m$(( SECONDS % 60 ))s elapsed)"; }

extra="${GENAI_SANITIZERS:-}"
[ -n "$extra" ] || { [ "${CI:-}" = "true" ] && extra=1 || extra=0; }

scripts/install-deps.sh --with-node --with-clang --with-browser --with-ffmpeg

step "preset ci: build (clang, ASan + UBSan) and every test"
cmake --preset ci
cmake --build --preset ci
ctest --preset ci
# No test may print a secret: scan everything the suite wrote.
scripts/check-no-secrets.sh build/ci/Testing/Temporary/LastTest.log

if [ "$extra" != 0 ]; then
  step "preset tsan: the concurrency tests under ThreadSanitizer"
  cmake --preset tsan
  cmake --build --preset tsan --target concurrency_tests
  ctest --preset tsan -L concurrency

  step "fuzzers: 10 s per target"
  GENAI_FUZZ_BUILD_DIR=build/ci scripts/fuzz.sh 10
fi
step "done"
