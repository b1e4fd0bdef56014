#!/usr/bin/env bash
# Load test of genai-emulator with wrk (Debian): generateContent over loopback
# for DURATION seconds (default 60), CONNECTIONS connections (default 32).
# Prints wrk's summary, the error count, and the emulator's resident memory
# before and after, to show it does not grow.
#   bench/load/run.sh [build-dir] [duration] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/ci}; duration=${2:-60}; conns=${3:-32}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
dir=$(mktemp -d)
"$build/genai-emulator" --port 0 --bootstrap-demo --state "$dir/state.json" > "$dir/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do grep -q listening "$dir/log" && break; sleep 0.05; done
url=$(sed -n 's/.*listening on //p' "$dir/log")
export GEMINI_API_KEY=$(python3 -c "import json,sys; print(next(k['keyString'] for k in json.load(open(sys.argv[1]))['keys'] if k['kind']=='studio'))" "$dir/state.json")
rss() { awk '/VmRSS/ {print $2 " kB"}' /proc/$pid/status; }
# Warm up, then measure.
wrk -t2 -c"$conns" -d5s -s bench/load/generate.lua "$url" > /dev/null
echo "emulator RSS after warm-up: $(rss)"
wrk -t2 -c"$conns" -d"${duration}s" --latency -s bench/load/generate.lua "$url"
echo "emulator RSS after ${duration} s: $(rss)"
