#!/bin/sh
# The hard limits of docs/robustness.md, pushed one at a time through the
# `frist` binary: each over-limit input must give a clear error (a
# diagnostic code, or a rejected case naming its line and the limit) and
# exit as documented — never a crash or a hang. The big inputs are made here
# at run time, in a temporary directory, never committed.
#
# Usage: limits.sh CASE FRIST     (CASE: see the functions below; ctest runs each)
set -eu
case_name="$1"
frist="$2"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/frist-limits-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

fail() {
  echo "limits $case_name: $*" >&2
  [ -f err ] && { echo "--- stderr:" >&2; head -c 2000 err >&2; echo >&2; }
  [ -f out ] && { echo "--- stdout:" >&2; head -c 2000 out >&2; echo >&2; }
  exit 1
}
# expect_exit CODE COMMAND…: runs COMMAND with stdout in out, stderr in err.
expect_exit() {
  want="$1"
  shift
  set +e
  "$@" >out 2>err
  got=$?
  set -e
  [ "$got" -eq "$want" ] || fail "expected exit $want, got $got from: $*"
}
expect_err() { grep -q -- "$1" err || fail "stderr lacks '$1'"; }
expect_out() { grep -q -- "$1" out || fail "stdout lacks '$1'"; }

header() {
  printf 'language en\nruleset r "limits"\n  version "1"\nevent start\n  n: int\n'
}
# A rule whose requirement is `1 OP 1 OP … 1 > 0` with N operators.
chain_rule() {  # N OP
  awk -v n="$1" -v op="$2" 'BEGIN {
    printf "rule chain \"a chain of operators\"\n  applies when exists start\n  require 1"
    for (i = 0; i < n; i++) printf " %s 1", op
    print " > 0" }'
}
one_case() { printf '{"case":"A","events":[{"type":"start","at":"2024-01-02","attrs":{"n":1}}]}\n' >cases.jsonl; }

