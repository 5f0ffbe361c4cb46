#!/usr/bin/env bash
# Sign-in import side by side (docs/performance.md, "Import throughput (session 5)"):
#   scripts/bench-login-import.sh BASE_BIN NEW_BIN SETUP_STORE LOGINS_CSV [ROUNDS]
# SETUP_STORE holds the set's other files (scripts/bench.sh "importing" order), imported once; each
# run gets a fresh copy of it. Per round: base, new, then `sqlite3 .import --csv` into a bare table,
# one after the other, each under /usr/bin/time -v. Prints wall, CPU (user + sys), max RSS, and the
# ratio of sqlite3 to each by CPU and by wall (1 = as fast as sqlite3).
set -euo pipefail
BASE=$1 NEW=$2 SETUP=$3 CSV=$4 ROUNDS=${5:-2}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-login.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

measure() { # label, command...
    local label=$1; shift
    /usr/bin/time -v "$@" >"$WORK/$label.out" 2>"$WORK/$label.time" || { tail -5 "$WORK/$label.time" >&2; return 1; }
    python3 - "$WORK/$label.time" "$label" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def f(k): return re.search(re.escape(k) + r": *(.*)", t).group(1)
wall = f("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
cpu = float(f("User time (seconds)")) + float(f("System time (seconds)"))
print(f"{sys.argv[2]} {secs:.2f} {cpu:.2f} {int(f('Maximum resident set size (kbytes)')) // 1024}")
PY
}

for round in $(seq 1 "$ROUNDS"); do
    for side in base new; do
        bin=$BASE; [ "$side" = new ] && bin=$NEW
        rm -f "$WORK"/store.sqlite*
        cp "$SETUP" "$WORK/store.sqlite"
        measure "$side" "$bin" import --no-rescore --quiet --store "$WORK/store.sqlite" "$CSV"
    done
    rm -f "$WORK/ref.db"
    sqlite3 "$WORK/ref.db" "CREATE TABLE logins (event_id, source, occurred_at, account, ip, country, city, outcome, user_agent, device_id, device_managed, locale, session_id)"
    measure sqlite3 sqlite3 "$WORK/ref.db" ".import --csv --skip 1 $CSV logins"
done | python3 -c '
import sys, collections
runs = collections.defaultdict(list)
for line in sys.stdin:
    label, wall, cpu, rss = line.split(); runs[label].append((float(wall), float(cpu), int(rss)))
ref = runs["sqlite3"]
print("%-8s %8s %8s %7s %16s %17s" % ("run", "wall s", "CPU s", "RSS MB", "x sqlite3 (CPU)", "x sqlite3 (wall)"))
for label in ("base", "new", "sqlite3"):
    for i, (w, c, r) in enumerate(runs[label]):
        print(f"{label:8} {w:8.2f} {c:8.2f} {r:7d} {ref[i][1] / c:16.2f} {ref[i][0] / w:17.2f}")
'
