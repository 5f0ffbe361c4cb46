#!/usr/bin/env bash
# Console-only jump host (docs/deployment.md): a real sshd with `Match Group` + `ForceCommand`
# gives an analyst and an observer, each with their own Unix account and key, the console on a team
# store and nothing else: a command asked for over ssh runs the console instead (no shell), remote
# port forwarding is refused, the analyst's escalation is recorded under their Unix name, and the
# observer's console is read-only. Needs root (users, groups, sshd); removes what it creates.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "team-ssh.sh: FAIL: needs root to create Unix users and start sshd as them"; exit 1; }
SRC_BIN=${VETDESK_BIN:-$(swift build --show-bin-path 2>/dev/null)/vetdesk}
[ -x "$SRC_BIN" ] || { echo "team-ssh.sh: no vetdesk binary at $SRC_BIN (build first)"; exit 1; }
command -v tmux >/dev/null || { echo "team-ssh.sh: tmux is required"; exit 1; }

TMP=$(mktemp -d /tmp/vetdesk-e2e-jump.XXXXXX)
chmod 0755 "$TMP"
. Tests/e2e/lib/tmux-driver.sh
. Tests/e2e/lib/sshd.sh
G=vdjump; RO=vdjump-ro; A=vdjump-alice; C=vdjump-carol
SSHD_PID=""; CREATED_USERS=(); CREATED_GROUPS=()
cleanup() {
  $T kill-server 2>/dev/null || true
  if [ -n "$SSHD_PID" ]; then kill "$SSHD_PID" 2>/dev/null || true; wait "$SSHD_PID" 2>/dev/null || true; fi
  for u in "${CREATED_USERS[@]}"; do
    for _ in $(seq 50); do pgrep -u "$u" >/dev/null || break; sleep 0.1; done
    userdel -r "$u" 2>/dev/null || true
  done
  for g in "${CREATED_GROUPS[@]}"; do groupdel "$g" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT

sshd_ensure_installed
for g in $G $RO; do getent group $g >/dev/null || { groupadd $g; CREATED_GROUPS+=($g); }; done
add_user() { id "$1" >/dev/null 2>&1 || { useradd -m -s /bin/bash -G "$2" "$1"; CREATED_USERS+=("$1"); }
             usermod -p '*' "$1"; }   # no password, not locked (sshd without PAM refuses locked accounts)
add_user $A $G; add_user $C $G,$RO

mkdir -p "$TMP/bin"; cp "$SRC_BIN" "$TMP/bin/vetdesk"; chmod 0755 "$TMP/bin/vetdesk"
BIN=$TMP/bin/vetdesk
STORE=$TMP/team/store.sqlite
"$BIN" admin init-team --group $G --readonly-group $RO --store "$STORE" >/dev/null
cp demo-data/candidates.csv "$TMP/candidates.csv"; chmod 0644 "$TMP/candidates.csv"
runuser -u $A -- env HOME="$(getent passwd $A | cut -d: -f6)" "$BIN" import --store "$STORE" "$TMP/candidates.csv" \
  >"$TMP/import.log" 2>&1 || { cat "$TMP/import.log"; fail "import as $A"; }
TOP_ID=$("$BIN" queue --store "$STORE" --limit 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["rows"][0]["candidate_id"])')
TOP_NAME=$("$BIN" queue --store "$STORE" --limit 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["rows"][0]["full_name"])')

# The read-only group's block comes first: for each keyword the first Match that applies wins.
sshd_start "Match Group $RO
    ForceCommand $BIN --store $STORE --readonly
    AllowTcpForwarding no
    X11Forwarding no
Match Group $G
    ForceCommand $BIN --store $STORE
    AllowTcpForwarding no
    X11Forwarding no" $A $C

# No shell: the command asked for is replaced by the console (which needs a terminal).
out=$($SSH -n $A@127.0.0.1 'echo SHELL-RAN; id' 2>&1 || true)
[[ "$out" != *SHELL-RAN* ]] || fail "a command ran over ssh: $out"
[[ "$out" == *"needs a terminal"* ]] || fail "the forced console did not answer: $out"
# No port forwarding.
rc=0; out=$($SSH -n -o ExitOnForwardFailure=yes -R 0:127.0.0.1:22 $A@127.0.0.1 2>&1) || rc=$?
[ $rc = 255 ] || fail "remote port forwarding was not refused (status $rc): $out"

S=main
new_shell $S 100 30
run_console $S "$SSH -tt $A@127.0.0.1 vetdesk --analyst someone-else"
wait_for $S "$A@store.sqlite" 15
wait_for $S "$TOP_NAME"
keys $S e
wait_for $S "Escalate"
keys $S Enter
wait_for $S "a note is required"
keys $S Down
text $S "escalated from a console-only account"
wait_for $S "console-only account"
keys $S Enter
wait_for $S "escalated $TOP_ID"
keys $S q
wait_for $S "EXIT=0"
"$BIN" history "$TOP_ID" --store "$STORE" | grep -F escalate | grep -qF "$A" \
  || fail "the escalation is not recorded under $A: $("$BIN" history "$TOP_ID" --store "$STORE")"

keys $S "clear" Enter
run_console $S "$SSH -tt $C@127.0.0.1"
wait_for $S "$C@store.sqlite" 15
wait_for $S "read-only"
keys $S c
wait_for $S "read-only session (member of the read-only group '$RO')"
keys $S q
wait_for $S "EXIT=0"
echo "team-ssh.sh: ok"
