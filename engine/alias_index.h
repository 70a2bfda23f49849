// AliasIndex: the nodes by every name they go by, for resolve() (docs/time.md "Names that
// resolve"): each node's `id`, `name` and `aliases`, compared after NFKC and full case folding
// (common/text.h), so 'korea', 'KOREA' and 'Ｋｏｒｅａ' find the same nodes. Built from the
// graph on first use and rebuilt on the first use after any node's labels or properties
// changed (a write statement, a load, a rollback); a lookup is one hash probe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/graph.h"

namespace silkgraph {

class AliasIndex {
 public:
  // The index of g as it is now (shared: a statement may keep it while another rebuilds).
  static std::shared_ptr<const AliasIndex> of(const Graph& g);

  explicit AliasIndex(const Graph& g);
  // The live nodes one of whose names folds to the same text as `text`, in id order.
  std::vector<NodeId> find(std::string_view text) const;
  // Every name, as written in the data, sorted and without repeats (completion, hints).
  const std::vector<std::string>& names() const { return names_; }
  // The name closest to `text` (edit distance after folding, at most 2), "" when none.
  std::string closest(std::string_view text) const;

 private:
  std::unordered_map<std::string, std::vector<NodeId>> byKey_;
  std::vector<std::string> names_;
};

}  // namespace silkgraph
