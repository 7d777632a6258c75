#!/usr/bin/env bash
# Installs whatever Debian packages the build and tests need and are missing (run as root on
# Debian 12), then configures and builds into build/ (and, with --sanitize, build-asan/ too).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake ninja-build pkg-config libtomlplusplus-dev catch2 libeigen3-dev
          libboost-program-options-dev libfmt-dev nlohmann-json3-dev libicu-dev libre2-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

jobs=$(nproc)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
if [[ "${1:-}" == "--sanitize" ]]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSCRUTINEER_SANITIZE=ON >/dev/null
  cmake --build build-asan -j "$jobs"
fi
