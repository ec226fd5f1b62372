#!/bin/sh
# Determinism (spec/semantics.md §5, docs/robustness.md): the same rulesets,
# data and as-of date give byte-identical output — `run` (jsonl, csv) and
# `report` (json, html), standard output and standard error — with 1, 2 and
# 8 threads and across two runs; `frist compile` gives the same bytes twice
# and from two working directories (debug paths are as given on the command
# line, so the same relative path is used in both).
#
# Usage: determinism.sh run|report|compile FRIST SOURCE_ROOT
set -eu
what="$1"
frist="$2"
root="$3"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/frist-determinism-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "determinism $what: $*" >&2
  exit 1
}
# same A B: byte-identical files
same() { cmp -s "$1" "$2" || fail "$1 and $2 differ: $(cmp "$1" "$2" 2>&1 | head -1)"; }

rulesets="$root/rulesets/serviceloven_ast2023.frist $root/rulesets/barnets_lov.frist"
if [ "$what" != compile ]; then
  # Cases of both periods, with malformed lines, duplicate ids and
  # undeclared names (warnings), in JSON Lines and CSV.
  "$frist" gen --cases 3000 --seed 11 --fault-rate 0.02 -o "$tmp/cases.jsonl" 2>/dev/null
  cat "$root/../shared/conformance/cases.jsonl" "$root/../shared/conformance/bad.jsonl" >>"$tmp/cases.jsonl"
  "$frist" gen --cases 1500 --seed 12 --fault-rate 0.02 --format csv -o "$tmp/cases.csv" 2>/dev/null
fi

case "$what" in
  run)
    for input in cases.jsonl cases.csv; do
      for format in jsonl csv; do
        base=""
        for run in t1 t2 t8 t8again; do
          threads=${run#t}
          threads=${threads%again}
          # shellcheck disable=SC2086
          "$frist" run $rulesets --cases "$tmp/$input" --as-of 2024-12-31 --format "$format" --threads "$threads" \
            >"$tmp/$run.out" 2>"$tmp/$run.err" || true
          [ -s "$tmp/$run.out" ] || fail "no output from run --threads $threads ($input, $format)"
          if [ -z "$base" ]; then base=$run; else same "$tmp/$base.out" "$tmp/$run.out"; same "$tmp/$base.err" "$tmp/$run.err"; fi
        done
      done
    done
    # The output really covers rejected and evaluated cases.
    grep -q '"rejected"' "$tmp/t1.out" 2>/dev/null || grep -q ',rejected,' "$tmp/t1.out" || fail "no rejected case in the data" ;;

  report)
    for format in json html; do
      base=""
      for run in t1 t2 t8 t8again; do
        threads=${run#t}
        threads=${threads%again}
        # shellcheck disable=SC2086
        "$frist" report $rulesets --cases "$tmp/cases.jsonl" --as-of 2024-12-31 --group-by kommune --format "$format" \
          --threads "$threads" -o "$tmp/$run.$format" 2>"$tmp/$run.err" || true
        [ -s "$tmp/$run.$format" ] || fail "no report from --threads $threads ($format)"
        if [ -z "$base" ]; then base=$run; else same "$tmp/$base.$format" "$tmp/$run.$format"; same "$tmp/$base.err" "$tmp/$run.err"; fi
      done
    done ;;

  compile)
    cd "$root"
    for r in serviceloven serviceloven_ast2023 barnets_lov; do
      "$frist" compile "rulesets/$r.frist" -o "$tmp/$r.1.fristc" 2>/dev/null
      "$frist" compile "rulesets/$r.frist" -o "$tmp/$r.2.fristc" 2>/dev/null
      same "$tmp/$r.1.fristc" "$tmp/$r.2.fristc"
    done
    # Another working directory with the rulesets under the same relative path.
    mkdir -p "$tmp/elsewhere"
    cp -R "$root/rulesets" "$tmp/elsewhere/rulesets"
    cd "$tmp/elsewhere"
    for r in serviceloven serviceloven_ast2023 barnets_lov; do
      FRIST_HOME="$root" "$frist" compile "rulesets/$r.frist" -o "$tmp/$r.3.fristc" 2>/dev/null
      same "$tmp/$r.1.fristc" "$tmp/$r.3.fristc"
    done ;;

  *)
    echo "determinism.sh: unknown check $what" >&2
    exit 2 ;;
esac
