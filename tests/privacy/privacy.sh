#!/bin/sh
# Privacy (spec/case-data.md §4, docs/robustness.md).
#
#   privacy.sh canary FRIST ROOT
#     Every class of bad input of case-data.md §4, in JSON Lines, CSV and
#     XES, carries the canary CANARY-7f3a where a value goes: attribute
#     values, timestamps, event types of bad events, event ids, undeclared
#     attributes' values, cells of broken rows, the --case-attrs file.
#     Neither standard error nor any output file of `run` (jsonl, csv,
#     text) and `report` (every format), nor `explain` of a rejected case,
#     may contain it: cases are named by id, problems by place and kind.
#     (Names — of undeclared event types and attributes — are listed in
#     warnings by design, so the canary never stands where a name goes.)
#
#   privacy.sh pseudonymize FRIST ROOT
#     --pseudonymize KEY on run, report and explain: no real case id in any
#     output, 32-hex pseudonyms, one per case, stable across runs and
#     commands, different under another key, KEY or @FILE alike; explain
#     --case takes the real id and prints only the pseudonym.
set -eu
what="$1"
frist="$2"
root="$3"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/frist-privacy-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
canary="CANARY-7f3a"
rulesets="$root/rulesets/serviceloven_ast2023.frist $root/rulesets/barnets_lov.frist"

fail() {
  echo "privacy $what: $*" >&2
  exit 1
}

