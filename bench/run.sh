#!/bin/bash
# Frist's benchmark harness (docs/performance.md): builds a Release tree,
# generates 10 k, 100 k and 1 M cases with `frist gen --no-bad-lines` (JSONL,
# and the same seed as CSV for the peer), and measures
#   - `frist run` and `frist report` (the national bundle: serviceloven_ast2023
#     + barnets_lov, grouped by kommune): wall, CPU, peak RSS, cases/s, MB/s,
#     with --threads 1 and 2;
#   - the raw simdjson baseline (bench/raw_baseline.cpp) on the same files;
#   - the sqlite3 peer (bench/peer/serviceloven.sql) against `frist report
#     rulesets/serviceloven.frist --format json`: the counts must be equal;
#     the time ratio is taken with loading included on both sides;
#   - compile time of every shipped ruleset, `frist check` of everything
#     shipped and of one ruleset;
#   - VM ns per (case, rule) (bench/vm_bench.cpp).
# and writes bench/results/<date>.md (git-ignored), whose figures
# docs/performance.md summarises. Usage:
#   bench/run.sh [--sizes "10000 100000 1000000"] [--quick]
# Environment: FRIST_BENCH_BUILD (default build-bench), FRIST_BENCH_DATA
# (default $FRIST_BENCH_BUILD/bench-data), FRIST_BENCH_SEED (default 42).
# The figures mean little on a loaded machine: the script records the load
# average next to every measurement; take final figures when it is below ~0.5.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="10000 100000 1000000"
quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    *) echo "usage: bench/run.sh [--sizes \"N…\"] [--quick]" >&2; exit 2 ;;
  esac
done

# ------------------------------------------------------------ packages ---
# What scripts/setup.sh installs to build Frist, and what the benchmarks use.
packages="cmake g++ make tzdata ccache tao-pegtl-dev libfmt-dev libcli11-dev catch2 libsimdjson-dev \
libexpat1-dev zlib1g-dev libhowardhinnant-date-dev libssl-dev libbenchmark-dev hyperfine time sqlite3 jq"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "bench: installing$missing" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

build="${FRIST_BENCH_BUILD:-build-bench}"
data="${FRIST_BENCH_DATA:-$build/bench-data}"
seed="${FRIST_BENCH_SEED:-42}"
as_of="2025-12-31"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DFRIST_WERROR=ON >/dev/null
cmake --build "$build" -j2 --target frist frist_raw_baseline frist_vm_bench >/dev/null
frist="$build/cli/frist"
baseline="$build/bench/frist_raw_baseline"
vm_bench="$build/bench/frist_vm_bench"
national=(rulesets/serviceloven_ast2023.frist rulesets/barnets_lov.frist)

mkdir -p bench/results "$data"
stamp="$(date -u +%Y-%m-%d-%H%M)"
out="bench/results/$stamp.md"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

load() { cut -d' ' -f1 /proc/loadavg; }
note() { printf '%s\n' "$*" >>"$out"; }
say() { printf 'bench: %s\n' "$*" >&2; }

# hyperfine: mean and stddev of wall time, mean user+sys CPU, in seconds.
timed() {  # timed RUNS NAME COMMAND…  → "$work/NAME.json"
  local runs="$1" name="$2"
  shift 2
  hyperfine --style none --runs "$runs" --warmup 1 --export-json "$work/$name.json" "$(printf '%q ' "$@")" >/dev/null 2>&1
}
wall() { jq -r '.results[0].mean' "$work/$1.json"; }
wall_sd() { jq -r '.results[0].stddev // 0' "$work/$1.json"; }
cpu() { jq -r '.results[0].user + .results[0].system' "$work/$1.json"; }
# Peak RSS in MB from one run under /usr/bin/time -v.
peak_rss() {
  /usr/bin/time -v "$@" 2>"$work/time.txt" >/dev/null || true
  awk '/Maximum resident set size/ {printf "%.0f", $6 / 1024}' "$work/time.txt"
}
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
runs_for() { case "$1" in 10000) echo 10 ;; 100000) echo 5 ;; *) echo 3 ;; esac; }

