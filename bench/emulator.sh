# Sourced by the bench scripts. bench_workdir makes a temporary directory
# ($work) and a trap that, on any exit, stops every emulator bench_emulator
# started and removes it. bench_emulator starts one genai-emulator on an
# ephemeral port with the demo scenario and a state file in WORK, plus the
# caller's flags, and sets emu_pid, base (its URL) and key (the AI Studio key
# from the state file).
#
#   source bench/emulator.sh
#   bench_workdir
#   bench_emulator "$build" "$work" [LAUNCHER...] -- [EMULATOR FLAGS...]   # LAUNCHER: e.g. taskset -c 1
bench_emulator_pids=()

bench_cleanup() {
  local p
  for p in "${bench_emulator_pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}

bench_workdir() {
  work=$(mktemp -d)
  trap bench_cleanup EXIT INT TERM
}

bench_emulator() {
  local build=$1 work=$2 state
  shift 2
  local launcher=()
  while [[ $# -gt 0 && $1 != -- ]]; do launcher+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  state=$(mktemp "$work/state-XXXXXX.json") && rm -f "$state"
  "${launcher[@]}" "$build/genai-emulator" --port 0 --bootstrap-demo --state "$state" "$@" \
    >"$state.out" 2>"$state.err" &
  emu_pid=$!
  bench_emulator_pids+=("$emu_pid")
  base=""
  for _ in $(seq 100); do
    base=$(grep -o 'http://[0-9.]*:[0-9]*' "$state.out" 2>/dev/null | head -1 || true)
    [[ -n $base && -s $state ]] && break
    sleep 0.1
  done
  [[ -n $base ]] || { echo "genai-emulator did not start: $(cat "$state.err")" >&2; return 1; }
  key=$(python3 -c 'import json,sys; print(next(k["keyString"] for k in json.load(open(sys.argv[1]))["keys"] if k["kind"] == "studio"))' "$state")
}
