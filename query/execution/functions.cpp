// Implements the scalar function library (query/execution/functions.h).
#include "query/execution/functions.h"

#include <locale.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <cwctype>
#include <string>

#include "engine/error.h"
#include "query/execution/value_ops.h"

namespace silkgraph {
namespace {

using T = Value::Type;
using Args = std::span<const Value>;

[[noreturn]] void argType(const char* fn, const Value& v) {
  throwRuntime(ErrorKind::TypeError,
               std::string(fn) + "() cannot take an argument of type " + cypherTypeName(v),
               "InvalidArgumentType");
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// UTF-8 aware helpers: Cypher string functions count characters (code points).
std::vector<uint32_t> decodeUtf8(const std::string& s) {
  std::vector<uint32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if ((c >> 5) == 6) {
      cp = c & 0x1f;
      len = 2;
    } else if ((c >> 4) == 14) {
      cp = c & 0x0f;
      len = 3;
    } else {
      cp = c & 0x07;
      len = 4;
    }
    for (size_t k = 1; k < len && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string encodeUtf8(const std::vector<uint32_t>& cps, size_t from = 0,
                       size_t to = std::string::npos) {
  std::string out;
  to = std::min(to, cps.size());
  for (size_t i = from; i < to; ++i) {
    uint32_t cp = cps[i];
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }
  return out;
}

int64_t intArg(const char* fn, const Value& v) {
  if (v.type() == T::Int) return v.asInt();
  if (v.type() == T::Float && v.asFloat() == std::floor(v.asFloat()))
    return static_cast<int64_t>(v.asFloat());
  argType(fn, v);
}

Value fnId(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  if (a[0].type() == T::Node) return Value(static_cast<int64_t>(a[0].asNode()));
  if (a[0].type() == T::Rel) return Value(static_cast<int64_t>(a[0].asRel()));
  argType("id", a[0]);
}

// labels(), keys() and properties() of a node or relationship deleted earlier in the
// statement: an error, as in Neo4j (its id and type stay readable).
void requireLive(const Value& v, const Graph& g) {
  if (v.type() == T::Node && !g.nodeExists(v.asNode()))
    throwRuntime(ErrorKind::EntityNotFound, "the node was deleted", "DeletedEntityAccess");
  if (v.type() == T::Rel && !g.relExists(v.asRel()))
    throwRuntime(ErrorKind::EntityNotFound, "the relationship was deleted", "DeletedEntityAccess");
}

Value fnLabels(Args a, const Graph& g) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Node) argType("labels", a[0]);
  requireLive(a[0], g);
  ValueList out;
  for (LabelId l : g.nodeLabels(a[0].asNode())) out.emplace_back(g.labelName(l));
  std::sort(out.begin(), out.end(),
            [](const Value& x, const Value& y) { return x.asString() < y.asString(); });
  return Value(std::move(out));
}

Value fnType(Args a, const Graph& g) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Rel) argType("type", a[0]);
  return Value(g.typeName(g.relType(a[0].asRel())));
}

Value fnProperties(Args a, const Graph& g) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  requireLive(v, g);
  ValueMap m;
  if (v.type() == T::Node) {
    g.forEachNodeProperty(v.asNode(),
                          [&](KeyId k, const Value& x) { m.emplace_back(g.keyName(k), x); });
  } else if (v.type() == T::Rel) {
    g.forEachRelProperty(v.asRel(),
                         [&](KeyId k, const Value& x) { m.emplace_back(g.keyName(k), x); });
  } else if (v.type() == T::Map) {
    return v;
  } else {
    argType("properties", v);
  }
  return Value(std::move(m));
}

Value fnKeys(Args a, const Graph& g) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  requireLive(v, g);
  ValueList out;
  if (v.type() == T::Node) {
    g.forEachNodeProperty(v.asNode(),
                          [&](KeyId k, const Value&) { out.emplace_back(g.keyName(k)); });
  } else if (v.type() == T::Rel) {
    g.forEachRelProperty(v.asRel(), [&](KeyId k, const Value&) { out.emplace_back(g.keyName(k)); });
  } else if (v.type() == T::Map) {
    for (const auto& [k, x] : v.asMap()) out.emplace_back(k);
  } else {
    argType("keys", v);
  }
  std::sort(out.begin(), out.end(),
            [](const Value& x, const Value& y) { return x.asString() < y.asString(); });
  return Value(std::move(out));
}

