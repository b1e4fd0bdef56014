#!/usr/bin/env bash
# Conformance: Google's Python auth library (Debian python3-google-auth 1.5.1) against genai-emulator.
# Usage: run_google_auth.sh /path/to/genai-emulator
exec /usr/bin/python3 "$(dirname "$0")/google_auth_conformance.py" "$1"
