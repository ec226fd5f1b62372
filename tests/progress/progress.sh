#!/bin/sh
# The progress line of `frist run` (spec: issue 4, docs/data-formats.md):
# drawn on standard error when it is a terminal — cases, cases/s, a bar and
# an ETA — and erased at the end; never drawn when standard error is a file
# or pipe, so logs and CI output stay clean. `script` (util-linux) gives the
# command a pseudo-terminal.
#
# Usage: progress.sh FRIST
set -eu
frist="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/frist-progress-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "progress: $*" >&2
  exit 1
}
command -v script >/dev/null 2>&1 || fail "the 'script' command (util-linux) is missing"

# Enough cases that one thread takes well over the 250 ms between redraws.
"$frist" gen --cases 60000 --seed 5 -o "$tmp/cases.jsonl" 2>/dev/null
run="$frist run $root/rulesets/serviceloven_ast2023.frist $root/rulesets/barnets_lov.frist --cases $tmp/cases.jsonl --as-of 2025-12-31 --threads 1 -o $tmp/out.jsonl"

# On a terminal: the progress line appears, then is erased before the summary.
script -qec "$run" /dev/null >"$tmp/tty.txt" 2>&1 || fail "frist run failed on a terminal: $(tail -c 500 "$tmp/tty.txt")"
grep -q 'cases/s' "$tmp/tty.txt" || fail "no progress line on a terminal: $(tail -c 500 "$tmp/tty.txt")"
grep -q 'ETA' "$tmp/tty.txt" || fail "the progress line has no ETA"
grep -q '60000 read' "$tmp/tty.txt" || fail "no summary after the progress line"

# Not a terminal: no progress line, only the summary.
$run 2>"$tmp/err.txt" || fail "frist run failed"
if grep -q 'cases/s' "$tmp/err.txt"; then fail "a progress line although standard error is a file"; fi
[ "$(wc -l <"$tmp/err.txt")" -eq 1 ] || fail "standard error should be the summary line only: $(cat "$tmp/err.txt")"
grep -q '60000 read' "$tmp/err.txt" || fail "no summary line"