Value fnSize(Args a, const Graph&) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  if (v.type() == T::List) return Value(static_cast<int64_t>(v.asList().size()));
  if (v.type() == T::String) return Value(static_cast<int64_t>(decodeUtf8(v.asString()).size()));
  if (v.type() == T::Map) return Value(static_cast<int64_t>(v.asMap().size()));
  argType("size", v);
}

Value fnLength(Args a, const Graph&) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  if (v.type() == T::Path) return Value(static_cast<int64_t>(v.asPath().rels.size()));
  if (v.type() == T::String) return Value(static_cast<int64_t>(decodeUtf8(v.asString()).size()));
  if (v.type() == T::List) return Value(static_cast<int64_t>(v.asList().size()));
  argType("length", v);
}

// Unicode simple case mapping through glibc's C.UTF-8 tables (Türkiye -> TÜRKIYE,
// Қазақстан -> ҚАЗАҚСТАН), independent of the process locale.
locale_t utf8Locale() {
  static locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return loc;
}

Value caseMap(const char* name, const Value& v, bool upper) {
  if (v.isNull()) return Value();
  if (v.type() != T::String) argType(name, v);
  auto cps = decodeUtf8(v.asString());
  locale_t loc = utf8Locale();
  for (auto& cp : cps) {
    if (cp < 0x80) {
      cp = static_cast<uint32_t>(upper ? std::toupper(static_cast<int>(cp))
                                       : std::tolower(static_cast<int>(cp)));
    } else if (loc) {
      wint_t w = static_cast<wint_t>(cp);
      cp = static_cast<uint32_t>(upper ? towupper_l(w, loc) : towlower_l(w, loc));
    }
  }
  return Value(encodeUtf8(cps));
}
Value fnToUpper(Args a, const Graph&) {
  return caseMap("toUpper", a[0], true);
}
Value fnToLower(Args a, const Graph&) {
  return caseMap("toLower", a[0], false);
}

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
      return Value(formatDate(v.asDate()));
    default:
      argType("toString", v);
  }
}

Value parseNumber(const std::string& s, bool wantInt) {
  std::string t = s;
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  size_t b = 0;
  while (b < t.size() && std::isspace(static_cast<unsigned char>(t[b]))) ++b;
  t = t.substr(b);
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
      if (equalsIgnoreCase(s, "true")) return Value(true);
      if (equalsIgnoreCase(s, "false")) return Value(false);
      return Value();
    }
    case T::Int:
      return Value(v.asInt() != 0);
    default:
      argType("toBoolean", v);
  }
}

Value fnCoalesce(Args a, const Graph&) {
  for (const auto& v : a) {
    if (!v.isNull()) return v;
  }
  return Value();
}

Value fnAbs(Args a, const Graph&) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  if (v.type() == T::Int) {
    if (v.asInt() == INT64_MIN)
      throwRuntime(ErrorKind::ArgumentError, "integer overflow", "IntegerOverflow");
    return Value(v.asInt() < 0 ? -v.asInt() : v.asInt());
  }
  if (v.type() == T::Float) return Value(std::fabs(v.asFloat()));
  argType("abs", v);
}

Value fnDate(Args a, const Graph&) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  if (v.type() == T::Date) return v;
  if (v.type() == T::String) {
    Date d;
    if (!parseDate(v.asString(), d))
      throwRuntime(ErrorKind::ArgumentError,
                   "date() expects an existing calendar date as 'YYYY-MM-DD' (or 'YYYY-MM', "
                   "'YYYY'), got '" +
                       v.asString() + "'",
                   "InvalidArgumentValue");
    return Value(d);
  }
  if (v.type() == T::Map) {
    const Value* y = v.mapFind("year");
    const Value* m = v.mapFind("month");
    const Value* dd = v.mapFind("day");
    if (!y || y->type() != T::Int)
      throwRuntime(ErrorKind::ArgumentError, "date({...}) needs an integer year",
                   "InvalidArgumentValue");
    int64_t mo = m && m->type() == T::Int ? m->asInt() : 1;
    int64_t da = dd && dd->type() == T::Int ? dd->asInt() : 1;
    if (mo < 1 || mo > 12 || da < 1 || da > 31)
      throwRuntime(ErrorKind::ArgumentError, "date({...}) got an impossible date",
                   "InvalidArgumentValue");
    Date d = dateFromYmd(static_cast<int>(y->asInt()), static_cast<unsigned>(mo),
                         static_cast<unsigned>(da));
    int yy;
    unsigned mm, ddd;
    dateToYmd(d, yy, mm, ddd);
    if (mm != mo || ddd != da)
      throwRuntime(ErrorKind::ArgumentError, "date({...}) got an impossible date",
                   "InvalidArgumentValue");
    return Value(d);
  }
  argType("date", v);
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
    uint64_t count = static_cast<uint64_t>((to - from) / step) + 1;
    if (count > 100'000'000)
      throwRuntime(ErrorKind::ArgumentError, "range() would produce more than 100,000,000 elements",
                   "NumberOutOfRange");
    out.reserve(count);
    for (uint64_t i = 0; i < count; ++i) out.emplace_back(from + static_cast<int64_t>(i) * step);
  }
  return Value(std::move(out));
}

