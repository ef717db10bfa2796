#!/usr/bin/env bash
# Makes the Python environment of the test identity provider (scripts/lib/oidc_provider.py): a venv in
# .build/oidc-venv with pyop from PyPI (scripts/lib/oidc_provider_requirements.txt). Prints the venv's python.
# Used by scripts/test, scripts/walkthrough and the OIDC tests' instructions; does nothing when it is there.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${ZHENGTONG_OIDC_VENV:-$ROOT/.build/oidc-venv}"
REQUIREMENTS="$ROOT/scripts/lib/oidc_provider_requirements.txt"
STAMP="$VENV/.requirements"
if [ ! -x "$VENV/bin/python" ] || ! cmp -s "$REQUIREMENTS" "$STAMP"; then
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv "$VENV" >&2
    "$VENV/bin/pip" install -q -r "$REQUIREMENTS" >&2
    cp "$REQUIREMENTS" "$STAMP"
fi
command -v openssl >/dev/null 2>&1 || { echo "oidc_venv: openssl is needed for the provider's certificate" >&2; exit 1; }
echo "$VENV/bin/python"
