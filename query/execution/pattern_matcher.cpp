// Pattern matcher: runs a MatchProgram depth-first over the graph (query/planner/match_program.h).
// Each step binds or checks slots of the row and recurses into the next step; the hot loops
// (scans and expansions) do not allocate.
#include <algorithm>
#include <deque>
#include <unordered_map>

#include "query/execution/context.h"
#include "query/execution/shortest_path.h"
#include "query/execution/value_ops.h"
#include "query/planner/match_program.h"

namespace silkgraph {
namespace {

using T = Value::Type;
using Kind = MatchStep::Kind;

// Resolves label names; false when some label does not exist (so nothing can match).
bool resolveLabels(const std::vector<NameRef>& names, const Graph& g) {
  for (const auto& n : names) {
    if (n.cached == UINT32_MAX) {
      LabelId id = g.labelId(n.name);
      if (id == kNoLabel) return false;
      n.cached = id;
    }
  }
  return true;
}

bool resolveKeys(const std::vector<std::pair<std::string, const BoundExpr*>>& props,
                 std::vector<KeyId>& keys, const Graph& g) {
  if (keys.size() == props.size()) return true;
  keys.clear();
  for (const auto& [name, e] : props) {
    KeyId k = g.keyId(name);
    if (k == kNoKey) {
      keys.clear();
      return false;
    }
    keys.push_back(k);
  }
  return true;
}

bool nodeMatches(const std::vector<NameRef>& labels,
                 const std::vector<std::pair<std::string, const BoundExpr*>>& props,
                 std::vector<KeyId>& keys, NodeId n, Row& row, ExecContext& ctx) {
  for (const auto& l : labels) {
    if (!ctx.graph.hasLabel(n, static_cast<LabelId>(l.cached))) return false;
  }
  if (props.empty()) return true;
  if (!resolveKeys(props, keys, ctx.graph)) return false;
  for (size_t i = 0; i < props.size(); ++i) {
    Value want = evaluate(*props[i].second, row, ctx);
    if (cypherEquals(ctx.graph.nodeProperty(n, keys[i]), want) != Tri::True) return false;
  }
  return true;
}

bool relMatches(const MatchStep& s, RelId r, Row& row, ExecContext& ctx) {
  if (s.relProps.empty()) return true;
  if (!resolveKeys(s.relProps, s.relPropKeys, ctx.graph)) return false;
  for (size_t i = 0; i < s.relProps.size(); ++i) {
    Value want = evaluate(*s.relProps[i].second, row, ctx);
    if (cypherEquals(ctx.graph.relProperty(r, s.relPropKeys[i]), want) != Tri::True) return false;
  }
  return true;
}

bool relAlreadyUsed(const MatchStep& s, RelId r, const Row& row) {
  for (Slot slot : s.uniqueRels) {
    const Value& v = row[slot];
    if (v.type() == T::Rel) {
      if (v.asRel() == r) return true;
    } else if (v.type() == T::List) {
      for (const auto& x : v.asList()) {
        if (x.type() == T::Rel && x.asRel() == r) return true;
      }
    }
  }
  return false;
}

// Type ids to expand over; empty result with `any` false means: no type exists, no match.
bool resolveTypes(const MatchStep& s, const Graph& g, TypeId* out, size_t& count) {
  count = 0;
  if (s.types.empty()) {
    out[count++] = kNoType;
    return true;
  }
  for (const auto& t : s.types) {
    if (t.cached == UINT32_MAX) {
      TypeId id = g.typeId(t.name);
      if (id == kNoType) continue;
      t.cached = id;
    }
    if (count < 16) out[count++] = static_cast<TypeId>(t.cached);
  }
  return count > 0;
}

bool runStep(const MatchProgram& p, size_t i, Row& row, ExecContext& ctx, const RowSink& sink);

bool checkTarget(const MatchStep& s, NodeId other, Row& row, ExecContext& ctx) {
  if (s.toBound) {
    const Value& t = row[s.to];
    return t.type() == T::Node && t.asNode() == other;
  }
  return nodeMatches(s.labels, s.props, s.propKeys, other, row, ctx);
}

bool runExpand(const MatchProgram& p, size_t i, const MatchStep& s, Row& row, ExecContext& ctx,
               const RowSink& sink) {
  const Value& from = row[s.node];
  if (from.isNull()) return true;
  if (from.type() != T::Node) throwRuntime(ErrorKind::TypeError, "expected a node to expand from");
  if (!s.toBound && !resolveLabels(s.labels, ctx.graph)) return true;
  NodeId n = from.asNode();
  if (s.relBound) {
    const Value& rv = row[s.rel];
    if (rv.type() != T::Rel) return true;
    RelId r = rv.asRel();
    bool typeOk =
        s.types.empty() || std::any_of(s.types.begin(), s.types.end(), [&](const NameRef& t) {
          return ctx.graph.typeName(ctx.graph.relType(r)) == t.name;
        });
    if (!typeOk || !relMatches(s, r, row, ctx)) return true;
    NodeId src = ctx.graph.relSource(r), dst = ctx.graph.relTarget(r);
    auto tryOther = [&](NodeId other) {
      if (!checkTarget(s, other, row, ctx)) return true;
      if (!s.toBound) row[s.to].setNode(other);
      return runStep(p, i + 1, row, ctx, sink);
    };
    if ((s.dir == Direction::Out || s.dir == Direction::Both) && src == n) {
      if (!tryOther(dst)) return false;
    }
    if ((s.dir == Direction::In || s.dir == Direction::Both) && dst == n &&
        !(s.dir == Direction::Both && src == n)) {
      if (!tryOther(src)) return false;
    }
    return true;
  }
  TypeId types[16];
  size_t count;
  if (!resolveTypes(s, ctx.graph, types, count)) return true;
  bool keepGoing = true;
  for (size_t t = 0; t < count && keepGoing; ++t) {
    ctx.graph.forEachAdjacent(n, s.dir, types[t], [&](RelId r, NodeId other) {
      ctx.poll();
      if (relAlreadyUsed(s, r, row)) return true;
      if (!relMatches(s, r, row, ctx)) return true;
      if (!checkTarget(s, other, row, ctx)) return true;
      row[s.rel].setRel(r);
      if (!s.toBound) row[s.to].setNode(other);
      keepGoing = runStep(p, i + 1, row, ctx, sink);
      return keepGoing;
    });
  }
  return keepGoing;
}

// Depth-first variable-length expansion with relationship uniqueness along the path.
struct VarExpander {
  const MatchProgram& p;
  size_t i;
  const MatchStep& s;
  Row& row;
  ExecContext& ctx;
  const RowSink& sink;
  TypeId types[16];
  size_t typeCount = 0;
  std::vector<RelId> path;

