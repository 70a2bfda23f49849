// Type conversions: toString, toInteger, toFloat, toBoolean.
#include <charconv>
#include <cmath>

#include "common/text.h"
#include "query/function/scalar_functions.h"

namespace silkgraph::functions {

using T = Value::Type;

Value fnToString(Args a, const Graph&) {
  const Value& v = a[0];
  switch (v.type()) {
    case T::Null:
      return Value();
    case T::String:
      return v;
    case T::Int:
      return Value(std::to_string(v.asInt()));
    case T::Float:
      return Value(formatFloat(v.asFloat()));
    case T::Bool:
      return Value(std::string(v.asBool() ? "true" : "false"));
    case T::Date:
    case T::LocalTime:
    case T::Time:
    case T::LocalDateTime:
    case T::DateTime:
    case T::Duration:
      return Value(temporalText(v));
    default:
      argType("toString", v);
  }
}

namespace {

Value parseNumber(const std::string& s, bool wantInt) {
  std::string_view t = text::trim(s);
  if (t.empty()) return Value();
  if (wantInt) {
    int64_t i;
    auto r = std::from_chars(t.data(), t.data() + t.size(), i);
    if (r.ec == std::errc() && r.ptr == t.data() + t.size()) return Value(i);
  }
  double d;
  auto r = std::from_chars(t.data(), t.data() + t.size(), d);
  if (r.ec != std::errc() || r.ptr != t.data() + t.size()) return Value();
  if (wantInt) {
    if (!std::isfinite(d) || d >= 9.2233720368547758e18 || d < -9.2233720368547758e18)
      return Value();
    return Value(static_cast<int64_t>(d));
  }
  return Value(d);
}

}  // namespace

Value fnToInteger(Args a, const Graph&) {
  const Value& v = a[0];
  switch (v.type()) {
    case T::Null:
      return Value();
    case T::Int:
      return v;
    case T::Float:
      if (!std::isfinite(v.asFloat())) return Value();
      return Value(static_cast<int64_t>(v.asFloat()));
    case T::String:
      return parseNumber(v.asString(), true);
    case T::Bool:
      return Value(static_cast<int64_t>(v.asBool() ? 1 : 0));
    default:
      argType("toInteger", v);
  }
}

Value fnToFloat(Args a, const Graph&) {
  const Value& v = a[0];
  switch (v.type()) {
    case T::Null:
      return Value();
    case T::Float:
      return v;
    case T::Int:
      return Value(static_cast<double>(v.asInt()));
    case T::String:
      return parseNumber(v.asString(), false);
    default:
      argType("toFloat", v);
  }
}

Value fnToBoolean(Args a, const Graph&) {
  const Value& v = a[0];
  switch (v.type()) {
    case T::Null:
      return Value();
    case T::Bool:
      return v;
    case T::String: {
      std::string s = v.asString();
      if (text::equalsIgnoreAsciiCase(s, "true")) return Value(true);
      if (text::equalsIgnoreAsciiCase(s, "false")) return Value(false);
      return Value();
    }
    case T::Int:
      return Value(v.asInt() != 0);
    default:
      argType("toBoolean", v);
  }
}

}  // namespace silkgraph::functions
