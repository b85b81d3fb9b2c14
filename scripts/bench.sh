#!/usr/bin/env bash
# Runs every scripts/bench-*.sh (what `make bench` calls after `make services release`) and prints
# their tables one after the other. Each bench script prints its own table on stdout; its progress
# goes to stderr. Exit status: non-zero when any bench script failed.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
found=0
tables=()
for script in scripts/bench-*.sh; do
  [ -e "$script" ] || continue
  found=1
  echo "== $script" >&2
  out=$(bash "$script")
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "bench: $script failed with exit status $rc" >&2
    status=1
  fi
  tables+=("== $script (exit $rc)"$'\n'"$out")
done
if [ $found -eq 0 ]; then
  echo "bench: no scripts/bench-*.sh found" >&2
  exit 1
fi
echo
for table in "${tables[@]}"; do
  printf '%s\n\n' "$table"
done
exit $status
