// supply.routes(from, to, {avoid, via}): how goods can go from one place to another while
// avoiding chosen nations (docs/analytics.md). `from` and `to` are a Nation id or a Region id
// (every nation PART_OF it, at any depth). Two kinds of rows:
//   'route'  a sourced Route node (PASSES_THROUGH nations in `order`) that passes a `from`
//            nation and later a `to` nation, through `via` if given, and through no avoided
//            nation: the nations from the one to the other;
//   'land'   the shortest chain of land borders (BORDERS, either direction) from a `from`
//            nation to a `to` nation through no avoided nation (through `via` if given: the
//            shortest to it, then from it).
#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <string>

#include "engine/validity.h"
#include "procedures/procedures.h"

namespace silkgraph {
namespace {

constexpr const char* kProc = "supply.routes";

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorKind::ArgumentError, std::string(kProc) + ": " + message, {},
              "InvalidArgumentValue", ErrorPhase::Runtime);
}

NodeId findById(const Graph& g, const char* label, const std::string& id) {
  LabelId l = g.labelId(label);
  KeyId k = g.keyId("id");
  NodeId found = kInvalidId;
  if (l == kNoLabel || k == kNoKey) return found;
  g.forEachNodeWithLabel(l, [&](NodeId n) {
    Value v = g.nodeProperty(n, k);
    if (v.type() == Value::Type::String && v.asString() == id) found = n;
    return found == kInvalidId;
  });
  return found;
}

// The nations a place names: the Nation itself, or every Nation PART_OF the Region (at any depth).
std::set<NodeId> nationsOf(const Graph& g, const Value& place, const char* what) {
  if (place.type() != Value::Type::String)
    fail(std::string(what) + " must be a Nation or Region id");
  const std::string& id = place.asString();
  if (NodeId n = findById(g, "Nation", id); n != kInvalidId) return {n};
  NodeId region = findById(g, "Region", id);
  if (region == kInvalidId) fail("there is no Nation or Region with id '" + id + "'");
  std::set<NodeId> out, seen{region};
  std::deque<NodeId> todo{region};
  LabelId nation = g.labelId("Nation");
  TypeId partOf = g.typeId("PART_OF");
  while (!todo.empty() && partOf != kNoType) {
    NodeId r = todo.front();
    todo.pop_front();
    g.forEachAdjacent(r, Direction::In, partOf, [&](RelId, NodeId m) {
      if (!seen.insert(m).second) return true;
      if (nation != kNoLabel && g.hasLabel(m, nation)) {
        out.insert(m);
      } else {
        todo.push_back(m);
      }
      return true;
    });
  }
  return out;
}

// Shortest chain of BORDERS from any of `from` to any of `to`, avoiding `avoid`; empty if none.
std::vector<NodeId> landPath(ProcedureContext& ctx, const std::set<NodeId>& from,
                             const std::set<NodeId>& to, const std::set<NodeId>& avoid) {
  const Graph& g = ctx.graph;
  TypeId borders = g.typeId("BORDERS");
  std::vector<NodeId> pred(g.nodeIdLimit(), kInvalidId);
  std::deque<NodeId> todo;
  for (NodeId n : from) {
    if (avoid.count(n)) continue;
    pred[n] = n;
    todo.push_back(n);
  }
  while (!todo.empty() && borders != kNoType) {
    NodeId u = todo.front();
    todo.pop_front();
    ctx.poll();
    if (to.count(u)) {
      std::vector<NodeId> path{u};
      while (pred[path.back()] != path.back()) path.push_back(pred[path.back()]);
      std::reverse(path.begin(), path.end());
      return path;
    }
    g.forEachAdjacent(u, Direction::Both, borders, [&](RelId rel, NodeId v) {
      if (ctx.view && !ctx.view->rel(rel)) return true;
      if (pred[v] == kInvalidId && !avoid.count(v)) {
        pred[v] = u;
        todo.push_back(v);
      }
      return true;
    });
  }
  return {};
}

bool emit(const ProcedureSink& sink, const char* kind, Value route,
          const std::vector<NodeId>& nations) {
  ValueList list;
  for (NodeId n : nations) list.emplace_back(NodeRef{n});
  std::vector<Value> row{Value(kind), std::move(route), Value(std::move(list)),
                         Value(static_cast<int64_t>(nations.size()) - 1)};
  return sink(row);
}