# ------------------------------------------------------------- machine ---
{
  echo "# Frist benchmarks, $stamp (UTC)"
  echo
  echo "Commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- runtime cli compiler grammar bench || echo ' (with local changes)'),"
  echo "Release build in \`$build\`, seed $seed, as-of $as_of."
  echo
  echo "## Machine"
  echo
  echo "- nproc: $(nproc)"
  echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p')"
  echo "- $(lscpu | grep -E '^(Thread|Core|Socket)' | tr -s ' ' | paste -sd ';' -)"
  echo "- memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} >"$out"

# ---------------------------------------------------------------- data ---
# `frist gen` is deterministic: a data set is regenerated only when the
# generator's output for its first cases changed.
fingerprint="$("$frist" gen --cases 200 --seed "$seed" --no-bad-lines 2>/dev/null | sha256sum | cut -c1-16)"
for n in $sizes; do
  for fmt in jsonl csv; do
    f="$data/cases-$n.$fmt"
    if [ ! -s "$f" ] || [ "$(cat "$f.stamp" 2>/dev/null)" != "$fingerprint" ]; then
      say "generating $f"
      "$frist" gen --cases "$n" --seed "$seed" --no-bad-lines -o "$f" 2>/dev/null
      echo "$fingerprint" >"$f.stamp"
    fi
  done
done

note "## Data"
note
note "| cases | events | JSONL MB | CSV MB |"
note "|---:|---:|---:|---:|"
for n in $sizes; do
  events=$("$frist" gen --cases "$n" --seed "$seed" --no-bad-lines -o /dev/null 2>&1 | sed -n 's/.*cases, \([0-9]*\) events.*/\1/p')
  note "| $n | $events | $(calc %.1f "$(stat -c %s "$data/cases-$n.jsonl") / 1e6") | $(calc %.1f "$(stat -c %s "$data/cases-$n.csv") / 1e6") |"
done
note

# ----------------------------------------------------- run and report ---
say "run and report"
note "## \`frist run\` and \`frist report\` (national bundle)"
note
note "\`frist run ${national[*]} --cases cases-N.jsonl --as-of $as_of -o /dev/null --threads T\`;"
note "\`frist report ${national[*]} --cases cases-N.jsonl --as-of $as_of --group-by kommune --format json -o report.json --threads T\`."
note "Wall: mean ± sd of hyperfine runs (after one warm-up, so the input is in the page cache); CPU: user + system;"
note "RSS: peak resident set of one run (\`/usr/bin/time -v\`); MB/s of JSONL input."
note
note "| command | cases | threads | wall s | CPU s | peak RSS MB | cases/s | MB/s | load |"
note "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
declare -A WALL RSS
for n in $sizes; do
  input="$data/cases-$n.jsonl"
  mb=$(calc %.3f "$(stat -c %s "$input") / 1e6")
  for cmd in run report; do
    for t in 1 2; do
      if [ "$cmd" = run ]; then
        args=(run "${national[@]}" --cases "$input" --as-of "$as_of" -o /dev/null --threads "$t")
      else
        args=(report "${national[@]}" --cases "$input" --as-of "$as_of" --group-by kommune --format json -o "$work/report.json" --threads "$t")
      fi
      l=$(load)
      timed "$(runs_for "$n")" "$cmd-$n-$t" "$frist" "${args[@]}"
      rss=$(peak_rss "$frist" "${args[@]}")
      w=$(wall "$cmd-$n-$t")
      WALL[$cmd-$n-$t]=$w
      RSS[$cmd-$n-$t]=$rss
      note "| $cmd | $n | $t | $(calc %.3f "$w") ± $(calc %.3f "$(wall_sd "$cmd-$n-$t")") | $(calc %.3f "$(cpu "$cmd-$n-$t")") | $rss | $(calc %.0f "$n / $w") | $(calc %.0f "$mb / $w") | $l |"
    done
  done
done
note

# -------------------------------------------------------- raw baseline ---
say "raw baseline"
note "## Raw baseline (simdjson On-Demand, one thread: every event's type and timestamp)"
note
note "| cases | wall s | CPU s | cases/s | MB/s | \`frist report\` (2 threads) / baseline throughput | load |"
note "|---:|---:|---:|---:|---:|---:|---:|"
declare -A RAW
for n in $sizes; do
  input="$data/cases-$n.jsonl"
  l=$(load)
  timed "$(runs_for "$n")" "raw-$n" "$baseline" "$input"
  w=$(wall "raw-$n")
  RAW[$n]=$w
  note "| $n | $(calc %.3f "$w") | $(calc %.3f "$(cpu "raw-$n")") | $(calc %.0f "$n / $w") | $(calc %.0f "$(stat -c %s "$input") / 1e6 / $w") | $(calc %.0f%% "100 * $w / ${WALL[report-$n-2]}") | $l |"
done
note

# ---------------------------------------------------------------- peer ---
say "sqlite3 peer"
peer_counts() {  # CSV AS_OF
  sqlite3 :memory: -cmd ".import --csv $1 raw" -cmd "CREATE TABLE params AS SELECT '$2' AS as_of" <bench/peer/serviceloven.sql
}
frist_counts() {  # JSONL AS_OF
  "$frist" report rulesets/serviceloven.frist --cases "$1" --as-of "$2" --format json 2>/dev/null |
    jq -r '.total.rules[] | select(.rule == "fire_måneders_frist" or .rule == "børnesamtale_før_afgørelse"
             or .rule == "opfølgning_3_mdr" or .rule == "underretning_24_timer")
           | [.rule, .compliant, .violated, .pending, .not_applicable, .undetermined] | join("|")'
}
# The peer's command; its output is kept in $work/peer.txt.
peer() {  # CSV AS_OF
  sqlite3 :memory: -cmd ".import --csv $1 raw" -cmd "CREATE TABLE params AS SELECT '$2' AS as_of" \
    <bench/peer/serviceloven.sql >"$work/peer.txt"
}
peer_ok=1
compare() {  # N AS_OF PEER_OUTPUT → a line in the results; clears peer_ok on a difference
  local f
  f=$(frist_counts "$data/cases-$1.jsonl" "$2")
  if [ "$(cat "$3")" = "$f" ]; then
    note "- $1 cases as of $2: equal"
  else
    peer_ok=0
    note "- $1 cases as of $2: **DIFFERENT** (< Frist, > sqlite3)"
    note '```'
    diff <(echo "$f") "$3" >>"$out" || true
    note '```'
  fi
}
note "## Peer: sqlite3 $(sqlite3 --version | cut -d' ' -f1), four serviceloven rules"
note
note "\`sqlite3 :memory: -cmd '.import --csv cases-N.csv raw' … < bench/peer/serviceloven.sql\` against"
note "\`frist report rulesets/serviceloven.frist --cases cases-N.jsonl --as-of $as_of --format json\` (default threads),"
note "both timed as whole commands, so loading the data is included on both sides (sqlite3: mean of"
note "\`/usr/bin/time\` runs, 1 at 1 M cases; Frist: hyperfine)."
note
note "Counts (rule|compliant|violated|pending|not_applicable|undetermined), Frist's, at the largest size:"
note
note '```'
frist_counts "$data/cases-$(echo "$sizes" | awk '{print $NF}').jsonl" "$as_of" >>"$out"
note '```'
note
note "| cases | sqlite3 wall s | sqlite3 CPU s | frist report wall s | frist CPU s | ratio (sqlite3 / frist) | load |"
note "|---:|---:|---:|---:|---:|---:|---:|"
declare -A RATIO
for n in $sizes; do
  l=$(load)
  peer_runs=$([ "$n" -ge 1000000 ] && echo 1 || echo 3)
  pw=0 pc=0
  for _ in $(seq "$peer_runs"); do
    /usr/bin/time -f "%e %U %S" -o "$work/peer-time.txt" sqlite3 :memory: -cmd ".import --csv $data/cases-$n.csv raw" \
      -cmd "CREATE TABLE params AS SELECT '$as_of' AS as_of" <bench/peer/serviceloven.sql >"$work/peer.txt"
    read -r e u sy <"$work/peer-time.txt"
    pw=$(calc %.6f "$pw + $e / $peer_runs")
    pc=$(calc %.6f "$pc + ($u + $sy) / $peer_runs")
  done
  timed "$(runs_for "$n")" "sl-$n" "$frist" report rulesets/serviceloven.frist --cases "$data/cases-$n.jsonl" --as-of "$as_of" --format json -o "$work/sl.json"
  fw=$(wall "sl-$n")
  RATIO[$n]=$(calc %.1f "$pw / $fw")
  note "| $n | $(calc %.2f "$pw") | $(calc %.2f "$pc") | $(calc %.3f "$fw") | $(calc %.3f "$(cpu "sl-$n")") | ${RATIO[$n]}× | $l |"
  cp "$work/peer.txt" "$work/peer-$n.txt"