# ----------------------------------------------------------------- inputs ---
make_inputs() {
  C="$canary"
  # JSON Lines: good cases, then one line per bad-input class.
  {
    printf '{"case":"G1","attrs":{"kommune":"Ishøj"},"events":[{"type":"afgørelse","at":"2024-03-01","id":"a1","attrs":{"akut":false}}]}\n'
    printf '{"case":"G2","attrs":{"ukendt":"%s"},"events":[{"type":"afgørelse","at":"2024-03-01","attrs":{"andet":"%s"}},{"type":"ukendt_hændelse","at":"2024-03-02","attrs":{"x":"%s"}}]}\n' "$C" "$C" "$C"
    printf '{"case":"B1","events":[{"type":"afgørelse","at":"2024-03-01","attrs":{"hjemmel":"%s"}}]\n' "$C"        # invalid JSON
    printf '{"case":"B2","attrs":{"kommune":"%s"}}\n' "$C"                                                       # missing 'events'
    printf '{"case":"B3","events":[{"type":"%s"}]}\n' "$C"                                                      # missing 'at'
    printf '{"events":[{"type":"afgørelse","at":"2024-03-01","attrs":{"hjemmel":"%s"}}]}\n' "$C"                # missing 'case'
    printf '{"case":"B5","events":[{"type":"afgørelse","at":"2024-03-01","attrs":{"akut":"%s"}}]}\n' "$C"       # another type than declared
    printf '{"case":"B6","attrs":{"kommune":"%s","født":"2009-02-30"},"events":[]}\n' "$C"                      # impossible date
    printf '{"case":"B7","events":[{"type":"afgørelse","at":"%s"}]}\n' "$C"                                     # timestamp format
    printf '{"case":"B8","events":[{"type":"afgørelse","at":"2023-02-30","attrs":{"hjemmel":"%s"}}]}\n' "$C"    # impossible date
    printf '{"case":"G1","attrs":{"kommune":"%s"},"events":[]}\n' "$C"                                          # duplicate case id
    printf '{"case":"B10","events":[{"type":"afgørelse","at":"2024-03-01","id":"%s"},{"type":"afgørelse","at":"2024-03-02","id":"%s"}]}\n' "$C" "$C"  # duplicate event id
    printf '{"case":"B11","events":[{"type":"afgørelse","at":"2024-03-01","attrs":{"hjemmel":"%s\377"}}]}\n' "$C"  # invalid UTF-8
    printf '{"case":"B12","events":[{"type":"afgørelse","at":"2024-03-01","attrs":{"akut":["%s"]}}]}\n' "$C"    # wrong value type
    printf '{"case":"B13","events":[{"type":{"x":"%s"},"at":"2024-03-01"}]}\n' "$C"                             # event type not a string
    printf '{"case":["%s"],"events":[]}\n' "$C"                                                                 # case id not a string
    printf '["%s"]\n' "$C"                                                                                      # not an object
    printf '{"case":"B16","events":[]} "%s"\n' "$C"                                                             # text after the object
    printf '{"case":"B17","attrs":{"født":"%s"},"events":[]}\n' "$C"                                            # wrong date
    printf '{"case":"B18","events":["%s"]}\n' "$C"                                                              # event not an object
    printf '{"case":"B19","events":[],"x":{"y":"%s",}}\n' "$C"                                                  # syntax under an unknown key
    printf '{"case":"B20","events":{"%s":1}}\n' "$C"                                                            # events not an array
    printf '{"case":"B21","events":[{"type":"afgørelse","at":"2024-03-01T25:00","attrs":{"hjemmel":"%s"}}]}\n' "$C"  # impossible time
    printf '{"case":"B22","events":[{"type":"afgørelse","at":"2024-03-01","attrs":{"hjemmel":"%s","akut":1e999}}]}\n' "$C"  # number out of range
  } >cases.jsonl
  jsonl_rejected=22

  # CSV: one event per row; the case-attrs file has a bad date for B10.
  {
    printf 'case,type,at,id,case.kommune,case.født,akut,hjemmel,ukendt\n'
    printf 'G1,afgørelse,2024-03-01,a1,Ishøj,2009-04-17,false,SEL § 52,%s\n' "$C"
    printf 'B1,afgørelse,%s,,,,,,\n' "$C"                             # timestamp format
    printf 'B2,afgørelse,2024-03-01,,,,%s,,\n' "$C"                   # not a boolean
    printf 'B3,%s,,,,,,,\n' "$C"                                      # missing at (type is the canary)
    printf 'B4,afgørelse,2024-03-01,,,,,%s\377,\n' "$C"               # invalid UTF-8
    printf 'B5,afgørelse,2024-03-01,%s\n' "$C"                        # too few fields
    printf 'B6,afgørelse,2024-03-01,,%s,,,,\n' "$C"                   # conflicting case attribute …
    printf 'B6,afgørelse,2024-03-02,,Other,,,,\n'                     # … on a later row
    printf 'B7,afgørelse,2024-03-01,,,2009-02-30,,%s,\n' "$C"         # impossible date
    printf 'B8,afgørelse,2024-03-01,%s,,,,,\n' "$C"                   # duplicate event id …
    printf 'B8,afgørelse,2024-03-02,%s,,,,,\n' "$C"
    printf 'B9,afgørelse,2023-02-29,,,,,%s,\n' "$C"                   # impossible date
    printf 'B10,afgørelse,2024-03-01,,,,,,\n'                         # bad date in --case-attrs
    printf 'B11,afgørelse,2024-03-01,,,,,,"%s\n' "$C"                 # unterminated quote (last)
  } >cases.csv
  printf 'case,født,kommune\nB10,%s,x\nG1,2009-04-17,%s\n' "$C" "Ishøj" >case-attrs.csv
  csv_rejected=11

  # XES: one trace per bad-input class.
  trace() { printf '<trace><string key="concept:name" value="%s"/>%s</trace>\n' "$1" "$2"; }
  event() { printf '<event><string key="concept:name" value="%s"/>%s</event>' "$1" "$2"; }
  at='<date key="time:timestamp" value="2024-03-01T10:00:00.000+01:00"/>'
  {
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n'
    trace G1 "<string key=\"kommune\" value=\"Ishøj\"/><string key=\"ukendt\" value=\"$C\"/>$(event afgørelse "$at<boolean key=\"akut\" value=\"false\"/><string key=\"andet\" value=\"$C\"/>")"
    trace B1 "$(event "$C" "")"                                                            # no timestamp
    trace B2 "$(event afgørelse "<date key=\"time:timestamp\" value=\"$C\"/>")"             # timestamp format
    trace B3 "$(event afgørelse "$at<boolean key=\"akut\" value=\"$C\"/>")"                 # not a boolean
    trace B4 "$(event afgørelse "$at<string key=\"akut\" value=\"$C\"/>")"                  # another type than declared
    trace B5 "<date key=\"født\" value=\"$C\"/>$(event afgørelse "$at")"                   # bad date
    trace G1 "<string key=\"kommune\" value=\"$C\"/>$(event afgørelse "$at")"              # duplicate case id
    trace B7 "$(event afgørelse "$at<string key=\"id\" value=\"$C\"/>")$(event afgørelse "$at<string key=\"id\" value=\"$C\"/>")"  # duplicate event id
    printf '<trace><string key="kommune" value="%s"/>%s</trace>\n' "$C" "$(event afgørelse "$at")"  # no case id
    trace B9 "$(event afgørelse "<date key=\"time:timestamp\" value=\"2023-02-30T10:00:00\"/><string key=\"hjemmel\" value=\"$C\"/>")"  # impossible date
    printf '</log>\n'
  } >cases.xes
  xes_rejected=9
  # Broken XML stops the input: the error names line and column only.
  printf '<?xml version="1.0"?>\n<log>\n<trace><string key="concept:name" value="%s" <event>\n' "$C" >broken.xes
}

