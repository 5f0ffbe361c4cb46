#!/usr/bin/env bash
# make bench: release build, generated data (100k candidates, 5M logins by default), one table.
# BENCH_CANDIDATES / BENCH_LOGINS / BENCH_SEED override the size for a quick run; BENCH_ANALYSTS (8)
# is how many analyst processes decide and note while logins.csv is imported into a second store;
# BENCH_BESIDE_BEFORE=0 skips the comparison run with one transaction per file.
# Generated data is cached in bench-data/ keyed by its parameters, so reruns skip generation.
# BENCH_JSON_BYTES (default 2 GB) sizes the streaming JSON import measure; BENCH_JSON_ONLY=1 runs only it.
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
mark() { if [ "$1" = 1 ]; then echo "ok"; elif [ "$1" = 0 ]; then echo "MISSED"; else echo "-"; fi; }
lt() { python3 -c "import sys; print(1 if float(sys.argv[1]) < float(sys.argv[2]) else 0)" "$1" "$2"; }
ge() { python3 -c "import sys; print(1 if float(sys.argv[1]) >= float(sys.argv[2]) else 0)" "$1" "$2"; }
fmt() { printf "%'.${2:-0}f" "$1"; }

# Streaming JSON: a generated Okta System Log array imported into a fresh store; memory must stay flat
# (issue 7: < 150 MB max RSS on a 2 GB array). The old whole-document JSONSerialization needed ~36x the
# file in RAM (100 MB array: 3.5 GB max RSS, 7.1 s CPU) where the streaming reader needs 20 MB and 2.8 s
# CPU for the same parse (measured on the shared 2-core dev machine, see JSONDocumentScanner.swift).
# Checked at small sizes (release, load average ~16): 50 MB array 76 MB max RSS, 200 MB 117 MB; a dry run
# of the 200 MB file (parse and map, no SQLite) 37 MB. The growth is SQLite's page cache filling up to its
# 64 MB cap (Importer), not the reader, so the 2 GB default should stay under the 150 MB aim.
JSON_BYTES=${BENCH_JSON_BYTES:-2000000000}
JSON_DATA=bench-data/okta-array-$JSON_BYTES.json
if [ ! -f "$JSON_DATA" ]; then
    echo "== generating a $JSON_BYTES-byte Okta JSON array into $JSON_DATA"
    mkdir -p bench-data
    python3 scripts/gen-okta-array.py --bytes "$JSON_BYTES" --out "$JSON_DATA.tmp" && mv "$JSON_DATA.tmp" "$JSON_DATA"
fi
echo "== importing the JSON array (streaming)"
JSON_OK=0
if run jsonimport "$BIN" import --no-rescore --quiet --store "$WORK/json.sqlite" "$JSON_DATA"; then
    JSON_OK=1
    JSON_MBS=$(calc "$JSON_BYTES / 1e6 / $SECONDS_jsonimport")
fi
json_row() {
    if [ $JSON_OK = 1 ]; then
        printf '%-40s %-18s %-26s %-26s %s\n' "import $((JSON_BYTES / 1000000)) MB JSON array, max RSS (MB)" "$RSS_jsonimport" \
            "$(fmt "$JSON_MBS" 1) MB/s, $(fmt "$SECONDS_jsonimport" 1) s" "< 150 MB" "$(mark "$(lt "$RSS_jsonimport" 150)")"
    else
        printf '%-40s %-18s %-26s %-26s %s\n' "import JSON array, max RSS (MB)" "n/a" "" "< 150 MB" "-"
    fi
}
if [ "${BENCH_JSON_ONLY:-0}" = 1 ]; then
    json_row
    exit 0
fi

if [ ! -f "$DATA/.complete" ]; then
    echo "== generating $N candidates, $M logins into $DATA"
    rm -rf "$DATA"
    "$BIN" generate --candidates "$N" --logins "$M" --seed "$SEED" --out "$DATA" | tail -1
    touch "$DATA/.complete"
else
    echo "== using cached $DATA"
fi


echo "== importing"
OTHER_FILES=("$DATA/candidates.csv" "$DATA/identity_checks.csv" "$DATA/interviews.csv" "$DATA/payments.csv"
             "$DATA/endpoint.csv" "$DATA/watchlist.csv" "$DATA/invoices.csv")
