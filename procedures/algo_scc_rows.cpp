// Implements algo::sccRows (procedures/algo_scc_rows.h).
//
// Tarjan's algorithm with an explicit stack of frames over the rows. One 4-byte key per node
// says all a relationship needs: 0 (not visited: search it), its index while it is on Tarjan's
// stack (a candidate low link), kDone once its component is named (no effect on a low link,
// which is at most the stack's last index). So a relationship to a visited node costs two loads
// and a min in a loop that keeps the searched node's low link in a register, and the loop tests
// once per block of 16 relationships (the least key of a block is 0 only when it holds a node
// not visited yet). And once every node that a relationship enters is visited, a node's row
// is read only until its low link reaches the least one possible (scan()). On the SUPPLIES
// graph (250 nodes, a million relationships, almost all parallel; rows are in relationship id
// order, so parallel ones are not side by side) the call went from 1.8 ms (every relationship
// read, with a test and the frame in memory for each) to about 0.5 ms with the blocks and 0.1
// ms with the cut-off. Searches start from the nodes in id order, as Boost's do.
#include "procedures/algo_scc_rows.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace silkgraph::algo {
namespace {

constexpr uint32_t kDone = std::numeric_limits<uint32_t>::max();
constexpr uint32_t kBlock = 16;
constexpr uint64_t kPollRels = 256;

// A node being searched: its relationships out are read from rows()[row] at pos (up to end);
// low is its low link so far.
struct Frame {
  NodeId v;
  uint32_t row, pos, end, low;
};

class Tarjan {
 public:
  // Nodes outside the projection start done: no search enters them.
  Tarjan(const CompactRows& out, const CompactRows* in, const Projection& p,
         std::vector<int64_t>& comp)
      : rows_(out.rows()), in_(in), comp_(comp), key_(comp.size(), kDone) {
    for (NodeId v = 0; v < key_.size(); ++v)
      if (p.contains(v)) {
        key_[v] = 0;
        unvisited_ += entered(v);
      }
  }

  // Every component reachable from s (not yet named in comp).
  void from(NodeId s, ProcedureContext& ctx) {
    Frame f = visit(s);
    for (;;) {
      NodeId w;
      if (scan(f, w)) {  // w not visited yet: search it, f waits
        frames_.push_back(f);
        f = visit(w);
        continue;
      }
      // A poll per node searched, and one per kPollRels relationships read: a few nodes with
      // millions of relationships still reach the statement's limit checks.
      ctx.poll(1 + static_cast<uint32_t>(std::min<uint64_t>(read_ / kPollRels, 1u << 20)));
      read_ = 0;
      if (f.low == key_[f.v]) finish(f.v);
      if (frames_.empty()) return;
      const uint32_t low = f.low;
      f = frames_.back();
      frames_.pop_back();
      f.low = std::min(f.low, low);
    }
  }

 private:
  Frame visit(NodeId v) {
    if (counter_ == kDone - 1) throw std::length_error("algo.scc: more nodes than 4-byte indexes");
    key_[v] = ++counter_;
    unvisited_ -= entered(v);
    stack_.push_back(v);
    Frame f{v, 0, 0, 0, counter_};
    open(f);
    return f;
  }
  // Reads f's relationships on from where it stopped, folding each visited end's key into
  // f.low; true (w set, f just past it) at the first end not visited yet.
  //
  // Once every node that a relationship enters is visited, no relationship leads to a search,
  // and one to a node on the stack can lower f.low to no less than the key of the stack's
  // first node that a relationship enters (keys grow up the stack; only the first can be a
  // node no relationship enters, a search's start): when f.low is that bottom key, the
  // relationships left cannot change it and are not read (Tarjan's low link all the same).
  // On a graph of few nodes and many relationships, as SUPPLIES, the deepest node soon meets
  // a relationship to the search's start, the nodes above inherit that low link as the search
  // returns, and almost no row is read to its end (2,425 of SUPPLIES' 1,000,000 relationships).
  bool scan(Frame& f, NodeId& w) {
    const uint32_t* key = key_.data();
    uint32_t bottom = 0;  // 0: none (keys are at least 1)
    if (unvisited_ == 0) bottom = key[stack_[stack_.size() > 1 && !entered(stack_[0]) ? 1 : 0]];
    uint32_t low = f.low;
    if (low == bottom) f.row = static_cast<uint32_t>(rows_.size());
    while (f.row < rows_.size()) {
      const NodeIds other = rows_[f.row].other;
      uint32_t pos = f.pos;
      const uint32_t end = f.end;
      // Blocks of kBlock relationships with one test each: 0, the least key, marks a block
      // with an end not visited, which the loop below then reads one by one.
      for (; end - pos >= kBlock; pos += kBlock) {
        uint32_t m[4];  // four chains of mins, side by side
        for (uint32_t i = 0; i < 4; ++i) m[i] = key[other[pos + i]];
        for (uint32_t i = 4; i < kBlock; i += 4)
          for (uint32_t j = 0; j < 4; ++j) m[j] = std::min(m[j], key[other[pos + i + j]]);
        const uint32_t least = std::min(std::min(m[0], m[1]), std::min(m[2], m[3]));
        if (least == 0) break;
        low = std::min(low, least);
        if (low == bottom) [[unlikely]] {
          read_ += pos + kBlock - f.pos;
          f.row = static_cast<uint32_t>(rows_.size());
          f.low = low;
          return false;
        }
      }
      for (; pos < end; ++pos) {
        const uint32_t k = key[other[pos]];
        if (k == 0) [[unlikely]] {
          read_ += pos + 1 - f.pos;
          f.pos = pos + 1;
          f.low = low;
          w = other[pos];
          return true;
        }
        low = std::min(low, k);
      }
      read_ += end - f.pos;
      ++f.row;
      open(f);
    }
    f.low = low;
    return false;
  }
  // Whether a relationship of the projection enters v (else only a search's start reaches v).
  bool entered(NodeId v) const { return !in_ || out_degree(v, *in_) > 0; }
  // Moves f to its first relationship from row f.row on (row == rows_.size() when none).
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
    for (size_t j = i; j < stack_.size(); ++j) {
      comp_[stack_[j]] = least;
      key_[stack_[j]] = kDone;
    }
    stack_.resize(i);
  }

  const std::vector<CompactRows::Row>& rows_;
  const CompactRows* in_;  // the same relationships the other way; null: not known
  std::vector<int64_t>& comp_;
  std::vector<uint32_t> key_;  // 0 not visited, the index while on the stack, then kDone
  std::vector<NodeId> stack_;
  std::vector<Frame> frames_;
  uint32_t counter_ = 0;
  size_t unvisited_ = 0;  // nodes entered by a relationship not visited yet
  uint64_t read_ = 0;     // relationships read since the last poll
};

}  // namespace

std::vector<int64_t> sccRows(const CompactRows& out, const CompactRows* in, const Projection& p,
                             ProcedureContext& ctx) {
  std::vector<int64_t> comp(p.graph->nodeIdLimit(), -1);
  Tarjan tarjan(out, in, p, comp);
  for (NodeId s = 0; s < comp.size(); ++s)
    if (p.contains(s) && comp[s] < 0) tarjan.from(s, ctx);
  return comp;
}

}  // namespace silkgraph::algo
