// Implements query/execution/conflicts.h.
#include "query/execution/conflicts.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <string_view>

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

Period periodOf(const Props& p) {
  Period out;
  const Value* from = find(p, "valid_from");
  const Value* to = find(p, "valid_to");
  if ((from && from->type() == T::Date) || (to && to->type() == T::Date)) {
    if (from && from->type() == T::Date) out.from = from->asDate().days;
    if (to && to->type() == T::Date) out.to = to->asDate().days;
    return out;
  }
  const Value* year = find(p, "year");
  if (year && year->type() == T::Int) {
    int y = static_cast<int>(std::clamp<int64_t>(year->asInt(), -9999, 9999));
    out.from = dateFromYmd(y, 1, 1).days;
    out.to = dateFromYmd(y, 12, 31).days;
  }
  return out;
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

std::vector<FactConflict> conflictsOf(const Graph& g, RelId rel, const ValidView* view) {
  std::vector<FactConflict> out;
  if (!g.relExists(rel)) return out;
  NodeId src = g.relSource(rel), dst = g.relTarget(rel);
  std::vector<RelId> twins;
  g.forEachAdjacent(src, Direction::Out, g.relType(rel), [&](RelId r, NodeId other) {
    if (other == dst && r != rel && (!view || view->rel(r))) twins.push_back(r);
    return true;
  });
  if (twins.empty()) return out;
  std::sort(twins.begin(), twins.end());
  Props mine = propsOf(g, rel);
  for (RelId r : twins) {
    FactConflict c;
    if (compare(g, rel, mine, r, propsOf(g, r), c)) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace silkgraph
