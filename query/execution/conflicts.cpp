// Implements query/execution/conflicts.h.
#include "query/execution/conflicts.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <string_view>

#include "engine/graph_view.h"
#include "query/value_format.h"

namespace silkgraph {

namespace {

using T = Value::Type;
using Props = std::map<std::string, Value, std::less<>>;

constexpr std::array<std::string_view, 13> kNotCompared = {
    "sources",         "fact_id", "confidence", "notes",      "source_of_data",
    "data_from",       "edition", "estimated",  "valid_from", "valid_to",
    "valid_precision", "as_of",   "year"};

bool notCompared(std::string_view key) {
  return std::find(kNotCompared.begin(), kNotCompared.end(), key) != kNotCompared.end();
}

Props propsOf(const Graph& g, RelId r) {
  Props p;
  g.forEachRelProperty(r, [&](KeyId k, const Value& v) { p.emplace(g.keyName(k), v); });
  return p;
}

struct Period {
  int64_t from = std::numeric_limits<int64_t>::min();
  int64_t to = std::numeric_limits<int64_t>::max();
};

const Value* find(const Props& p, std::string_view key) {
  auto it = p.find(key);
  return it == p.end() || it->second.isNull() ? nullptr : &it->second;
}

// The period of a fact from its valid_from, valid_to and year (null pointers: absent).
Period periodOf(const Value* from, const Value* to, const Value* year) {
  Period out;
  if ((from && from->type() == T::Date) || (to && to->type() == T::Date)) {
    if (from && from->type() == T::Date) out.from = from->asDate().days;
    if (to && to->type() == T::Date) out.to = to->asDate().days;
    return out;
  }
  if (year && year->type() == T::Int) {
    int y = static_cast<int>(std::clamp<int64_t>(year->asInt(), -9999, 9999));
    out.from = dateFromYmd(y, 1, 1).days;
    out.to = dateFromYmd(y, 12, 31).days;
  }
  return out;
}

Period periodOf(const Props& p) {
  return periodOf(find(p, "valid_from"), find(p, "valid_to"), find(p, "year"));
}

bool isQualifier(const Value& v) {
  switch (v.type()) {
    case T::String:
    case T::Bool:
    case T::Date:
    case T::LocalTime:
    case T::Time:
    case T::LocalDateTime:
    case T::DateTime:
    case T::Duration:
      return true;
    default:
      return false;
  }
}

std::string nodeName(const Graph& g, NodeId n) {
  for (const char* key : {"id", "name"}) {
    KeyId k = g.keyId(key);
    if (k == kNoKey) continue;
    Value v = g.nodeProperty(n, k);
    if (v.type() == T::String) return v.asString();
  }
  return "#" + std::to_string(n);
}

// The conflict between a and b, if they conflict (see the header).
bool compare(const Graph& g, RelId a, const Props& pa, RelId b, const Props& pb,
             FactConflict& out) {
  Period x = periodOf(pa), y = periodOf(pb);
  if (x.to < y.from || y.to < x.from) return false;
  // A figure for a stated span (`period: '2012-01/2012-11'`) measures something else than
  // one for the whole period; two spans are compared as qualifiers below.
  if ((find(pa, "period") == nullptr) != (find(pb, "period") == nullptr)) return false;
  std::string shared, claimA, claimB;
  for (const auto& [key, va] : pa) {
    if (notCompared(key) || va.isNull()) continue;
    const Value* vb = find(pb, key);
    if (!vb) continue;
    if (isQualifier(va) || isQualifier(*vb)) {
      if (va.type() != vb->type() || Value::orderCompare(va, *vb) != 0) return false;
      shared += (shared.empty() ? "" : ", ") + key + ": " + toCypherText(va, g);
    } else if (va.isNumber() && vb->isNumber() && va.asNumber() != vb->asNumber()) {
      claimA += (claimA.empty() ? "" : ", ") + key + " " + toDisplayText(va, g);
      claimB += (claimB.empty() ? "" : ", ") + key + " " + toDisplayText(*vb, g);
    }
  }
  if (claimA.empty()) return false;
  if (const Value* year = find(pa, "year");
      year && find(pb, "year") && Value::orderCompare(*year, *find(pb, "year")) == 0)
    shared += (shared.empty() ? "" : ", ") + std::string("year: ") + toCypherText(*year, g);
  out.other = b;
  out.subject = "(" + nodeName(g, g.relSource(a)) + ")-[:" + g.typeName(g.relType(a)) +
                (shared.empty() ? "" : " {" + shared + "}") + "]->(" + nodeName(g, g.relTarget(a)) +
                ")";
  out.claim = std::move(claimA);
  out.otherClaim = std::move(claimB);
  return true;
}

}  // namespace

std::vector<FactConflict> conflictsOf(const Graph& g, RelId rel, const ValidView* view,
                                      const std::vector<RelId>* candidates) {
  std::vector<FactConflict> out;
  if (!g.relExists(rel)) return out;
  NodeId src = g.relSource(rel), dst = g.relTarget(rel);
  std::vector<RelId> twins;
  if (candidates) {
    for (RelId r : *candidates)
      if (r != rel && g.relExists(r) && (!view || view->rel(r))) twins.push_back(r);
  } else {
    g.forEachAdjacent(src, Direction::Out, g.relType(rel), [&](RelId r, NodeId other) {
      if (other == dst && r != rel && (!view || view->rel(r))) twins.push_back(r);
      return true;
    });
  }
  if (twins.empty()) return out;
  std::sort(twins.begin(), twins.end());
  Props mine = propsOf(g, rel);
  for (RelId r : twins) {
    FactConflict c;
    if (compare(g, rel, mine, r, propsOf(g, r), c)) out.push_back(std::move(c));
  }
  return out;
}

ConflictFinder::ConflictFinder(const Graph& g)
    : graph_(g),
      from_(g.keyId("valid_from")),
      to_(g.keyId("valid_to")),
      year_(g.keyId("year")),
      period_(g.keyId("period")) {
  const auto cols = g.view().relColumns();
  skip_.resize(cols.size());
  for (size_t k = 0; k < cols.size(); ++k)
    skip_[k] = cols[k].count() == 0 || notCompared(g.keyName(static_cast<KeyId>(k)));
}

bool ConflictFinder::conflict(RelId a, RelId b) const {
  const GraphView view = graph_.view();
  const auto cols = view.relColumns();
  if (period_ < cols.size() && cols[period_].has(a) != cols[period_].has(b)) return false;
  bool differ = false;
  for (size_t k = 0; k < skip_.size() && k < cols.size(); ++k) {
    if (skip_[k] || !cols[k].has(a) || !cols[k].has(b)) continue;
    Value va = cols[k].get(a, view.strings()), vb = cols[k].get(b, view.strings());
    if (isQualifier(va) || isQualifier(vb)) {
      if (va.type() != vb.type() || Value::orderCompare(va, vb) != 0) return false;
    } else if (va.isNumber() && vb.isNumber() && va.asNumber() != vb.asNumber()) {
      differ = true;
    }
  }
  return differ;
}

void ConflictFinder::pairs(const std::vector<RelId>& rels,
                           std::vector<std::pair<RelId, RelId>>& out) const {
  struct Twin {
    RelId rel;
    Period period;
  };
  if (rels.size() < 2) return;
  std::vector<Twin> twins;
  twins.reserve(rels.size());
  // The period of each relationship from its three time properties, as periodOf reads them.
  for (RelId r : rels) {
    Value v[3];
    const KeyId keys[3] = {from_, to_, year_};
    for (int i = 0; i < 3; ++i)
      if (keys[i] != kNoKey) v[i] = graph_.relProperty(r, keys[i]);
    auto given = [&](int i) { return v[i].isNull() ? nullptr : &v[i]; };
    twins.push_back({r, periodOf(given(0), given(1), given(2))});
  }
  // By the start of the period: a relationship can only overlap those after it that start
  // before it ends.
  std::sort(twins.begin(), twins.end(), [](const Twin& a, const Twin& b) {
    if (a.period.from != b.period.from) return a.period.from < b.period.from;
    return a.rel < b.rel;
  });
  for (size_t i = 0; i < twins.size(); ++i) {
    const Twin& a = twins[i];
    for (size_t j = i + 1; j < twins.size(); ++j) {
      const Twin& b = twins[j];
      if (b.period.from > a.period.to) break;  // so do all after it
      if (b.period.to < a.period.from || a.rel == b.rel) continue;
      if (conflict(a.rel, b.rel)) out.emplace_back(std::min(a.rel, b.rel), std::max(a.rel, b.rel));
    }
  }
}

}  // namespace silkgraph
