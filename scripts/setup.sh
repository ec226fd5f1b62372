#!/bin/sh
# Installs the Debian packages Frist builds with (only those missing), then
# configures and builds the Release tree in build/. Safe to run repeatedly.
# Usage: ./scripts/setup.sh [extra apt packages…]
set -eu
cd "$(dirname "$0")/.."

packages="cmake g++ make tzdata ccache tao-pegtl-dev libfmt-dev libcli11-dev catch2 \
libsimdjson-dev libexpat1-dev zlib1g-dev libhowardhinnant-date-dev libssl-dev $*"

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done
if [ -n "$missing" ]; then
  echo "setup: installing$missing" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

jobs="${FRIST_JOBS:-2}"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DFRIST_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
