#!/bin/sh
# Checks the verdicts of tests/processmining/sepsis.frist on the real Sepsis
# Cases log against the same constraints computed independently: the XES is
# flattened with awk (xes_attributes.awk) and the constraints are written
# in SQL (sepsis_expected.sql), run in sqlite3. Every (rule, case) must agree
# on the verdict and on the number of fulfilled, violated and undetermined
# activations; the per-rule figures are printed.
#
#   tests/processmining/sepsis_check.sh build/cli/frist [SOURCE_ROOT]
#
# Exit 0 when they agree, 1 when not, 77 (ctest: skipped) when sqlite3 or
# the log is missing.
set -eu
frist=$1
root=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
here=$root/tests/processmining
log=${SEPSIS_LOG:-$root/../shared/data/reallogs/Sepsis_Cases.xes.gz}

command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: sqlite3 not installed (scripts/test.sh installs it)"; exit 77; }
[ -r "$log" ] || { echo "SKIP: $log not found"; exit 77; }

work=$(mktemp -d "${TMPDIR:-/tmp}/frist-sepsis.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

gzip -dc "$log" | awk -f "$here/xes_attributes.awk" > "$work/attrs.ascii"
"$frist" run "$here/sepsis.frist" --cases "$log" --no-evidence --threads 2 2>"$work/stderr" |
  grep -v -e '^{"meta"' -e '^{"summary"' | tr '\n' '\036' > "$work/verdicts.ascii"
tail -n 1 "$work/stderr"

(cd "$work" && sqlite3 check.db < "$here/sepsis_expected.sql") > "$work/result" 2>&1 || {
  cat "$work/result"; echo "FAIL: sqlite3 failed"; exit 1; }
sed '/^MISMATCHES$/,$d' "$work/result"
mismatches=$(sed '1,/^MISMATCHES$/d' "$work/result")
if [ -n "$mismatches" ]; then
  echo "FAIL: Frist and the SQL computation disagree:"
  echo "$mismatches" | head -n 40
  exit 1
fi
grep -q '^MISMATCHES$' "$work/result" || { cat "$work/result"; echo "FAIL: no comparison made"; exit 1; }
echo "OK: every rule and case agrees with the SQL computation"