done
note
note "Equality of the counts:"
note
for n in $sizes; do compare "$n" "$as_of" "$work/peer-$n.txt"; done
first=$(echo "$sizes" | awk '{print $1}')
if [ "$quick" = 0 ]; then
  # Other as-of dates exercise pending deadlines, events after as-of and the
  # summer-time days (2021-03-28, 2023-03-26, 2023-10-29).
  for a in 2021-03-28 2022-12-31 2023-03-26 2023-06-30 2023-10-29 2024-06-30; do
    peer "$data/cases-$first.csv" "$a"
    compare "$first" "$a" "$work/peer.txt"
  done
fi
note

# ------------------------------------------------------ compile, check ---
say "compile and check"
note "## Compile and check"
note
note "| command | wall ms (mean ± sd) | load |"
note "|---|---:|---:|"
compile_total=0
for r in rulesets/*.frist; do
  name=$(basename "$r" .frist)
  l=$(load)
  timed 20 "compile-$name" "$frist" compile "$r" -o "$work/$name.fristc"
  w=$(wall "compile-$name")
  compile_total=$(calc %.6f "$compile_total + $w")
  note "| \`frist compile $r\` | $(calc %.1f "$w * 1000") ± $(calc %.1f "$(wall_sd "compile-$name") * 1000") | $l |"
done
shipped=(rulesets/*.frist stdlib/*.frist stdlib/dk/*.frist)
l=$(load)
timed 20 check-all "$frist" check "${shipped[@]}"
note "| \`frist check\` all shipped (${#shipped[@]} files) | $(calc %.1f "$(wall check-all) * 1000") ± $(calc %.1f "$(wall_sd check-all) * 1000") | $l |"
l=$(load)
timed 20 check-one "$frist" check rulesets/serviceloven.frist
note "| \`frist check rulesets/serviceloven.frist\` | $(calc %.1f "$(wall check-one) * 1000") ± $(calc %.1f "$(wall_sd check-one) * 1000") | $l |"
l=$(load)
timed 20 startup "$frist" --version
note "| \`frist --version\` (process start) | $(calc %.1f "$(wall startup) * 1000") ± $(calc %.1f "$(wall_sd startup) * 1000") | $l |"
note
note "All three rulesets compiled (each with the stdlib modules it uses): $(calc %.1f "$compile_total * 1000") ms in three processes."
note

# ------------------------------------------------------------------ VM ---
say "VM micro-benchmark"
note "## VM (bench/vm_bench.cpp, 20 000 generated cases, load $(load))"
note
note '```'
"$vm_bench" --cases 20000 --seed "$seed" --as-of "$as_of" --benchmark_min_time=1 2>/dev/null >>"$out"
note '```'
note

# ------------------------------------------------------------- targets ---
largest=$(echo "$sizes" | awk '{print $NF}')
note "## Targets"
note
verdict() { awk "BEGIN { exit !($1) }" && echo "met" || echo "**missed**"; }
if [ -n "${RATIO[$largest]:-}" ]; then
  note "- report ≥ 5× faster than the sqlite3 peer ($largest cases, load included): ${RATIO[$largest]}× — $(verdict "${RATIO[$largest]} >= 5"); counts equal: $([ $peer_ok = 1 ] && echo yes || echo '**no**')"
fi
share=$(calc %.0f "100 * ${RAW[$largest]} / ${WALL[report-$largest-2]}")
note "- report throughput (2 threads) ≥ 50 % of the raw baseline's ($largest cases): $share % — $(verdict "$share >= 50")"
for cmd in run report; do
  note "- $cmd peak RSS ≤ 200 MB at $largest cases: ${RSS[$cmd-$largest-2]} MB (1 thread ${RSS[$cmd-$largest-1]} MB) — $(verdict "${RSS[$cmd-$largest-2]} <= 200")"
done
if [ -n "${WALL[report-100000-2]:-}" ] && [ -n "${WALL[report-1000000-2]:-}" ]; then
  for cmd in run report; do
    note "- $cmd 1 M within 12× of 100 k: $(calc %.1f "${WALL[$cmd-1000000-2]} / ${WALL[$cmd-100000-2]}")× — $(verdict "${WALL[$cmd-1000000-2]} / ${WALL[$cmd-100000-2]} <= 12"); RSS 100 k → 1 M: ${RSS[$cmd-100000-2]} → ${RSS[$cmd-1000000-2]} MB"
  done
fi
for cmd in run report; do
  note "- $cmd 2 threads ≥ 1.8× of 1 thread ($largest cases): $(calc %.2f "${WALL[$cmd-$largest-1]} / ${WALL[$cmd-$largest-2]}")× — $(verdict "${WALL[$cmd-$largest-1]} / ${WALL[$cmd-$largest-2]} >= 1.8")"
done
note "- compiling all shipped rulesets < 50 ms: $(calc %.1f "$compile_total * 1000") ms in three processes, $(calc %.1f "$(wall check-all) * 1000") ms to check all shipped files in one"
note "- \`frist check\` on one ruleset < 30 ms: $(calc %.1f "$(wall check-one) * 1000") ms — $(verdict "$(wall check-one) < 0.030")"
note "- VM ≤ 50 ns per (case, rule): see the VM section (median and mean, cold and warm)"
note
note "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
say "wrote $out"
[ "$peer_ok" = 1 ] || { say "the peer's counts differ from Frist's"; exit 1; }
