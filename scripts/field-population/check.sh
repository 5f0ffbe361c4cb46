#!/usr/bin/env bash
# make field-check: an independent field population (generate.py), imported through the real importers
# (Okta System Log NDJSON, HR/AP CSVs), scored, then measured against its answer key: the ranking
# (`vetdesk eval --truth`) and the rings (ring-eval.py). FIELD_SEED / FIELD_PEOPLE / FIELD_DIR override.
set -euo pipefail
cd "$(dirname "$0")/../.."
SEED=${FIELD_SEED:-23}
PEOPLE=${FIELD_PEOPLE:-1500}
DIR=${FIELD_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/vetdesk-field.XXXXXX")}
BIN=${BIN:-$(swift build -c release --static-swift-stdlib --scratch-path .build-release --show-bin-path)/vetdesk}
[ -x "$BIN" ] || swift build -c release --static-swift-stdlib --scratch-path .build-release >/dev/null
command -v location >/dev/null || { echo "field-check: the 'location' tool (libloc) is missing" >&2; exit 1; }
python3 scripts/field-population/generate.py --out "$DIR" --seed "$SEED" --people "$PEOPLE"
export VETDESK_STORE=$DIR/store.sqlite
rm -f "$VETDESK_STORE"
"$BIN" import "$DIR/candidates.csv" "$DIR/payments.csv" "$DIR/endpoint.csv" "$DIR/okta-system-log.ndjson" | tail -2
"$BIN" eval --truth "$DIR/truth.tsv"
"$BIN" rings --refresh --json >"$DIR/rings.json"
python3 scripts/field-population/ring-eval.py "$DIR"
echo "field-check: data and store in $DIR"
