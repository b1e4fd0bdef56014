#!/usr/bin/env bash
# Installs what the project needs, builds the genai command and runs
# `genai demo`: the whole credential-and-call flow against the embedded
# emulator, offline. This is the README's main command.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release -DGENAI_BUILD_TESTS=OFF
cmake --build --preset release --target genai_cli
exec build/release/genai demo "$@"
