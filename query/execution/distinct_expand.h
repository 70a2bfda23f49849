// The expansion of a deduplicating match step through its type's distinct neighbours
// (engine/distinct_rows.h): where only the first relationship reaching each node can make a
// row (MatchStep::dedupe on the node reached, nothing checked on the relationship), a node's
// distinct neighbours stand for its whole row. Used by the pattern matcher's Expand.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "engine/graph.h"
#include "query/execution/context.h"
#include "query/execution/view_distinct.h"
#include "query/planner/match_program.h"

namespace silkgraph {

// Whether a relationship the row holds for the step's uniqueness check is one of type t at n's
// end of the step's direction (then a distinct-neighbour scan of n could pick it: the plain
// scan is used instead).
inline bool usesRelOf(const MatchStep& s, const Row& row, const GraphView g, NodeId n, TypeId t) {
  auto incident = [&](const Value& v) {
    if (v.type() != Value::Type::Rel) return false;
    const RelId r = v.asRel();
    const auto ends = s.dir == Direction::Out ? g.relSources() : g.relTargets();
    return r < ends.size() && g.relTypes()[r] == t && ends[r] == n;
  };
  for (Slot k : s.uniqueRels) {
    const Value& v = row[k];
    if (incident(v)) return true;
    if (v.type() == Value::Type::List)
      for (const Value& x : v.asList())
        if (incident(x)) return true;
  }
  return false;
}

// The compressed row's entries to `other` after r's (no deletions: every entry is live), in
// row order, for a node marked for a retry; the delta part follows them and is visited anyway.
// Out of line: it is rare, and inlined it kept the distinct scan's callback from being inlined
// (Q2 lost a fifth of its time when visitType grew).
template <typename Visit>
[[gnu::noinline]] bool visitTwinsAfter(const GraphView g, NodeId n, Direction dir, TypeId t,
                                       RelId r, NodeId other, Visit& visit, const bool& keepGoing) {
  uint32_t left = 0;
  if (n < g.csrVertices(t)) {
    const std::span<const uint32_t> rows = g.rowStarts(t, dir);
    left = rows[n + 1] - rows[n];
  }
  bool past = false;
  auto rest = [&](RelId r2, NodeId o2) {
    if (left-- == 0) return false;
    if (o2 != other) return true;
    if (!past) {
      past = r2 == r;
      return true;
    }
    return visit(r2, o2);
  };
  g.visitType(n, dir, t, rest);
  return keepGoing;
}

// expandDistinct with a view date: the distinct neighbours under that date
// (query/execution/view_distinct.h), kept by the graph or made once the statement's
// expansions have walked (`walked`) a sixteenth of the type's compressed rows without them;
// false (nothing visited) while there are none, for the plain scan. Out of line, so that the
// plain distinct scan's callback stays inlined (see visitTwinsAfter).
template <typename Visit, typename Retried>
[[gnu::noinline]] bool expandDistinctInView(ExecContext& ctx, uint64_t& walked, const GraphView g,
                                            NodeId n, Direction dir, TypeId t, bool mayRetry,
                                            Visit& visit, Retried& retried, const bool& keepGoing) {
  auto once = [&](RelId r, NodeId other) {  // as expandDistinct's, a callback of its own
    if (!visit(r, other)) return false;
    if (!mayRetry || !retried(other)) return true;
    return visitTwinsAfter(g, n, dir, t, r, other, visit, keepGoing);
  };
  std::shared_ptr<const ViewDistinctRows> rows =
      keptViewDistinctRows(ctx.graph, ctx.view->day(), t, dir);
  if (!rows && ctx.view->cacheable() && n < g.csrVertices(t)) {
    const std::span<const uint32_t> starts = g.rowStarts(t, dir);
    walked += starts[n + 1] - starts[n];
    if (walked * 16 >= starts.back()) rows = makeViewDistinctRows(ctx.graph, *ctx.view, t, dir);
  }
  if (!rows) return false;
  if (n + size_t{1} < rows->start.size())
    for (uint32_t e = rows->start[n], end = rows->start[n + 1]; e < end; ++e)
      if (!once(rows->rel[e], rows->other[e])) return true;
  g.visitTypeRange(n, dir, t, 1, 0, once);  // lo > hi: the delta part alone
  return true;
}

// Visits n's distinct neighbours of type t (then the delta whole) with visit(rel, other). A
// node the rest of the match marked for a retry (retried(other): relationship uniqueness, when
// the step may retry) gets the row's other relationships to it too, as the plain scan would
// give them. keepGoing: the flag `visit` clears to stop. With a view date, see
// expandDistinctInView (false: nothing visited, for the plain scan).
template <typename Visit, typename Retried>
bool expandDistinct(ExecContext& ctx, uint64_t& walked, const GraphView g, NodeId n, Direction dir,
                    TypeId t, bool mayRetry, Visit& visit, Retried& retried,
                    const bool& keepGoing) {
  if (ctx.view)
    return expandDistinctInView(ctx, walked, g, n, dir, t, mayRetry, visit, retried, keepGoing);
  auto once = [&](RelId r, NodeId other) {
    if (!visit(r, other)) return false;
    if (!mayRetry || !retried(other)) return true;
    return visitTwinsAfter(g, n, dir, t, r, other, visit, keepGoing);
  };
  g.visitTypeDistinct(n, dir, t, once);
  return true;
}

}  // namespace silkgraph
