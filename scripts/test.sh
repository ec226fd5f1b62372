#!/bin/sh
# Runs the whole test suite of the Release tree built by scripts/setup.sh:
# installs what the tests use, then ctest on 2 cores.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh sqlite3 valgrind chromium
ctest --test-dir build --output-on-failure -j"${FRIST_JOBS:-2}"
