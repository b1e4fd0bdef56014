#!/usr/bin/env bash
# Installs the Debian 12 packages genai-cpp needs to build, test and benchmark.
# Idempotent: packages already present are skipped, and apt-get runs only when
# something is missing. Needs root (or sudo) for apt-get.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config lld
  libcurl4-openssl-dev libssl-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libcpp-httplib-dev zlib1g-dev libgtest-dev libgmock-dev libbenchmark-dev libpng-dev
  libboost-dev libsamplerate0-dev
  python3 python3-google-auth python3-requests
)
# Extra packages for the optional parts: pass --with-node for the official-SDK
# conformance tests and benchmarks, --with-clang for fuzzers and sanitizers,
# --with-ffmpeg for ffprobe, which then also decodes the emulator's MP4s in a
# test (skipped without it), --with-browser for Debian's chromium, which the
# console's browser test drives through playwright-core (skipped without it).
for arg in "$@"; do
  case "$arg" in
    --with-node) packages+=(nodejs); command -v npm >/dev/null || packages+=(npm) ;;
    --with-clang) packages+=(clang libclang-rt-14-dev) ;;
    --with-ffmpeg) packages+=(ffmpeg) ;;
    --with-browser) packages+=(chromium chromium-driver fonts-noto-cjk) ;;
    *) echo "install-deps.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps.sh: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps.sh: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
