#!/usr/bin/env bash
# After-hire activity at scale, for make bench: BIN [EVENTS]. Generates EVENTS GitHub audit events
# (streaming JSON lines, default 10M: $BENCH_ACTIVITY_EVENTS) with a candidates file mapping 90 % of
# the actors, imports both into a fresh store and prints one table row: events/s and max RSS.
# Aim: < 200 MB max RSS. Generated files are cached in bench-data/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$1; EVENTS=${2:-${BENCH_ACTIVITY_EVENTS:-10000000}}
DATA=bench-data/github-audit-$EVENTS
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vetdesk-activity.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
if [ ! -f "$DATA.ndjson" ]; then
    mkdir -p bench-data
    python3 scripts/gen-github-audit.py --events "$EVENTS" --out "$DATA.ndjson.tmp" --candidates "$DATA-candidates.csv"
    mv "$DATA.ndjson.tmp" "$DATA.ndjson"
fi
"$BIN" import --no-rescore --quiet --store "$WORK/a.sqlite" "$DATA-candidates.csv" >/dev/null
t0=$(date +%s.%N)
/usr/bin/time -v -o "$WORK/time" "$BIN" import --no-rescore --quiet --json --store "$WORK/a.sqlite" "$DATA.ndjson" >"$WORK/out.json"
t1=$(date +%s.%N)
RSS=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$WORK/time")
python3 - "$WORK/out.json" "$t0" "$t1" "$RSS" "$EVENTS" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["imported"][0]
secs = float(sys.argv[3]) - float(sys.argv[2]); rss = int(sys.argv[4]); n = int(sys.argv[5])
label = "import %s GitHub events (ev/s)" % ("{:,}".format(n))
print("%-40s %-18s %-26s %-26s %s" % (label[:40], "{:,.0f}".format(r["records"] / secs),
      "%.1f s, max RSS %d MB" % (secs, rss), "< 200 MB max RSS", "ok" if rss < 200 and r["inserted"] == n else "MISSED"))
PY