IMPORT_OK=0
if has_command import; then
    run setup "$BIN" import --no-rescore --store "$STORE" "${OTHER_FILES[@]}"
    run import "$BIN" import --no-rescore --store "$STORE" "$DATA/logins.csv"
    IMPORT_OK=1
    IMPORT_RATE=$(calc "$M / $SECONDS_import")
else
    echo "bench: 'vetdesk import' is not available in this build" >&2
fi

# Import beside analysts (docs/imports-and-locking.md): a second store with the same setup; the
# analysts start, then logins.csv is imported while they take, note and release cases in a loop.
# Run twice: chunked (now) and with VETDESK_IMPORT_CHUNK_MS=off, one transaction per file (before).
ANALYSTS=${BENCH_ANALYSTS:-8}
# beside LABEL CHUNK_MS: sets BESIDE_OK_<LABEL> and writes $WORK/beside-LABEL.json.
beside() {
    local label=$1 chunk=$2 store=$WORK/beside-$1.sqlite ok=0 pids=() p i
    echo "== importing logins.csv beside $ANALYSTS analysts ($label)"
    VETDESK_IMPORT_CHUNK_MS=$chunk "$BIN" import --no-rescore --store "$store" "${OTHER_FILES[@]}" >/dev/null
    rm -f "$WORK/stop"
    for i in $(seq 1 "$ANALYSTS"); do
        "$BIN" bench-analyst --store "$store" --analyst "bench-$i" --seed "$i" --stop-file "$WORK/stop" \
            >"$WORK/analyst-$label-$i.json" 2>"$WORK/analyst-$label-$i.err" &
        pids+=($!)
    done
    sleep 1
    if VETDESK_IMPORT_CHUNK_MS=$chunk run "beside_$label" "$BIN" import --no-rescore --store "$store" "$DATA/logins.csv"; then ok=1; fi
    touch "$WORK/stop"
    for p in "${pids[@]}"; do wait "$p" || ok=0; done
    if [ $ok = 1 ]; then
        python3 - "$WORK" "$label" "$ANALYSTS" >"$WORK/beside-$label.json" <<'PY'
import json, sys
work, label, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
lat, locks, errors, refused, first = [], 0, 0, 0, ""
for i in range(1, n + 1):
    d = json.load(open(f"{work}/analyst-{label}-{i}.json"))
    lat += d["latencies_ms"]; locks += d["lock_errors"]; errors += d["errors"]; refused += d["refused"]
    first = first or d["first_error"]
lat.sort()
pick = lambda q: lat[min(len(lat) - 1, int(len(lat) * q))] if lat else 0
print(json.dumps({"decisions": len(lat), "p50_ms": round(pick(0.5), 1), "p99_ms": round(pick(0.99), 1),
                  "max_ms": round(lat[-1], 1) if lat else 0, "lock_errors": locks, "errors": errors,
                  "refused": refused, "first_error": first}))
PY
    else
        echo "bench: import beside analysts ($label) failed: $(cat "$WORK"/analyst-"$label"-*.err | head -c 400)" >&2
    fi
    printf -v "BESIDE_OK_$label" '%s' "$ok"
}
BESIDE_OK_chunked=0; BESIDE_OK_before=0
if [ $IMPORT_OK = 1 ] && has_command bench-analyst; then
    beside chunked 50
    [ "${BENCH_BESIDE_BEFORE:-1}" = 1 ] && beside before off
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

