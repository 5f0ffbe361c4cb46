#!/usr/bin/env bash
# End-to-end: rings in the console, on the demo data, as an analyst would work one:
#   R opens the Rings view (rings by score); Enter opens the top ring and draws it: at 80x24 and at
#   200x60 every member id and every shared identifier's kind is on screen; Enter on a member opens
#   its detail and Esc comes back to the ring; e escalates the whole ring with one reason and one
#   note (every member's history names the ring; the hash chain verifies); a member cleared by
#   someone else meanwhile is reported on the status line, not overwritten; x exports the ring as
#   one Markdown report (0600, every member, no outsider).
# Usage: Tests/e2e/console-rings.sh   (VETDESK_BIN=path/to/vetdesk picks the binary;
#                                      E2E_OUT=dir keeps the screen captures there)
set -euo pipefail
cd "$(dirname "$0")/../.."
NAME=console-rings.sh
. Tests/e2e/lib/console-setup.sh

step "import demo-data, find the rings"
vd import demo-data/*.csv demo-data/*.json >"$TMP/import.log" 2>&1 || { cat "$TMP/import.log"; fail "import failed"; }
vd rings >"$TMP/rings.txt" || fail "vetdesk rings failed"
RID=$(sql "SELECT id FROM ring WHERE active=1 ORDER BY score DESC, size DESC, id LIMIT 1")
[ -n "$RID" ] || fail "the demo has no ring"
MEMBERS=$(sql "SELECT candidate_id FROM ring_member WHERE ring_id='$RID' ORDER BY candidate_id")
KINDS=$(sql "SELECT DISTINCT kind FROM ring_edge WHERE ring_id='$RID' ORDER BY kind")
N=$(echo "$MEMBERS" | wc -l)
echo "      top ring $RID: $N members; kinds: $(echo $KINDS)"
[ "$N" -ge 3 ] || fail "the top demo ring has only $N members"

# Every member id and every edge kind on a captured screen.
assert_drawn() {
  local file=$1 what=$2
  for id in $MEMBERS; do grep -qF "$id" "$file" || fail "$what: member $id not drawn"; done
  for kind in $KINDS; do grep -qF "$kind" "$file" || fail "$what: edge kind $kind not on screen"; done
}

step "80x24: R lists rings, Enter draws the top one"
S=main
new_shell $S 80 24
run_console $S "$BIN --store $STORE --analyst t1"
wait_for $S "? help"
keys $S R
wait_for $S "STRONGEST SHARED"
wait_for $S "$RID"
screen $S > "$OUT/rings-list-80x24.txt"
sed -n 4p "$OUT/rings-list-80x24.txt" | grep -q "▸ $RID" || fail "the top ring $RID is not first and selected"
keys $S Enter
wait_for $S "Ring $RID"
wait_for $S "Timeline"
screen $S > "$OUT/ring-80x24.txt"
assert_drawn "$OUT/ring-80x24.txt" "80x24"
grep -qE "[┌╔]" "$OUT/ring-80x24.txt" || fail "80x24: no member boxes (the $N-member ring should be drawn)"
grep -q "e escalate ring" "$OUT/ring-80x24.txt" || fail "80x24: the hint line lacks the ring keys"

step "200x60: drawn whole, timeline beside"
$T resize-window -t $S -x 200 -y 60
wait_for $S "first shared payment"
sleep 0.2
screen $S > "$OUT/ring-200x60.txt"
assert_drawn "$OUT/ring-200x60.txt" "200x60"
grep -q "applied" "$OUT/ring-200x60.txt" || fail "200x60: the timeline lacks the applications"

step "a member's detail, and back to the ring"
was=$(screen $S | sed -n 3p | grep -o "C-[0-9]*" | head -1)
keys $S l
for i in $(seq 1 250); do
  first=$(screen $S | sed -n 3p | grep -o "C-[0-9]*" | head -1)
  [ -n "$first" ] && [ "$first" != "$was" ] && break; sleep 0.02
done
[ -n "$first" ] && [ "$first" != "$was" ] || fail "l did not move the selection from $was"
keys $S Enter
wait_for $S "1 Indicators"
wait_row $S 2 "$first"
keys $S Escape
wait_for $S "Ring $RID"
wait_row $S 3 "$first"

step "escalate the ring; one member was cleared meanwhile by t2"
OTHER=$(echo "$MEMBERS" | tail -1)
vd decide "$OTHER" --clear --note "verified on a video call" --analyst t2 >/dev/null
keys $S e
wait_for $S "Escalate ring $RID ($N members)"
keys $S Down
text $S "one payout account and one forwarder for all of them"
keys $S Enter
wait_for $S "escalated $((N - 1)) of $N in ring $RID"
wait_for $S "$OTHER now cleared by t2"
screen $S > "$OUT/ring-escalated-200x60.txt"
for id in $MEMBERS; do
  want=escalated; [ "$id" = "$OTHER" ] && want=cleared
  [ "$(sql "SELECT status FROM case_file WHERE candidate_id='$id'")" = $want ] || fail "$id is not $want"
done
for id in $MEMBERS; do
  [ "$id" = "$OTHER" ] && continue
  h=$(sql "SELECT analyst||'|'||action||'|'||reason_code||'|'||note FROM history WHERE candidate_id='$id' ORDER BY seq DESC LIMIT 1")
  [ "$h" = "t1|escalate|dprk_it_worker|[ring $RID] one payout account and one forwarder for all of them" ] || fail "history of $id: $h"
done
vd "audit verify" >"$TMP/audit.log" 2>&1 || { cat "$TMP/audit.log"; fail "audit verify failed"; }
wait_for $S "escalate [dprk_it_worker] by t1"   # the decisions join the timeline

step "x exports the ring"
keys $S x
wait_for $S "exported ring $RID ($N cases)"
file=$(ls "$TMP"/data/vetdesk/exports/"$RID"-*.md 2>/dev/null | head -1)
[ -n "$file" ] || fail "no ring export under $TMP/data/vetdesk/exports"
[ "$(stat -c %a "$file")" = 600 ] || fail "export $file has mode $(stat -c %a "$file"), expected 600"
head -1 "$file" | grep -q "^# Ring $RID: $N members" || fail "export does not start with the ring: $(head -1 "$file")"
for id in $MEMBERS; do grep -qF "$id" "$file" || fail "export lacks member $id"; done
grep -q "escalate" "$file" || fail "export lacks the ring decision"

step "back out and quit"
$T resize-window -t $S -x 80 -y 24
keys $S Escape
wait_for $S "STRONGEST SHARED"
keys $S q
wait_for $S "Space mark"
keys $S q
wait_for $S "EXIT=0"
step "console-rings.sh: ok (screens in $OUT)"
