#!/usr/bin/env bash
# make bench: release build, generated data (100k candidates, 5M logins by default), one table.
# BENCH_CANDIDATES / BENCH_LOGINS / BENCH_SEED override the size for a quick run.
# Generated data is cached in bench-data/ keyed by its parameters, so reruns skip generation.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${BENCH_CANDIDATES:-100000}
M=${BENCH_LOGINS:-5000000}
SEED=${BENCH_SEED:-20260302}
SCRATCH=.build-release
BIN=$SCRATCH/release/vetdesk
DATA=bench-data/c$N-l$M-s$SEED
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vetdesk-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
STORE=$WORK/store.sqlite
export VETDESK_STORE=$STORE

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench: '$1' is missing ($2)" >&2; exit 1; }; }
need sqlite3 "apt package sqlite3"
need python3 "apt package python3"
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt package time)" >&2; exit 1; }

echo "== release build"
if ! swift build -c release --scratch-path "$SCRATCH" >"$WORK/build.log" 2>&1; then
    grep -E "error" "$WORK/build.log" | sort -u | head -20 >&2
    echo "bench: release build failed" >&2
    exit 1
fi

if [ ! -f "$DATA/.complete" ]; then
    echo "== generating $N candidates, $M logins into $DATA"
    rm -rf "$DATA"
    "$BIN" generate --candidates "$N" --logins "$M" --seed "$SEED" --out "$DATA" | tail -1
    touch "$DATA/.complete"
else
    echo "== using cached $DATA"
fi

now() { date +%s.%N; }
calc() { python3 -c "print($1)"; }
# run LABEL CMD...: runs under /usr/bin/time -v; sets SECONDS_<LABEL> and RSS_<LABEL> (MB).
run() {
    local label=$1; shift
    local t0 t1
    t0=$(now)
    if ! /usr/bin/time -v -o "$WORK/$label.time" "$@" >"$WORK/$label.out" 2>&1; then
        echo "bench: '$*' failed:" >&2; tail -5 "$WORK/$label.out" >&2; return 1
    fi
    t1=$(now)
    printf -v "SECONDS_$label" '%s' "$(calc "$t1 - $t0")"
    printf -v "RSS_$label" '%s' "$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$WORK/$label.time")"
}
has_command() { "$BIN" "$1" --help >/dev/null 2>&1; }
fmt() { printf "%'.${2:-0}f" "$1"; }

echo "== importing"
OTHER_FILES=("$DATA/candidates.csv" "$DATA/identity_checks.csv" "$DATA/interviews.csv" "$DATA/payments.csv"
             "$DATA/endpoint.csv" "$DATA/watchlist.csv")
IMPORT_OK=0
if has_command import; then
    run setup "$BIN" import --no-rescore --store "$STORE" "${OTHER_FILES[@]}"
    run import "$BIN" import --no-rescore --store "$STORE" "$DATA/logins.csv"
    IMPORT_OK=1
    IMPORT_RATE=$(calc "$M / $SECONDS_import")
else
    echo "bench: 'vetdesk import' is not available in this build" >&2
fi

echo "== sqlite3 .import of the same CSV"
sqlite3 "$WORK/reference.db" "CREATE TABLE logins(event_id TEXT, source TEXT, occurred_at TEXT, account TEXT, ip TEXT,
    country TEXT, city TEXT, outcome TEXT, user_agent TEXT, device_id TEXT, device_managed TEXT, locale TEXT,
    session_id TEXT);"
run sqlite sqlite3 "$WORK/reference.db" ".import --csv --skip 1 $DATA/logins.csv logins"
SQLITE_RATE=$(calc "$M / $SECONDS_sqlite")

RESCORE_OK=0
if [ $IMPORT_OK = 1 ] && has_command rescore; then
    echo "== rescore"
    run rescore "$BIN" rescore --all --store "$STORE"
    RESCORE_OK=1
fi