# Triage quality (issue 8): a realistic generated set with its answer key, imported with the
# team's providers.yaml, scored, and measured by `vetdesk eval`. BENCH_EVAL_CANDIDATES sets its size.
EVAL_OK=0
EN=${BENCH_EVAL_CANDIDATES:-10000}
if has_command eval; then
    EVAL_DATA=bench-data/eval-c$EN-s$SEED
    if [ ! -f "$EVAL_DATA/.complete" ]; then
        echo "== generating the triage set: $EN candidates"
        rm -rf "$EVAL_DATA"
        "$BIN" generate --candidates "$EN" --logins $((EN * 60)) --seed "$SEED" --login-format split --out "$EVAL_DATA" | tail -1
        touch "$EVAL_DATA/.complete"
    fi
    echo "== triage: import, score, eval"
    EVAL_STORE=$WORK/eval.sqlite
    PROV=(); [ -f "$EVAL_DATA/providers.yaml" ] && PROV=(--providers "$EVAL_DATA/providers.yaml")
    if "$BIN" import --store "$EVAL_STORE" "${PROV[@]}" "$EVAL_DATA/candidates.csv" >"$WORK/eval-import.out" 2>&1 \
        && "$BIN" import --store "$EVAL_STORE" "${PROV[@]}" $(ls "$EVAL_DATA"/*.csv "$EVAL_DATA"/*.json | grep -v candidates.csv) >>"$WORK/eval-import.out" 2>&1 \
        && "$BIN" eval --store "$EVAL_STORE" --truth "$EVAL_DATA/answer-key.tsv" --json >"$WORK/eval.json" 2>"$WORK/eval.err"; then
        "$BIN" eval --store "$EVAL_STORE" --truth "$EVAL_DATA/answer-key.tsv" >"$WORK/eval.txt"
        EVAL_OK=1
    else
        echo "bench: triage eval failed: $(tail -3 "$WORK/eval-import.out" "$WORK/eval.err")" >&2
    fi
fi

# ---- the table ----
PEAK=0
for label in import rescore query; do
    v=$(eval echo "\${RSS_$label:-0}"); [ "$v" -gt "$PEAK" ] && PEAK=$v
done
[ $CONSOLE_OK = 1 ] && { c=$(json "$WORK/console.json" peak_rss_mb); c=${c%.*}; [ -n "$c" ] && [ "$c" -gt "$PEAK" ] && PEAK=$c; }

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
for label in chunked before; do
    ok=BESIDE_OK_$label
    name="import beside $ANALYSTS analysts, $label"
    if [ "${!ok}" = 1 ]; then
        f=$WORK/beside-$label.json
        B50=$(json "$f" p50_ms); B99=$(json "$f" p99_ms); BLOCK=$(json "$f" lock_errors); BERR=$(json "$f" errors)
        secs=SECONDS_beside_$label
        BOK=$(python3 -c "import sys; print(1 if float(sys.argv[1]) < 200 and int(sys.argv[2]) == 0 and int(sys.argv[3]) == 0 else 0)" "$B99" "$BLOCK" "$BERR")
        printf '%-40s %-18s %-26s %-26s %s\n' "$name" "p50 $B50 / p99 $B99" "$(json "$f" decisions) decisions, max $(json "$f" max_ms)" "p99 < 200 ms, 0 lock err" "$(mark "$BOK")"
        printf '%-40s %-18s %-26s %-26s %s\n' "  lock errors / other errors" "$BLOCK / $BERR" "import $(fmt "${!secs}" 1) s" "" ""
    elif [ $label = chunked ]; then
        printf '%-40s %-18s %-26s %-26s %s\n' "$name" "n/a" "" "p99 < 200 ms, 0 lock err" "-"
    fi
done
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
json_row
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
if [ $EVAL_OK = 1 ]; then
    TOP5=$(json "$WORK/eval.json" share_in_top5); HIGHB=$(json "$WORK/eval.json" benign_with_signal_high_share)
    printf '%-40s %-18s %-26s %-26s %s\n' "triage: fraud in top 5 % ($EN cand.)" "$(calc "round(100*$TOP5,1)") %" "" "100 %" "$(mark "$(ge "$TOP5" 1)")"
    printf '%-40s %-18s %-26s %-26s %s\n' "triage: benign w/ one signal high+" "$(calc "round(100*$HIGHB,2)") %" "" "<= 2 %" "$(mark "$(python3 -c "import sys; print(1 if float(sys.argv[1]) <= 0.02 else 0)" "$HIGHB")")"
    echo
    cat "$WORK/eval.txt"
else
    printf '%-40s %-18s %-26s %-26s %s\n' "triage: fraud in top 5 %" "n/a" "" "100 %" "-"
fi
[ $IMPORT_OK = 1 ] && has_command lists && { scripts/bench-lists.sh "$BIN" "$STORE" || echo "bench: lists screening failed" >&2; }
has_command import-git && { scripts/bench-activity.sh "$BIN" || echo "bench: activity import failed" >&2; }
[ $IMPORT_OK = 1 ] && has_command rings && { scripts/bench-rings.sh "$BIN" "$STORE" "$DATA" || echo "bench: rings failed" >&2; }
