// Pass `adjacency_seek`. Pattern rewritten, inside a MatchProgram:
//
//   Expand (a)-[r:T {since >= 2020}]->(b)  =>  Expand (a)-[r:T {since >= 2020}]->(b)
//                                                 (ordered adjacency: since)
//
// An Expand of one direction over relationship types of which at least one keeps its
// adjacency rows sorted by properties (an adjacency order, the schema's relationship "index")
// whose first key a pushed predicate fixes or bounds: the step seeks, in each adjacency row,
// the part the predicates allow instead of visiting the whole row. Decided here, once; the
// executor only computes the range from the predicates' values (and visits the whole row
// when the order is no longer valid after a write). Runs after filter_pushdown.
#include <algorithm>

#include "query/optimizer/passes.h"

namespace silkgraph {
namespace {

using Kind = MatchStep::Kind;

bool rangeOp(ast::Op op) {
  return op == ast::Op::Eq || op == ast::Op::Lt || op == ast::Op::Le || op == ast::Op::Gt ||
         op == ast::Op::Ge;
}

// The keys of type t's adjacency order, as text, when the step's predicates bound its first
// key; empty otherwise.
std::string seekableOrder(const MatchStep& s, TypeId t, const Graph& g) {
  if (t == kNoType) return {};
  const std::vector<KeyId>& keys = g.adjacencyOrder(t);
  if (keys.empty()) return {};
  const std::string& first = g.keyName(keys[0]);
  bool seeks = std::any_of(s.preds.begin(), s.preds.end(), [&](const PropPredicate& p) {
    return p.target == PropPredicate::Target::Rel && p.key == first && rangeOp(p.op);
  });
  if (!seeks) return {};
  std::string out;
  for (size_t i = 0; i < keys.size(); ++i) out += (i ? ", " : "") + g.keyName(keys[i]);
  return out;
}

void chooseSeek(MatchStep& s, const Graph& g) {
  if (s.kind != Kind::Expand || s.relBound || s.types.empty() || s.dir == Direction::Both) return;
  for (const NameRef& type : s.types) {
    std::string keys = seekableOrder(s, g.typeId(type.name), g);
    if (keys.empty()) continue;
    s.orderedSeek = true;
    if (!s.orderNote.empty()) s.orderNote += "; ";
    // One type: just its keys (as EXPLAIN always showed them); several: which type's.
    s.orderNote += s.types.size() == 1 ? keys : type.name + ": " + keys;
  }
}

}  // namespace

void chooseAdjacencySeeks(Plan& plan, const Graph& graph) {
  for (auto& prog : plan.programs) {
    for (MatchStep& s : prog->steps) chooseSeek(s, graph);
  }
}

}  // namespace silkgraph
