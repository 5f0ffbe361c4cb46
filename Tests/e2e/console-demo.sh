#!/usr/bin/env bash
# End-to-end triage of the real demo data, as an analyst would do it at 80x24 over SSH:
#   import demo-data/ into a fresh store; the ring candidates lead the queue with their flags;
#   open one, visit every panel (evidence, ring peers, heatmap), follow a link to a ring peer;
#   escalate one (reason + note) and clear a benign one (note), checked with sqlite3 and
#   `vetdesk audit verify`; a second process imports new candidates and they appear, marked,
#   within about half a second; Space marks two candidates and one dialog escalates both;
#   two consoles decide the same case and the second is told; a draft restored after SIGKILL
#   meets the escalation made meanwhile and shows the same conflict; `x` exports a case (0600);
#   `y` copies the id (OSC 52, tmux buffer); resize to 200x60 and below the minimum; q restores
#   the terminal. Then the console starts, draws and quits under several TERM values.
# Usage: Tests/e2e/console-demo.sh   (VETDESK_BIN=path/to/vetdesk picks the binary;
#                                     E2E_OUT=dir keeps the screen captures there)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
NAME=console-demo.sh
. Tests/e2e/lib/console-setup.sh
CONSOLE="$BIN --store $STORE --analyst t1"

# --- a fresh store from the demo data ---------------------------------------------------------
step "import demo-data"
vd import demo-data/*.csv demo-data/*.json >"$TMP/import.log" 2>&1 || { cat "$TMP/import.log"; fail "import failed"; }
top=$(vd queue --limit 5)
echo "$top" | grep -q "critical" || fail "queue --limit 5 shows no critical candidate: $top"
echo "$top" | grep -Eq "dprk_ip_space|shared_payment_account|watchlist_hit" || fail "queue --limit 5 shows no flags: $top"
RING="C-000020 C-000039 C-000062 C-000074 C-000166 C-000199 C-000211 C-000215 C-000233 C-000016 C-000208 C-000026"
ring_sql=$(printf "'%s'," $RING); ring_sql=${ring_sql%,}
name_of() { sql "SELECT full_name FROM candidate WHERE id='$1'"; }
TOP_ID=$(sql "SELECT candidate_id FROM case_file ORDER BY risk_score DESC, candidate_id LIMIT 1")
TOP_NAME=$(name_of "$TOP_ID")
case " $RING " in *" $TOP_ID "*) ;; *) fail "the top candidate $TOP_ID is not a planted ring member";; esac

# --- the queue at 80x24 ----------------------------------------------------------------------------
step "console at 80x24: ring candidates on top"
S=main
new_shell $S 80 24
$T set -g set-clipboard on
run_console $S "$CONSOLE"
wait_for $S "$TOP_NAME"
wait_for $S "? help"
wait_for $S "new 300"     # the counts follow the first frame
wait_for $S "1/300"
[ "$(alternate_on $S)" = 1 ] || fail "console is not on the alternate screen"
screen $S > "$OUT/queue-80x24.txt"
grep -q "t1@demo.sqlite" "$OUT/queue-80x24.txt" || fail "header lacks analyst@store"
grep -q "new 300" "$OUT/queue-80x24.txt" || fail "header lacks the status counts"
grep -q "● live" "$OUT/queue-80x24.txt" || fail "header lacks the live indicator"
sed -n '1,3p' "$OUT/queue-80x24.txt" | grep -q "1/300" || fail "view line lacks the position"
# The twelve ring members fill the first twelve rows (screen rows 4-15), each with flags and a count.
for id in $RING; do
  n=$(name_of "$id")
  sed -n '4,15p' "$OUT/queue-80x24.txt" | grep -F "$n" | grep -Eq "[a-z_]+.* \+[0-9]+" \
    || fail "ring member $id ($n) is not in the top twelve rows with its flags"
done
grep -q "e escalate" "$OUT/queue-80x24.txt" && grep -q "c clear" "$OUT/queue-80x24.txt" \
  || fail "the hint line lacks the decision keys"
# Columns align with diacritics: the country column starts at the same place on every row.
cols=$(sed -n '4,23p' "$OUT/queue-80x24.txt" | python3 -c '
import sys, re
print(len({m.start() for line in sys.stdin for m in [re.search(r" [A-Z]{2} ", line[20:])] if m}))')
[ "$cols" = 1 ] || fail "the country column is not aligned ($cols different columns)"

# --- detail: every panel ------------------------------------------------------------------------------
step "detail of $TOP_ID: every panel"
keys $S Enter
wait_for $S "[1 Indicators]"
wait_for $S "DECISIVE"
screen $S > "$OUT/detail-indicators-80x24.txt"
grep -q "•" "$OUT/detail-indicators-80x24.txt" || fail "Indicators shows no evidence line"
grep -q "source:" "$OUT/detail-indicators-80x24.txt" || fail "Indicators shows no public source"
keys $S Tab; wait_for $S "[2 Payments]"; wait_for $S "Accounts ("
screen $S > "$OUT/detail-payments-80x24.txt"
keys $S Tab; wait_for $S "[3 Logins]"; wait_for $S "Activity by weekday and hour"
screen $S > "$OUT/detail-logins-80x24.txt"
grep -Eq "^│Mon .*[░▒▓█]" "$OUT/detail-logins-80x24.txt" || fail "Logins shows no heatmap"
keys $S Tab; wait_for $S "[4 Activity]"; wait_for $S "clone"
keys $S Tab; wait_for $S "[5 Identity]"; wait_for $S "Declared"
keys $S Tab; wait_for $S "[6 Links]"; wait_for $S "linked candidate"
screen $S > "$OUT/detail-links-80x24.txt"
peer=$(grep -o "→ C-[0-9]*" "$OUT/detail-links-80x24.txt" | head -1 | cut -c5-)
[ -n "$peer" ] || fail "Links shows no linked candidate"
case " $RING " in *" $peer "*) ;; *) fail "the first link ($peer) is not a ring peer";; esac
keys $S Tab; wait_for $S "[7 History]"

# --- follow a link to a ring peer, and back -----------------------------------------------------------
step "follow the link to ring peer $peer"
keys $S 6
wait_for $S "[6 Links]"
followed=0
for i in 1 2 3 4 5 6; do
  keys $S j Enter
  if screen $S | sed -n 2p | grep -q "$peer"; then followed=1; break; fi
  sleep 0.05
  if screen $S | sed -n 2p | grep -q "$peer"; then followed=1; break; fi
done
[ $followed = 1 ] || fail "Enter on the Links panel did not open $peer"
wait_row $S 2 "1 back"
screen $S > "$OUT/detail-peer-80x24.txt"
keys $S Escape
wait_row $S 2 "$TOP_ID"

# --- escalate the top candidate with a reason and a note ---------------------------------------------
step "escalate $TOP_ID"
keys $S e
wait_for $S "Escalate $TOP_NAME"
keys $S Enter
wait_for $S "a note is required"
keys $S Down
text $S "Logs in from AS131279 (North Korea); shares a USDT wallet with $peer"
wait_for $S "shares a USDT wallet"
screen $S > "$OUT/escalate-dialog-80x24.txt"
keys $S Enter
wait_for $S "escalated $TOP_ID"
[ "$(sql "SELECT status FROM case_file WHERE candidate_id='$TOP_ID'")" = escalated ] || fail "$TOP_ID not escalated in the store"
hist=$(sql "SELECT analyst||'|'||action||'|'||reason_code||'|'||note FROM history WHERE candidate_id='$TOP_ID' ORDER BY seq DESC LIMIT 1")
[ "$hist" = "t1|escalate|dprk_it_worker|Logs in from AS131279 (North Korea); shares a USDT wallet with $peer" ] \
  || fail "history row for $TOP_ID: $hist"
wait_row $S 2 "escalated"
keys $S Escape
wait_for $S "esc 1"

# --- clear a benign (low risk) candidate with a note ----------------------------------------------------
BENIGN=$(sql "SELECT candidate_id FROM case_file WHERE risk_band='low' AND candidate_id NOT IN ($ring_sql) ORDER BY candidate_id LIMIT 1")
BENIGN_NAME=$(name_of "$BENIGN")
step "clear benign $BENIGN ($BENIGN_NAME)"
keys $S /
text $S "$BENIGN"
wait_for $S "filter: $BENIGN"
wait_for $S "$BENIGN_NAME"
keys $S Enter
keys $S c
wait_for $S "Clear $BENIGN_NAME"
text $S "ID document from another EU country; verified on a video call"
keys $S Enter
wait_for $S "cleared $BENIGN"
[ "$(sql "SELECT status FROM case_file WHERE candidate_id='$BENIGN'")" = cleared ] || fail "$BENIGN not cleared in the store"
hist=$(sql "SELECT analyst||'|'||action||'|'||note FROM history WHERE candidate_id='$BENIGN' ORDER BY seq DESC LIMIT 1")
[ "$hist" = "t1|clear|ID document from another EU country; verified on a video call" ] || fail "history row for $BENIGN: $hist"
keys $S Escape
wait_gone $S "filter: $BENIGN"
vd "audit verify" >"$TMP/audit.log" 2>&1 || { cat "$TMP/audit.log"; fail "audit verify failed"; }

# --- live: a second process imports new candidates ---------------------------------------------------
step "live import from a second process"
keys $S ":"
text $S "sort updated"
keys $S Enter
wait_for $S "sort: updated"
mkdir -p "$TMP/extra"
{ head -1 demo-data/candidates.csv
  sed -n 2p demo-data/candidates.csv | sed -E 's/^C-000001,[^,]*,[^@,]*@/C-900001,Živa Novák Live,ziva.live@/'
} > "$TMP/extra/candidates.csv"
vd import "$TMP/extra/candidates.csv" >"$TMP/extra/import.log" 2>&1 || { cat "$TMP/extra/import.log"; fail "extra import failed"; }
start=$(date +%s%N)
wait_for $S "Živa Novák Live" 3
ms=$(( ($(date +%s%N) - start) / 1000000 ))
screen $S > "$OUT/live-import-80x24.txt"
grep "Živa Novák Live" "$OUT/live-import-80x24.txt" | grep -q "✚" || fail "the new row is not marked ✚"
grep -q "new 299" "$OUT/live-import-80x24.txt" || fail "the header counts did not follow the import"
echo "      new candidate on screen ${ms} ms after the importing process exited"
[ $ms -le 1000 ] || fail "live refresh took ${ms} ms"

# --- bulk: mark two with Space and escalate them together --------------------------------------------
keys $S ":"; text $S "sort risk"; keys $S Enter
wait_for $S "sort: risk"
keys $S g
B1=$(sql "SELECT candidate_id FROM case_file ORDER BY risk_score DESC, candidate_id LIMIT 1 OFFSET 2")
B2=$(sql "SELECT candidate_id FROM case_file ORDER BY risk_score DESC, candidate_id LIMIT 1 OFFSET 3")
step "bulk-escalate $B1 and $B2"
keys $S j j Space Space
wait_for $S "2 marked"
screen $S > "$OUT/bulk-marked-80x24.txt"
[ "$(grep -c "●" "$OUT/bulk-marked-80x24.txt")" -ge 3 ] || fail "marked rows carry no ● (2 rows + live indicator)"
keys $S e
wait_for $S "Escalate 2 marked candidates"
keys $S Down Down Down Down
text $S "Same payee account as the ring; escalated together"
keys $S Enter
wait_for $S "escalated 2 candidates"
for id in $B1 $B2; do
  row=$(sql "SELECT k.status||'|'||h.reason_code||'|'||h.note FROM case_file k JOIN history h ON h.candidate_id=k.candidate_id
             WHERE k.candidate_id='$id' ORDER BY h.seq DESC LIMIT 1")
  [ "$row" = "escalated|payment_mule|Same payee account as the ring; escalated together" ] || fail "bulk result for $id: $row"
done

# --- export with x: a 0600 file ---------------------------------------------------------------------
step "export with x"
keys $S g
keys $S x
wait_for $S "exported 1 case"
file=$(ls "$TMP"/data/vetdesk/exports/*.md 2>/dev/null | head -1)
[ -n "$file" ] || fail "no export file under $TMP/data/vetdesk/exports"
[ "$(stat -c %a "$file")" = 600 ] || fail "export $file has mode $(stat -c %a "$file"), expected 600"
grep -q "$TOP_ID" "$file" || fail "export $file does not name $TOP_ID"

# --- y copies the candidate id (OSC 52, kept by tmux's set-clipboard) ----------------------------
keys $S y
wait_for $S "copied $TOP_ID"
for i in $(seq 1 50); do [ "$($T show-buffer 2>/dev/null)" = "$TOP_ID" ] && break; sleep 0.02; done
[ "$($T show-buffer 2>/dev/null)" = "$TOP_ID" ] || fail "tmux buffer is '$($T show-buffer 2>/dev/null)', expected $TOP_ID"

# --- two consoles decide the same case: the second is told and sees the new state ----------------
C=$(sql "SELECT candidate_id FROM case_file WHERE risk_band='low' AND status='new' ORDER BY candidate_id LIMIT 1 OFFSET 1")
C_NAME=$(name_of "$C")
step "two consoles decide $C"
new_shell other 80 24
run_console other "$BIN --store $STORE --analyst t2"
wait_for other "? help"
for s in $S other; do
  keys $s /; text $s "$C"; wait_for $s "$C_NAME"; keys $s Enter
done
keys $S c; wait_for $S "Clear $C_NAME"
keys other e; wait_for other "Escalate $C_NAME"
text $S "benign: verified the laptop in person"
keys other Down; text other "escalating on a tip"
keys other Enter
wait_for other "escalated $C"
keys $S Enter
wait_for $S "changed since you opened it"
wait_for $S "changed by someone else: now escalated by t2"
screen $S > "$OUT/conflict-80x24.txt"
[ "$(sql "SELECT status FROM case_file WHERE candidate_id='$C'")" = escalated ] || fail "the first decision was overwritten"
keys $S Escape
wait_gone $S "Clear $C_NAME"
screen $S | grep -F "$C_NAME" | grep -q "escalated" || fail "the second console does not show the new state"
keys other q; wait_for other "EXIT=0"
keys $S Escape

# --- a restored draft whose case changed meanwhile shows the conflict as a live one does -----------
D=$(sql "SELECT candidate_id FROM case_file WHERE risk_band='low' AND status='new' ORDER BY candidate_id LIMIT 1 OFFSET 2")
D_NAME=$(name_of "$D")
step "a dropped session's draft on $D meets t2's escalation"
new_shell drop 80 24
run_console drop "$BIN --store $STORE --analyst t3"
wait_for drop "? help"
keys drop /; text drop "$D"; wait_for drop "$D_NAME"; keys drop Enter
keys drop c; wait_for drop "Clear $D_NAME"
text drop "benign: typed before the connection dropped"
wait_for drop "before the connection dropped"
sleep 0.3
kill -KILL "$(pgrep -f -- "--analyst t3" | head -1)"
wait_for drop "EXIT=137"
vd decide "$D" --escalate laptop_farm --note "ships to a forwarder" --analyst t2 >/dev/null
run_console drop "reset; clear; $BIN --store $STORE --analyst t3"
wait_for drop "before the connection dropped"
wait_for drop "changed since you opened it"
wait_for drop "changed by someone else: now escalated by t2"
screen drop > "$OUT/draft-conflict-80x24.txt"
keys drop Escape
wait_gone drop "Clear $D_NAME"
[ "$(sql "SELECT status FROM case_file WHERE candidate_id='$D'")" = escalated ] || fail "the restored draft overrode the escalation"
keys drop q; wait_for drop "Space mark"   # the restored draft opened the detail: q goes back first
keys drop q; wait_for drop "EXIT=0"

# --- help overlay ----------------------------------------------------------------------------------
keys $S "?"
wait_for $S "Keys ("
screen $S > "$OUT/help-80x24.txt"
keys $S Escape
wait_gone $S "Keys ("

# --- themes switch live; Esc has no delay; Ctrl-Z suspends and fg resumes ------------------------
keys $S T
wait_for $S "theme: "
keys $S ":"; text $S "theme default"; keys $S Enter
wait_for $S "theme: default"
keys $S g Enter
wait_for $S "[1 Indicators]"
start=$(date +%s%N)
keys $S Escape
wait_for $S "view: all"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "      Esc back to the queue in ${ms} ms"
[ $ms -le 400 ] || fail "Esc took ${ms} ms (ESCDELAY not applied?)"
keys $S C-z
wait_for $S "e2e\$"
[ "$(alternate_on $S)" = 0 ] || fail "alternate screen still on after Ctrl-Z"
keys $S "fg" Enter
wait_for $S "$TOP_NAME"
wait_for $S "? help"

# --- resize: big grid of panels, too small, back ------------------------------------------------
step "resize"
$T resize-window -t $S -x 200 -y 60
keys $S g Enter
wait_for $S "7 History"
wait_for $S "Activity by weekday"
screen $S > "$OUT/detail-200x60.txt"
keys $S Escape
wait_for $S "ASSIGNEE"
screen $S > "$OUT/queue-200x60.txt"
$T resize-window -t $S -x 60 -y 15
wait_for $S "too small: need"
$T resize-window -t $S -x 80 -y 24
wait_for $S "$TOP_NAME"

# --- quit restores the terminal -------------------------------------------------------------------
# (Since Ctrl-Z the console is a job resumed with fg: fg's status is the console's.)
keys $S q
for i in $(seq 1 250); do [ "$(alternate_on $S)" = 0 ] && break; sleep 0.02; done
[ "$(alternate_on $S)" = 0 ] || fail "alternate screen still on after q"
keys $S "echo EXIT=\$?" Enter
wait_for $S "EXIT=0"
[ "$(alternate_on $S)" = 0 ] || fail "alternate screen still on after q"

# --- terminal types and NO_COLOR --------------------------------------------------------------------
step "TERM matrix, NO_COLOR"
keys $S "clear; NO_COLOR=1 $CONSOLE --readonly; echo EXIT=\$?" Enter
wait_for $S "$TOP_NAME"
$T capture-pane -e -p -t $S > "$OUT/no-color-sgr.txt"
if grep -Eq $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|38;[25]|48;[25])[;m]' "$OUT/no-color-sgr.txt"; then fail "NO_COLOR: colours on screen"; fi
grep -q $'\e\\[[0-9;]*7m' "$OUT/no-color-sgr.txt" || fail "NO_COLOR: the selection is not in reverse video"
keys $S q
wait_for $S "EXIT=0"
for term in xterm-256color tmux-256color screen linux xterm no-such-terminal; do
  keys $S "clear; TERM=$term $CONSOLE --readonly; echo EXIT=\$?" Enter
  wait_for $S "$TOP_NAME" 5
  wait_for $S "help"
  keys $S q
  wait_for $S "EXIT=0"
  [ "$(alternate_on $S)" = 0 ] || fail "TERM=$term: alternate screen still on after q"
  keys $S "clear" Enter
  wait_gone $S "EXIT=0"
done

step "console-demo.sh: ok (screens in $OUT)"
