#!/usr/bin/env bash
# Sanctions screening at scale, for make bench: BIN STORE [ENTRIES]. Indexes a synthetic list of
# ENTRIES records (default 20000, three names and a wallet each) and screens every candidate
# name, payee, e-mail and wallet in STORE against it; prints one table row. Aim: < 5 s.
set -euo pipefail
BIN=$1; STORE=$2; ENTRIES=${3:-${BENCH_LIST_ENTRIES:-20000}}
OUT=$("$BIN" lists bench --store "$STORE" --entries "$ENTRIES")
python3 - "$OUT" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
total = r["index_seconds"] + r["screen_seconds"]
label = "lists: %d values vs %d entries (s)" % (r["screened"], r["entries"])
print("%-40s %-18s %-26s %-26s %s" % (label[:40], "%.2f" % total, "index %.2f s" % r["index_seconds"], "< 5 s", "ok" if total < 5 else "MISSED"))
PY
