#!/usr/bin/env bash
# Installs what the project needs, builds everything and runs every test.
# This is the README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --with-node
cmake --preset ci
cmake --build --preset ci
ctest --preset ci
