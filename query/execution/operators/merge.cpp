// Implements MergeOp (query/execution/operators/merge.h).
#include "query/execution/operators/merge.h"

#include "query/execution/operators/set.h"
#include "query/execution/operators/write_support.h"

namespace silkgraph {

bool MergeOp::push(Row& row) {
  std::vector<Row> matches;
  runMatch(*program_, row, *ctx, [&](Row& r) {
    matches.push_back(r);
    return true;
  });
  if (matches.empty()) {
    for (const auto& part : clause_->pattern.parts) {
      for (const auto& np : part.nodes) {
        if (np.alreadyBound && row[np.slot].isNull())
          throwRuntime(ErrorKind::TypeError, "MERGE cannot use a null node", "InvalidArgumentType");
      }
      for (const auto& rp : part.rels) {
        for (const auto& [k, e] : rp.properties) {
          if (evaluate(*e, row, *ctx).isNull())
            throwRuntime(ErrorKind::SemanticError,
                         "MERGE cannot use a null property value ('" + k + "')",
                         "MergeReadOwnWrites");
        }
      }
      for (const auto& np : part.nodes) {
        for (const auto& [k, e] : np.properties) {
          if (evaluate(*e, row, *ctx).isNull())
            throwRuntime(ErrorKind::SemanticError,
                         "MERGE cannot use a null property value ('" + k + "')",
                         "MergeReadOwnWrites");
        }
      }
    }
    createPattern(clause_->pattern, row, *ctx);
    applySetItems(clause_->onCreate, row, *ctx);
    return next->push(row);
  }
  for (auto& m : matches) {
    applySetItems(clause_->onMatch, m, *ctx);
    if (!next->push(m)) return false;
  }
  return true;
}

}  // namespace silkgraph
