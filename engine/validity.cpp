// Implements engine/validity.h: date periods, the validity interval of an entity and the
// view a statement's date gives.
#include "engine/validity.h"

#include <algorithm>
#include <bit>
#include <mutex>

#include "engine/graph_access.h"
#include "engine/graph_impl.h"
#include "engine/temporal.h"

namespace silkgraph {

// The bits read statements built for one view date (GraphImpl::validityCache): valid while
// the graph's `writes` is the one they were built at.
struct ValidityCache {
  int32_t day = 0;
  uint64_t writes = 0;
  std::shared_ptr<const std::vector<uint64_t>> nodes, rels;
  size_t nodeIds = 0, relIds = 0;
};

namespace {

std::mutex validityCacheMutex;

// The lowest `count` bits set (count <= 64): every id of a visibility word visible.
uint64_t lowBits(unsigned count) {
  return count == 64 ? ~uint64_t{0} : (uint64_t{1} << count) - 1;
}

// A bound's day and precision, from a date or its text; false for anything else.
bool boundOf(const Value& v, Date& day, DatePrecision& p) {
  if (v.type() == Value::Type::Date) {
    day = v.asDate();
    p = DatePrecision::Day;
    return true;
  }
  if (v.type() == Value::Type::String) {
    std::string_view s = v.asString();
    if (!parseDate(s, day)) return false;
    p = precisionOfText(s);
    return true;
  }
  return false;
}

DatePrecision precisionOf(const Value& v) {
  if (v.type() != Value::Type::String) return DatePrecision::Day;
  std::string_view s = v.asString();
  if (s == "year") return DatePrecision::Year;
  if (s == "month") return DatePrecision::Month;
  return DatePrecision::Day;
}

Value columnValue(std::span<const PropertyColumn> cols, KeyId k, uint32_t id,
                  const StringDictionary& strings) {
  return k < cols.size() ? cols[k].get(id, strings) : Value();
}

ValidInterval intervalAt(std::span<const PropertyColumn> cols, const StringDictionary& strings,
                         const ValidityKeys& k, uint32_t id) {
  // The common case, a graph whose entities mostly carry no validity: presence bits only.
  auto has = [&](KeyId key) { return key < cols.size() && cols[key].has(id); };
  if (!has(k.from) && !has(k.to) && !has(k.asOf)) return {};
  return validInterval(columnValue(cols, k.from, id, strings), columnValue(cols, k.to, id, strings),
                       columnValue(cols, k.asOf, id, strings),
                       columnValue(cols, k.precision, id, strings));
}

bool columnHasValues(std::span<const PropertyColumn> cols, KeyId k) {
  return k < cols.size() && cols[k].count() > 0;
}

}  // namespace

DatePrecision precisionOfText(std::string_view text) {
  if (text.size() == 4) return DatePrecision::Year;
  if (text.size() == 7) return DatePrecision::Month;
  return DatePrecision::Day;
}

Date periodStart(Date d, DatePrecision p) {
  if (p == DatePrecision::Day) return d;
  int y;
  unsigned m, day;
  dateToYmd(d, y, m, day);
  return dateFromYmd(y, p == DatePrecision::Year ? 1 : m, 1);
}

Date periodEnd(Date d, DatePrecision p) {
  if (p == DatePrecision::Day) return d;
  int y;
  unsigned m, day;
  dateToYmd(d, y, m, day);
  if (p == DatePrecision::Year) return dateFromYmd(y, 12, 31);
  return dateFromYmd(y, m, temporal::daysInMonth(y, m));
}

bool parseDateEnd(std::string_view text, Date& out) {
  if (!parseDate(text, out)) return false;
  out = periodEnd(out, precisionOfText(text));
  return true;
}

ValidInterval validInterval(const Value& from, const Value& to, const Value& asOf,
                            const Value& precision) {
  const DatePrecision declared = precisionOf(precision);
  ValidInterval out;
  Date day;
  DatePrecision p;
  bool bounded = false;
  if (boundOf(from, day, p)) {
    out.from = periodStart(day, std::max(p, declared)).days;
    bounded = true;
  }
  if (boundOf(to, day, p)) {
    out.to = periodEnd(day, std::max(p, declared)).days;
    bounded = true;
  }
  if (!bounded && boundOf(asOf, day, p)) {
    out.from = periodStart(day, std::max(p, declared)).days;
    out.to = periodEnd(day, std::max(p, declared)).days;
  }
  return out;
}

ValidityKeys::ValidityKeys(const Graph& g)
    : from(g.keyId("valid_from")),
      to(g.keyId("valid_to")),
      asOf(g.keyId("as_of")),
      precision(g.keyId("valid_precision")) {}

ValidInterval nodeInterval(const Graph& g, const ValidityKeys& k, NodeId n) {
  const GraphView v = g.view();
  return intervalAt(v.nodeColumns(), v.strings(), k, n);
}

ValidInterval relInterval(const Graph& g, const ValidityKeys& k, RelId r) {
  const GraphView v = g.view();
  return intervalAt(v.relColumns(), v.strings(), k, r);
}

bool ValidView::holdsByRule(std::span<const PropertyColumn> cols, uint32_t id) const {
  return intervalAt(cols, graph_->view().strings(), keys_, id).contains(day_.days);
}

ValidView::ValidView(const Graph& g, Date day, bool cacheable)
    : graph_(&g), keys_(g), day_(day), cacheable_(cacheable) {
  const GraphView v = g.view();
  for (KeyId k : {keys_.from, keys_.to, keys_.asOf}) {
    nodeKeys_ |= columnHasValues(v.nodeColumns(), k);
    relKeys_ |= columnHasValues(v.relColumns(), k);
  }
  nodeThreshold_ = std::max<uint64_t>(1024, g.nodeIdLimit() / 64);
  relThreshold_ = std::max<uint64_t>(1024, g.relIdLimit() / 64);
  if (!cacheable_ || !active()) return;
  // Bits an earlier statement built for this date, if nothing changed since.
  const GraphImpl& impl = GraphAccess::of(g);
  writes_ = impl.writes;
  std::shared_ptr<const ValidityCache> cache;
  {
    std::lock_guard lock(validityCacheMutex);
    cache = impl.validityCache;
  }
  if (!cache || cache->day != day_.days || cache->writes != writes_) return;
  if (cache->nodes) nodeBits_.adopt(cache->nodes, cache->nodeIds);
  if (cache->rels) relBits_.adopt(cache->rels, cache->relIds);
}

void ValidView::publish() const {
  const GraphImpl& impl = GraphAccess::of(*graph_);
  std::lock_guard lock(validityCacheMutex);
  auto next = std::make_shared<ValidityCache>();
  const auto& old = impl.validityCache;
  if (old && old->day == day_.days && old->writes == writes_) *next = *old;
  next->day = day_.days;
  next->writes = writes_;
  if (nodeBits_.built()) {
    next->nodes = nodeBits_.shared();
    next->nodeIds = nodeBits_.size();
  }
  if (relBits_.built()) {
    next->rels = relBits_.shared();
    next->relIds = relBits_.size();
  }
  impl.validityCache = std::move(next);
}

uint64_t ValidView::holdsWord(std::span<const PropertyColumn> cols, uint32_t first,
                              unsigned count) const {
  const uint64_t all = lowBits(count);
  auto presence = [&](KeyId k) -> uint64_t {
    if (k >= cols.size()) return 0;
    const auto& bits = cols[k].presentBits();
    return first / 64 < bits.size() ? bits[first / 64] : 0;
  };
  // Ids with none of the bounds always hold; the others are checked one by one, in id order.
  const uint64_t marked = (presence(keys_.from) | presence(keys_.to) | presence(keys_.asOf)) & all;
  uint64_t word = all & ~marked;
  for (uint64_t m = marked; m != 0; m &= m - 1) {
    const unsigned i = static_cast<unsigned>(std::countr_zero(m));
    if (holds(cols, first + i)) word |= uint64_t{1} << i;
  }
  return word;
}

void ValidView::buildNodeBits() const {
  const auto cols = graph_->view().nodeColumns();
  nodeBits_.build(graph_->nodeIdLimit(),
                  [&](uint32_t first, unsigned count) { return holdsWord(cols, first, count); });
  publish();
}

void ValidView::buildRelBits() const {
  const GraphView g = graph_->view();
  const auto cols = g.relColumns();
  const auto sources = g.relSources();
  const auto targets = g.relTargets();
  relBits_.build(graph_->relIdLimit(), [&](uint32_t first, unsigned count) {
    uint64_t word = relKeys_ ? holdsWord(cols, first, count) : lowBits(count);
    if (nodeKeys_)
      for (uint64_t m = word; m != 0; m &= m - 1) {
        const unsigned i = static_cast<unsigned>(std::countr_zero(m));
        if (!node(sources[first + i]) || !node(targets[first + i])) word &= ~(uint64_t{1} << i);
      }
    return word;
  });
  publish();
}

}  // namespace silkgraph
