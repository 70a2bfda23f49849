// Implements the seek range of an ordered adjacency (query/execution/order_range.h).
#include "query/execution/order_range.h"

#include <algorithm>

namespace silkgraph {
namespace {

using T = Value::Type;

// Encodes a constant the way an order part of kind `kind` encodes its values; false when the
// constant cannot bound that part exactly (a different type, NaN, a string not stored).
bool encodeConstant(PropertyColumn::Kind kind, const Value& v, GraphView g, uint64_t& e) {
  switch (kind) {
    case PropertyColumn::Kind::Int64:
      if (v.type() != T::Int) return false;
      e = order::encodeInt(v.asInt());
      return true;
    case PropertyColumn::Kind::Float:
      if (v.type() == T::Float && v.asFloat() == v.asFloat()) {
        e = order::encodeFloat(v.asFloat());
        return true;
      }
      if (v.type() == T::Int && v.asInt() >= -(int64_t{1} << 53) &&
          v.asInt() <= (int64_t{1} << 53)) {
        e = order::encodeFloat(static_cast<double>(v.asInt()));
        return true;
      }
      return false;
    case PropertyColumn::Kind::Date:
      if (v.type() != T::Date) return false;
      e = order::encodeInt(v.asDate().days);
      return true;
    case PropertyColumn::Kind::String: {
      if (v.type() != T::String) return false;
      uint32_t id = g.strings().find(v.asString());
      if (id == StringDictionary::kAbsent) return false;
      e = id;
      return true;
    }
    case PropertyColumn::Kind::Bool:
      if (v.type() != T::Bool) return false;
      e = v.asBool() ? 1 : 0;
      return true;
    default:
      return false;
  }
}

}  // namespace

bool orderRange(GraphView g, TypeId t, const MatchStep& s, const ReadyPredicate* ready,
                uint64_t& lo, uint64_t& hi, bool& empty, uint32_t& exact) {
  const AdjacencyOrder& o = g.orderOf(t);
  lo = 0;
  hi = 0;
  empty = false;
  exact = 0;
  bool used = false;
  for (const OrderPart& part : o.parts) {
    const uint64_t absent = order::mask(part.bits);
    uint64_t elo = 0, ehi = ~uint64_t{0};
    bool bounded = false;
    uint32_t equalities = 0;  // this part's equalities: exact if it is fixed to one value
    for (size_t k = 0; k < s.preds.size(); ++k) {
      const ReadyPredicate& p = ready[k];
      if (p.target() != PropPredicate::Target::Rel || p.key() != part.key) continue;
      ast::Op op = p.op();
      if (op != ast::Op::Eq && op != ast::Op::Lt && op != ast::Op::Le && op != ast::Op::Gt &&
          op != ast::Op::Ge)
        continue;
      uint64_t e;
      if (!encodeConstant(part.kind, p.value(), g, e)) {
        // An equality with a string no relationship holds matches nothing stored.
        if (op == ast::Op::Eq && part.kind == PropertyColumn::Kind::String &&
            p.value().type() == T::String) {
          empty = true;
          return false;
        }
        continue;
      }
      if (part.kind == PropertyColumn::Kind::String && op != ast::Op::Eq) continue;
      bounded = true;
      if (op == ast::Op::Eq) equalities |= uint32_t{1} << k;
      if (op == ast::Op::Eq || op == ast::Op::Gt || op == ast::Op::Ge) elo = std::max(elo, e);
      if (op == ast::Op::Eq || op == ast::Op::Lt || op == ast::Op::Le) ehi = std::min(ehi, e);
    }
    if (!bounded) {
      hi |= order::mask(part.bits + part.offset);  // this part and the lower ones: anything
      return used;
    }
    used = true;
    // Codes of present values: (encoded - min) >> shift, below the absent code.
    if (ehi < part.min || elo > ehi) {
      empty = true;
      return false;
    }
    uint64_t clo = elo <= part.min ? 0 : (elo - part.min) >> part.shift;
    uint64_t chi = std::min((ehi - part.min) >> part.shift, absent - 1);
    if (clo > chi) {
      empty = true;
      return false;
    }
    lo |= clo << part.offset;
    hi |= chi << part.offset;
    // A part fixed to one code holds one value when it keeps values whole (shift 0): its
    // equalities hold for every entry in the range. Bounds are tested still (< and > are
    // taken as <= and >=, and a float range takes NaN in).
    if (clo == chi && part.shift == 0) exact |= equalities;
    if (clo != chi || part.shift != 0) {
      hi |= order::mask(part.offset);  // lower parts: anything
      return true;
    }
  }
  if (!o.parts.empty()) hi |= order::mask(o.parts.back().offset);
  return used;
}

}  // namespace silkgraph
