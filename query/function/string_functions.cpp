// String functions, counted in code points: toUpper, toLower, substring, left, right, split,
// replace, trim, ltrim, rtrim.
#include <algorithm>

#include "common/text.h"
#include "engine/error.h"
#include "query/function/scalar_functions.h"

namespace silkgraph::functions {

using T = Value::Type;

namespace {

// Unicode simple case mapping, code point by code point (Türkiye -> TÜRKIYE,
// Қазақстан -> ҚАЗАҚСТАН), independent of the process locale.
Value caseMap(const char* name, const Value& v, bool upper) {
  if (v.isNull()) return Value();
  if (v.type() != T::String) argType(name, v);
  return Value(upper ? text::toUpper(v.asString()) : text::toLower(v.asString()));
}

}  // namespace

Value fnToUpper(Args a, const Graph&) {
  return caseMap("toUpper", a[0], true);
}
Value fnToLower(Args a, const Graph&) {
  return caseMap("toLower", a[0], false);
}

Value fnSubstring(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  auto cps = text::decodeAll(strArg("substring", a[0]));
  int64_t start = intArg("substring", a[1]);
  if (start < 0)
    throwRuntime(ErrorKind::ArgumentError, "substring() start must not be negative",
                 "NumberOutOfRange");
  int64_t len = a.size() > 2 ? intArg("substring", a[2]) : static_cast<int64_t>(cps.size());
  if (len < 0)
    throwRuntime(ErrorKind::ArgumentError, "substring() length must not be negative",
                 "NumberOutOfRange");
  size_t from = std::min(static_cast<size_t>(start), cps.size());
  size_t to = std::min(cps.size(), from + static_cast<size_t>(std::min<int64_t>(
                                              len, static_cast<int64_t>(cps.size()))));
  return Value(text::encode(cps, from, to));
}

Value fnLeft(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  auto cps = text::decodeAll(strArg("left", a[0]));
  int64_t n = intArg("left", a[1]);
  if (n < 0)
    throwRuntime(ErrorKind::ArgumentError, "left() length must not be negative",
                 "NumberOutOfRange");
  return Value(text::encode(cps, 0, static_cast<size_t>(n)));
}
Value fnRight(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  auto cps = text::decodeAll(strArg("right", a[0]));
  int64_t n = intArg("right", a[1]);
  if (n < 0)
    throwRuntime(ErrorKind::ArgumentError, "right() length must not be negative",
                 "NumberOutOfRange");
  size_t k = std::min(cps.size(), static_cast<size_t>(n));
  return Value(text::encode(cps, cps.size() - k));
}

Value fnSplit(Args a, const Graph&) {
  if (a[0].isNull() || a[1].isNull()) return Value();
  const std::string& s = strArg("split", a[0]);
  const std::string& sep = strArg("split", a[1]);
  ValueList out;
  if (sep.empty()) {
    auto cps = text::decodeAll(s);
    for (size_t i = 0; i < cps.size(); ++i) out.emplace_back(text::encode(cps, i, i + 1));
    return Value(std::move(out));
  }
  size_t pos = 0;
  while (true) {
    size_t f = s.find(sep, pos);
    if (f == std::string::npos) {
      out.emplace_back(s.substr(pos));
      break;
    }
    out.emplace_back(s.substr(pos, f - pos));
    pos = f + sep.size();
  }
  return Value(std::move(out));
}

Value fnReplace(Args a, const Graph&) {
  if (a[0].isNull() || a[1].isNull() || a[2].isNull()) return Value();
  std::string s = strArg("replace", a[0]);
  const std::string& from = strArg("replace", a[1]);
  const std::string& to = strArg("replace", a[2]);
  if (from.empty()) return Value(s);
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t f = s.find(from, pos);
    if (f == std::string::npos) break;
    out.append(s, pos, f - pos);
    out += to;
    pos = f + from.size();
  }
  out.append(s, pos, std::string::npos);
  return Value(std::move(out));
}

namespace {

Value trimImpl(const char* fn, const Value& v, bool left, bool right) {
  if (v.isNull()) return Value();
  const std::string& s = strArg(fn, v);
  size_t b = 0, e = s.size();
  if (left)
    while (b < e && text::isAsciiSpace(s[b])) ++b;
  if (right)
    while (e > b && text::isAsciiSpace(s[e - 1])) --e;
  return Value(s.substr(b, e - b));
}

}  // namespace

Value fnTrim(Args a, const Graph&) {
  return trimImpl("trim", a[0], true, true);
}
Value fnLTrim(Args a, const Graph&) {
  return trimImpl("ltrim", a[0], true, false);
}
Value fnRTrim(Args a, const Graph&) {
  return trimImpl("rtrim", a[0], false, true);
}

}  // namespace silkgraph::functions
