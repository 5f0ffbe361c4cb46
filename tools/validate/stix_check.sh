#!/bin/sh
# Validate a STIX 2.1 bundle with the OASIS validator in strict mode (warnings are errors).
# Usage: stix_check.sh BUNDLE.json   (uses $VETDESK_VENV or the repo's .venv)
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
venv=${VETDESK_VENV:-$here/.venv}
exec "$venv/bin/stix2_validator" --strict --version 2.1 "$@"
