#!/bin/sh
# Rewrites the expected output of golden tests from the current binary.
# Usage: scripts/refresh-golden.sh [tests/golden/area/name.frist …]   (default: all)
# Review the diff (git diff tests/golden) before committing.
set -eu
cd "$(dirname "$0")/.."
frist=build/cli/frist
[ -x "$frist" ] || { echo "build first: ./scripts/setup.sh" >&2; exit 2; }
files="$*"
[ -n "$files" ] || files=$(find tests/golden \( -name '*.frist' -o -name '*.args' \) ! -name '_*' | sort)
for f in $files; do
  dir=$(dirname "$f")
  args=check
  [ -f "$dir/command" ] && args=$(cat "$dir/command")
  cmake -DFRIST="$frist" -DSOURCE_ROOT="$PWD" -DFILE="$f" "-DARGS=$args" -DREFRESH=ON -P tests/golden/run_golden.cmake
done