// The Route rows: for each Route, its nations in order, cut from a `from` nation to a later `to`.
bool routeRows(ProcedureContext& ctx, const std::set<NodeId>& from, const std::set<NodeId>& to,
               const std::set<NodeId>& avoid, NodeId via, const ProcedureSink& sink) {
  const Graph& g = ctx.graph;
  LabelId routeLabel = g.labelId("Route");
  TypeId passes = g.typeId("PASSES_THROUGH");
  KeyId order = g.keyId("order");
  if (routeLabel == kNoLabel || passes == kNoType) return true;
  bool more = true;
  g.forEachNodeWithLabel(routeLabel, [&](NodeId r) {
    if (ctx.view && !ctx.view->node(r)) return true;
    std::map<int64_t, NodeId> stops;
    g.forEachAdjacent(r, Direction::Out, passes, [&](RelId rel, NodeId n) {
      if (ctx.view && !ctx.view->rel(rel)) return true;
      Value o = order == kNoKey ? Value() : g.relProperty(rel, order);
      stops[o.type() == Value::Type::Int ? o.asInt() : INT64_MAX - stops.size()] = n;
      return true;
    });
    std::vector<NodeId> seq;
    for (const auto& [o, n] : stops) seq.push_back(n);
    for (size_t i = 0; i < seq.size() && more; ++i) {
      if (!from.count(seq[i])) continue;
      for (size_t j = i + 1; j < seq.size(); ++j) {
        if (!to.count(seq[j])) continue;
        std::vector<NodeId> part(seq.begin() + i, seq.begin() + j + 1);
        bool clean =
            std::none_of(part.begin(), part.end(), [&](NodeId n) { return avoid.count(n); });
        bool passesVia =
            via == kInvalidId || std::find(part.begin(), part.end(), via) != part.end();
        if (clean && passesVia) more = emit(sink, "route", Value(NodeRef{r}), part);
        break;
      }
    }
    return more;
  });
  return more;
}

void routes(ProcedureContext& ctx, std::span<const Value> args, const ProcedureSink& sink) {
  const Graph& g = ctx.graph;
  std::set<NodeId> from = nationsOf(g, args[0], "from"), to = nationsOf(g, args[1], "to");
  std::set<NodeId> avoid;
  NodeId via = kInvalidId;
  if (!args[2].isNull()) {
    if (args[2].type() != Value::Type::Map) fail("the config must be a map");
    for (const auto& [key, v] : args[2].asMap()) {
      if (key == "avoid") {
        if (v.type() != Value::Type::List) fail("'avoid' must be a list of Nation or Region ids");
        for (const Value& x : v.asList())
          for (NodeId n : nationsOf(g, x, "each avoided place")) avoid.insert(n);
      } else if (key == "via") {
        std::set<NodeId> v1 = nationsOf(g, v, "'via'");
        if (v1.size() != 1) fail("'via' must be a Nation id");
        via = *v1.begin();
      } else {
        fail("unknown config key '" + key + "'; it takes avoid, via");
      }
    }
  }
  if (!routeRows(ctx, from, to, avoid, via, sink)) return;
  std::vector<NodeId> path;
  if (via == kInvalidId) {
    path = landPath(ctx, from, to, avoid);
  } else {
    std::vector<NodeId> first = landPath(ctx, from, {via}, avoid);
    std::vector<NodeId> second = landPath(ctx, {via}, to, avoid);
    if (!first.empty() && !second.empty()) {
      path = first;
      path.insert(path.end(), second.begin() + 1, second.end());
    }
  }
  if (!path.empty()) emit(sink, "land", Value(), path);
}

}  // namespace

void registerRouteProcedures(ProcedureRegistry& registry) {
  registry.add(
      "supply.routes(from :: STRING?, to :: STRING?, config = {} :: MAP?) :: "
      "(kind :: STRING?, route :: NODE?, nations :: LIST? OF NODE?, hops :: INTEGER?)",
      "Ways from a Nation or Region to another avoiding chosen nations (config: avoid, "
      "a list of Nation or Region ids; via, a Nation id): each sourced Route that "
      "serves them ('route') and the shortest chain of land borders ('land').",
      routes);
}

}  // namespace silkgraph
