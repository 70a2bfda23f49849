// WhyTable: what --why needs to know of every node and relationship of a graph (the citation
// set of its `sources`, and for a relationship whether it conflicts with another, and with
// which), built in one pass and shared, unchanged, by the read statements that follow until
// the graph changes (Graph::keepDerivedData). WhyIndex (why_index.h) reads entities one at a
// time while a statement has met few of them and switches to a table once it has met enough
// that one pass over the graph costs less than the reads still to come.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/graph.h"

namespace silkgraph {

// Citation sets, each numbered once (1, 2, ...; 0 is "cites nothing") by the addresses of the
// strings a `sources` value holds (as appendCitations, query/function/citations.h, reads
// them: a string or a list of strings, empty strings left out). Keeps those strings alive, so
// an address stays unique to its string.
class CitationSets {
 public:
  uint32_t of(const Value& sources);
  size_t size() const { return sets_.size(); }

 private:
  std::map<std::vector<const std::string*>, uint32_t> sets_;
  std::vector<StringPtr> held_;
  std::vector<const std::string*> key_, lastKey_;  // scratch; the last set asked for
  uint32_t last_ = 0;
};

struct WhyTable {
  // A relationship's entry: this bit when it conflicts with another; below it the citation
  // set's id (a node's entry is its citation set's id).
  static constexpr uint32_t kConflict = uint32_t{1} << 30;
  std::vector<uint32_t> nodes, rels;                       // by id; 0 for ids that do not exist
  std::unordered_map<RelId, std::vector<RelId>> partners;  // of each conflicting relationship
  CitationSets sets;

  // Reads every node and relationship of `graph`. `sets` carries on the numbering of citation
  // sets a statement has already handed out.
  static std::shared_ptr<const WhyTable> build(const Graph& graph, CitationSets sets);
};

}  // namespace silkgraph
