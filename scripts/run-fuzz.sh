#!/usr/bin/env bash
# Runs each libFuzzer target of a SILKGRAPH_FUZZ build for a set time (make fuzz, make
# fuzz-ci; tests/fuzz/README.md). Usage: run-fuzz.sh BUILD_DIR SECONDS TARGET...
# The corpus grows in BUILD_DIR/fuzz/corpus/TARGET across runs; seeds come from
# scripts/fuzz-seeds.py. A finding is written to BUILD_DIR/fuzz/findings/TARGET/; the run goes
# on with the other targets and exits 1 at the end if anything was found.
set -uo pipefail
build=$1 seconds=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
work=$build/fuzz
if [ ! -d "$work/seeds" ]; then
  /usr/bin/python3 "$root/scripts/fuzz-seeds.py" --out "$work/seeds" --silkgraph "$build/silkgraph" || exit 1
fi
# FUZZ_JOBS targets run at once (default 1; make fuzz-ci runs two on CI's two cores).
jobs_max=${FUZZ_JOBS:-1}
run_one() {
  local target=$1
  mkdir -p "$work/corpus/$target" "$work/findings/$target"
  local dict=()
  [ -f "$root/tests/fuzz/$target.dict" ] && dict=(-dict="$root/tests/fuzz/$target.dict")
  # -timeout: an input slower than 10 s is a hang (statements are cancelled after 2 s);
  # -rss_limit_mb / -malloc_limit_mb: an input that makes one statement or load hold more than
  # 2 GB is a finding too.
  "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2560 -malloc_limit_mb=2048 -print_final_stats=1 "${dict[@]}" \
    -artifact_prefix="$work/findings/$target/" "$work/corpus/$target" "$work/seeds/$target" \
    > "$work/$target.log" 2>&1
  echo $? > "$work/$target.status"
}
for target in "$@"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n; done
  echo "== fuzz_$target for ${seconds}s"
  rm -f "$work/$target.status"
  run_one "$target" &
done
wait
failed=()
for target in "$@"; do
  echo "== fuzz_$target"
  if [ "$(cat "$work/$target.status" 2>/dev/null)" != 0 ]; then
    failed+=("$target")
    tail -n 40 "$work/$target.log"
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|cov: ' "$work/$target.log" | tail -n 3
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}"
  echo "each finding is in $work/findings/TARGET/; replay it with $build/tests/fuzz/fuzz_TARGET FILE,"
  echo "fix the bug and add the file to tests/fuzz/corpus/TARGET/ (make test replays that corpus)."
  exit 1
fi
echo "fuzzing: no findings in $* (${seconds}s each)"
