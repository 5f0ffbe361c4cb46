#!/usr/bin/env bash
# End-to-end: names with emoji (🪐, 🫠 newer than the old width ranges; a ZWJ family, a flag, a skin
# tone, ❤️, CJK, an emoji newer than the C library) and escape sequences, drawn by the real binary in
# tmux. As the terminal counts columns, every bordered row of the detail ends at the right edge and the
# queue's columns after the name line up with a plain row: ncurses, tmux and the grid agree. A hostile
# name's escape sequences never reach the terminal (the window title stays, the screen is not cleared).
# Usage: Tests/e2e/console-wide-chars.sh   (VETDESK_BIN=path/to/vetdesk picks the binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${VETDESK_BIN:-$(swift build --show-bin-path 2>/dev/null)/vetdesk}
[ -x "$BIN" ] || { echo "console-wide-chars.sh: no vetdesk binary at $BIN (build first)"; exit 1; }
command -v tmux >/dev/null || { echo "console-wide-chars.sh: tmux is required"; exit 1; }

TMP=$(mktemp -d)
mkdir -p "$TMP/data" "$TMP/state" "$TMP/config"
. Tests/e2e/lib/tmux-driver.sh
cleanup() { $T kill-server 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
STORE=$TMP/store.sqlite
W=100

printf 'candidate_id,full_name,email\nC-1,Kim 🪐🫠 👨‍👩‍👧‍👦 Chol 🇰🇵 👍🏿 ❤️ 中文 🫨 end,kim@example.com\nC-2,Plain Person,p@example.com\nC-3,"Eve \033]2;pwned\007\033[2J\033[31m\342\200\256red",e@example.com\n' > "$TMP/c.csv"
"$BIN" import --store "$STORE" "$TMP/c.csv" >/dev/null

# Columns as a terminal counts them (East Asian Width; combining and format characters take none).
columns() {
  python3 -c '
import sys, unicodedata
for line in sys.stdin.read().split("\n"):
    w = sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    print(w, line)'
}

new_shell main $W 30
$T set -t main set-titles on
run_console main "env VETDESK_ANALYST=alice $BIN --store $STORE"
wait_for main "Plain Person"
queue=$(screen main)
# The CC column ("--") starts at the same terminal column on the emoji row as on the plain row.
col_of() { printf '%s\n' "$queue" | grep -F "$1" | python3 -c '
import sys, unicodedata
line = sys.stdin.read().rstrip("\n"); i = line.index(" -- ")
print(sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line[:i]))'; }
[ "$(col_of "Kim")" = "$(col_of "Plain Person")" ] || fail "queue columns shifted: Kim at $(col_of Kim), Plain at $(col_of 'Plain Person')"
[ "$(col_of "Eve")" = "$(col_of "Plain Person")" ] || fail "queue columns shifted on the hostile row"
printf '%s\n' "$queue" | grep -q "pwned" && fail "an escape sequence's text reached the screen"
[ "$($T display -p -t main '#{pane_title}')" != "pwned" ] || fail "the OSC title sequence reached the terminal"

keys main Enter
wait_for main "C-1"
wait_for main "┐"
for panel in 1 4 6; do
  keys main "$panel"
  sleep 0.3
  bad=$(screen main | columns | awk -v w=$W '$0 ~ /[│┐┘]$/ && $1 != w')
  [ -z "$bad" ] || fail "panel $panel: bordered rows not $W columns wide:
$bad"
done
keys main Escape
wait_for main "Plain Person"
keys main q
wait_for main "EXIT=0"
echo "console-wide-chars.sh: ok (emoji rows aligned at $W columns, no escape reached the terminal)"
