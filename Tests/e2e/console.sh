#!/usr/bin/env bash
# End-to-end test of the console: drives the real binary in a detached tmux session at 80x24.
# Navigates, opens the detail and every panel, escalates with a note (checked in the store with
# sqlite3), checks live refresh from a second process, draft notes surviving SIGKILL and SIGHUP,
# resize (120x40, then 60x15 "too small"), help, and that q exits 0 with the terminal restored.
# Usage: Tests/e2e/console.sh   (VETDESK_BIN=path/to/vetdesk to pick the binary;
#                                E2E_OUT=dir keeps the screen captures)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${VETDESK_BIN:-$(swift build --show-bin-path 2>/dev/null)/vetdesk}
[ -x "$BIN" ] || { echo "console.sh: no vetdesk binary at $BIN (build first)"; exit 1; }
command -v tmux >/dev/null || { echo "console.sh: tmux is required"; exit 1; }
command -v sqlite3 >/dev/null || { echo "console.sh: sqlite3 is required"; exit 1; }

TMP=$(mktemp -d)
OUT=${E2E_OUT:-$TMP}
mkdir -p "$OUT"
STORE=$TMP/store.sqlite
SOCK=$TMP/tmux.sock
T="tmux -S $SOCK"
cleanup() { $T kill-server 2>/dev/null || true; [ -n "${E2E_OUT:-}" ] || rm -rf "$TMP"; }
trap cleanup EXIT

fail() { echo "console.sh: FAIL: $*"; echo "--- screen ---"; $T capture-pane -p -t "${S:-main}" 2>/dev/null || true; exit 1; }
screen() { $T capture-pane -p -t "$1"; }
# wait_for SESSION TEXT [SECONDS]: until TEXT is on screen.
wait_for() {
  local s=$1 text=$2 limit=${3:-5} i=0
  while [ $i -lt $((limit * 20)) ]; do
    screen "$s" | grep -qF -- "$text" && return 0
    sleep 0.05; i=$((i + 1))
  done
  S=$s fail "'$text' not on screen after ${limit}s"
}
wait_gone() {
  local s=$1 text=$2 i=0
  while [ $i -lt 100 ]; do
    screen "$s" | grep -qF -- "$text" || return 0
    sleep 0.05; i=$((i + 1))
  done
  S=$s fail "'$text' still on screen"
}
keys() { local s=$1; shift; $T send-keys -t "$s" "$@"; }
text() { $T send-keys -t "$1" -l "$2"; }
sql() { sqlite3 -cmd ".timeout 5000" "$STORE" "$@"; }
# Drafts live in the analyst's own file under XDG_STATE_HOME, not in the store.
drafts() { sqlite3 -cmd ".timeout 5000" "$TMP/state/vetdesk/drafts.sqlite" "$@"; }
console_pid() { pgrep -f -- "--store $STORE" | head -1; }
alternate_on() { $T display -p -t "$1" '#{alternate_on}'; }

# --- a small store: the binary creates the schema, sqlite3 plays the importer -----------------
"$BIN" queue --store "$STORE" >/dev/null
NOW=$(date +%s)
sql <<SQL
INSERT INTO candidate(id, full_name, email, declared_country, platform, updated_at) VALUES
 ('C-001', 'Kim Chol', 'kim@example.com', 'US', 'upwork', $NOW),
 ('C-002', 'Anna Schmidt', 'anna@example.de', 'DE', 'linkedin', $NOW),
 ('C-003', 'Jane Doe', 'jane@example.co.uk', 'GB', 'direct', $NOW);
INSERT INTO case_file(candidate_id, status, risk_score, risk_band, top_flags, opened_at, updated_at) VALUES
 ('C-001', 'new', 92, 'critical', 'dprk_ip_space,shared_payment_account', $NOW - 86400 * 3, $NOW),
 ('C-002', 'new', 61, 'high', 'shared_payment_account', $NOW - 3600 * 5, $NOW),
 ('C-003', 'new', 12, 'low', '', $NOW - 600, $NOW);
