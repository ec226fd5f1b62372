#!/bin/sh
# Runs the whole test suite (.ci/run calls this through the README's test
# command) on 2 cores, printing the time of each step:
#   1. every ctest test of the Release tree that scripts/setup.sh built;
#   2. a second tree, build-san: clang 14 with ASan and UBSan (and the
#      libFuzzer targets), built and tested with every ctest test again;
#   3. each fuzz target for FRIST_FUZZ_SECONDS (default 60), in build-san;
#   4. the conformance suite once under valgrind (the Release binary, the
#      three shipped rulesets).
# docs/robustness.md records how long this takes; it must stay under an hour
# (CI allows 90 minutes). FRIST_QUICK=1 runs step 1 only.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh sqlite3 valgrind chromium clang-14 libclang-rt-14-dev libbenchmark-dev
jobs="${FRIST_JOBS:-2}"
start=$(date +%s)
last=$start
step() {
  now=$(date +%s)
  echo "test.sh: $1 took $((now - last)) s (total $((now - start)) s)" >&2
  last=$now
}

# 1. The Release tree.
ctest --test-dir build --output-on-failure -j"$jobs"
step "the Release suite"
[ "${FRIST_QUICK:-0}" = 1 ] && exit 0

# 2. The sanitizer tree. Asserts stay on (no NDEBUG); -O1 keeps the build
# and the instrumented tests quick.
if [ ! -f build-san/CMakeCache.txt ]; then
  CXX=clang++-14 cmake -S . -B build-san -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" -DFRIST_WERROR=ON \
    -DFRIST_SANITIZE=ON -DFRIST_FUZZ=ON -DFRIST_TESTS=ON >/dev/null
fi
cmake --build build-san -j"$jobs"
step "the sanitizer build"
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}" \
  ctest --test-dir build-san --output-on-failure -j"$jobs"
step "the sanitizer suite"

# 3. A short run of every fuzz target.
FUZZ_BUILD=build-san ./scripts/fuzz.sh "${FRIST_FUZZ_SECONDS:-60}"
step "fuzzing"

# 4. The conformance suite under valgrind: no invalid read or write, no use
# of uninitialised memory, no definite leak — and the same records.
for r in serviceloven serviceloven_ast2023 barnets_lov; do
  valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
    build/cli/frist run "rulesets/$r.frist" --cases ../shared/conformance/cases.jsonl --as-of 2024-12-31 \
    -o "build/valgrind-$r.jsonl"
  build/cli/frist run "rulesets/$r.frist" --cases ../shared/conformance/cases.jsonl --as-of 2024-12-31 \
    -o "build/plain-$r.jsonl" 2>/dev/null
  cmp -s "build/valgrind-$r.jsonl" "build/plain-$r.jsonl" || { echo "test.sh: $r differs under valgrind" >&2; exit 1; }
done
step "valgrind"
echo "test.sh: everything passed in $(( $(date +%s) - start )) s after set-up" >&2
