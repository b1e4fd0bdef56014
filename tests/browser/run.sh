#!/usr/bin/env bash
# Browser test: genai-emulator's web console (/console) driven in Debian's
# chromium by playwright-core, walking the credentials tutorial; screenshots
# (desktop and 390 px phone width) go to OUTDIR.
# Usage: run.sh /path/to/genai-emulator OUTDIR [/path/to/genai]
# With the genai CLI, the walkthrough also runs `genai doctor` and a Vertex AI
# call on the service-account key file the console downloaded.
# Exits 77 (CTest: skipped) and says SKIPPED when chromium is not installed
# (scripts/install-deps.sh --with-browser installs it).
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: $0 /path/to/genai-emulator OUTDIR [/path/to/genai]" >&2
  exit 2
fi
# Paths are resolved before the cd below, so relative ones work too.
emulator=$(realpath "$1")
mkdir -p "$2"
outdir=$(realpath "$2")
genai=${3:+$(realpath "$3")}
cd "$(dirname "${BASH_SOURCE[0]}")"
chromium=${GENAI_CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $chromium ]]; then
  echo "SKIPPED: $chromium not found; install it with scripts/install-deps.sh --with-browser"
  exit 77
fi
# (Re)install when node_modules is missing or older than the lockfile.
stamp=node_modules/.package-lock.json
if [[ ! -d node_modules || ! -f $stamp || package-lock.json -nt $stamp ]]; then
  npm ci --no-audit --no-fund
fi
exec node console_walkthrough.mjs "$emulator" "$chromium" "$outdir" "$genai"