INSERT INTO payment_account(id, account_type, identifier, holder_name) VALUES (1, 'iban', 'DE89370400440532013000', 'A. Schmidt');
INSERT INTO payment(id, source, paid_at, candidate_id, account_id, amount, currency) VALUES
 ('P1', 'e2e', $NOW - 86400, 'C-001', 1, '1200.00', 'USD'),
 ('P2', 'e2e', $NOW - 86400, 'C-002', 1, '1300.00', 'USD');
SQL

launch() { # launch SESSION WIDTH HEIGHT: a shell running the console, then printing its exit status
  $T new-session -d -s "$1" -x "$2" -y "$3" "bash --norc --noprofile"
  $T set -t "$1" status off
  keys "$1" "export LANG=C.UTF-8 XDG_STATE_HOME=$TMP/state PS1='e2e\$ '; clear; $BIN --store $STORE --analyst t1; echo EXIT=\$?" Enter
}

# --- queue ---------------------------------------------------------------------------------------
S=main
launch $S 80 24
wait_for $S "Kim Chol"
wait_for $S "? help"
wait_for $S "new 3"       # the counts follow the first frame
[ "$(alternate_on $S)" = 1 ] || fail "console is not on the alternate screen"
screen $S > "$OUT/queue-80x24.txt"
grep -q "t1@store.sqlite" "$OUT/queue-80x24.txt" || fail "header lacks analyst@store"
grep -q "new 3" "$OUT/queue-80x24.txt" || fail "header lacks counts"
grep -q "▸.*Kim Chol" "$OUT/queue-80x24.txt" || fail "first row not selected"
keys $S j
wait_for $S "2/3"
keys $S k
wait_for $S "1/3"

# filter narrows live; Esc clears it
keys $S /
text $S "schm"
wait_gone $S "Kim Chol"
wait_for $S "Anna Schmidt"
keys $S Escape
wait_for $S "Kim Chol"

# --- detail and every panel -------------------------------------------------------------------------
keys $S Enter
wait_for $S "[1 Indicators]"
screen $S > "$OUT/detail-80x24.txt"
for n in 2 3 4 5 6; do
  keys $S Tab
  wait_for $S "▸ $n "
done
screen $S > "$OUT/detail-history-80x24.txt"
keys $S 2
wait_for $S "▸ 2 Payments"
# the payments panel links C-002 (shared account): follow it and come back
found=0
for i in $(seq 1 30); do
  if screen $S | grep -q "▸ 2 Payments" && screen $S | sed -n '2p' | grep -q "Anna Schmidt"; then found=1; break; fi
  keys $S Enter; sleep 0.1
  screen $S | sed -n '2p' | grep -q "Anna Schmidt" && { found=1; break; }
  keys $S j
done
[ $found = 1 ] || fail "could not follow the shared-account link to Anna Schmidt"
keys $S Escape
wait_for $S "Kim Chol"

# --- help overlay -------------------------------------------------------------------------------------
keys $S "?"
wait_for $S "Keys ("
screen $S > "$OUT/help-80x24.txt"
keys $S Escape
wait_gone $S "Keys ("

# --- escalate with a note ------------------------------------------------------------------------
keys $S 1
keys $S e
wait_for $S "Escalate Kim Chol"
screen $S > "$OUT/escalate-dialog-80x24.txt"
keys $S Enter
wait_for $S "a note is required"
text $S "Logins from Star JV AS131279; shares payee account with C-002"
keys $S Down
keys $S Enter
wait_for $S "escalated C-001"
status=$(sql "SELECT status FROM case_file WHERE candidate_id='C-001'")
[ "$status" = escalated ] || fail "store status is '$status', expected escalated"
hist=$(sql "SELECT analyst || '|' || action || '|' || reason_code || '|' || note FROM history WHERE candidate_id='C-001' ORDER BY seq DESC LIMIT 1")
[ "$hist" = "t1|escalate|dprk_it_worker|Logins from Star JV AS131279; shares payee account with C-002" ] \
  || fail "history row: $hist"