Value fnNodes(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Path) argType("nodes", a[0]);
  ValueList out;
  for (NodeId n : a[0].asPath().nodes) out.emplace_back(NodeRef{n});
  return Value(std::move(out));
}
Value fnRelationships(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Path) argType("relationships", a[0]);
  ValueList out;
  for (RelId r : a[0].asPath().rels) out.emplace_back(RelRef{r});
  return Value(std::move(out));
}
Value fnStartNode(Args a, const Graph& g) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Rel) argType("startNode", a[0]);
  return Value(NodeRef{g.relSource(a[0].asRel())});
}
Value fnEndNode(Args a, const Graph& g) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Rel) argType("endNode", a[0]);
  return Value(NodeRef{g.relTarget(a[0].asRel())});
}

const std::string& strArg(const char* fn, const Value& v) {
  if (v.type() != T::String) argType(fn, v);
  return v.asString();
}

Value fnSubstring(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  auto cps = decodeUtf8(strArg("substring", a[0]));
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
  return Value(encodeUtf8(cps, from, to));
}

Value fnLeft(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  auto cps = decodeUtf8(strArg("left", a[0]));
  int64_t n = intArg("left", a[1]);
  if (n < 0)
    throwRuntime(ErrorKind::ArgumentError, "left() length must not be negative",
                 "NumberOutOfRange");
  return Value(encodeUtf8(cps, 0, static_cast<size_t>(n)));
}
Value fnRight(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  auto cps = decodeUtf8(strArg("right", a[0]));
  int64_t n = intArg("right", a[1]);
  if (n < 0)
    throwRuntime(ErrorKind::ArgumentError, "right() length must not be negative",
                 "NumberOutOfRange");
  size_t k = std::min(cps.size(), static_cast<size_t>(n));
  return Value(encodeUtf8(cps, cps.size() - k));
}

