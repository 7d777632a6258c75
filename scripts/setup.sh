#!/usr/bin/env bash
# Installs whatever Debian packages the build needs and are missing (run as root on Debian 12),
# then configures and builds into build/. With --tests, also installs what the tests need
# (Chromium, for the HTML report test and PDF output) and builds build-asan/ with
# AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake ninja-build pkg-config libtomlplusplus-dev catch2 libeigen3-dev
          libboost-program-options-dev libfmt-dev nlohmann-json3-dev libicu-dev libre2-dev)
[[ "${1:-}" == "--tests" ]] && packages+=(chromium)
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
if [[ "${1:-}" == "--tests" ]]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSCRUTINEER_SANITIZE=ON >/dev/null
  cmake --build build-asan -j "$jobs"
fi