keys $S Escape
wait_for $S "esc 1"

# --- live refresh: a second process writes, the screen shows it within half a second ----------------
start=$(date +%s%N)
sql "INSERT INTO candidate(id, full_name, declared_country, platform, updated_at) VALUES ('C-004', 'Live Arrival', 'KP', 'agency', $NOW);
     INSERT INTO case_file(candidate_id, status, risk_score, risk_band, top_flags, opened_at, updated_at)
     VALUES ('C-004', 'new', 88, 'critical', 'dprk_ip_space', strftime('%s','now'), strftime('%s','now'));"
wait_for $S "Live Arrival" 3
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "live refresh: new candidate on screen after ${ms} ms"
[ $ms -le 1000 ] || fail "live refresh took ${ms} ms"
screen $S | grep "Live Arrival" | grep -q "✚" || fail "new row is not marked"
# another analyst decides in another process: the status changes on screen
"$BIN" decide --store "$STORE" --analyst t2 --clear --note "benign, verified in person" C-003 >/dev/null \
  || fail "vetdesk decide failed"
wait_for $S "clr 1" 3

# --- resize ---------------------------------------------------------------------------------------------
$T resize-window -t $S -x 120 -y 40
wait_for $S "Live Arrival"
keys $S g
keys $S Enter
wait_for $S "7 History"
screen $S > "$OUT/detail-120x40.txt"
keys $S Escape
$T resize-window -t $S -x 60 -y 15
wait_for $S "too small: need"
$T resize-window -t $S -x 80 -y 24
wait_for $S "Kim Chol"

# --- quit restores the terminal -------------------------------------------------------------------
keys $S q
wait_for $S "EXIT=0"
[ "$(alternate_on $S)" = 0 ] || fail "alternate screen still on after q"
screen $S | grep -q "e2e\\$" || fail "no shell prompt after q"

# --- a draft survives SIGKILL, and SIGHUP restores the terminal -------------------------------------
S=kill
launch $S 80 24
wait_for $S "Kim Chol"
keys $S j        # the second row (Live Arrival, added by the live-refresh step)
keys $S n
wait_for $S "Add note to"
text $S "half-typed note before the connection drops"
# Each keystroke's draft is saved before the frame that shows it is drawn.
wait_for $S "before the connection drops"
kill -KILL "$(console_pid)"
wait_for $S "EXIT=137"
draft=$(drafts "SELECT candidate_id || '|' || action || '|' || text FROM draft WHERE analyst='t1'")
[[ "$draft" == *"|note|half-typed note before the connection drops" ]] || fail "draft after SIGKILL: '$draft'"
keys $S "reset; clear; $BIN --store $STORE --analyst t1; echo EXIT=\$?" Enter
wait_for $S "restored your unsent note"
wait_for $S "half-typed note before the connection drops"
screen $S > "$OUT/draft-restored-80x24.txt"
text $S " and more"
wait_for $S "drops and more"
kill -HUP "$(console_pid)"
wait_for $S "EXIT=129"
[ "$(alternate_on $S)" = 0 ] || fail "alternate screen still on after SIGHUP"
draft=$(drafts "SELECT text FROM draft WHERE analyst='t1'")
[ "$draft" = "half-typed note before the connection drops and more" ] || fail "draft after SIGHUP: '$draft'"

# SIGTERM exits cleanly too
keys $S "clear; $BIN --store $STORE --analyst t1 --readonly; echo EXIT=\$?" Enter
wait_for $S "read-only"
keys $S e
wait_for $S "read-only session"
kill -TERM "$(console_pid)"
wait_for $S "EXIT=143"
[ "$(alternate_on $S)" = 0 ] || fail "alternate screen still on after SIGTERM"

# an unknown TERM falls back instead of crashing
keys $S "clear; TERM=no-such-terminal $BIN --store $STORE --analyst t1 --readonly --theme monochrome; echo EXIT=\$?" Enter
wait_for $S "Kim Chol"
keys $S q
wait_for $S "EXIT=0"

echo "console.sh: ok (screens in $OUT)"
