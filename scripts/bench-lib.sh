# Shared by scripts/bench.sh and scripts/bench-scale.sh (sourced; needs WORK set).
now() { date +%s.%N; }
calc() { python3 -c "print($1)"; }
# Generated sets are cached under bench-data/ by their parameters and the generator's source: a set
# made by an older generator is not reused (it once was, silently, after the generator changed).
GEN_KEY=$(cat Sources/VetdeskCore/Generate/*.swift | sha256sum | cut -c1-10)
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
mark() { if [ "$1" = 1 ]; then echo "ok"; elif [ "$1" = 0 ]; then echo "MISSED"; else echo "-"; fi; }
lt() { python3 -c "import sys; print(1 if float(sys.argv[1]) < float(sys.argv[2]) else 0)" "$1" "$2"; }
le() { python3 -c "import sys; print(1 if float(sys.argv[1]) <= float(sys.argv[2]) else 0)" "$1" "$2"; }
ge() { python3 -c "import sys; print(1 if float(sys.argv[1]) >= float(sys.argv[2]) else 0)" "$1" "$2"; }
fmt() { printf "%'.${2:-0}f" "$1"; }
# ratio A B: A/B to one decimal ("?" when either is missing or B is 0).
ratio() { python3 -c "import sys
try: r = float(sys.argv[1]) / float(sys.argv[2]); print(round(r, 1) if r >= 1 else f'{r:.2g}')
except (ValueError, ZeroDivisionError): print('?')" "$1" "$2"; }
json() { python3 -c "import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2]); print('' if v is None else v)" "$1" "$2"; }
row() { printf '%-40s %-18s %-26s %-26s %s\n' "$@"; }
# callgrind_ir LABEL CMD...: instructions executed (Ir, every thread) by CMD under callgrind.
callgrind_ir() {
    local label=$1; shift
    if ! valgrind --tool=callgrind --callgrind-out-file="$WORK/$label.cg" "$@" >"$WORK/$label.cgout" 2>&1; then
        echo "bench: callgrind '$*' failed:" >&2; tail -5 "$WORK/$label.cgout" >&2; return 1
    fi
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$WORK/$label.cgout" | tail -1
}
