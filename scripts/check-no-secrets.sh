#!/usr/bin/env bash
# Fails if any file given holds something shaped like a secret: an API key
# (AIza + 35), an OAuth access token (ya29.), a refresh token (1//0...), an
# OAuth client secret (GOCSPX-), a signed JWT, or a PEM private key.
# scripts/test.sh runs it on the whole output of the test suite
# (Testing/Temporary/LastTest.log), so a test that prints a secret fails CI.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 FILE..." >&2; exit 2; }
pattern='AIza[0-9A-Za-z_-]{35}|ya29\.[0-9A-Za-z_-]{16,}|1//0[0-9A-Za-z_-]{20,}|GOCSPX-[0-9A-Za-z_-]{16,}|eyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.|-----BEGIN ([A-Z]+ )?PRIVATE KEY-----'
found=0
for f in "$@"; do
  if hits=$(grep -Eno "$pattern" "$f" | cut -c1-40); then
    # Print where, and only a prefix of the match: never the secret itself.
    echo "check-no-secrets: $f holds secret-shaped text:" >&2
    echo "$hits" | sed -E 's/^([0-9]+):(.{0,6}).*/  line \1: \2.../' >&2
    found=1
  fi
done
[ $found -eq 0 ] && echo "check-no-secrets: no secret-shaped text in $*"
exit $found
