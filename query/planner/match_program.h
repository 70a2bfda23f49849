// MatchProgram: a pattern compiled by the planner into an ordered list of steps (scan or
// seek an anchor node, expand relationship by relationship, filter as soon as a predicate's
// variables are bound, build paths). The executor runs it depth-first (query/execution).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "query/binder/bound.h"

namespace silkgraph {

// Label/type names resolved to ids on first use; a name not (yet) in the graph matches
// nothing, and is looked up again next time since a write may have created it.
struct NameRef {
  std::string name;
  mutable uint32_t cached = UINT32_MAX;
};

struct MatchStep {
  enum class Kind : uint8_t {
    ScanAll,       // node := every node
    ScanLabel,     // node := every node with labels[0] (other labels checked)
    IndexSeek,     // node := findByKey(labels[0], keyExpr)
    CheckNode,     // node already bound: check labels/properties
    Expand,        // from -[rel]- to (one hop)
    VarExpand,     // from -[rels*min..max]- to
    ShortestPath,  // shortest path(s) from -> to, both bound
    Filter,        // predicate
    BuildPath,     // path := (elements)
  };
  explicit MatchStep(Kind k) : kind(k) {}
  Kind kind;
  Slot node = kNoSlot;  // scans/check: the node; expand: the start node
  Slot rel = kNoSlot;
  Slot to = kNoSlot;
  bool toBound = false;   // expand: `to` already bound -> check instead of bind
  bool relBound = false;  // expand: `rel` already bound (by an earlier clause) -> check it
  Direction dir = Direction::Out;
  std::vector<NameRef> types;                                   // empty: any type
  std::vector<NameRef> labels;                                  // node (or `to`) label filter
  std::vector<std::pair<std::string, const BoundExpr*>> props;  // node or `to` property filter
  mutable std::vector<KeyId> propKeys;                          // resolved keys of props
  std::vector<std::pair<std::string, const BoundExpr*>> relProps;
  mutable std::vector<KeyId> relPropKeys;
  const BoundExpr* keyExpr = nullptr;  // IndexSeek
  int64_t minHops = 1, maxHops = 1;
  bool allShortest = false;
  bool reverse = false;  // var-length expanded against the pattern's order: store the list reversed
  const BoundExpr* predicate = nullptr;  // Filter
  std::vector<Slot> pathElements;        // BuildPath: node, rel-or-rellist, node, ...
  std::vector<Slot> uniqueRels;          // rel / rel-list slots already bound in this MATCH
};

struct MatchProgram {
  std::vector<MatchStep> steps;
  std::string describe() const;  // for EXPLAIN
};

}  // namespace silkgraph
