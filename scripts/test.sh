#!/usr/bin/env bash
# Installs what the project needs, builds everything and runs every test.
# This is the README's test command and what CI runs (.ci/run).
#
# In CI (CI=true) it then also runs, in this order (docs/testing.md):
#  - preset tsan (ThreadSanitizer, gcc): the tests labelled "concurrency";
#  - scripts/fuzz.sh 10: each libFuzzer target for 10 s (preset fuzz, clang,
#    ASan + UBSan on every parser: SSE, responses, errors, key files, JWTs).
# GENAI_SANITIZERS=full adds preset asan (ASan + UBSan, gcc) over the whole
# suite (not by default in CI: it doubles the build, and CI must stay well
# under 20 minutes on 2 cores). GENAI_SANITIZERS=1 runs the CI set locally,
# GENAI_SANITIZERS=0 skips it.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { echo; echo "=== test.sh: $* ($(( SECONDS / 60 ))m$(( SECONDS % 60 ))s elapsed)"; }

sanitizers="${GENAI_SANITIZERS:-}"
[ -n "$sanitizers" ] || { [ "${CI:-}" = "true" ] && sanitizers=1 || sanitizers=0; }

if [ "$sanitizers" != 0 ]; then
  scripts/install-deps.sh --with-node --with-clang
else
  scripts/install-deps.sh --with-node
fi

step "preset ci: build and every test"
cmake --preset ci
cmake --build --preset ci
ctest --preset ci
# No test may print a secret: scan everything the suite wrote.
scripts/check-no-secrets.sh build/ci/Testing/Temporary/LastTest.log

if [ "$sanitizers" = full ]; then
  step "preset asan: ASan + UBSan over the whole suite"
  cmake --preset asan
  cmake --build --preset asan
  ctest --preset asan -LE conformance -E install_find_package
fi

if [ "$sanitizers" != 0 ]; then
  step "preset tsan: the concurrency tests under ThreadSanitizer"
  cmake --preset tsan
  cmake --build --preset tsan --target concurrency_tests
  ctest --preset tsan -L concurrency

  step "fuzzers: 10 s per target"
  scripts/fuzz.sh 10
fi
step "done"
