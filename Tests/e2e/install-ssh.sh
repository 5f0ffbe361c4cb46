#!/usr/bin/env bash
# End-to-end test of an installed Vetdesk used over SSH, as on a jump host:
#   `make install` into a staging DESTDIR, then the prefix is moved elsewhere (a packager's flow:
#   the binary must find share/vetdesk from where it runs, not where it was built); checks the
#   layout, the man page (every subcommand) and the completions; a real sshd on 127.0.0.1 (the
#   openssh-server package is installed when missing: needs root) lets a Unix user with a key run
#   `ssh -tt host vetdesk` found through PATH in a tmux pane; the analyst escalates a case, starts a
#   note, the ssh client is killed mid-note, and on reconnecting the note comes back and is saved.
#   TERM=dumb over the same connection gets a clear error and exit 1. `make uninstall` removes
#   every file. Nothing is skipped: a missing sshd that cannot be installed fails the test.
# Usage: Tests/e2e/install-ssh.sh   (VETDESK_E2E_INSTALL_CONFIG=release installs the release build;
#                                    default debug, which `make test` has just built)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
CONFIG=${VETDESK_E2E_INSTALL_CONFIG:-debug}
for tool in tmux python3; do command -v $tool >/dev/null || { echo "install-ssh.sh: $tool is required"; exit 1; }; done

TMP=$(mktemp -d /tmp/vetdesk-e2e-ssh.XXXXXX)
chmod 0755 "$TMP"                      # the ssh user reads the prefix and the demo data in here
. Tests/e2e/lib/tmux-driver.sh
SECONDS=0
step() { echo "[$(printf '%3d' $SECONDS)s] $*"; }
SSHD_PID=""; CREATED_USER=""; CREATED_POLICY=""
cleanup() {
  $T kill-server 2>/dev/null || true
  if [ -n "$SSHD_PID" ]; then kill "$SSHD_PID" 2>/dev/null || true; wait "$SSHD_PID" 2>/dev/null || true; fi
  [ -z "$CREATED_POLICY" ] || rm -f /usr/sbin/policy-rc.d
  if [ -n "$CREATED_USER" ]; then
    # The user's sessions end with the ssh clients and sshd; give them a moment before removing it.
    for _ in $(seq 50); do pgrep -u "$CREATED_USER" >/dev/null || break; sleep 0.1; done
    userdel -r "$CREATED_USER" 2>/dev/null || true
  fi
  [ -n "${E2E_KEEP:-}" ] && echo "kept $TMP" || rm -rf "$TMP"
}
trap cleanup EXIT

# --- install into a staging DESTDIR, then move the prefix ------------------------------------------
step "make install DESTDIR=... PREFIX=/opt/vetdesk (CONFIG=$CONFIG), moved to $TMP/prefix"
${MAKE:-make} -s install DESTDIR="$TMP/stage" PREFIX=/opt/vetdesk CONFIG="$CONFIG" >"$TMP/install.log" 2>&1 \
  || { cat "$TMP/install.log"; fail "make install failed"; }
mv "$TMP/stage/opt/vetdesk" "$TMP/prefix"
P=$TMP/prefix
for f in bin/vetdesk share/vetdesk/rules.yaml share/vetdesk/providers.yaml share/man/man1/vetdesk.1 \
         share/bash-completion/completions/vetdesk share/zsh/site-functions/_vetdesk \
         share/fish/vendor_completions.d/vetdesk.fish; do
  [ -s "$P/$f" ] || fail "make install did not install $f"
