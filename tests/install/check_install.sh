#!/usr/bin/env bash
# Installs the built genai-cpp into a temporary prefix, builds the README's
# example against it with find_package(genai), and runs it against a
# genai-emulator with a demo key: what a user of the installed package does.
set -euo pipefail
# Usage: check_install.sh BUILD_DIR SOURCE_DIR EMULATOR [CXX_COMPILER [CXX_FLAGS]]
build_dir=$1 source_dir=$2 emulator=$3 cxx=${4:-} cxx_flags=${5:-}
work=$(mktemp -d)
cleanup() { if [ -n "${emu_pid:-}" ]; then kill "$emu_pid" 2>/dev/null || true; wait "$emu_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
consumer_args=(-DCMAKE_PREFIX_PATH="$work/prefix")
[ -z "$cxx" ] || consumer_args+=(-DCMAKE_CXX_COMPILER="$cxx")
[ -z "$cxx_flags" ] || consumer_args+=(-DCMAKE_CXX_FLAGS="$cxx_flags")
cmake -S "$source_dir/examples/quickstart" -B "$work/build" -G Ninja "${consumer_args[@]}" >/dev/null
cmake --build "$work/build" >/dev/null
"$emulator" --port 0 --bootstrap-demo --state "$work/state.json" >"$work/emu.log" 2>&1 &
emu_pid=$!
for _ in $(seq 100); do grep -q listening "$work/emu.log" && break; sleep 0.05; done
url=$(sed -n 's/.*listening on //p' "$work/emu.log")
key=$(python3 -c "import json,sys; print(next(k['keyString'] for k in json.load(open(sys.argv[1]))['keys'] if k['kind']=='studio'))" "$work/state.json")
out=$(GEMINI_API_KEY="$key" GOOGLE_GEMINI_BASE_URL="$url" "$work/build/quickstart")
[ -n "$out" ] || { echo "quickstart printed nothing"; exit 1; }
echo "$out" | grep -q "$key" && { echo "the key leaked into the output"; exit 1; }
echo "installed package OK: quickstart printed $(echo "$out" | wc -w) words"
