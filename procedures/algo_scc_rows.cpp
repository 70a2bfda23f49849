// Implements algo::sccRows (procedures/algo_scc_rows.h).
//
// Tarjan's algorithm with an explicit stack of frames (node, row, position) over the rows and
// 4-byte indexes and low links in arrays; a node is on Tarjan's stack while it has an index
// and no component. Searches start from the nodes in id order, as Boost's do.
#include "procedures/algo_scc_rows.h"

#include <algorithm>

namespace silkgraph::algo {
namespace {

// A node being searched: its relationships out are read from rows()[row] at pos (up to end).
struct Frame {
  NodeId v;
  uint32_t row, pos, end;
};

class Tarjan {
 public:
  Tarjan(const CompactRows& out, std::vector<int64_t>& comp)
      : rows_(out.rows()), comp_(comp), index_(comp.size(), 0), low_(comp.size(), 0) {}

  // Every component reachable from s (not yet named in comp).
  void from(NodeId s, ProcedureContext& ctx) {
    visit(s);
    while (!frames_.empty()) {
      Frame& f = frames_.back();
      if (f.pos < f.end) {
        const NodeId w = rows_[f.row].other[f.pos];
        if (++f.pos == f.end) {
          ++f.row;
          open(f);
        }
        if (comp_[w] >= 0) continue;  // in a component already found
        if (index_[w] == 0) {
          visit(w);
        } else {
          low_[f.v] = std::min(low_[f.v], index_[w]);  // w is on the stack
        }
        continue;
      }
      const NodeId v = f.v;
      frames_.pop_back();
      ctx.poll();
      if (low_[v] == index_[v]) finish(v);
      if (!frames_.empty()) {
        const NodeId u = frames_.back().v;
        low_[u] = std::min(low_[u], low_[v]);
      }
    }
  }

 private:
  void visit(NodeId v) {
    index_[v] = low_[v] = ++counter_;
    stack_.push_back(v);
    Frame f{v, 0, 0, 0};
    open(f);
    frames_.push_back(f);
  }
  // Moves f to its first relationship from row f.row on (pos == end when none is left).
  void open(Frame& f) const {
    for (; f.row < rows_.size(); ++f.row) {
      const CompactRows::Row& r = rows_[f.row];
      if (f.v >= r.vertices) continue;
      f.pos = r.start[f.v];
      f.end = r.start[f.v + 1];
      if (f.pos < f.end) return;
    }
    f.pos = f.end = 0;
  }
  // Pops v's component off the stack, named by its smallest node.
  void finish(NodeId v) {
    size_t i = stack_.size();
    NodeId least = v;
    do {
      --i;
      least = std::min(least, stack_[i]);
    } while (stack_[i] != v);
    for (size_t j = i; j < stack_.size(); ++j) comp_[stack_[j]] = least;
    stack_.resize(i);
  }

  const std::vector<CompactRows::Row>& rows_;
  std::vector<int64_t>& comp_;
  std::vector<uint32_t> index_, low_;  // 0: not visited
  std::vector<NodeId> stack_;
  std::vector<Frame> frames_;
  uint32_t counter_ = 0;
};

}  // namespace

std::vector<int64_t> sccRows(const CompactRows& out, const Projection& p, ProcedureContext& ctx) {
  std::vector<int64_t> comp(p.graph->nodeIdLimit(), -1);
  Tarjan tarjan(out, comp);
  for (NodeId s = 0; s < comp.size(); ++s)
    if (p.contains(s) && comp[s] < 0) tarjan.from(s, ctx);
  return comp;
}

}  // namespace silkgraph::algo
