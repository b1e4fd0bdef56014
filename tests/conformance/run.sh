#!/usr/bin/env bash
# Conformance: the official @google/genai SDK against genai-emulator.
# Usage: run.sh /path/to/genai-emulator
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [[ $# -lt 1 ]]; then
  echo "usage: $0 /path/to/genai-emulator" >&2
  exit 2
fi
emulator=$(realpath "$1")
# (Re)install when node_modules is missing or older than the lockfile.
stamp=node_modules/.package-lock.json
if [[ ! -d node_modules || ! -f $stamp || package-lock.json -nt $stamp ]]; then
  npm ci --no-audit --no-fund
fi
exec node sdk_conformance.mjs "$emulator"
