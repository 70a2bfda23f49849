// The default Operator::pushRels: one push per relationship of a batch.
#include "query/execution/operators/operator.h"

namespace silkgraph {

bool Operator::pushRels(Row& row, const MatchStep& step, const RelId* rels, size_t n) {
  const GraphView g = ctx->graph.view();
  bool in = step.dir == Direction::In;
  for (size_t k = 0; k < n; ++k) {
    RelId r = rels[k];
    row[step.rel].setRel(r);
    row[step.node].setNode(in ? g.relTargets()[r] : g.relSources()[r]);
    row[step.to].setNode(in ? g.relSources()[r] : g.relTargets()[r]);
    if (!push(row)) return false;
  }
  return true;
}

}  // namespace silkgraph