case "$case_name" in
  source_size)
    # F0009: a ruleset file over 16 MiB is refused before it is parsed.
    { header; awk 'BEGIN { s = sprintf("%100s", ""); gsub(/ /, "x", s); for (i = 0; i < 170000; i++) print "# " s }'; } >big.frist
    expect_exit 1 "$frist" check big.frist
    expect_err "F0009"
    expect_err "the limit is 16777216" ;;

  nesting)
    # F0001: more than 200 levels of brackets.
    { header; awk 'BEGIN { printf "rule deep \"deep\"\n  applies when exists start\n  require ";
        for (i = 0; i < 250; i++) printf "("; printf "1"; for (i = 0; i < 250; i++) printf ")"; print " > 0" }'; } >deep.frist
    expect_exit 1 "$frist" check deep.frist
    expect_err "F0001"
    expect_err "at most 200 levels"
    { header; awk 'BEGIN { printf "rule deep \"deep\"\n  applies when exists start\n  require ";
        for (i = 0; i < 150; i++) printf "("; printf "1"; for (i = 0; i < 150; i++) printf ")"; print " > 0" }'; } >ok.frist
    expect_exit 0 "$frist" check ok.frist ;;

  operator_chain)
    # F0001: an operator chain nests one level per operator; more than 1 000
    # levels are refused (a chain of a million once overflowed the stack).
    { header; chain_rule 990 "+"; } >ok.frist
    expect_exit 0 "$frist" check ok.frist
    { header; awk 'BEGIN { printf "rule chain \"c\"\n  applies when exists start\n  require true";
        for (i = 0; i < 990; i++) printf " and true"; print "" }'; } >ok_and.frist
    expect_exit 0 "$frist" check ok_and.frist
    { header; chain_rule 1500 "+"; } >long.frist
    expect_exit 1 "$frist" check long.frist
    expect_err "F0001"
    expect_err "the limit is 1000"
    { header; chain_rule 1000000 "*"; } >huge.frist
    expect_exit 1 "$frist" check huge.frist
    expect_err "F0001"
    { header; awk 'BEGIN { printf "rule chain \"c\"\n  applies when exists start\n  require true";
        for (i = 0; i < 200000; i++) printf " or true"; print "" }'; } >huge_or.frist
    expect_exit 1 "$frist" check huge_or.frist
    expect_err "F0001" ;;

  expansion)
    # F0408: inlining is bounded in size (200 000 nodes per rule or function,
    # counted over nested calls: each level here doubles the size) and in
    # depth (2 000 levels: each function's call sits at the bottom of a
    # 150-level operator chain, so 30 inlined levels nest 4 500 deep).
    { header; echo 'function f0(x: int): int = x + 1'
      awk 'BEGIN { for (k = 1; k <= 18; k++) printf "function f%d(x: int): int = f%d(x) + f%d(x)\n", k, k - 1, k - 1 }'
      printf 'rule r "r"\n  applies when exists start\n  require f18(1) > 0\n'; } >doubling.frist
    expect_exit 1 "$frist" check doubling.frist
    expect_err "F0408"
    { header; echo 'function g0(x: int): int = x'
      awk 'BEGIN { for (k = 1; k <= 30; k++) { printf "function g%d(x: int): int = g%d(x)", k, k - 1;
          for (i = 0; i < 150; i++) printf " + 1"; print "" } }'
      printf 'rule r "r"\n  applies when exists start\n  require g30(1) > 0\n'; } >nested.frist
    expect_exit 1 "$frist" check nested.frist
    expect_err "F0408" ;;

  rules)
    # F0114: at most 10 000 rules in a ruleset.
    { header; awk 'BEGIN { for (i = 1; i <= 10001; i++) printf "rule r%d \"r\"\n  require true\n", i }'; } >many.frist
    expect_exit 1 "$frist" check many.frist
    expect_err "F0114"
    expect_err "too many rules (10001; the limit is 10000)"
    { header; awk 'BEGIN { for (i = 1; i <= 10000; i++) printf "rule r%d \"r\"\n  require true\n", i }'; } >max.frist
    expect_exit 0 "$frist" compile max.frist -o max.fristc
    expect_err "10000 rules" ;;

  identifier)
    # F0010: names of at most 200 characters.
    name200=$(awk 'BEGIN { s = sprintf("%200s", ""); gsub(/ /, "a", s); print s }')
    { header; printf 'rule %s "ok"\n  require true\n' "$name200"; } >ok.frist
    expect_exit 0 "$frist" check ok.frist
    { header; printf 'rule %sb "too long"\n  require true\n' "$name200"; } >long.frist
    expect_exit 1 "$frist" check long.frist
    expect_err "F0010"
    expect_err "201 characters; the limit is 200" ;;

  constants)
    # F0115: at most 65 536 distinct constants (a 16-bit operand); more once
    # wrapped around silently and made a rule compare the wrong numbers.
    { header; awk 'BEGIN { k = 0; for (r = 0; r < 100; r++) { printf "rule c%d \"c\"\n  applies when exists start\n  require 0", r;
        for (i = 0; i < 700; i++) printf " + %d", ++k; print " > 0" } }'; } >consts.frist
    expect_exit 1 "$frist" compile consts.frist -o consts.fristc
    expect_err "F0115"
    expect_err "70001 distinct constants (the limit is 65536)"
    [ ! -f consts.fristc ] || fail "a ruleset over the limit was written" ;;

  case_line)
    # A JSON Lines line over 64 MiB is rejected (line number and limit, not
    # held in memory); the next line is still evaluated.
    awk 'BEGIN { s = "x"; while (length(s) < 1048576) s = s s;
        printf "{\"case\":\"BIG\",\"events\":[],\"note\":\""; for (i = 0; i < 65; i++) printf "%s", s; print "\"}";
        print "{\"case\":\"A\",\"events\":[{\"type\":\"start\",\"at\":\"2024-01-02\"}]}" }' >cases.jsonl
    { header; printf 'rule r "r"\n  applies when exists start\n  require true\n'; } >r.frist
    expect_exit 1 "$frist" run r.frist --cases cases.jsonl --as-of 2024-12-31 --strict
    expect_out '"rejected":"line longer than the limit of 67108864 bytes","line":1'
    expect_out '"case":"A","ruleset":"r"'
    expect_err "2 read, 1 evaluated, 1 rejected" ;;

  case_events)
    # More than 100 000 events in one case: that case is rejected.
    { header; printf 'rule r "r"\n  applies when exists start\n  require true\n'; } >r.frist
    awk 'BEGIN { printf "{\"case\":\"MANY\",\"events\":[";
        for (i = 0; i <= 100000; i++) printf "%s{\"type\":\"start\",\"at\":\"2024-01-02\"}", i ? "," : "";
        print "]}"; print "{\"case\":\"A\",\"events\":[{\"type\":\"start\",\"at\":\"2024-01-02\"}]}" }' >cases.jsonl
    expect_exit 0 "$frist" run r.frist --cases cases.jsonl --as-of 2024-12-31 --format csv
    expect_out 'MANY,,,,rejected'
    grep -q "more than 100000 events in one case" out || fail "no events limit reason"
    expect_out '^A,r,1,r,compliant'
    # The same in CSV: 100 001 rows of one case.
    awk 'BEGIN { print "case,type,at"; for (i = 0; i <= 100000; i++) print "MANY,start,2024-01-02"; print "A,start,2024-01-02" }' >cases.csv
    expect_exit 0 "$frist" run r.frist --cases cases.csv --as-of 2024-12-31 --format csv
    grep -q "more than 100000 events in one case" out || fail "no events limit reason (CSV)"
    expect_out '^A,r,1,r,compliant' ;;

  event_attributes)
    # More than 1 000 attributes on one event: that case is rejected.
    { header; printf 'rule r "r"\n  applies when exists start\n  require true\n'; } >r.frist
    awk 'BEGIN { printf "{\"case\":\"WIDE\",\"events\":[{\"type\":\"start\",\"at\":\"2024-01-02\",\"attrs\":{";
        for (i = 0; i <= 1000; i++) printf "%s\"a%d\":%d", i ? "," : "", i, i;
        print "}}]}"; print "{\"case\":\"A\",\"events\":[{\"type\":\"start\",\"at\":\"2024-01-02\"}]}" }' >cases.jsonl
    expect_exit 0 "$frist" run r.frist --cases cases.jsonl --as-of 2024-12-31
    expect_out '"case":"WIDE","rejected":"events\[0\]: more than 1000 attributes on one event (the limit)"'
    expect_out '"case":"A","ruleset":"r"' ;;

  bytecode_size)
    # A .fristc file over 64 MiB is refused without being read whole.
    { printf 'FRISTBC\000'; head -c 68000000 /dev/zero; } >big.fristc
    one_case
    expect_exit 2 "$frist" run big.fristc --cases cases.jsonl --as-of 2024-12-31
    expect_err "larger than the limit of 67108864 bytes (64 MiB)" ;;

  *)
    echo "limits.sh: unknown case $case_name" >&2
    exit 2 ;;
esac