Value fnSplit(Args a, const Graph&) {
  if (a[0].isNull() || a[1].isNull()) return Value();
  const std::string& s = strArg("split", a[0]);
  const std::string& sep = strArg("split", a[1]);
  ValueList out;
  if (sep.empty()) {
    auto cps = decodeUtf8(s);
    for (size_t i = 0; i < cps.size(); ++i) out.emplace_back(encodeUtf8(cps, i, i + 1));
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

Value trimImpl(const char* fn, const Value& v, bool left, bool right) {
  if (v.isNull()) return Value();
  const std::string& s = strArg(fn, v);
  size_t b = 0, e = s.size();
  if (left)
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  if (right)
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return Value(s.substr(b, e - b));
}
Value fnTrim(Args a, const Graph&) {
  return trimImpl("trim", a[0], true, true);
}
Value fnLTrim(Args a, const Graph&) {
  return trimImpl("ltrim", a[0], true, false);
}
Value fnRTrim(Args a, const Graph&) {
  return trimImpl("rtrim", a[0], false, true);
}

Value fnReverse(Args a, const Graph&) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  if (v.type() == T::String) {
    auto cps = decodeUtf8(v.asString());
    std::reverse(cps.begin(), cps.end());
    return Value(encodeUtf8(cps));
  }
  if (v.type() == T::List) {
    ValueList l = v.asList();
    std::reverse(l.begin(), l.end());
    return Value(std::move(l));
  }
  argType("reverse", v);
}

double numArg(const char* fn, const Value& v) {
  if (!v.isNumber()) argType(fn, v);
  return v.asNumber();
}

// A function name as a template argument, so that one template serves every one-argument
// math function and still names the right function in its errors.
template <size_t N>
struct FnName {
  char text[N];
  constexpr FnName(const char (&s)[N]) { std::copy_n(s, N, text); }
};

template <FnName name, auto f>
Value math1(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  return Value(static_cast<double>(f(numArg(name.text, a[0]))));
}
Value fnAtan2(Args a, const Graph&) {
  if (a[0].isNull() || a[1].isNull()) return Value();
  return Value(std::atan2(numArg("atan2", a[0]), numArg("atan2", a[1])));
}
Value fnPi(Args, const Graph&) {
  return Value(3.14159265358979323846);
}
Value fnE(Args, const Graph&) {
  return Value(2.71828182845904523536);
}

// floor, ceil and round(x) keep integers as they are (as floats, like Neo4j).
template <FnName name, auto f>
Value roundLike(Args a, const Graph&) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  if (v.type() == T::Int) return Value(static_cast<double>(v.asInt()));
  return Value(static_cast<double>(f(numArg(name.text, v))));
}
Value fnRound(Args a, const Graph& g) {
  if (a.size() == 1) return roundLike<"round", [](double x) { return std::floor(x + 0.5); }>(a, g);
  if (a[0].isNull() || a[1].isNull()) return Value();
  double x = numArg("round", a[0]);
  int64_t p = intArg("round", a[1]);
  if (!std::isfinite(x) || p > 15) return Value(x);
  // Round the shortest decimal form of x half away from zero, as Neo4j does with
  // BigDecimal (round(1.005, 2) = 1.01, round(-2.5, 0) = -3.0).
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed);
  std::string digits(buf, res.ptr);
  bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.erase(0, 1);
  size_t dot = digits.find('.');
  std::string intPart = dot == std::string::npos ? digits : digits.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : digits.substr(dot + 1);
  if (p < 0)
    return Value(std::round(x * std::pow(10.0, static_cast<double>(p))) /
                 std::pow(10.0, static_cast<double>(p)));
  size_t keep = static_cast<size_t>(p);
  frac.resize(std::max(frac.size(), keep + 1), '0');
  bool up = frac[keep] >= '5';
  std::string kept = intPart + frac.substr(0, keep);
  if (up) {
    int i = static_cast<int>(kept.size()) - 1;
    while (i >= 0 && kept[static_cast<size_t>(i)] == '9') kept[static_cast<size_t>(i--)] = '0';
    if (i < 0) {
      kept.insert(kept.begin(), '1');
    } else {
      ++kept[static_cast<size_t>(i)];
    }
  }
  std::string text =
      kept.substr(0, kept.size() - keep) + "." + kept.substr(kept.size() - keep) + "0";
  double out = std::strtod(text.c_str(), nullptr);
  return Value(negative ? -out : out);
}
Value fnSign(Args a, const Graph&) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  if (v.type() == T::Int) return Value(static_cast<int64_t>((v.asInt() > 0) - (v.asInt() < 0)));
  double x = numArg("sign", v);
  return Value(static_cast<int64_t>((x > 0) - (x < 0)));
}

Value fnExists(Args a, const Graph&) {
  return Value(!a[0].isNull());
}

Value fnRand(Args, const Graph&) {
  // A per-thread xorshift generator: rand() is documented as non-deterministic.
  static thread_local uint64_t state = 0x9E3779B97F4A7C15ull;
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return Value(static_cast<double>(state >> 11) / 9007199254740992.0);
}

Value fnYear(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Date) argType("year", a[0]);
  int y;
  unsigned m, d;
  dateToYmd(a[0].asDate(), y, m, d);
  return Value(static_cast<int64_t>(y));
}

