#!/usr/bin/env bash
# make bench-scale (by hand, not CI): how each cost grows with the data. For every size in
# BENCH_SCALE_SIZES (candidates:logins, default "100000:5000000 1000000:50000000") it measures
# import throughput and memory, full rescore time and memory, ring finding (scripts/bench-rings.sh
# when present), the console's first settled frame, the cold first queue page, store bytes per
# sign-in and the daily case: the last 150k events of logins.csv (BENCH_DELTA) imported, with
# scoring, into the store holding the rest versus into a store with the same candidates and no
# sign-ins. A size whose data and stores would not fit on the disk is skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${BENCH_SCALE_SIZES:-"100000:5000000 1000000:50000000"}
SEED=${BENCH_SEED:-20260302}
D=${BENCH_DELTA:-150000}
SCRATCH=.build-release
BIN=${BENCH_BIN:-$SCRATCH/release/vetdesk}   # BENCH_BIN: check the script with another build
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vetdesk-scale.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
. scripts/bench-lib.sh
[ -x /usr/bin/time ] || { echo "bench-scale: /usr/bin/time is missing (apt package time)" >&2; exit 1; }

echo "== release build"
if [ -z "${BENCH_BIN:-}" ] && ! swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" >"$WORK/build.log" 2>&1; then
    grep -E "error" "$WORK/build.log" | sort -u | head -20 >&2
    echo "bench-scale: release build failed" >&2; exit 1
fi
short() { python3 -c "import sys; n=int(sys.argv[1]); print(f'{n / 1e6:g}M' if n >= 1000000 else f'{n / 1e3:g}k' if n >= 1000 else n)" "$1"; }
avail() { df -P --block-size=1 "$1" | awk 'NR == 2 {print $4}'; }
mkdir -p bench-data
# Bytes per sign-in until a smaller size has measured them: logins.csv 320 B, the store 506 B (100k/5M,
# 2026-11-30: 1.60 GB CSV, 2.53 GB store with everything imported), with a margin.
CSV_BPR=330; STORE_BPR=600
LABELS=(); declare -A V

