// The default Operator::pushRels: one push per relationship of a batch.
#include "query/execution/operators/operator.h"

namespace silkgraph {

bool Operator::pushRels(Row& row, const MatchStep& step, const RelId* rels, size_t n) {
  const GraphImpl& g = ctx->graph.impl();
  bool in = step.dir == Direction::In;
  for (size_t k = 0; k < n; ++k) {
    RelId r = rels[k];
    row[step.rel].setRel(r);
    row[step.node].setNode(in ? g.relDst[r] : g.relSrc[r]);
    row[step.to].setNode(in ? g.relSrc[r] : g.relDst[r]);
    if (!push(row)) return false;
  }
  return true;
}

}  // namespace silkgraph
