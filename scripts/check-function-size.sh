#!/usr/bin/env bash
# No function over 150 lines in the product sources: clang-tidy's readability-function-size,
# run over every .cpp of the given folders with the compile commands of BUILD.
# Usage: scripts/check-function-size.sh BUILD DIR...
set -euo pipefail
build=$1
shift
files=$(git ls-files "${@/%//*.cpp}")
# -p: compile_commands.json of the build; the gcc-only warning flags are unknown to clang.
printf '%s\n' $files | xargs -P "$(nproc)" -n 8 clang-tidy -p "$build" --quiet \
  --extra-arg=-Wno-unknown-warning-option \
  --checks='-*,readability-function-size' \
  --config='{CheckOptions: [{key: readability-function-size.LineThreshold, value: 150}]}' \
  --warnings-as-errors='readability-function-size' 2>/dev/null
echo "check-function-size: no function over 150 lines"
