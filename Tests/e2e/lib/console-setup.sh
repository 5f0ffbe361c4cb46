# Shared set-up of the console e2e scripts that drive the demo data in tmux. Source it from the
# repository root with NAME set: it finds the binary, makes a scratch dir ($TMP, $OUT for screen
# captures, $STORE), loads the tmux driver and defines step, sql and vd (a subcommand on the store).
BIN=${VETDESK_BIN:-$(swift build --show-bin-path 2>/dev/null)/vetdesk}
[ -x "$BIN" ] || { echo "$NAME: no vetdesk binary at $BIN (build first)"; exit 1; }
for tool in tmux sqlite3; do command -v $tool >/dev/null || { echo "$NAME: $tool is required"; exit 1; }; done

TMP=$(mktemp -d)
OUT=${E2E_OUT:-$TMP/screens}
mkdir -p "$OUT" "$TMP/data" "$TMP/state" "$TMP/config"
STORE=$TMP/demo.sqlite
. Tests/e2e/lib/tmux-driver.sh
cleanup() { $T kill-server 2>/dev/null || true; [ -n "${E2E_OUT:-}" ] || rm -rf "$TMP"; }
trap cleanup EXIT
SECONDS=0
step() { echo "[$(printf '%3d' $SECONDS)s] $*"; }
sql() { sqlite3 -cmd ".timeout 5000" "$STORE" "$@"; }
vd() { local sub=$1; shift; "$BIN" $sub --store "$STORE" "$@"; }   # a subcommand on the store
