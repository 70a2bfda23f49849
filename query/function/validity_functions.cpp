// validAt(entityOrList, date) and validDuring(entityOrList, from, to): whether nodes and
// relationships hold on a day or during some part of a period, by the rules of valid time
// written once in engine/validity.h (docs/time.md). A path or a list counts as all of its
// nodes and relationships; an empty list holds.
#include "engine/error.h"
#include "engine/validity.h"
#include "query/function/scalar_functions.h"

namespace silkgraph::functions {

using T = Value::Type;

namespace {

int64_t dayArg(const char* fn, const Value& v) {
  if (v.type() != T::Date) argType(fn, v);
  return v.asDate().days;
}

// Whether `test` holds for the interval of every entity in v; throws for what is not one.
template <class Test>
bool everyEntity(const char* fn, const Value& v, const Graph& g, const ValidityKeys& keys,
                 Test&& test) {
  switch (v.type()) {
    case T::Node:
      return test(nodeInterval(g, keys, v.asNode()));
    case T::Rel:
      return test(relInterval(g, keys, v.asRel()));
    case T::Path: {
      const PathValue& p = v.asPath();
      for (NodeId n : p.nodes)
        if (!test(nodeInterval(g, keys, n))) return false;
      for (RelId r : p.rels)
        if (!test(relInterval(g, keys, r))) return false;
      return true;
    }
    case T::List:
      for (const Value& x : v.asList()) {
        if (x.isNull()) continue;
        if (!everyEntity(fn, x, g, keys, test)) return false;
      }
      return true;
    default:
      argType(fn, v);
  }
}

}  // namespace

Value fnValidAt(Args a, const Graph& g) {
  if (a[0].isNull() || a[1].isNull()) return Value();
  const int64_t day = dayArg("validAt", a[1]);
  ValidityKeys keys(g);
  return Value(everyEntity("validAt", a[0], g, keys,
                           [&](const ValidInterval& i) { return i.contains(day); }));
}

Value fnValidDuring(Args a, const Graph& g) {
  if (a[0].isNull() || a[1].isNull() || a[2].isNull()) return Value();
  const int64_t from = dayArg("validDuring", a[1]), to = dayArg("validDuring", a[2]);
  if (from > to)
    throwRuntime(ErrorKind::ArgumentError,
                 "validDuring(): the period ends (" + formatDate(a[2].asDate()) +
                     ") before it starts (" + formatDate(a[1].asDate()) + ")",
                 "InvalidArgumentValue");
  ValidityKeys keys(g);
  return Value(everyEntity("validDuring", a[0], g, keys,
                           [&](const ValidInterval& i) { return i.overlaps(from, to); }));
}

}  // namespace silkgraph::functions
