#!/usr/bin/env bash
# `genai run` against a quota: N requests through the CLI against one
# genai-emulator started with --rpm Q (its per-project requests-per-minute
# quota, counted per clock minute as Google's), the CLI told --rpm Q too.
# Prints throughput as a fraction of Q (goal >= 0.95, with no failed
# request and no 429 met), and CPU per request of the CLI next to the
# official @google/genai SDK's (bench/node/e2e_cpu.mjs) at the same
# concurrency against an emulator without a quota (it has no rate limiter,
# so against the quota it would meet 429s; CPU per request is what is
# compared, the pacing costs the CLI nothing).
#
#   bench/bulk_run.sh [BUILD_DIR] [N] [Q] [CONCURRENCY]    # default build/bench 10000 10000 32
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build/bench}
n=${2:-10000}
q=${3:-10000}
c=${4:-32}
source "$root/bench/emulator.sh"
bench_workdir

# Starts an emulator with extra flags; sets $base and $key.
start_emulator() {
  bench_emulator "$build" "$work" -- "$@"
}

python3 - "$work/req.jsonl" "$n" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(json.dumps({"key": f"r{i}", "prompt": "Write one sentence about the sea."}) + "\n")
PY

start_emulator --rpm "$q"
export GEMINI_API_KEY=$key GOOGLE_GEMINI_BASE_URL=$base
/usr/bin/time -f '%U %S %e' -o "$work/time" "$build/genai" run "$work/req.jsonl" -o "$work/out.jsonl" \
  --concurrency "$c" --rpm "$q" 2>"$work/run.log" || true
read -r user sys wall <"$work/time"
ok=$(grep -c '"response"' "$work/out.jsonl" || true)
failed=$(grep -c '"error"' "$work/out.jsonl" || true)
retries=$(grep -o '[0-9]* retries' "$work/run.log" | tail -1)
python3 - "$n" "$q" "$wall" "$user" "$sys" "$ok" "$failed" "$retries" <<'PY'
import sys
n, q, wall, user, sys_, ok, failed = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
per_min = ok / (wall / 60)
print(f"genai run: {n} requests, quota {q}/min: {ok} ok, {failed} failed, {sys.argv[8]}, wall {wall:.1f} s, "
      f"{per_min:.0f}/min = {per_min / q:.3f} of the quota; CPU {1e6 * (user + sys_) / n:.0f} us/request")
PY

if [[ -d $root/bench/node/node_modules/@google/genai ]]; then
  start_emulator
  GEMINI_API_KEY=$key node "$root/bench/node/e2e_cpu.mjs" --base "$base" --n "$n" --concurrency "$c" \
    | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); print("@google/genai (node): %d ok, %d errors, CPU %.0f us/request, wall %.1f s (no quota)" % (r["ok"], r["errors"], r["cpu_us"] / r["n"], r["wall_ms"] / 1000))'
  /usr/bin/time -f '%U %S %e' -o "$work/time2" "$build/genai" run "$work/req.jsonl" -o "$work/out2.jsonl" \
    --concurrency "$c" 2>/dev/null || true
  read -r user sys wall <"$work/time2"
  python3 -c "print(f'genai run (no quota): CPU {1e6 * ($user + $sys) / $n:.0f} us/request, wall $wall s')"
fi
