#!/usr/bin/env bash
# Same data, two builds: do rules and scores agree? (docs/performance.md, "Import throughput (session 5)")
#   scripts/compare-login-results.sh BASE_BIN NEW_BIN DATA_DIR
# Each build imports DATA_DIR's files (scripts/bench.sh order, then logins.csv, with providers.yaml
# when present) into a fresh store and runs `rescore --all`; flags (candidate, rule, severity, weight,
# summary, evidence) and case_file (score, band) are dumped sorted and compared, and so are the login
# summaries as rows (login_hour through its view on a v15-logindata store).
set -euo pipefail
BASE=$1 NEW=$2 DATA=$3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/compare-login.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
PROV=(); [ -f "$DATA/providers.yaml" ] && PROV=(--providers "$DATA/providers.yaml")
status=0
for side in base new; do
    bin=$BASE; [ "$side" = new ] && bin=$NEW
    store="$WORK/$side.sqlite"
    "$bin" import --no-rescore --quiet --store "$store" "${PROV[@]}" "$DATA/candidates.csv" "$DATA/identity_checks.csv" \
        "$DATA/interviews.csv" "$DATA/payments.csv" "$DATA/endpoint.csv" "$DATA/watchlist.csv" "$DATA/invoices.csv" >/dev/null
    "$bin" import --no-rescore --quiet --store "$store" "${PROV[@]}" "$DATA/logins.csv" >/dev/null
    "$bin" rescore --all --store "$store" "${PROV[@]}" >/dev/null
    # Evidence cites sign-ins by login_event id, which depends on insertion order (not on the data):
    # compared by (source, source_id) instead.
    python3 - "$store" <<'PY' | sort >"$WORK/$side.flags"
import csv, json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ids = {str(i): f"{s}:{sid}" for i, s, sid in db.execute("SELECT id, source, source_id FROM login_event")}
out = csv.writer(sys.stdout, lineterminator="\n")
for row in db.execute("SELECT candidate_id, rule_id, severity, weight, summary, evidence FROM flag"):
    ev = json.loads(row[5])
    for e in ev:
        if e.get("kind") == "login" and e.get("ref") in ids: e["ref"] = ids[e["ref"]]
    out.writerow(list(row[:5]) + [json.dumps(ev, sort_keys=True)])
PY
    sqlite3 -csv "$store" "SELECT candidate_id, risk_score, risk_band FROM case_file" | sort >"$WORK/$side.cases"
    for t in login_ip_use login_day login_hour login_session login_device login_locale; do
        sqlite3 -csv "$store" "SELECT * FROM $t"
    done | sort >"$WORK/$side.summaries"
    sqlite3 -csv "$store" "SELECT source, source_id, candidate_id, account, occurred_at, ip, reported_country, city, outcome,
        user_agent, device_id, device_managed, locale, session_id FROM login_event" | sort >"$WORK/$side.events"
done
for part in flags cases summaries events; do
    if cmp -s "$WORK/base.$part" "$WORK/new.$part"; then
        echo "$part: identical ($(wc -l <"$WORK/new.$part") lines, md5 $(md5sum <"$WORK/new.$part" | cut -c1-12))"
    else
        echo "$part: DIFFER"; diff "$WORK/base.$part" "$WORK/new.$part" | head -5; status=1
    fi
done
exit $status
