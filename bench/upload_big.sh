#!/usr/bin/env bash
# A 2 GiB upload through the Files API: `genai files upload` (Google's
# resumable protocol, 8 MiB chunks, the file streamed from disk) against the
# `curl -T` command sending the same file in one streamed request to the same
# emulator upload session kind. Prints peak RSS, wall time, CPU and
# throughput of each client process (os.wait4), and checks the emulator
# stored every byte. The file is sparse (no disk used for the source); the
# emulator writes what it receives into its temporary directory, so the disk
# needs SIZE bytes free twice (one copy per client).
#
#   bench/upload_big.sh [BUILD_DIR] [SIZE_BYTES]     # default build/bench 2147483648
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build/bench}
size=${2:-2147483648}
source "$root/bench/emulator.sh"
bench_workdir

truncate -s "$size" "$work/big.bin"
# One request of the whole file must be accepted for curl's run (Google's
# upload endpoint takes it; the emulator's default limit is the API's 20 MiB).
bench_emulator "$build" "$work" -- --max-request-bytes $((size + (1 << 20)))
# The key goes to curl in a header file (mode 600), never on a command line.
(umask 077 && printf 'x-goog-api-key: %s\n' "$key" >"$work/key-header")

# Runs a command; prints "peak_rss_kib wall_s cpu_s" of that child alone.
measure() {
  python3 - "$@" <<'EOF'
import os, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, ru = os.wait4(p.pid, 0)
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit(f'{sys.argv[1]} failed ({os.waitstatus_to_exitcode(status)})')
print(ru.ru_maxrss, round(time.perf_counter() - t0, 2), round(ru.ru_utime + ru.ru_stime, 2))
EOF
}

# Both clients read the file from the page cache: the first read of a sparse
# file costs the kernel a page of zeros per page, which is not the client's.
cat "$work/big.bin" >/dev/null

echo "== genai files upload ($size bytes)" >&2
read -r g_rss g_wall g_cpu < <(GOOGLE_GEMINI_BASE_URL=$base GEMINI_API_KEY=$key \
  measure "$build/genai" files upload "$work/big.bin" --mime-type application/octet-stream)

echo "== curl -T, one request" >&2
upload_url=$(curl -sS --fail -D - -o /dev/null -H @"$work/key-header" \
  -H 'X-Goog-Upload-Protocol: resumable' -H 'X-Goog-Upload-Command: start' \
  -H "X-Goog-Upload-Header-Content-Length: $size" -H 'X-Goog-Upload-Header-Content-Type: application/octet-stream' \
  -H 'Content-Type: application/json' --data '{"file":{"displayName":"big.bin"}}' \
  "$base/upload/v1beta/files" | tr -d '\r' | awk 'tolower($1) == "x-goog-upload-url:" {print $2}')
[[ -n $upload_url ]] || { echo "no upload URL from the emulator" >&2; exit 1; }
read -r c_rss c_wall c_cpu < <(measure curl -sS --fail -X POST -T "$work/big.bin" -H @"$work/key-header" \
  -H 'X-Goog-Upload-Command: upload, finalize' -H 'X-Goog-Upload-Offset: 0' -o /dev/null "$upload_url")

# Both files are there, whole.
sizes=$(curl -sS --fail -H @"$work/key-header" "$base/v1beta/files" |
  python3 -c 'import json,sys; print(" ".join(f["sizeBytes"] for f in json.load(sys.stdin)["files"]))')
for s in $sizes; do [[ $s == "$size" ]] || { echo "a stored file has $s bytes, not $size" >&2; exit 1; }; done
[[ $(wc -w <<<"$sizes") == 2 ]] || { echo "expected 2 stored files, got: $sizes" >&2; exit 1; }

python3 - "$size" "$g_rss" "$g_wall" "$g_cpu" "$c_rss" "$c_wall" "$c_cpu" <<'EOF'
import sys
size, g_rss, g_wall, g_cpu, c_rss, c_wall, c_cpu = map(float, sys.argv[1:])
mib = size / (1 << 20)
print('| client | peak RSS | wall | CPU (user+sys) | throughput |')
print('|---|---|---|---|---|')
print(f'| `genai files upload` (resumable, 8 MiB chunks) | {g_rss / 1024:.1f} MiB | {g_wall:.1f} s | {g_cpu:.2f} s | {mib / g_wall:.0f} MiB/s |')
print(f'| `curl -T` (one request) | {c_rss / 1024:.1f} MiB | {c_wall:.1f} s | {c_cpu:.2f} s | {mib / c_wall:.0f} MiB/s |')
print(f'| ratio genai / curl | {g_rss / c_rss:.2f}× | {g_wall / c_wall:.2f}× | {g_cpu / c_cpu:.2f}× | |')
EOF