constexpr std::array kFunctions = {
    FunctionDef{"id", 1, 1, fnId},
    FunctionDef{"labels", 1, 1, fnLabels},
    FunctionDef{"type", 1, 1, fnType},
    FunctionDef{"properties", 1, 1, fnProperties},
    FunctionDef{"keys", 1, 1, fnKeys},
    FunctionDef{"size", 1, 1, fnSize},
    FunctionDef{"length", 1, 1, fnLength},
    FunctionDef{"toUpper", 1, 1, fnToUpper},
    FunctionDef{"toLower", 1, 1, fnToLower},
    FunctionDef{"toString", 1, 1, fnToString},
    FunctionDef{"toInteger", 1, 1, fnToInteger},
    FunctionDef{"toFloat", 1, 1, fnToFloat},
    FunctionDef{"toBoolean", 1, 1, fnToBoolean},
    FunctionDef{"coalesce", 1, -1, fnCoalesce},
    FunctionDef{"abs", 1, 1, fnAbs},
    FunctionDef{"date", 1, 1, fnDate},
    FunctionDef{"head", 1, 1, fnHead},
    FunctionDef{"last", 1, 1, fnLast},
    FunctionDef{"tail", 1, 1, fnTail},
    FunctionDef{"range", 2, 3, fnRange},
    FunctionDef{"nodes", 1, 1, fnNodes},
    FunctionDef{"relationships", 1, 1, fnRelationships},
    FunctionDef{"startNode", 1, 1, fnStartNode},
    FunctionDef{"endNode", 1, 1, fnEndNode},
    FunctionDef{"substring", 2, 3, fnSubstring},
    FunctionDef{"left", 2, 2, fnLeft},
    FunctionDef{"right", 2, 2, fnRight},
    FunctionDef{"split", 2, 2, fnSplit},
    FunctionDef{"replace", 3, 3, fnReplace},
    FunctionDef{"trim", 1, 1, fnTrim},
    FunctionDef{"ltrim", 1, 1, fnLTrim},
    FunctionDef{"rtrim", 1, 1, fnRTrim},
    FunctionDef{"reverse", 1, 1, fnReverse},
    FunctionDef{"sqrt", 1, 1, math1<"sqrt", [](double x) { return std::sqrt(x); }>},
    FunctionDef{"exp", 1, 1, math1<"exp", [](double x) { return std::exp(x); }>},
    FunctionDef{"log", 1, 1, math1<"log", [](double x) { return std::log(x); }>},
    FunctionDef{"log10", 1, 1, math1<"log10", [](double x) { return std::log10(x); }>},
    FunctionDef{"sin", 1, 1, math1<"sin", [](double x) { return std::sin(x); }>},
    FunctionDef{"cos", 1, 1, math1<"cos", [](double x) { return std::cos(x); }>},
    FunctionDef{"tan", 1, 1, math1<"tan", [](double x) { return std::tan(x); }>},
    FunctionDef{"asin", 1, 1, math1<"asin", [](double x) { return std::asin(x); }>},
    FunctionDef{"acos", 1, 1, math1<"acos", [](double x) { return std::acos(x); }>},
    FunctionDef{"atan", 1, 1, math1<"atan", [](double x) { return std::atan(x); }>},
    FunctionDef{"atan2", 2, 2, fnAtan2},
    FunctionDef{"pi", 0, 0, fnPi},
    FunctionDef{"e", 0, 0, fnE},
    FunctionDef{"floor", 1, 1, roundLike<"floor", [](double x) { return std::floor(x); }>},
    FunctionDef{"ceil", 1, 1, roundLike<"ceil", [](double x) { return std::ceil(x); }>},
    FunctionDef{"round", 1, 2, fnRound},
    FunctionDef{"sign", 1, 1, fnSign},
    FunctionDef{"exists", 1, 1, fnExists},
    FunctionDef{"rand", 0, 0, fnRand},
    FunctionDef{"year", 1, 1, fnYear},
};

}  // namespace

const FunctionDef* findFunction(std::string_view name) {
  for (const auto& f : kFunctions) {
    if (equalsIgnoreCase(f.name, name)) return &f;
  }
  return nullptr;
}

std::vector<std::string_view> functionNames() {
  std::vector<std::string_view> out;
  for (const auto& f : kFunctions) out.push_back(f.name);
  for (const char* n : {"count", "sum", "avg", "min", "max", "collect", "stDev", "stDevP",
                        "percentileCont", "percentileDisc"})
    out.push_back(n);
  return out;
}

bool isAggregateName(std::string_view name) {
  for (const char* n : {"count", "sum", "avg", "min", "max", "collect", "stDev", "stDevP",
                        "percentileCont", "percentileDisc"}) {
    if (equalsIgnoreCase(n, name)) return true;
  }
  return false;
}

}  // namespace silkgraph
