#!/usr/bin/env bash
# Extraction throughput: `scrutineer extract` against `grep -E -i -c -f` with the same patterns on
# the same files.
#
#   bench/extract_bench.sh [SCRUTINEER_BINARY]
#
# Builds a corpus of at least SIZE_MB megabytes (default 200) in $BENCH_DIR (default
# /tmp/scrutineer-extract-bench) from the seed documents (SEEDS, default ../shared/seeds)
# repeated, as files of about 2 MB; exports the lexicon's tag patterns with
# `scrutineer extract --print-patterns`; then times, on the whole corpus:
#   extract --count -j 1   one thread, counting candidates per file (like grep -c)
#   extract --count        one thread per CPU
#   extract -o FILE        one thread per CPU, writing the full candidate ledger
#   grep -E -i -c -f       GNU grep, in the C locale (bytes: grep's fastest mode) and, on the
#                          first GREP_UTF8_MB megabytes (default 20; 0 skips it), in C.UTF-8
# and prints MB/s for each and the ratio of extract (one thread) to grep.
# Run from the repository root. Needs bash, GNU grep, awk.
set -euo pipefail

scrutineer=${1:-${SCRUTINEER:-build/scrutineer}}
seeds=${SEEDS:-../shared/seeds}
size_mb=${SIZE_MB:-200}
bench_dir=${BENCH_DIR:-/tmp/scrutineer-extract-bench}
grep_utf8_mb=${GREP_UTF8_MB:-20}

[[ -x $scrutineer ]] || { echo "extract_bench: no executable '$scrutineer' (build it, or pass its path)" >&2; exit 2; }
compgen -G "$seeds/*.txt" >/dev/null || { echo "extract_bench: no seed documents in '$seeds'" >&2; exit 2; }

# The corpus: each file is every seed document once, repeated until it holds about 2 MB.
mkdir -p "$bench_dir/corpus"
seed_bytes=$(cat "$seeds"/*.txt | wc -c)
copies_per_file=$(( (2 * 1000 * 1000 + seed_bytes - 1) / seed_bytes ))
file_bytes=$(( seed_bytes * copies_per_file ))
files=$(( (size_mb * 1000 * 1000 + file_bytes - 1) / file_bytes ))
if [[ ! -f $bench_dir/corpus/.stamp || $(cat "$bench_dir/corpus/.stamp") != "$files $file_bytes" ]]; then
  rm -f "$bench_dir"/corpus/*.txt
  for _ in $(seq "$copies_per_file"); do cat "$seeds"/*.txt; done >"$bench_dir/one.txt"
  for i in $(seq -w "$files"); do cp "$bench_dir/one.txt" "$bench_dir/corpus/part_$i.txt"; done
  rm "$bench_dir/one.txt"
  echo "$files $file_bytes" >"$bench_dir/corpus/.stamp"
fi
corpus=("$bench_dir"/corpus/part_*.txt)
total_bytes=$(cat "${corpus[@]}" | wc -c)
total_mb=$(awk -v b="$total_bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
"$scrutineer" extract --print-patterns >"$bench_dir/patterns.txt"
patterns=$(wc -l <"$bench_dir/patterns.txt")
cpus=$(nproc)
echo "corpus: ${#corpus[@]} files, $total_mb MB (the seeds repeated); $patterns patterns; $cpus CPUs"

# seconds COMMAND...: wall-clock seconds of COMMAND. Output goes to a file, not /dev/null: GNU
# grep notices /dev/null and stops at the first match.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >"$bench_dir/output.tmp" 2>"$bench_dir/errors.tmp"
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
report() { printf '%-44s %8s s %9s MB/s\n' "$1" "$2" "$(rate "$3" "$2")"; }

cat "${corpus[@]}" >/dev/null  # warm the page cache

t_one=$(seconds "$scrutineer" extract --count -j 1 "${corpus[@]}")
report "scrutineer extract --count -j 1" "$t_one" "$total_bytes"
t_all=$(seconds "$scrutineer" extract --count "${corpus[@]}")
report "scrutineer extract --count (-j $cpus)" "$t_all" "$total_bytes"
candidates=$(awk -F: '{ n += $NF } END { print n }' "$bench_dir/output.tmp")
t_ledger=$(seconds "$scrutineer" extract --force -o "$bench_dir/ledger.toml" "${corpus[@]}")
report "scrutineer extract -o ledger.toml (-j $cpus)" "$t_ledger" "$total_bytes"
echo "  $candidates candidate sentences; ledger $(( $(wc -c <"$bench_dir/ledger.toml") / 1000000 )) MB"

t_grep=$(seconds env LC_ALL=C grep -E -i -c -f "$bench_dir/patterns.txt" "${corpus[@]}")
report "LC_ALL=C grep -E -i -c -f" "$t_grep" "$total_bytes"
matching=$(awk -F: '{ n += $NF } END { print n }' "$bench_dir/output.tmp")
echo "  $matching matching lines"
echo "ratio, extract (1 thread) to grep (C locale): $(awk -v g="$t_grep" -v e="$t_one" 'BEGIN { printf "%.1f", g / e }')x"

if (( grep_utf8_mb > 0 )); then
  sample=()
  sample_bytes=0
  for f in "${corpus[@]}"; do
    (( sample_bytes >= grep_utf8_mb * 1000000 )) && break
    sample+=("$f")
    sample_bytes=$(( sample_bytes + $(wc -c <"$f") ))
  done
  t_grep_utf8=$(seconds env LC_ALL=C.UTF-8 grep -E -i -c -f "$bench_dir/patterns.txt" "${sample[@]}")
  t_one_sample=$(seconds "$scrutineer" extract --count -j 1 "${sample[@]}")
  report "LC_ALL=C.UTF-8 grep -E -i -c -f (${#sample[@]} files)" "$t_grep_utf8" "$sample_bytes"
  report "scrutineer extract --count -j 1 (same files)" "$t_one_sample" "$sample_bytes"
  echo "ratio, extract (1 thread) to grep (C.UTF-8): $(awk -v g="$t_grep_utf8" -v e="$t_one_sample" 'BEGIN { printf "%.1f", g / e }')x"
fi