# runs FRIST ARGS… into out.N / err.N and checks the exit code is 0, 1 or 2 (never a crash)
n=0
run() {
  n=$((n + 1))
  set +e
  "$@" >"out.$n" 2>"err.$n"
  code=$?
  set -e
  [ "$code" -le 2 ] || fail "exit $code (a crash?) from: $*"
}

case "$what" in
  canary)
    make_inputs
    for input in cases.jsonl cases.csv cases.xes; do
      extra=""
      [ "$input" = cases.csv ] && extra="--case-attrs case-attrs.csv"
      # shellcheck disable=SC2086
      {
        run "$frist" run $rulesets --cases "$input" $extra --as-of 2024-12-31
        run "$frist" run $rulesets --cases "$input" $extra --as-of 2024-12-31 --format csv -o "run-$input.csv"
        run "$frist" run $rulesets --cases "$input" $extra --as-of 2024-12-31 --format text --threads 3
        run "$frist" run $rulesets --cases "$input" $extra --as-of 2024-12-31 --strict -o "run-$input.jsonl"
        for format in text md csv json html; do
          run "$frist" report $rulesets --cases "$input" $extra --as-of 2024-12-31 --group-by kommune \
            --format "$format" -o "report-$input.$format"
        done
        for id in B1 B3 B5 B7; do
          run "$frist" explain $rulesets --cases "$input" $extra --case "$id" --as-of 2024-12-31
        done
      }
    done
    run "$frist" run $rulesets --cases broken.xes --as-of 2024-12-31
    grep -q "invalid XML at line 3, column" "err.$n" || fail "broken XML: no line and column in $(cat "err.$n")"

    # The bad inputs were really rejected (the canary stood in bad input).
    grep -q "$jsonl_rejected rejected" err.4 || fail "JSONL: expected $jsonl_rejected rejected: $(cat err.4)"
    grep -q "$csv_rejected rejected" err.17 || fail "CSV: expected $csv_rejected rejected: $(cat err.17)"
    grep -q "$xes_rejected rejected" err.30 || fail "XES: expected $xes_rejected rejected: $(cat err.30)"
    if grep -l -- "$canary" ./* >found 2>/dev/null; then
      for f in $(cat found); do
        case "$f" in ./cases.*|./case-attrs.csv|./broken.xes|./found) continue ;; esac
        echo "--- $f:" >&2
        grep -n -a -- "$canary" "$f" | head -5 >&2
        fail "the canary $canary appears in an output"
      done
    fi ;;

  pseudonymize)
    cases="$root/../shared/conformance/cases.jsonl"
    key="a-secret-key"
    printf '%s\n' "$key" >key.txt
    run "$frist" run $rulesets --cases "$cases" --as-of 2024-12-31 --pseudonymize "$key"            # 1
    run "$frist" run $rulesets --cases "$cases" --as-of 2024-12-31 --pseudonymize @key.txt --threads 4  # 2
    run "$frist" run $rulesets --cases "$cases" --as-of 2024-12-31 --pseudonymize other-key        # 3
    run "$frist" run $rulesets --cases "$cases" --as-of 2024-12-31 --pseudonymize "$key" --format csv  # 4
    run "$frist" run $rulesets --cases "$cases" --as-of 2024-12-31 --pseudonymize "$key" --format text # 5
    cmp -s out.1 out.2 || fail "KEY and @FILE (or 1 and 4 threads) give different pseudonyms"
    if grep -h -a -o '"case":"C-[^"]*"' out.1 out.3 err.1 | head -1 | grep -q .; then fail "a real case id in the output"; fi
    grep -q -a 'C-' out.4 out.5 && fail "a real case id in the CSV or text output"
    ids=$(grep -a -o '"case":"[^"]*"' out.1 | sort -u | wc -l)
    [ "$ids" -eq 75 ] || fail "expected 75 distinct pseudonyms, got $ids"
    grep -a -o '"case":"[^"]*"' out.1 | grep -v -q -E '"case":"[0-9a-f]{32}"' && fail "a pseudonym that is not 32 hex characters"
    grep -a -o '"case":"[^"]*"' out.1 | sort -u >p1
    grep -a -o '"case":"[^"]*"' out.3 | sort -u >p3
    [ -z "$(comm -12 p1 p3)" ] || fail "two keys give the same pseudonym"
    # explain: the real id in, the pseudonym out — the same as run's.
    run "$frist" explain $rulesets --cases "$cases" --case C-fire_måneders_frist-1 --as-of 2024-12-31 --pseudonymize "$key"  # 6
    grep -q -a "C-fire" out.6 err.6 && fail "explain shows the real id"
    p=$(sed -n '1s/^[^ ]* \([0-9a-f]\{32\}\) .*/\1/p' out.6)
    [ -n "$p" ] || fail "explain shows no pseudonym: $(head -1 out.6)"
    grep -q "\"case\":\"$p\"" out.1 || fail "explain's pseudonym $p is not run's"
    # Rejected records are pseudonymized too; a line without an id stays null.
    run "$frist" run "$root/rulesets/serviceloven.frist" --cases "$root/../shared/conformance/bad.jsonl" --as-of 2024-12-31 --pseudonymize "$key"  # 7
    grep -q '"case":null,"rejected"' out.7 || fail "no rejected line without an id"
    grep -a -o '"case":"[^"]*","rejected"' out.7 | grep -v -q -E '"case":"[0-9a-f]{32}"' && fail "a rejected record with a real id"
    # A report names no case: the same with and without --pseudonymize.
    run "$frist" report $rulesets --cases "$cases" --as-of 2024-12-31 --format json  # 8
    run "$frist" report $rulesets --cases "$cases" --as-of 2024-12-31 --format json --pseudonymize "$key"  # 9
    cmp -s out.8 out.9 || fail "report output changed with --pseudonymize"
    grep -q -a "C-" out.8 && fail "a report names a case"
    # An empty key is a usage error.
    set +e
    "$frist" run $rulesets --cases "$cases" --pseudonymize "" >/dev/null 2>err.empty
    code=$?
    set -e
    [ "$code" -eq 2 ] || fail "an empty key gave exit $code"
    : ;;

  *)
    echo "privacy.sh: unknown check $what" >&2
    exit 2 ;;
esac
