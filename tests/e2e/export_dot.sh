#!/usr/bin/env bash
# End-to-end test of `silkgraph export dot`: the bundled sample rendered to SVG and PNG by the
# real Graphviz with no warnings, a query's subgraph, and the message when `dot` is missing.
# Usage: export_dot.sh SILKGRAPH_BINARY SOURCE_DIR
set -u
bin=$(realpath "$1")
src=$(realpath "$2")
sample="$src/samples/central-asia-korea"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# 1. The whole sample as SVG: exit 0, nothing on stderr, a real SVG with the legend.
if ! "$bin" export dot "$sample" --render svg -o "$tmp/all.svg" 2> "$tmp/err1"; then
  fail "export --render svg exited non-zero: $(cat "$tmp/err1")"
fi
[ -s "$tmp/err1" ] && fail "export --render svg printed on stderr: $(cat "$tmp/err1")"
grep -q '<svg' "$tmp/all.svg" 2>/dev/null || fail "all.svg is not an SVG"
grep -q '>Legend</text>' "$tmp/all.svg" 2>/dev/null || fail "all.svg has no legend"
grep -q '>South Korea</text>' "$tmp/all.svg" 2>/dev/null || fail "all.svg lacks South Korea"

# 2. The DOT text itself passes `dot` without warnings.
"$bin" export dot "$sample" -o "$tmp/all.dot" 2> "$tmp/err2" || fail "export to .dot failed"
dot -Tsvg "$tmp/all.dot" -o "$tmp/check.svg" 2> "$tmp/err3" || fail "dot rejected all.dot"
[ -s "$tmp/err3" ] && fail "dot warned on all.dot: $(cat "$tmp/err3")"

# 3. A query draws only its subgraph: suppliers of Korea and the arrows to it.
query="MATCH p = (:Nation)-[:SUPPLIES]->(:Nation {id: 'KOR'}) RETURN p"
"$bin" export dot "$sample" --query "$query" -o "$tmp/q.dot" 2> "$tmp/err5" ||
  fail "export --query failed: $(cat "$tmp/err5")"
grep -q 'label="South Korea"' "$tmp/q.dot" || fail "q.dot lacks South Korea"
grep -q 'label="SUPPLIES' "$tmp/q.dot" || fail "q.dot lacks SUPPLIES arrows"
grep -q 'MEMBER_OF' "$tmp/q.dot" && fail "q.dot draws relationships outside the result"
all_nodes=$(grep -c '^  n[0-9]* \[' "$tmp/all.dot")
q_nodes=$(grep -c '^  n[0-9]* \[' "$tmp/q.dot")
[ "$q_nodes" -gt 1 ] && [ "$q_nodes" -lt "$all_nodes" ] ||
  fail "query subgraph has $q_nodes nodes (whole graph: $all_nodes)"

# PNG (of the small subgraph, to keep the test quick).
"$bin" export dot "$sample" --query "$query" --render png -o "$tmp/q.png" 2> "$tmp/err4" ||
  fail "export --render png failed: $(cat "$tmp/err4")"
head -c 4 "$tmp/q.png" 2>/dev/null | grep -q PNG || fail "q.png is not a PNG"

# 4. Without Graphviz on PATH: a clear message and a non-zero exit.
mkdir "$tmp/empty-bin"
if PATH="$tmp/empty-bin" "$bin" export dot "$sample" --render svg -o "$tmp/none.svg" \
    2> "$tmp/err6"; then
  fail "export --render succeeded without dot on PATH"
fi
grep -q "Graphviz 'dot' was not found on PATH; install it with: apt-get install graphviz" \
  "$tmp/err6" || fail "missing-dot message not shown: $(cat "$tmp/err6")"

if [ "$failures" -gt 0 ]; then
  echo "export_dot.sh: $failures failure(s)" >&2
  exit 1
fi
echo "export_dot.sh: all checks passed"
