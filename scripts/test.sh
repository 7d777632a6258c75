#!/usr/bin/env bash
# Quick start, part 2: install what is missing, build (plain and with ASan+UBSan), run every test
# in both builds. Any sanitizer report fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
export ASAN_OPTIONS=abort_on_error=1:halt_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
echo "== tests (release build)"
ctest --test-dir build --output-on-failure -j "$(nproc)"
echo "== tests (AddressSanitizer + UndefinedBehaviorSanitizer build)"
ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
