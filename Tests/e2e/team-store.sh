#!/usr/bin/env bash
# Team store: two analysts and an observer, each with their own Unix account, share one store.
#   `vetdesk admin init-team` makes the folder group-owned, setgid 2770, files 0660; both analysts
#   decide under their own Unix names; neither --analyst nor VETDESK_ANALYST can record another name;
#   the observer (read-only group) cannot write; files stay 0660 and group-owned as each user writes;
#   a personal store stays 0600. Needs root (creates users and groups, removed afterwards).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "team-store.sh: FAIL: needs root to create Unix users and groups"; exit 1; }
SRC_BIN=${VETDESK_BIN:-$(swift build --show-bin-path 2>/dev/null)/vetdesk}
[ -x "$SRC_BIN" ] || { echo "team-store.sh: no vetdesk binary at $SRC_BIN (build first)"; exit 1; }

TMP=$(mktemp -d /tmp/vetdesk-e2e-team.XXXXXX)
chmod 0755 "$TMP"
fail() { echo "team-store.sh: FAIL: $*"; exit 1; }
G=vdteam; RO=vdteam-ro; A=vdteam-alice; B=vdteam-bob; C=vdteam-carol
CREATED_USERS=(); CREATED_GROUPS=()
cleanup() {
  for u in "${CREATED_USERS[@]}"; do userdel "$u" 2>/dev/null || true; done
  for g in "${CREATED_GROUPS[@]}"; do groupdel "$g" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
for g in $G $RO; do getent group $g >/dev/null || { groupadd $g; CREATED_GROUPS+=($g); }; done
add_user() { local u=$1 groups=$2; id "$u" >/dev/null 2>&1 || { useradd -M -s /usr/sbin/nologin -G "$groups" "$u"; CREATED_USERS+=("$u"); }; }
add_user $A $G; add_user $B $G; add_user $C $G,$RO      # the observer reads the folder, so it is in both groups

# The binary is copied: it needs nothing beside it (themes and providers are built in).
mkdir -p "$TMP/bin"; cp "$SRC_BIN" "$TMP/bin/vetdesk"; chmod 0755 "$TMP/bin/vetdesk"
BIN=$TMP/bin/vetdesk
STORE=$TMP/team/store.sqlite
as() { local u=$1; shift; mkdir -p "$TMP/home/$u"; chown "$u" "$TMP/home/$u"
       runuser -u "$u" -- env -u VETDESK_ANALYST HOME="$TMP/home/$u" "$@"; }
mode() { stat -c '%a %G' "$1"; }

"$BIN" admin init-team --group $G --readonly-group $RO --store "$STORE" >/dev/null
[ "$(mode "$TMP/team")" = "2770 $G" ] || fail "team folder is $(mode "$TMP/team"), not 2770 $G"
[ "$(mode "$STORE")" = "660 $G" ] || fail "store is $(mode "$STORE"), not 660 $G"
[ "$(mode "$TMP/team/team.yaml")" = "640 $G" ] || fail "team.yaml is $(mode "$TMP/team/team.yaml")"

cp demo-data/candidates.csv "$TMP/candidates.csv"; chmod 0644 "$TMP/candidates.csv"
as $A "$BIN" import --store "$STORE" "$TMP/candidates.csv" >"$TMP/import.log" 2>&1 || { cat "$TMP/import.log"; fail "import as $A"; }
as $A "$BIN" decide C-000001 --clear --note "alice checked" --store "$STORE" >/dev/null || fail "$A cannot decide"
as $B "$BIN" decide C-000002 --escalate dprk_it_worker --note "bob escalates" --store "$STORE" >/dev/null || fail "$B cannot decide"
who() { "$BIN" history "$1" --store "$STORE" | grep -F "$2" ; }
who C-000001 "clear" | grep -qF "$A" || fail "C-000001's clear is not recorded under $A: $("$BIN" history C-000001 --store "$STORE")"
who C-000002 "escalate" | grep -qF "$B" || fail "C-000002's escalation is not recorded under $B"

before=$(sqlite3 "$STORE" "SELECT count(*) FROM history")
out=$(as $A "$BIN" note C-000003 --note forged --analyst $B --store "$STORE" 2>&1) && fail "--analyst $B accepted for $A: $out"
echo "$out" | grep -q "refused" || fail "no clear refusal of --analyst: $out"
out=$(as $A env VETDESK_ANALYST=$B "$BIN" note C-000003 --note forged --store "$STORE" 2>&1) && fail "VETDESK_ANALYST=$B accepted for $A: $out"
echo "$out" | grep -q "refused" || fail "no clear refusal of VETDESK_ANALYST: $out"
out=$(as $C "$BIN" decide C-000004 --clear --note "observer tries" --store "$STORE" 2>&1) && fail "observer $C could decide: $out"
echo "$out" | grep -q "read-only" || fail "observer refusal does not say read-only: $out"
[ "$(sqlite3 "$STORE" "SELECT count(*) FROM history")" = "$before" ] || fail "a forged or observer entry reached the history"
as $C "$BIN" info --json --store "$STORE" | python3 -c '
import json, sys; a = json.load(sys.stdin)["access"]
assert a["model"] == "team" and a["readonly"] and a["analyst"] == sys.argv[1], a' $C || fail "info does not show the observer read-only"
as $A "$BIN" info --json --store "$STORE" | python3 -c '
import json, sys; a = json.load(sys.stdin)["access"]
assert a["model"] == "team" and not a["readonly"] and a["analyst"] == sys.argv[1], a' $A || fail "info does not show $A read-write"

for f in "$STORE" "$STORE-wal" "$STORE-shm" "$STORE.lock"; do
  [ ! -e "$f" ] || [ "$(mode "$f")" = "660 $G" ] || fail "$f is $(mode "$f") after both analysts wrote, not 660 $G"
done
# Without write permission (files made 0640 by the admin): read commands and info work read-only.
chmod 0640 "$STORE"; [ ! -e "$STORE-wal" ] || chmod 0640 "$STORE-wal" "$STORE-shm"
as $A "$BIN" queue --limit 3 --store "$STORE" >"$TMP/ro-queue.txt" 2>&1 || { cat "$TMP/ro-queue.txt"; fail "queue without write permission"; }
grep -qE "C-[0-9]{6}" "$TMP/ro-queue.txt" || fail "queue without write permission shows no candidate: $(cat "$TMP/ro-queue.txt")"
as $A "$BIN" info --json --store "$STORE" | python3 -c '
import json, sys; a = json.load(sys.stdin)["access"]
assert a["readonly"] and "no write permission" in a["readonly_reason"], a' || fail "info does not say why $A is read-only"
out=$(as $A "$BIN" decide C-000005 --clear --note "no permission" --store "$STORE" 2>&1) && fail "decide without write permission: $out"
echo "$out" | grep -q "read-only: no write permission" || fail "refusal does not say why: $out"
chmod 0660 "$STORE"

"$BIN" queue --store "$TMP/personal/store.sqlite" >/dev/null
[ "$(stat -c %a "$TMP/personal/store.sqlite")" = 600 ] || fail "a personal store is not 0600"
echo "team-store.sh: ok"
