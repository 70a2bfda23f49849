// The property keys the data has, per label and per relationship type, with the types seen
// and how many nodes or relationships carry each: what :schema lists for a graph without
// declared properties (an open graph), and what Tab offers first after `n.` when n has a
// label and after `r.` when r has a type. Read from the graph as it is now; a label or type
// with more than `limit` entities is read in part (KeysSeen::sampled), so that a big graph
// answers at once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "main/database.h"

namespace silkgraph::shell {

struct KeySeen {
  std::string name;
  uint64_t count = 0;              // entities read that carry it
  std::vector<std::string> types;  // "int", "string[]", ... (schema type names), sorted
};

struct KeysSeen {
  std::vector<KeySeen> keys;  // by name
  uint64_t read = 0;          // entities read
  bool sampled = false;       // more exist than were read
};

// The keys of the nodes with label `label`.
KeysSeen labelKeys(const Graph& graph, LabelId label, uint64_t limit);

// The keys of the relationships of type `type` (what Tab offers after `r.` for `[r:TYPE]`),
// found from their source nodes.
KeysSeen typeKeysOf(const Graph& graph, TypeId type, uint64_t limit);

// The keys of each relationship type, indexed by TypeId, in one pass over the relationships.
std::vector<KeysSeen> typeKeys(const Graph& graph, uint64_t limit);

// "name string (4), population int|float (3)": for :schema.
std::string keysText(const KeysSeen& keys);

}  // namespace silkgraph::shell
