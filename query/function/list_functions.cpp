// Functions over lists (and the size of strings and maps): size, head, last, tail, range,
// coalesce, reverse.
#include <algorithm>

#include "common/text.h"
#include "engine/error.h"
#include "query/function/scalar_functions.h"
#include "query/function/statement_limits.h"
#include "query/function/value_ops.h"

namespace silkgraph::functions {

using T = Value::Type;

Value fnSize(Args a, const Graph&) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  if (v.type() == T::List) return Value(static_cast<int64_t>(v.asList().size()));
  if (v.type() == T::String) return Value(static_cast<int64_t>(text::length(v.asString())));
  if (v.type() == T::Map) return Value(static_cast<int64_t>(v.asMap().size()));
  argType("size", v);
}

Value fnCoalesce(Args a, const Graph&) {
  for (const auto& v : a) {
    if (!v.isNull()) return v;
  }
  return Value();
}

Value fnHead(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::List) argType("head", a[0]);
  return a[0].asList().empty() ? Value() : a[0].asList().front();
}
Value fnLast(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::List) argType("last", a[0]);
  return a[0].asList().empty() ? Value() : a[0].asList().back();
}
Value fnTail(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::List) argType("tail", a[0]);
  const auto& l = a[0].asList();
  if (l.empty()) return Value(ValueList{});
  return Value(ValueList(l.begin() + 1, l.end()));
}

Value fnRange(Args a, const Graph&) {
  for (const auto& v : a) {
    if (v.type() != T::Int)
      throwRuntime(ErrorKind::ArgumentError,
                   std::string("range() expects Integer arguments, got ") + cypherTypeName(v),
                   "InvalidArgumentType");
  }
  int64_t from = a[0].asInt(), to = a[1].asInt(), step = a.size() > 2 ? a[2].asInt() : 1;
  if (step == 0)
    throwRuntime(ErrorKind::ArgumentError, "range() step must not be 0", "NumberOutOfRange");
  ValueList out;
  if ((step > 0 && from <= to) || (step < 0 && from >= to)) {
    // Distances in unsigned arithmetic: to - from and from + i * step may not fit in int64_t
    // (the elements themselves always do, they lie between from and to).
    const uint64_t span = step > 0 ? static_cast<uint64_t>(to) - static_cast<uint64_t>(from)
                                   : static_cast<uint64_t>(from) - static_cast<uint64_t>(to);
    const uint64_t stride =
        step > 0 ? static_cast<uint64_t>(step) : uint64_t{0} - static_cast<uint64_t>(step);
    const uint64_t count = span / stride + 1;
    if (count > 100'000'000)
      throwRuntime(ErrorKind::ArgumentError, "range() would produce more than 100,000,000 elements",
                   "NumberOutOfRange");
    checkCurrentRoom(count * sizeof(Value));  // the statement's memory limit
    out.reserve(count);
    uint64_t at = static_cast<uint64_t>(from);  // two's complement wrap-around is well defined
    StatementLimits* limits = StatementLimits::current();
    for (uint64_t i = 0; i < count; ++i, at += static_cast<uint64_t>(step)) {
      if (limits) limits->poll();  // Ctrl-C and the timeout reach a long range()
      out.emplace_back(static_cast<int64_t>(at));
    }
  }
  return Value(std::move(out));
}

Value fnReverse(Args a, const Graph&) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  if (v.type() == T::String) {
    auto cps = text::decodeAll(v.asString());
    std::reverse(cps.begin(), cps.end());
    return Value(text::encode(cps));
  }
  if (v.type() == T::List) {
    ValueList l = v.asList();
    std::reverse(l.begin(), l.end());
    return Value(std::move(l));
  }
  argType("reverse", v);
}

}  // namespace silkgraph::functions