done
for t in themes/*.yaml; do [ -s "$P/share/vetdesk/$t" ] || fail "make install did not install $t"; done
[ -x "$P/bin/vetdesk" ] || fail "the installed binary is not executable"
[ -z "$(find "$P" -name '*.resources' -o -name '*.bundle')" ] || fail "a resource bundle was installed: the binary must not need one"
VD=$P/bin/vetdesk

step "man page and completions"
# Every (nested) subcommand, from the binary's own description of its commands.
subs=$("$VD" --experimental-dump-help | python3 -c '
import json, sys
def walk(c):
    for s in c.get("subcommands", []):
        print(s["commandName"]); walk(s)
walk(json.load(sys.stdin)["command"])')
[ "$(echo "$subs" | wc -w)" -ge 15 ] || fail "could not read the subcommands: $subs"
for sub in $subs; do
  grep -Eq "^\.It Em $sub\$" "$P/share/man/man1/vetdesk.1" || fail "man page has no entry for the subcommand '$sub'"
done
grep -q '^\.Dt VETDESK 1' "$P/share/man/man1/vetdesk.1" || fail "man page is not vetdesk(1)"
if command -v groff >/dev/null; then
  groff -mandoc -Tutf8 -ww -z "$P/share/man/man1/vetdesk.1" 2>"$TMP/groff.log"
  [ ! -s "$TMP/groff.log" ] || { cat "$TMP/groff.log"; fail "groff warns about the man page"; }
fi
head -1 "$P/share/zsh/site-functions/_vetdesk" | grep -q '^#compdef vetdesk' || fail "zsh completion lacks #compdef"
grep -q "^complete -c 'vetdesk'" "$P/share/fish/vendor_completions.d/vetdesk.fish" || fail "fish completion lacks complete -c 'vetdesk'"
# The bash completion, loaded as bash-completion would, offers the subcommands.
words=$(PATH="$P/bin:$PATH" bash --norc -c '
  source "$1"; COMP_WORDS=(vetdesk i); COMP_CWORD=1; COMP_LINE="vetdesk i"; COMP_POINT=${#COMP_LINE}
  _vetdesk vetdesk i vetdesk 2>/dev/null; echo "${COMPREPLY[*]}"' _ "$P/share/bash-completion/completions/vetdesk")
for w in info import; do [[ " $words " == *" $w "* ]] || fail "bash completion of 'vetdesk i' offers '$words', not $w"; done

step "resources found from the binary's own prefix, not the working directory or argv[0]"
mkdir -p "$TMP/elsewhere" "$TMP/cwd/themes"
ln -s "$VD" "$TMP/elsewhere/vetdesk"
info=$(cd "$TMP/cwd" && env -i HOME="$TMP/cwd" PATH="$TMP/elsewhere:/usr/bin:/bin" vetdesk info --json --store "$TMP/cwd/s.sqlite")
python3 - "$info" "$P" "$TMP/cwd" <<'PY' || fail "info --json does not show the installed paths: $info"
import json, sys
info, prefix, cwd = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
assert info["executable"] == prefix + "/bin/vetdesk", info["executable"]
assert info["share_dirs"][0] == prefix + "/share/vetdesk", info["share_dirs"]
assert prefix + "/share/vetdesk/themes" in info["themes"], info["themes"]
assert not any(d.startswith(cwd + "/themes") for d in info["themes"]), info["themes"]
assert info["rules"] == prefix + "/share/vetdesk/rules.yaml", info["rules"]
assert info["providers"] == prefix + "/share/vetdesk/providers.yaml", info["providers"]
for key in ["store", "config", "drafts", "exports", "state", "user_providers", "location_db"]:
    assert info.get(key), key
PY
"$VD" rules --defaults-yaml | cmp -s - "$P/share/vetdesk/rules.yaml" || fail "installed rules.yaml is not the built-in defaults"

# --- sshd on 127.0.0.1 --------------------------------------------------------------------------------
. Tests/e2e/lib/sshd.sh
[ -x $SSHD_BIN ] || step "installing openssh-server"
sshd_ensure_installed
if [ "$(id -u)" = 0 ]; then
  U=vetdesk-e2e
  if ! id "$U" >/dev/null 2>&1; then
    useradd -m -s /bin/bash "$U"; CREATED_USER=$U
  fi
  usermod -p '*' "$U"          # no password, but not locked: sshd (without PAM) refuses locked accounts
  ENVSET=""                    # a real account: the XDG defaults under its home
else
  U=$(id -un)                  # unprivileged sshd can only log in its own user: keep its files in $TMP
  ENVSET="XDG_DATA_HOME=$TMP/u/data XDG_CONFIG_HOME=$TMP/u/config XDG_STATE_HOME=$TMP/u/state"
fi
step "sshd on 127.0.0.1 for user $U"
cp -r demo-data "$TMP/demo"; chmod -R a+rX "$TMP/demo"
# The install prefix on PATH, as /usr/local/bin would be: vetdesk is found through PATH.
sshd_start "SetEnv PATH=$P/bin:/usr/local/bin:/usr/bin:/bin $ENVSET" "$U"
remote() { LANG=C.UTF-8 $SSH -n "$U@127.0.0.1" "$@"; }

step "vetdesk through PATH over ssh"
found=$(remote 'command -v vetdesk')
[ "$found" = "$VD" ] || fail "ssh host 'command -v vetdesk' gives '$found', not $VD"
remote "vetdesk import $TMP/demo/*.csv $TMP/demo/*.json" >"$TMP/import.log" 2>&1 \
  || { cat "$TMP/import.log"; fail "import over ssh failed"; }
remote "vetdesk info --json" >"$TMP/info.json" || fail "vetdesk info over ssh failed"
python3 - "$TMP/info.json" "$P" <<'PY' || fail "remote info: $(cat "$TMP/info.json")"
import json, sys
info = json.load(open(sys.argv[1])); prefix = sys.argv[2]
assert info["executable"] == prefix + "/bin/vetdesk", info["executable"]
assert prefix + "/share/vetdesk/themes" in info["themes"], info["themes"]
assert info["counts"]["candidate"] >= 300, info["counts"]
PY
remote "vetdesk queue --limit 2 --json" >"$TMP/queue.json"
row() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rows"][int(sys.argv[2])][sys.argv[3]])' "$TMP/queue.json" "$@"; }
TOP_ID=$(row 0 candidate_id); TOP_NAME=$(row 0 full_name); SECOND_ID=$(row 1 candidate_id)
[ -n "$TOP_ID" ] && [ -n "$SECOND_ID" ] || fail "no queue over ssh"

# --- the console over ssh -tt, in tmux ---------------------------------------------------------------
S=main
new_shell $S 100 30
CONSOLE="$SSH -tt $U@127.0.0.1 vetdesk --theme light"
step "ssh -tt: escalate $TOP_ID"
run_console $S "$CONSOLE"
wait_for $S "$TOP_NAME" 15
wait_for $S "$U@store.sqlite"
keys $S Enter
wait_for $S "[1 Indicators]"
wait_row $S 2 "$TOP_ID"
keys $S e
wait_for $S "Escalate"
keys $S Enter
wait_for $S "a note is required"
keys $S Down
text $S "Escalated over ssh from the jump host"
wait_for $S "from the jump host"
keys $S Enter
wait_for $S "escalated $TOP_ID"
keys $S Escape

step "note on $SECOND_ID, connection dropped mid-note"
keys $S /
text $S "$SECOND_ID"
wait_for $S "filter: $SECOND_ID"
keys $S Enter
keys $S n
wait_for $S "Add note to"
NOTE="typed on the jump host before the link died"
text $S "$NOTE"
wait_for $S "$NOTE"
sleep 0.5
pane=$($T display -p -t $S '#{pane_pid}')
client=$(ps -o pid=,comm= --ppid "$pane" | awk '$2 == "ssh" {print $1}')
[ -n "$client" ] || fail "no ssh client under the tmux pane"
kill -KILL $client
wait_for $S "EXIT=137"
# sshd hangs up the remote console (SIGHUP): wait until it is gone before reconnecting.
for _ in $(seq 100); do remote 'pgrep -u "$(id -u)" -x vetdesk' >/dev/null || break; sleep 0.1; done
remote 'pgrep -u "$(id -u)" -x vetdesk' >/dev/null && fail "the remote console outlived the dropped connection"

step "reconnect: the note comes back"
keys $S "reset; clear" Enter
run_console $S "$CONSOLE"
wait_for $S "restored your unsent note" 15
wait_for $S "$NOTE"
text $S " and finished after reconnecting"
keys $S Enter
wait_for $S "noted $SECOND_ID"
if screen $S | sed -n 2p | grep -qF "$SECOND_ID"; then keys $S q; fi   # the note reopened its detail: back
wait_for $S "Enter open"
keys $S q
wait_for $S "EXIT=0"
hist=$(remote "vetdesk history $SECOND_ID")
echo "$hist" | grep -F "$U" | grep -Fq "note" || fail "history of $SECOND_ID lacks $U's note: $hist"
echo "$hist" | grep -Fq "$NOTE and finished after reconnecting" || fail "history of $SECOND_ID lacks the restored note: $hist"
remote "vetdesk history $TOP_ID" | grep -F "$U" | grep -Fq "escalate" || fail "history of $TOP_ID lacks the escalation"

step "TERM=dumb over ssh: a clear error, exit 1"
keys $S "clear; TERM=dumb $SSH -tt $U@127.0.0.1 vetdesk; echo EXIT=\$?" Enter
wait_for $S "cannot move the cursor" 15
wait_for $S "EXIT=1"

step "make uninstall"
${MAKE:-make} -s uninstall PREFIX="$P" >"$TMP/uninstall.log" 2>&1 || { cat "$TMP/uninstall.log"; fail "make uninstall failed"; }
left=$(find "$P" -type f)
[ -z "$left" ] || fail "make uninstall left: $left"
echo "install-ssh.sh: ok ($SECONDS s)"