for size in $SIZES; do
    N=${size%%:*}; M=${size##*:}; L="$(short "$N")/$(short "$M")"
    DATA=bench-data/c$N-l$M-s$SEED-g$GEN_KEY
    # Room: the CSVs (unless cached), a copy of logins.csv without the delta, and two stores.
    need=$(calc "int($M * ((0 if '$( [ -f "$DATA/.complete" ] && echo y)' else 1.1 * $CSV_BPR) + $CSV_BPR + 1.3 * $STORE_BPR))")
    have=$(python3 -c "import sys; print(min(int(a) for a in sys.argv[1:]))" "$(avail bench-data)" "$(avail "$WORK")")
    if [ "$need" -gt "$have" ]; then
        echo "bench-scale: skipping $L: needs about $((need / 1000000000)) GB of disk, $((have / 1000000000)) GB free"
        continue
    fi
    if [ "$M" -le "$D" ]; then echo "bench-scale: skipping $L: fewer sign-ins than the $D-event delta"; continue; fi
    if [ ! -f "$DATA/.complete" ]; then
        echo "== $L: generating into $DATA"
        rm -rf "$DATA"
        "$BIN" generate --candidates "$N" --logins "$M" --seed "$SEED" --out "$DATA" | tail -1
        touch "$DATA/.complete"
    fi
    LABELS+=("$L")
    SETUP=("$DATA/candidates.csv" "$DATA/identity_checks.csv" "$DATA/interviews.csv" "$DATA/payments.csv"
           "$DATA/endpoint.csv" "$DATA/watchlist.csv" "$DATA/invoices.csv")
    BIG=$WORK/big.sqlite; EMPTY=$WORK/empty.sqlite
    rm -f "$BIG"* "$EMPTY"*
    BASE=$((M - D))
    head -n $((BASE + 1)) "$DATA/logins.csv" >"$WORK/base.csv"
    { head -n 1 "$DATA/logins.csv"; tail -n "$D" "$DATA/logins.csv"; } >"$WORK/delta.csv"

    echo "== $L: import $BASE events"
    run setup "$BIN" import --no-rescore --quiet --store "$BIG" "${SETUP[@]}"
    # The daily case's empty store is this one before the sign-ins: a copy, not a second setup import
    # (29 min at 1M candidates on the loaded machine, 2026-11-30).
    sqlite3 "$BIG" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    cp "$BIG" "$EMPTY"
    run import "$BIN" import --no-rescore --quiet --store "$BIG" "$WORK/base.csv"
    rm -f "$WORK/base.csv"
    V[$L,import_rate]=$(calc "round($BASE / $SECONDS_import)"); V[$L,import_rss]=$RSS_import
    echo "== $L: full rescore"
    run rescore "$BIN" rescore --all --store "$BIG"
    V[$L,rescore_s]=$(calc "round($SECONDS_rescore, 2)"); V[$L,rescore_rss]=$RSS_rescore
    if [ -x scripts/bench-rings.sh ]; then
        echo "== $L: ring finding (scripts/bench-rings.sh)"
        if scripts/bench-rings.sh "$BIN" "$BIG" "$DATA" >"$WORK/rings.out" 2>&1; then
            # The full refresh's own seconds (the script also times a first computation and an increment).
            V[$L,rings_s]=$(awk '/^rings: full refresh/ {print $5}' "$WORK/rings.out"); sed 's/^/   /' "$WORK/rings.out"
            # Its max RSS: the "max RSS" row right below it.
            V[$L,rings_rss]=$(awk '/^rings: full refresh/ {f = 1; next} f && /max RSS/ {print $4; exit}' "$WORK/rings.out")
        else echo "bench-scale: bench-rings.sh failed: $(tail -3 "$WORK/rings.out")" >&2; fi
    fi
    echo "== $L: first frame and first queue page"
    run query "$BIN" bench-query --store "$BIG" --limit 50 --repeat 20 --json
    V[$L,query_cold]=$(json "$WORK/query.out" cold_ms)
    TOP=$("$BIN" queue --store "$BIG" --limit 1 --json | python3 -c '
import json,sys
d=json.load(sys.stdin)
rows=d if isinstance(d,list) else next(v for v in d.values() if isinstance(v,list))
print(max((rows[0].get("full_name") or rows[0]["fullName"]).split(), key=len))')
    if python3 scripts/bench-console.py --marker "$TOP" --keys 0 -- "$BIN" console --store "$BIG" >"$WORK/first.json" 2>/dev/null \
        && ! grep -q '"error"' "$WORK/first.json"; then
        V[$L,first_ms]=$(json "$WORK/first.json" first_frame_ms)
    fi
    bytes=$(( $(stat -c %s "$BIG") + $( [ -f "$BIG-wal" ] && stat -c %s "$BIG-wal" || echo 0) ))
    V[$L,bytes_per_signin]=$(calc "round($bytes / $BASE)")
    STORE_BPR=$(calc "int(${V[$L,bytes_per_signin]} * 1.2)")
    CSV_BPR=$(calc "int($(stat -c %s "$DATA/logins.csv") / $M) + 1")

    echo "== $L: the daily case, $D events into the large store and into an empty one"
    run daily_big "$BIN" import --quiet --store "$BIG" "$WORK/delta.csv"
    # Like the large store, the empty one is scored before the delta arrives (not timed): the daily
    # import then rescores what the delta changes, not every candidate the setup left dirty.
    "$BIN" rescore --all --store "$EMPTY" >/dev/null
    run daily_empty "$BIN" import --quiet --store "$EMPTY" "$WORK/delta.csv"
    V[$L,daily_big]=$(calc "round($SECONDS_daily_big, 2)"); V[$L,daily_empty]=$(calc "round($SECONDS_daily_empty, 2)")
    V[$L,daily_ratio]=$(ratio "$SECONDS_daily_big" "$SECONDS_daily_empty")
    V[$L,daily_rss]=$RSS_daily_big
    V[$L,peak_rss]=$(printf '%s\n' "$RSS_setup" "$RSS_import" "$RSS_rescore" "$RSS_query" "$RSS_daily_big" "$RSS_daily_empty" "${V[$L,rings_rss]:-0}" | sort -n | tail -1)
    V[$L,logins]=$M
    rm -f "$BIG"* "$EMPTY"* "$WORK/delta.csv"
done

[ ${#LABELS[@]} -gt 0 ] || { echo "bench-scale: no size fitted" >&2; exit 1; }
first=${LABELS[0]}; last=${LABELS[${#LABELS[@]}-1]}
factor=$(ratio "${V[$last,logins]}" "${V[$first,logins]}")
echo
echo "Vetdesk scale: $(nproc) cores, $(date -u +%Y-%m-%d); growth = last size / first size (data x$factor)"
hdr=$(printf '%-16s' "${LABELS[@]}")
printf '%-36s %s%-18s %s\n' "measure" "$hdr" "growth" "aim"
line() {   # KEY LABEL AIM
    local vals="" k=$1 v
    for l in "${LABELS[@]}"; do v=${V[$l,$k]:-n/a}; vals+=$(printf '%-16s' "$v"); done
    local g; g=$(ratio "${V[$last,$k]:-}" "${V[$first,$k]:-}"); [ "$g" = "?" ] && g="n/a" || g="${g}x"
    printf '%-36s %s%-18s %s\n' "$2" "$vals" "$g" "$3"
}
line import_rate "import (events/s)" "flat"
line import_rss "import max RSS (MB)" "< 200 MB, flat"
line rescore_s "full rescore (s)" "< 3 s at 100k, linear"
line rescore_rss "rescore max RSS (MB)" "< 200 MB, flat"
line rings_s "ring finding (s)" "linear"
line rings_rss "ring finding max RSS (MB)" "< 200 MB, flat"
line first_ms "first settled frame (ms)" "< 100 ms, flat"
line query_cold "first queue page, cold (ms)" "flat"
line bytes_per_signin "store bytes per sign-in" "flat"
line daily_big "daily: ${D} events into large (s)" ""
line daily_empty "daily: same into empty (s)" ""
line daily_ratio "daily: large / empty" "<= 1.5x"
line peak_rss "peak max RSS, any step (MB)" "< 200 MB"
