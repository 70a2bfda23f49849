// Distinct neighbours under a view date (query/execution/view_distinct.h).
#include "query/execution/view_distinct.h"

#include <span>
#include <utility>

#include "engine/graph_view.h"

namespace silkgraph {

namespace {

// What the graph keeps: the rows built for one view date, by type and direction.
struct Kept {
  int64_t day = 0;
  std::vector<std::shared_ptr<const ViewDistinctRows>> rows;  // at 2 * type + (dir == In)
};

const char kTag = 0;  // the tag of the kept rows (its address)

size_t slotOf(TypeId t, Direction dir) {
  return size_t{t} * 2 + (dir == Direction::In);
}

std::shared_ptr<const Kept> kept(const Graph& graph) {
  return std::static_pointer_cast<const Kept>(graph.derivedData(&kTag));
}

std::shared_ptr<const ViewDistinctRows> build(const GraphView g, const ValidView& view, TypeId t,
                                              Direction dir) {
  auto out = std::make_shared<ViewDistinctRows>();
  const uint32_t nv = g.csrVertices(t);
  const std::span<const uint32_t> rows = g.rowStarts(t, dir);
  out->start.reserve(size_t{nv} + 1);
  std::vector<uint32_t> seen;  // per node: n + 1 once n's row listed it
  for (NodeId n = 0; n < nv; ++n) {
    out->start.push_back(static_cast<uint32_t>(out->rel.size()));
    uint32_t left = rows[n + 1] - rows[n];  // the compressed part comes first; not the delta
    auto visit = [&](RelId r, NodeId o) {
      if (left-- == 0) return false;
      if (o >= seen.size()) seen.resize(size_t{o} + 1 + seen.size() / 2, 0);
      if (seen[o] == n + 1 || !view.rel(r)) return true;
      seen[o] = n + 1;
      out->rel.push_back(r);
      out->other.push_back(o);
      return true;
    };
    if (left > 0) g.visitType(n, dir, t, visit);
  }
  out->start.push_back(static_cast<uint32_t>(out->rel.size()));
  return out;
}

}  // namespace

std::shared_ptr<const ViewDistinctRows> keptViewDistinctRows(const Graph& graph, Date day, TypeId t,
                                                             Direction dir) {
  const size_t slot = slotOf(t, dir);
  std::shared_ptr<const Kept> k = kept(graph);
  if (k && k->day == day.days && slot < k->rows.size()) return k->rows[slot];
  return nullptr;
}

std::shared_ptr<const ViewDistinctRows> makeViewDistinctRows(const Graph& graph,
                                                             const ValidView& view, TypeId t,
                                                             Direction dir) {
  const size_t slot = slotOf(t, dir);
  const uint64_t stamp = graph.changeStamp();
  std::shared_ptr<const ViewDistinctRows> rows = build(graph.view(), view, t, dir);
  std::shared_ptr<const Kept> k = kept(graph);
  auto next = std::make_shared<Kept>();
  next->day = view.day().days;
  if (k && k->day == next->day) next->rows = k->rows;
  if (next->rows.size() <= slot) next->rows.resize(slot + 1);
  next->rows[slot] = rows;
  graph.keepDerivedData(&kTag, std::move(next), stamp);
  return rows;
}

bool viewDistinctKept(const Graph& graph, Date day, TypeId t, Direction dir) {
  return keptViewDistinctRows(graph, day, t, dir) != nullptr;
}

}  // namespace silkgraph
