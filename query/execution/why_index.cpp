// Implements query/execution/why_index.h.
#include "query/execution/why_index.h"

#include <algorithm>
#include <utility>

#include "common/assert.h"
#include "query/execution/conflicts.h"
#include "query/execution/entity_list.h"

namespace silkgraph {

using T = Value::Type;

uint32_t& WhyIndex::Ids::operator[](uint32_t id) {
  if ((used_ + 1) * 2 > keys_.size()) {
    std::vector<uint32_t> keys = std::move(keys_), values = std::move(values_);
    keys_.assign(keys.empty() ? 64 : keys.size() * 2, kEmpty);
    values_.assign(keys_.size(), 0);
    used_ = 0;
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] != kEmpty) (*this)[keys[i]] = values[i];
  }
  size_t i = slot(id);
  for (; keys_[i] != id; i = (i + 1) & (keys_.size() - 1)) {
    if (keys_[i] == kEmpty) {
      keys_[i] = id;
      ++used_;
      break;
    }
  }
  return values_[i];
}

namespace {
// The tag of the table in the graph's derived data.
const char kTableTag = 0;
}  // namespace

WhyIndex::WhyIndex(const Graph& g)
    : WhyIndex(g, std::static_pointer_cast<const WhyTable>(g.derivedData(&kTableTag))) {}

WhyIndex::WhyIndex(const Graph& g, std::shared_ptr<const WhyTable> kept)
    : graph_(g),
      key_(g.keyId("sources")),
      nodes_(kept ? 0 : g.nodeIdLimit()),
      rels_(kept ? 0 : g.relIdLimit()),
      table_(std::move(kept)),
      stamp_(g.changeStamp()) {
  // One pass over the graph costs about as much as reading a thirty-second of its entities
  // one at a time (each relationship's twins searched in its start node's adjacency).
  threshold_ = std::max<uint64_t>(4096, (uint64_t{g.nodeIdLimit()} + g.relIdLimit()) / 32);
}

bool WhyIndex::wholeUpFront() {
  const uint64_t size = uint64_t{graph_.nodeIdLimit()} + graph_.relIdLimit();
  if (!table_ && reads_ == 0 && size >= kUpFrontMin && size <= kUpFrontMax) {
    table_ = WhyTable::build(graph_, std::move(sets_));
    graph_.keepDerivedData(&kTableTag, table_, stamp_);
  }
  return whole();
}

void WhyIndex::countRead() {
  if (++reads_ < threshold_) return;
  table_ = WhyTable::build(graph_, std::move(sets_));
  graph_.keepDerivedData(&kTableTag, table_, stamp_);
}

WhyIndex::Info WhyIndex::readNode(NodeId n) {
  if (n >= nodes_.size() || !graph_.nodeExists(n)) return {};
  countRead();
  if (table_) return node(n);
  nodes_[n] = kRead | (key_ == kNoKey ? 0 : sets_.of(graph_.nodeProperty(n, key_)));
  return node(n);
}

WhyIndex::Info WhyIndex::readRel(RelId r) {
  if (r >= rels_.size() || !graph_.relExists(r)) return {};
  countRead();
  if (table_) return rel(r);
  findConflicts(r);
  rels_[r] |= kRead | (key_ == kNoKey ? 0 : sets_.of(graph_.relProperty(r, key_)));
  return rel(r);
}

const std::vector<RelId>& WhyIndex::partners(RelId r) {
  static const std::vector<RelId> kNone;
  if (table_) {
    auto it = table_->partners.find(r);
    return it == table_->partners.end() ? kNone : it->second;
  }
  if (r >= rels_.size() || !graph_.relExists(r)) return kNone;
  findConflicts(r);
  auto it = partners_.find(r);
  return it == partners_.end() ? kNone : it->second;
}

std::vector<RelId> WhyIndex::twinsOf(NodeId src, TypeId type, NodeId dst) {
  // A start node asked for this many end nodes has all its relationships sorted by end node.
  constexpr size_t kScansBeforeSort = 16;
  Start& start = starts_[uint64_t{src} << 16 | type];
  std::vector<RelId> twins;
  if (start.byEnd.empty() && start.searched.size() >= kScansBeforeSort) {
    graph_.forEachAdjacent(src, Direction::Out, type, [&](RelId r, NodeId other) {
      start.byEnd.emplace_back(other, r);
      return true;
    });
    std::sort(start.byEnd.begin(), start.byEnd.end());
  }
  if (!start.byEnd.empty()) {
    auto it =
        std::lower_bound(start.byEnd.begin(), start.byEnd.end(), std::make_pair(dst, RelId{0}));
    for (; it != start.byEnd.end() && it->first == dst; ++it) twins.push_back(it->second);
  } else {
    graph_.forEachAdjacent(src, Direction::Out, type, [&](RelId r, NodeId other) {
      if (other == dst) twins.push_back(r);
      return true;
    });
  }
  return twins;
}

void WhyIndex::findConflicts(RelId r) {
  if (r >= rels_.size() || (rels_.get(r) & kSearched) != 0) return;
  const NodeId src = graph_.relSource(r), dst = graph_.relTarget(r);
  const TypeId type = graph_.relType(r);
  if (!starts_[uint64_t{src} << 16 | type].searched.insert(dst).second) return;
  std::vector<RelId> twins = twinsOf(src, type, dst);
  for (RelId t : twins)
    if (t < rels_.size()) rels_[t] |= kSearched;
  std::vector<std::pair<RelId, RelId>> pairs;
  if (!conflicts_) conflicts_.emplace(graph_);
  conflicts_->pairs(twins, pairs);
  for (auto [a, b] : pairs) {
    for (RelId x : {a, b})
      if (x < rels_.size()) rels_[x] |= kConflict;
    partners_[a].push_back(b);
    partners_[b].push_back(a);
  }
}

void gatherEntities(WhyIndex& index, const Value& v, WhyGather& gather, std::vector<Value>& out) {
  switch (v.type()) {
    case T::Node:
      if (whyBrings(gather, index.node(v.asNode()).citations)) out.push_back(v);
      return;
    case T::Rel: {
      WhyIndex::Info info = index.rel(v.asRel());
      if (whyBringsRel(gather, v.asRel(), info.citations, info.conflict)) out.push_back(v);
      return;
    }
    case T::Path: {
      const PathValue& p = v.asPath();
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        gatherEntities(index, Value(NodeRef{p.nodes[i]}), gather, out);
        if (i < p.rels.size()) gatherEntities(index, Value(RelRef{p.rels[i]}), gather, out);
      }
      return;
    }
    case T::List: {
      // A summary of an adjacency row (WhyTable::Block): kept whole, once per group, with
      // its citation sets marked as the group's.
      const WhyTable::Block* block = index.table() ? index.table()->block(v) : nullptr;
      if (block) {
        constexpr uint64_t kBlockTag = uint64_t{3} << 32;
        if (!gather.seen.insert(kBlockTag | (v.asList()[0].asInt() - kWhyBlockMarker))) return;
        bool brings = !block->ranks.empty();
        for (uint32_t set : block->sets) brings = whyBrings(gather, set) || brings;
        if (brings) out.push_back(v);
        return;
      }
      for (const Value& e : v.asList()) gatherEntities(index, e, gather, out);
      return;
    }
    default:
      return;
  }
}

}  // namespace silkgraph
