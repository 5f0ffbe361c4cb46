#!/usr/bin/env bash
# Runs every end-to-end script in this folder against the debug build; prints one summary line.
set -u
cd "$(dirname "$0")/../.."
pass=0; fail=0
for t in Tests/e2e/*.sh; do
  [ "$(basename "$t")" = run-all.sh ] && continue
  if bash "$t"; then pass=$((pass+1)); echo "e2e ok: $t"; else fail=$((fail+1)); echo "e2e FAILED: $t"; fi
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
