#!/usr/bin/env bash
# Rings at scale, for make bench: BIN STORE DATA (a scored bench store and the generated data it came from).
# Times the first ring computation and a full `vetdesk rings --refresh`, then an incremental refresh after a small payments import (new IBANs
# shared by existing candidates, one paying into an existing ring's account), each under /usr/bin/time -v for
# peak RSS. Prints table rows. Aim (issue 9): full refresh < 2 s at 100k candidates / 5M logins.
set -euo pipefail
BIN=$1; STORE=$2; DATA=$3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vetdesk-bench-rings.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
row() { printf '%-40s %-18s %-26s %-26s %s\n' "$@"; }
rss() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['refresh'][sys.argv[2]])" "$1" "$2"; }

# --min-size keeps the listing out of the measure: only the refresh is timed. The first computation also
# normalises every ship-to address once (kept in ring_ship_to); --refresh then recomputes every ring.
/usr/bin/time -v -o "$WORK/first.time" "$BIN" rings --min-size 1000000 --json --store "$STORE" >"$WORK/first.json"
FIRST_S=$(field "$WORK/first.json" seconds); FIRST_RSS=$(rss "$WORK/first.time"); FIRST_MODE=$(field "$WORK/first.json" mode)
/usr/bin/time -v -o "$WORK/full.time" "$BIN" rings --refresh --min-size 1000000 --json --store "$STORE" >"$WORK/full.json"
FULL_S=$(field "$WORK/full.json" seconds); FULL_RSS=$(rss "$WORK/full.time")
RINGS=$(field "$WORK/full.json" rings); EDGES=$(field "$WORK/full.json" edges)

# A small change, as a day's payments file would bring: 10 new IBANs shared by 3 candidates each, and
# one candidate paid into the account of an existing ring member.
python3 - "$DATA/candidates.csv" "$STORE" "$WORK/payments.csv" <<'PY'
import csv, sqlite3, sys
ids = [r["candidate_id"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))]
db = sqlite3.connect(sys.argv[2])
ring_account = db.execute("""SELECT a.account_type, a.identifier FROM ring_member m JOIN payment p ON p.candidate_id = m.candidate_id
                             JOIN payment_account a ON a.id = p.account_id LIMIT 1""").fetchone()
cols = ["record_id", "source", "paid_at", "contractor_id", "account_type", "account_identifier", "iban", "amount", "currency", "method"]
with open(sys.argv[3], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(cols)
    step = max(1, len(ids) // 31)
    for i in range(30):
        iban = "GB%02dBENC%014d" % (10 + i // 3, i // 3)
        w.writerow(["BENCH-RING-%d" % i, "bench", "2026-03-01T10:00:00Z", ids[i * step], "iban", iban, iban, "100.00", "EUR", "bank"])
    if ring_account:
        w.writerow(["BENCH-RING-JOIN", "bench", "2026-03-01T10:00:00Z", ids[-1], ring_account[0], ring_account[1],
                    ring_account[1] if ring_account[0] == "iban" else "", "100.00", "EUR", "bank"])
PY
"$BIN" import --no-rescore --store "$STORE" "$WORK/payments.csv" >/dev/null
/usr/bin/time -v -o "$WORK/inc.time" "$BIN" rings --min-size 1000000 --json --store "$STORE" >"$WORK/inc.json"
INC_S=$(field "$WORK/inc.json" seconds); INC_RSS=$(rss "$WORK/inc.time")
INC_MODE=$(field "$WORK/inc.json" mode); TOUCHED=$(field "$WORK/inc.json" touched)

ok() { python3 -c "import sys; print('ok' if float(sys.argv[1]) < float(sys.argv[2]) else 'MISSED')" "$1" "$2"; }
row "rings: first computation (s)" "$(printf '%.2f' "$FIRST_S")" "$FIRST_MODE, max RSS $FIRST_RSS MB" "" ""
row "rings: full refresh (s)" "$(printf '%.2f' "$FULL_S")" "$RINGS rings, $EDGES edges" "< 2 s" "$(ok "$FULL_S" 2)"
row "  max RSS (MB)" "$FULL_RSS" "" "" ""
row "rings: incremental, 31 payments (s)" "$(printf '%.3f' "$INC_S")" "$INC_MODE, $TOUCHED cand. re-read" "< full refresh" "$( [ "$INC_MODE" = incremental ] && ok "$INC_S" "$FULL_S" || echo MISSED)"
row "  max RSS (MB)" "$INC_RSS" "" "" ""
