#!/usr/bin/env bash
# Regenerates docs/conformance.md from runs of tck_runner on ../shared/tck/tck-core.jsonl and
# ../shared/tck/tck-extended.jsonl: the percentages, a per-area table per file and every
# failing scenario with its reason. The reason comes from the first rule of
# tests/tck/failure_reasons.txt (id prefix, TAB, message substring or *, TAB, reason: a known
# gap or a deliberate difference) that matches, else from the runner message.
#
#   tests/tck/update_conformance.sh [BUILD_DIR]     (default: build)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-build}"
case "$build" in /*) ;; *) build="$root/$build" ;; esac
runner="$build/tests/tck/tck_runner"
reasons="$root/tests/tck/failure_reasons.txt"
out="$root/docs/conformance.md"
[ -x "$runner" ] || { echo "update_conformance: $runner not built (cmake --build $build --target tck_runner)" >&2; exit 2; }
for f in core extended; do
  [ -f "$root/../shared/tck/tck-$f.jsonl" ] || { echo "update_conformance: $root/../shared/tck/tck-$f.jsonl not found" >&2; exit 2; }
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for f in core extended; do
  "$runner" "$root/../shared/tck/tck-$f.jsonl" --report-md "$tmp/$f.md" > "$tmp/$f.txt" || true
done

# "N passed, M failed, K skipped" -> "N of N+M (P %)"
percent() {
  tail -n 1 "$1" | awk '{ t = $1 + $3; printf "%d of %d (%.1f %%)", $1, t, t ? 100 * $1 / t : 0 }'
}

# One file's section: its last-run line, the area table and the failing scenarios by reason.
section() {
  local f="$1"
  echo "Last run: \`$(tail -n 1 "$tmp/$f.txt")\`."
  echo
  cat "$tmp/$f.md"
  echo
  echo "### Failing scenarios of tck-$f.jsonl"
  echo
  if [ ! -s "$tmp/$f.md.failures" ]; then
    echo "None."
    echo
  else
    echo "Grouped by reason. Each line gives the scenario id and what the runner saw."
    echo
    awk -F'\t' '
      FNR == NR { if ($0 !~ /^#/ && NF >= 3) { pre[++n] = $1; sub_[n] = $2; why[n] = $3 } next }
      {
        best = 0
        for (i = 1; i <= n && !best; i++)
          if (index($1, pre[i]) == 1 && (sub_[i] == "*" || index($2, sub_[i]) > 0)) best = i
        key = best ? why[best] : "Not yet classified (the runner message is shown)"
        if (!(key in seen)) { seen[key] = ++k; order[k] = key }
        msg = $2; gsub(/\|/, "\\|", msg); gsub(/`/, "'\''", msg)
        items[key] = items[key] "- `" $1 "`: " msg "\n"
      }
      END { for (i = 1; i <= k; i++) printf "#### %s\n\n%s\n", order[i], items[order[i]] }
    ' <( [ -f "$reasons" ] && cat "$reasons" || true ) "$tmp/$f.md.failures"
  fi
}

{
  cat <<'HEAD'
# openCypher TCK conformance

silkgraph runs the openCypher Technology Compatibility Kit scenarios of two files (converted
from the openCypher repository; see `../shared/tck/README.md`) with `tests/tck/tck_runner`:

- `../shared/tck/tck-core.jsonl`: the 1,339 scenarios of the core areas. `make test` runs
  them as the ctest `tck`, whose ratchet is `tests/tck/passing.txt`.
- `../shared/tck/tck-extended.jsonl`: 1,918 scenarios from every other area (temporal
  types, quantifiers, `CALL` procedures, precedence, ...). `make test` runs them as the
  ctest `tck.extended`, whose ratchet is `tests/tck/passing-extended.txt`.

Each ctest fails when a scenario listed in its ratchet (which only grows: `tck_runner
--update-ratchet FILE` adds the newly passing ids) stops passing.

How results are compared:

- Rows as a multiset ("in any order") or as a sequence ("in order"); lists as multisets where
  the scenario says "ignoring element order for lists". Column names must match exactly.
- Values in the TCK notation: 1 and 1.0 differ; nodes compare by label set and property map,
  relationships by type and property map, paths by their nodes, relationships and directions.
- Side effects: nodes, relationships, distinct labels in use and (entity, key, value)
  property triples, counted before and after the query. Error scenarios must leave the graph
  unchanged.
- Errors: the type and the phase (compile time or runtime; "any time" accepts both). The
  TCK, like Neo4j, reports compile-time semantic failures (undefined variable, type conflict,
  misplaced aggregation) as `SyntaxError`; silkgraph names them `SemanticError`, and the
  runner accepts `SemanticError` where the TCK expects `SyntaxError`. The detail code
  (e.g. `VariableTypeConflict`) is reported but not required to match.

Regenerate this page with `tests/tck/update_conformance.sh [BUILD_DIR]`.

HEAD
  echo "## Summary"
  echo
  echo "| file | scenarios passing |"
  echo "|---|---:|"
  echo "| \`tck-core.jsonl\` | $(percent "$tmp/core.txt") |"
  echo "| \`tck-extended.jsonl\` | $(percent "$tmp/extended.txt") |"
  echo
  echo "Skipped scenarios (\`@ignore\` in the TCK) are not counted."
  echo
  echo "## tck-core.jsonl"
  echo
  section core
  echo "## tck-extended.jsonl"
  echo
  section extended
} > "$out"
echo "wrote $out (core: $(percent "$tmp/core.txt"); extended: $(percent "$tmp/extended.txt"))"
