#!/bin/sh
# Builds the libFuzzer targets (tests/fuzz/) in build-fuzz/ with clang 14,
# ASan and UBSan, makes their seed corpora from the repository's own files,
# runs each target for SECONDS (default 60) and prints, per target, the
# executions and the crashes found. Exits 1 when a target crashed (the input
# is in build-fuzz/artifacts/TARGET/; turn it into a regression test, see
# docs/robustness.md).
#
# Usage: scripts/fuzz.sh [SECONDS]
#   FUZZ_TARGETS="compile jsonl"  only these targets (default: all five)
#   FUZZ_BUILD=DIR                the build tree (default: build-fuzz)
#   FUZZ_JOBS=N                   build jobs (default: FRIST_JOBS or 2)
#   FUZZ_FORK=N                   run each target in N processes (libFuzzer -fork)
# Every run appends "date target seconds executions crashes" to
# DIR/fuzz-runs.tsv, so the executions over the project's life add up.
# The corpora in DIR/corpus/ are kept between runs and grow.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
seconds="${1:-60}"
build="${FUZZ_BUILD:-build-fuzz}"
targets="${FUZZ_TARGETS:-compile bytecode jsonl csv xes}"
jobs="${FUZZ_JOBS:-${FRIST_JOBS:-2}}"
shared="$root/../shared"

if ! command -v clang++-14 >/dev/null 2>&1; then
  echo "fuzz: clang++-14 is missing (./scripts/setup.sh clang-14 libclang-rt-14-dev)" >&2
  exit 2
fi

# ---- build
if [ ! -f "$build/CMakeCache.txt" ]; then
  CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFRIST_WERROR=ON \
    -DFRIST_SANITIZE=ON -DFRIST_FUZZ=ON -DFRIST_TESTS=OFF >/dev/null
fi
build_targets="frist"
for t in $targets; do build_targets="$build_targets fuzz_$t"; done
# shellcheck disable=SC2086
cmake --build "$build" -j"$jobs" --target $build_targets >/dev/null
frist="$build/cli/frist"

# ---- seed corpora (rebuilt each time from the repository; cheap)
seeds="$build/seeds"
mkdir -p "$seeds"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"

# One seed per line of a JSON Lines file (the fuzzer mutates small inputs best).
split_lines() {  # FILE DIR PREFIX MAX
  awk -v dir="$2" -v prefix="$3" -v max="$4" 'NR <= max && length($0) > 0 {
    f = sprintf("%s/%s-%03d", dir, prefix, NR); printf "%s\n", $0 > f; close(f) }' "$1"
}
# The first N traces of an XES log, closed so it stays well-formed.
cut_xes() {  # N
  awk -v n="$1" '
    /<trace[ >]/ { traces++ }
    traces > n { exit }
    { print }
    END { print "</log>" }'
}

for t in $targets; do
  dir="$seeds/$t"
  rm -rf "$dir"  # only this target's: another fuzz.sh may be running other targets
  mkdir -p "$dir"
  case "$t" in
    compile)
      find rulesets stdlib tests/golden tests/semantics tests/processmining -name '*.frist' | sort | while read -r f; do
        cp "$f" "$dir/$(echo "$f" | tr '/' '_')"
      done ;;
    bytecode)
      for f in rulesets/*.frist tests/semantics/*.frist tests/processmining/*.frist tests/golden/ok/*.frist; do
        out="$dir/$(echo "$f" | tr '/' '_')c"
        "$frist" compile "$f" -o "$out" >/dev/null 2>&1 || rm -f "$out"
      done ;;
    jsonl)
      split_lines "$shared/conformance/cases.jsonl" "$dir" cases 200
      split_lines "$shared/conformance/bad.jsonl" "$dir" bad 200
      cp "$shared/conformance/bad.jsonl" "$dir/bad-whole"
      split_lines samples/sager.jsonl "$dir" sample 20
      "$frist" gen --cases 8 --seed 3 --fault-rate 0.5 --format jsonl -o "$dir/gen-faults" >/dev/null ;;
    csv)
      "$frist" gen --cases 3 --seed 5 --format csv --no-bad-lines -o "$dir/gen" >/dev/null
      "$frist" gen --cases 6 --seed 6 --fault-rate 0.5 --format csv -o "$dir/gen-faults" >/dev/null
      printf 'case,type,at,id,case.kommune,akut\nA,afgørelse,2024-03-01,a1,Ishøj,true\n"B, 2",underretning,2024-03-01T09:30,u1,,\nA,opmærksom,2024-01-02,,Ishøj,\n' >"$dir/hand"
      printf 'case,type,at\nA,opmærksom,2024-01-02\n#case-attrs\ncase,kommune,født\nA,Ishøj,2009-04-17\n' >"$dir/hand-attrs" ;;
    xes)
      cut_xes 3 <"$shared/data/reallogs/roadtraffic100traces.xes" >"$dir/roadtraffic"
      zcat "$shared/data/reallogs/Sepsis_Cases.xes.gz" | cut_xes 2 >"$dir/sepsis" || true
      zcat "$shared/data/reallogs/bpic2012.xes.gz" | cut_xes 1 >"$dir/bpic2012" || true
      "$frist" gen --cases 3 --seed 7 --fault-rate 0.5 --format xes -o "$dir/gen" >/dev/null ;;
  esac
done

# ---- run
log="$build/fuzz-runs.tsv"
status=0
printf '%-9s %8s %14s %8s\n' target seconds executions crashes
for t in $targets; do
  corpus="$build/corpus/$t"
  artifacts="$build/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  before=$(find "$artifacts" -type f | wc -l)
  out="$build/fuzz-$t.log"
  fork=""
  [ -n "${FUZZ_FORK:-}" ] && fork="-fork=$FUZZ_FORK -ignore_crashes=1"
  # -timeout: an input running longer is a hang (the VM's step budget and
  # the readers' limits should make every input fast); -rss_limit_mb: a
  # leak or unbounded allocation.
  # shellcheck disable=SC2086
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" $fork "$corpus" "$seeds/$t" >"$out" 2>&1 || true
  execs=$(awk '/stat::number_of_executed_units/ { n += $NF } END { print n + 0 }' "$out")
  if [ -n "${FUZZ_FORK:-}" ]; then
    # The status lines of the parent process: "#EXECUTIONS: cov: …" (anchored:
    # NEW_FUNC lines may contain the same text inside a C++ name).
    execs=$(awk '/^#[0-9]+: cov:.*exec\/s/ { sub("#", "", $1); sub(":", "", $1); n = $1 } END { print n + 0 }' "$out")
  fi
  after=$(find "$artifacts" -type f | wc -l)
  crashes=$((after - before))
  printf '%-9s %8s %14s %8s\n' "$t" "$seconds" "$execs" "$crashes"
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$t" "$seconds" "$execs" "$crashes" >>"$log"
  if [ "$crashes" -gt 0 ]; then
    status=1
    find "$artifacts" -type f -newer "$out" -o -type f -name 'crash-*' | sort | sed 's/^/  /' >&2
    echo "fuzz: $t crashed; the log is $out" >&2
  fi
done
exit $status