QUERY_OK=0
if [ $IMPORT_OK = 1 ]; then
    echo "== first queue page"
    run query "$BIN" bench-query --store "$STORE" --limit 50 --repeat 100 --json
    QUERY_MS=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['median_ms'])" "$WORK/query.out")
    QUERY_OK=1
fi

CONSOLE_OK=0
VD_OK=0
if [ $IMPORT_OK = 1 ] && has_command console; then
    echo "== console in a pty"
    TOP_NAME=$("$BIN" queue --store "$STORE" --limit 1 --json | python3 -c '
import json,sys
d=json.load(sys.stdin)
rows=d if isinstance(d,list) else next(v for v in d.values() if isinstance(v,list))
print(max((rows[0].get("full_name") or rows[0]["fullName"]).split(), key=len))')
    if python3 scripts/bench-console.py --marker "$TOP_NAME" --keys 50 -- "$BIN" console --store "$STORE" \
        >"$WORK/console.json" 2>"$WORK/console.err" && ! grep -q '"error"' "$WORK/console.json"; then
        CONSOLE_OK=1
    else
        echo "bench: console run failed: $(cat "$WORK/console.json" "$WORK/console.err" | head -c 400)" >&2
    fi
fi
if [ ! -x .venv/bin/vd ]; then
    echo "== installing VisiData into .venv"
    [ -x .venv/bin/pip ] || python3 -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check visidata || true
fi
if [ -x .venv/bin/vd ]; then
    echo "== VisiData on candidates.csv in a pty"
    FIRST_NAME=$(python3 -c '
import csv,sys
r=csv.DictReader(open(sys.argv[1], encoding="utf-8")); print(max(next(r)["full_name"].split(), key=len))' "$DATA/candidates.csv")
    if python3 scripts/bench-console.py --marker "$FIRST_NAME" --keys 50 --quit "gq" -- .venv/bin/vd "$DATA/candidates.csv" \
        >"$WORK/vd.json" 2>"$WORK/vd.err" && ! grep -q '"error"' "$WORK/vd.json"; then
        VD_OK=1
    else
        echo "bench: VisiData run failed: $(cat "$WORK/vd.json" "$WORK/vd.err" | head -c 400)" >&2
    fi
fi
json() { python3 -c "import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2]); print('' if v is None else v)" "$1" "$2"; }

# ---- the table ----
PEAK=0
for label in import rescore query; do
    v=$(eval echo "\${RSS_$label:-0}"); [ "$v" -gt "$PEAK" ] && PEAK=$v
done
[ $CONSOLE_OK = 1 ] && { c=$(json "$WORK/console.json" peak_rss_mb); c=${c%.*}; [ -n "$c" ] && [ "$c" -gt "$PEAK" ] && PEAK=$c; }
mark() { if [ "$1" = 1 ]; then echo "ok"; elif [ "$1" = 0 ]; then echo "MISSED"; else echo "-"; fi; }
lt() { python3 -c "import sys; print(1 if float(sys.argv[1]) < float(sys.argv[2]) else 0)" "$1" "$2"; }
ge() { python3 -c "import sys; print(1 if float(sys.argv[1]) >= float(sys.argv[2]) else 0)" "$1" "$2"; }

echo
echo "Vetdesk benchmark: $N candidates, $M login events ($(nproc) cores, $(date -u +%Y-%m-%d))"
printf '%-40s %-18s %-26s %-26s %s\n' "measure" "vetdesk" "reference" "aim" "result"
printf '%-40s %-18s %-26s %-26s %s\n' "----------------------------------------" "------------------" "--------------------------" "--------------------------" "------"
if [ $IMPORT_OK = 1 ]; then
    printf '%-40s %-18s %-26s %-26s %s\n' "import logins.csv (events/s)" "$(fmt "$IMPORT_RATE")" "sqlite3 .import $(fmt "$SQLITE_RATE")" ">= sqlite3 .import" "$(mark "$(ge "$IMPORT_RATE" "$SQLITE_RATE")")"
    printf '%-40s %-18s %-26s %-26s %s\n' "  wall time (s)" "$(fmt "$SECONDS_import" 1)" "sqlite3 $(fmt "$SECONDS_sqlite" 1)" "" ""
else
    printf '%-40s %-18s %-26s %-26s %s\n' "import logins.csv (events/s)" "n/a" "sqlite3 .import $(fmt "$SQLITE_RATE")" ">= sqlite3 .import" "-"
fi
if [ $RESCORE_OK = 1 ]; then
    printf '%-40s %-18s %-26s %-26s %s\n' "full rescore (s)" "$(fmt "$SECONDS_rescore" 2)" "" "< 3 s" "$(mark "$(lt "$SECONDS_rescore" 3)")"
else
    printf '%-40s %-18s %-26s %-26s %s\n' "full rescore (s)" "n/a" "" "< 3 s" "-"
fi
if [ $QUERY_OK = 1 ]; then
    printf '%-40s %-18s %-26s %-26s %s\n' "first queue page, 50 rows (ms, median)" "$QUERY_MS" "" "< 5 ms" "$(mark "$(lt "$QUERY_MS" 5)")"
else
    printf '%-40s %-18s %-26s %-26s %s\n' "first queue page, 50 rows (ms, median)" "n/a" "" "< 5 ms" "-"
fi
printf '%-40s %-18s %-26s %-26s %s\n' "peak memory, max RSS (MB)" "$PEAK" "sqlite3 ${RSS_sqlite:-?}" "< 200 MB" "$(mark "$(lt "$PEAK" 200)")"
CONSOLE_RSS=$([ $CONSOLE_OK = 1 ] && json "$WORK/console.json" peak_rss_mb || echo "n/a")
printf '%-40s %s\n' "  by step (MB)" "import ${RSS_import:-n/a}, rescore ${RSS_rescore:-n/a}, queue ${RSS_query:-n/a}, console ${CONSOLE_RSS%.*}"
VD_FIRST=$([ $VD_OK = 1 ] && json "$WORK/vd.json" first_frame_ms || echo "")
VD_KEY=$([ $VD_OK = 1 ] && json "$WORK/vd.json" key_median_ms || echo "")
if [ $CONSOLE_OK = 1 ]; then
    FIRST=$(json "$WORK/console.json" first_frame_ms); KEY=$(json "$WORK/console.json" key_median_ms)
    if [ -n "$VD_FIRST" ]; then
        RATIO=$(python3 -c "import sys; print(round(float(sys.argv[1])/float(sys.argv[2]),1))" "$VD_FIRST" "$FIRST")
        FF_OK=$(python3 -c "import sys; print(1 if float(sys.argv[1])<100 and float(sys.argv[3])>=10 else 0)" "$FIRST" "$VD_FIRST" "$RATIO")
    else RATIO="?"; FF_OK=$(lt "$FIRST" 100); fi
    printf '%-40s %-18s %-26s %-26s %s\n' "console time to first frame (ms)" "$FIRST" "VisiData ${VD_FIRST:-n/a} (${RATIO}x)" "< 100 ms, >= 10x VisiData" "$(mark "$FF_OK")"
    printf '%-40s %-18s %-26s %-26s %s\n' "key-to-screen, median of 50 (ms)" "${KEY:-n/a}" "VisiData ${VD_KEY:-n/a}" "< 5 ms" "$( [ -n "$KEY" ] && mark "$(lt "$KEY" 5)" || echo -)"
else
    printf '%-40s %-18s %-26s %-26s %s\n' "console time to first frame (ms)" "n/a" "VisiData ${VD_FIRST:-n/a}" "< 100 ms, >= 10x VisiData" "-"
    printf '%-40s %-18s %-26s %-26s %s\n' "key-to-screen, median of 50 (ms)" "n/a" "VisiData ${VD_KEY:-n/a}" "< 5 ms" "-"
fi
[ $IMPORT_OK = 1 ] && has_command lists && { scripts/bench-lists.sh "$BIN" "$STORE" || echo "bench: lists screening failed" >&2; }
