#!/usr/bin/env bash
# Regenerates docs/conformance.md from a run of tck_runner on ../shared/tck/tck-core.jsonl:
# the per-area table and every failing scenario with its reason. The reason comes from the
# first rule of tests/tck/failure_reasons.txt (id prefix, TAB, message substring or *, TAB,
# reason: a known gap or a deliberate difference) that matches, else from the runner message.
#
#   tests/tck/update_conformance.sh [BUILD_DIR]     (default: build)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-build}"
case "$build" in /*) ;; *) build="$root/$build" ;; esac
runner="$build/tests/tck/tck_runner"
tck="$root/../shared/tck/tck-core.jsonl"
reasons="$root/tests/tck/failure_reasons.txt"
out="$root/docs/conformance.md"
[ -x "$runner" ] || { echo "update_conformance: $runner not built (cmake --build $build --target tck_runner)" >&2; exit 2; }
[ -f "$tck" ] || { echo "update_conformance: $tck not found" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$runner" "$tck" --report-md "$tmp/report.md" > "$tmp/run.txt" || true
summary="$(tail -n 1 "$tmp/run.txt")"

{
  cat <<'HEAD'
# openCypher TCK conformance

silkgraph runs the openCypher Technology Compatibility Kit scenarios of
`../shared/tck/tck-core.jsonl` (1,339 scenarios of the core areas, converted from the
openCypher repository; see its README) with `tests/tck/tck_runner`. `make test` runs them as
the ctest `tck`, which fails when a scenario listed in `tests/tck/passing.txt` (the ratchet:
it only grows) stops passing.

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

## Results

HEAD
  echo "Last run: \`$summary\`."
  echo
  cat "$tmp/report.md"
  echo
  echo "## Failing scenarios"
  echo
  if [ ! -s "$tmp/report.md.failures" ]; then
    echo "None."
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
      END { for (i = 1; i <= k; i++) printf "### %s\n\n%s\n", order[i], items[order[i]] }
    ' <( [ -f "$reasons" ] && cat "$reasons" || true ) "$tmp/report.md.failures"
  fi
} > "$out"
echo "wrote $out ($summary)"
