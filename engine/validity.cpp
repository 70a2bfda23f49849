// Implements engine/validity.h: date periods, the validity interval of an entity and the
// view a statement's date gives.
#include "engine/validity.h"

#include <algorithm>

#include "engine/temporal.h"

namespace silkgraph {

namespace {

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

ValidView::ValidView(const Graph& g, Date day) : graph_(&g), keys_(g), day_(day) {
  const GraphView v = g.view();
  for (KeyId k : {keys_.from, keys_.to, keys_.asOf}) {
    nodeKeys_ |= columnHasValues(v.nodeColumns(), k);
    relKeys_ |= columnHasValues(v.relColumns(), k);
  }
}

}  // namespace silkgraph