  bool emit(NodeId end) {
    if (!checkTarget(s, end, row, ctx)) return true;
    ValueList rels;
    rels.reserve(path.size());
    for (RelId r : path) rels.emplace_back(RelRef{r});
    if (s.reverse) std::reverse(rels.begin(), rels.end());
    row[s.rel] = Value(std::move(rels));
    if (!s.toBound) row[s.to].setNode(end);
    return runStep(p, i + 1, row, ctx, sink);
  }

  bool dfs(NodeId n) {
    int64_t depth = static_cast<int64_t>(path.size());
    if (depth >= s.minHops && !emit(n)) return false;
    if (s.maxHops >= 0 && depth >= s.maxHops) return true;
    bool keepGoing = true;
    for (size_t t = 0; t < typeCount && keepGoing; ++t) {
      ctx.graph.forEachAdjacent(n, s.dir, types[t], [&](RelId r, NodeId other) {
        ctx.poll();
        if (std::find(path.begin(), path.end(), r) != path.end()) return true;
        if (relAlreadyUsed(s, r, row)) return true;
        if (!relMatches(s, r, row, ctx)) return true;
        path.push_back(r);
        keepGoing = dfs(other);
        path.pop_back();
        return keepGoing;
      });
    }
    return keepGoing;
  }
};

bool runVarExpand(const MatchProgram& p, size_t i, const MatchStep& s, Row& row, ExecContext& ctx,
                  const RowSink& sink) {
  const Value& from = row[s.node];
  if (from.isNull()) return true;
  if (from.type() != T::Node) throwRuntime(ErrorKind::TypeError, "expected a node to expand from");
  if (!s.toBound && !resolveLabels(s.labels, ctx.graph)) return true;
  VarExpander x{p, i, s, row, ctx, sink, {}, 0, {}};
  if (!resolveTypes(s, ctx.graph, x.types, x.typeCount)) {
    if (s.minHops == 0) return x.emit(from.asNode());
    return true;
  }
  return x.dfs(from.asNode());
}

// shortestPath / allShortestPaths between two bound nodes (query/execution/shortest_path.cpp).
bool runShortest(const MatchProgram& p, size_t i, const MatchStep& s, Row& row, ExecContext& ctx,
                 const RowSink& sink) {
  const Value& fromV = row[s.node];
  const Value& toV = row[s.to];
  if (fromV.type() != T::Node || toV.type() != T::Node) return true;
  TypeId types[16];
  size_t typeCount;
  if (!resolveTypes(s, ctx.graph, types, typeCount)) return true;
  ShortestPathRequest req;
  req.from = fromV.asNode();
  req.to = toV.asNode();
  req.types = std::span<const TypeId>(types, typeCount);
  req.dir = s.dir;
  req.minHops = s.minHops;
  req.maxHops = s.maxHops;
  req.all = s.allShortest;
  RelFilter relOk = [&](RelId r) { return relMatches(s, r, row, ctx); };
  return findShortestPaths(req, ctx, s.relProps.empty() ? nullptr : &relOk,
                           [&](std::span<const RelId> rels) {
                             ValueList l;
                             l.reserve(rels.size());
                             for (RelId r : rels) l.emplace_back(RelRef{r});
                             row[s.rel] = Value(std::move(l));
                             return runStep(p, i + 1, row, ctx, sink);
                           });
}

bool buildPath(const MatchStep& s, Row& row, ExecContext& ctx) {
  PathValue path;
  const Value& first = row[s.pathElements[0]];
  if (first.type() != T::Node) return false;
  path.nodes.push_back(first.asNode());
  for (size_t k = 1; k + 1 < s.pathElements.size(); k += 2) {
    const Value& r = row[s.pathElements[k]];
    auto step = [&](RelId rel) {
      NodeId cur = path.nodes.back();
      NodeId src = ctx.graph.relSource(rel), dst = ctx.graph.relTarget(rel);
      path.rels.push_back(rel);
      path.nodes.push_back(src == cur ? dst : src);
    };
    if (r.type() == T::Rel) {
      step(r.asRel());
    } else if (r.type() == T::List) {
      for (const auto& x : r.asList()) step(x.asRel());
    } else {
      return false;
    }
  }
  row[s.rel] = Value(std::move(path));
  return true;
}

bool runStep(const MatchProgram& p, size_t i, Row& row, ExecContext& ctx, const RowSink& sink) {
  if (i == p.steps.size()) return sink(row);
  const MatchStep& s = p.steps[i];
  switch (s.kind) {
    case Kind::ScanAll:
    case Kind::ScanLabel: {
      if (!resolveLabels(s.labels, ctx.graph)) return true;
      bool keepGoing = true;
      auto visit = [&](NodeId n) {
        ctx.poll();
        if (!nodeMatches(s.labels, s.props, s.propKeys, n, row, ctx)) return true;
        row[s.node].setNode(n);
        keepGoing = runStep(p, i + 1, row, ctx, sink);
        return keepGoing;
      };
      if (s.kind == Kind::ScanAll) {
        ctx.graph.forEachNode(visit);
      } else {
        ctx.graph.forEachNodeWithLabel(static_cast<LabelId>(s.labels[0].cached), visit);
      }
      return keepGoing;
    }
    case Kind::IndexSeek: {
      if (!resolveLabels(s.labels, ctx.graph)) return true;
      Value key = evaluate(*s.keyExpr, row, ctx);
      if (key.isNull()) return true;
      NodeId n = ctx.graph.findByKey(static_cast<LabelId>(s.labels[0].cached), key);
      if (n == kInvalidId && key.type() == T::Float &&
          key.asFloat() == static_cast<double>(static_cast<int64_t>(key.asFloat())))
        n = ctx.graph.findByKey(static_cast<LabelId>(s.labels[0].cached),
                                Value(static_cast<int64_t>(key.asFloat())));
      if (n == kInvalidId || !nodeMatches(s.labels, s.props, s.propKeys, n, row, ctx)) return true;
      row[s.node].setNode(n);
      return runStep(p, i + 1, row, ctx, sink);
    }
    case Kind::CheckNode: {
      const Value& v = row[s.node];
      if (v.isNull()) return true;
      if (v.type() != T::Node) throwRuntime(ErrorKind::TypeError, "expected a node");
      if (!resolveLabels(s.labels, ctx.graph)) return true;
      if (!nodeMatches(s.labels, s.props, s.propKeys, v.asNode(), row, ctx)) return true;
      return runStep(p, i + 1, row, ctx, sink);
    }
    case Kind::Expand:
      return runExpand(p, i, s, row, ctx, sink);
    case Kind::VarExpand:
      return runVarExpand(p, i, s, row, ctx, sink);
    case Kind::ShortestPath:
      return runShortest(p, i, s, row, ctx, sink);
    case Kind::Filter:
      if (!evaluatePredicate(*s.predicate, row, ctx)) return true;
      return runStep(p, i + 1, row, ctx, sink);
    case Kind::BuildPath:
      if (!buildPath(s, row, ctx)) return true;
      return runStep(p, i + 1, row, ctx, sink);
  }
  return true;
}

}  // namespace

bool runMatch(const MatchProgram& program, Row& row, ExecContext& ctx, const RowSink& sink) {
  return runStep(program, 0, row, ctx, sink);
}

}  // namespace silkgraph
