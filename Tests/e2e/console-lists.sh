#!/usr/bin/env bash
# End-to-end Lists screen on the demo data at 80x24, as `make demo` loads it: import demo-data/
# and demo-data/lists/sdn.csv; `L` shows the list (authority, version, entries) and its hits
# (the sanctioned wallet and the alias match) with the explanation; Enter opens the hit's
# candidate, whose History panel names the list version; Esc returns to the hits, q to the queue.
# Usage: Tests/e2e/console-lists.sh   (VETDESK_BIN=path/to/vetdesk picks the binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${VETDESK_BIN:-$(swift build --show-bin-path 2>/dev/null)/vetdesk}
[ -x "$BIN" ] || { echo "console-lists.sh: no vetdesk binary at $BIN (build first)"; exit 1; }
command -v tmux >/dev/null || { echo "console-lists.sh: tmux is required"; exit 1; }
TMP=$(mktemp -d)
mkdir -p "$TMP/data" "$TMP/state" "$TMP/config"
STORE=$TMP/demo.sqlite
. Tests/e2e/lib/tmux-driver.sh
cleanup() { $T kill-server 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

"$BIN" import --store "$STORE" --providers demo-data/providers.yaml demo-data/*.csv demo-data/*.json >"$TMP/import.log" 2>&1 \
  || { cat "$TMP/import.log"; fail "import failed"; }
out=$("$BIN" lists import --store "$STORE" demo-data/lists/sdn.csv)
echo "$out" | grep -q "OFAC SDN \[ofac-sdn-csv\]" || fail "lists import: $out"
VERSION=$(echo "$out" | sed -n 's/.* version \(sha256:[0-9a-f]*\).*/\1/p')

S=main
new_shell $S 80 24
run_console $S "$BIN --store $STORE --analyst t1"
wait_for $S "1/300" 10
keys $S L
wait_for $S "hits of the current versions: 4"
wait_for $S "US Treasury"
wait_for $S "$VERSION"
screen $S | sed -n 6p | grep -q "identifier" || fail "the first hit is not the wallet"
wait_for $S "Petra KOVACIC"
wait_for $S "same wallet once normalised"
# The third hit (a name match) opens its candidate; its History panel (7) names the list version.
keys $S j j Enter
wait_for $S "[1 Indicators]"
keys $S 7
wait_for $S "sanctions-list hits, by the list version they came from"
wait_for $S "OFAC SDN $VERSION record 900001"
keys $S Escape
wait_for $S "hits of the current versions: 4"
keys $S q
wait_for $S "view: all"
keys $S q
wait_for $S "EXIT=0"
