#!/usr/bin/env bash
# Median wall time of one whole `scrutineer assess` process on an election (default khm-2023).
# Usage: bench/assess_bench.sh [BUILD_DIR] [ELECTION_DIR] [RUNS] [EXTRA ASSESS ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
election=${2:-fixtures/elections/khm-2023}
runs=${3:-50}
shift $(( $# < 3 ? $# : 3 ))
"$build/scrutineer" assess "$election" "$@" >/dev/null   # warm the page cache
times=()
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  "$build/scrutineer" assess "$election" "$@" >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$((runs / 2))]}
printf 'assess %s %s: median %.2f ms over %d runs (min %.2f ms, max %.2f ms)\n' "$election" "$*" \
  "$(echo "$median / 1000" | bc -l)" "$runs" "$(echo "${sorted[0]} / 1000" | bc -l)" \
  "$(echo "${sorted[$((runs - 1))]} / 1000" | bc -l)"
