#!/usr/bin/env bash
# Builds the benchmarks (preset "bench"), starts one genai-emulator, runs
# every benchmark against it and prints one markdown table (docs/BENCHMARKS.md).
# Needs node + npm (scripts/install-deps.sh --with-node) for the official SDK.
#
#   bench/run.sh                    # the full run (< 5 minutes)
#   bench/run.sh --n 500 --rounds 1 # quicker; any flag goes to bench/driver.py
#
# GENAI_BENCH_BUILD_DIR overrides the build directory (default build/bench).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${GENAI_BENCH_BUILD_DIR:-$root/build/bench}
cd "$root"

echo "== build ($build)" >&2
cmake --preset bench -B "$build" >/dev/null
cmake --build "$build" -j2 >/dev/null

echo "== node packages" >&2
stamp=bench/node/node_modules/.package-lock.json
if [[ ! -f $stamp || bench/node/package-lock.json -nt $stamp ]]; then
  (cd bench/node && npm ci --no-audit --no-fund >/dev/null)
fi

echo "== emulator" >&2
source "$root/bench/emulator.sh"
bench_workdir
# The emulator gets the last core and the clients the others (GENAI_BENCH_PIN=0
# turns this off): on a 2-core VM a client sharing its core with the server
# it waits on measured its own CPU per request ±25% from run to run.
pin_emu=() pin_clients=()
if [[ ${GENAI_BENCH_PIN:-1} == 1 ]] && command -v taskset >/dev/null && (( $(nproc) >= 2 )); then
  last=$(( $(nproc) - 1 ))
  pin_emu=(taskset -c "$last")
  pin_clients=(taskset -c "0-$(( last - 1 ))")
fi
bench_emulator "$build" "$work" "${pin_emu[@]}" --
echo "   $base (pid $emu_pid)" >&2

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(date -u +%Y-%m-%dT%H:%MZ)" >&2
echo "== pinning: emulator ${pin_emu[*]:-not pinned}, clients ${pin_clients[*]:-not pinned}" >&2
# A bound on the whole run, so a hung client cannot hold the machine: the
# default run takes about 3 minutes, and each round past the default's 3
# about 50 s more (GENAI_BENCH_TIMEOUT, in seconds, overrides it).
limit=${GENAI_BENCH_TIMEOUT:-1800}
status=0
GEMINI_API_KEY=$key timeout "$limit" "${pin_clients[@]}" python3 bench/driver.py --build "$build" --base "$base" "$@" ||
  status=$?
if (( status == 124 )); then
  echo "bench: stopped after ${limit}s (GENAI_BENCH_TIMEOUT); no table was printed" >&2
fi
exit "$status"
