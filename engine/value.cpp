// Value: dates, map construction, identity/hash, the openCypher ORDER BY order and the
// Cypher literal printer for runtime values (see engine/value.h).
#include "engine/value.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>

namespace silkgraph {

// ---------------------------------------------------------------- dates

namespace {

bool parseDigits(std::string_view s, int& out) {
  if (s.empty()) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace

bool parseDate(std::string_view text, Date& out) {
  // Accepted shapes: YYYY, YYYY-MM, YYYY-MM-DD (exactly these digit counts).
  int year = 0, month = 1, day = 1;
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return false;
  if (!parseDigits(text.substr(0, 4), year)) return false;
  if (text.size() >= 7) {
    if (text[4] != '-' || !parseDigits(text.substr(5, 2), month)) return false;
  }
  if (text.size() == 10) {
    if (text[7] != '-' || !parseDigits(text.substr(8, 2), day)) return false;
  }
  using namespace std::chrono;
  year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                     std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return false;
  out = Date{static_cast<int32_t>(sys_days{ymd}.time_since_epoch().count())};
  return true;
}

Date dateFromYmd(int year, unsigned month, unsigned day) {
  using namespace std::chrono;
  year_month_day ymd{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  return Date{static_cast<int32_t>(sys_days{ymd}.time_since_epoch().count())};
}

void dateToYmd(Date d, int& year, unsigned& month, unsigned& day) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{std::chrono::days{d.days}}};
  year = static_cast<int>(ymd.year());
  month = static_cast<unsigned>(ymd.month());
  day = static_cast<unsigned>(ymd.day());
}

std::string formatDate(Date d) {
  int y = 0;
  unsigned m = 0, dd = 0;
  dateToYmd(d, y, m, dd);
  char buf[32];
  if (y >= 0 && y <= 9999) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, dd);
  } else {
    // Outside four digits: ISO 8601 expanded form with an explicit sign.
    std::snprintf(buf, sizeof buf, "%+05d-%02u-%02u", y, m, dd);
  }
  return buf;
}

// ---------------------------------------------------------------- floats

std::string formatFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

// ---------------------------------------------------------------- maps

Value::Value(ValueMap m) {
  // Stable sort keeps insertion order among equal keys, so the last duplicate is the one
  // that survives below.
  std::stable_sort(m.begin(), m.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  ValueMap out;
  out.reserve(m.size());
  for (auto& e : m) {
    if (!out.empty() && out.back().first == e.first) {
      out.back().second = std::move(e.second);
    } else {
      out.push_back(std::move(e));
    }
  }
  v_ = std::make_shared<const ValueMap>(std::move(out));
}

const Value* Value::mapFind(std::string_view key) const {
  if (type() != Type::Map) return nullptr;
  const ValueMap& m = asMap();
  auto it = std::lower_bound(m.begin(), m.end(), key,
                             [](const auto& e, std::string_view k) { return e.first < k; });
  if (it == m.end() || it->first != key) return nullptr;
  return &it->second;
}

// ---------------------------------------------------------------- identity and hash

bool Value::identical(const Value& o) const {
  if (type() != o.type()) return false;
  switch (type()) {
    case Type::Null:
      return true;
    case Type::Bool:
      return asBool() == o.asBool();
    case Type::Int:
      return asInt() == o.asInt();
    case Type::Float: {
      double a = asFloat(), b = o.asFloat();
      // NaN is identical to NaN so that DISTINCT/grouping collapse them; 0.0 == -0.0.
      return a == b || (std::isnan(a) && std::isnan(b));
    }
    case Type::String:
      return stringPtr() == o.stringPtr() || asString() == o.asString();
    case Type::Date:
      return asDate() == o.asDate();
    case Type::List: {
      const ValueList& a = asList();
      const ValueList& b = o.asList();
      if (&a == &b) return true;
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (!a[i].identical(b[i])) return false;
      return true;
    }
    case Type::Map: {
      const ValueMap& a = asMap();
      const ValueMap& b = o.asMap();
      if (&a == &b) return true;
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (a[i].first != b[i].first || !a[i].second.identical(b[i].second)) return false;
      return true;
    }
    case Type::Node:
      return asNode() == o.asNode();
    case Type::Rel:
      return asRel() == o.asRel();
    case Type::Path: {
      const PathValue& a = asPath();
      const PathValue& b = o.asPath();
      return a.nodes == b.nodes && a.rels == b.rels;
    }
    case Type::LocalTime:
    case Type::Time:
    case Type::LocalDateTime:
    case Type::DateTime:
    case Type::Duration:
      return temporal::sameTemporal(*this, o);
  }
  return false;
}

namespace {

inline size_t mix(size_t h, size_t v) {
  // boost::hash_combine's constant, widened for 64-bit.
  return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

}  // namespace

size_t Value::hash() const {
  size_t h = static_cast<size_t>(type()) * 0x100000001b3ULL;
  switch (type()) {
    case Type::Null:
      return h;
    case Type::Bool:
      return mix(h, asBool() ? 1 : 2);
    case Type::Int:
      return mix(h, std::hash<int64_t>{}(asInt()));
    case Type::Float: {
      double d = asFloat();
      if (std::isnan(d)) return mix(h, 0x7ff8);
      if (d == 0) d = 0.0;  // -0.0 and 0.0 are identical, so they must hash alike
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      return mix(h, std::hash<uint64_t>{}(bits));
    }
    case Type::String:
      return mix(h, std::hash<std::string_view>{}(asString()));
    case Type::Date:
      return mix(h, std::hash<int32_t>{}(asDate().days));
    case Type::List:
      for (const Value& e : asList()) h = mix(h, e.hash());
      return h;
    case Type::Map:
      for (const auto& [k, v] : asMap()) h = mix(mix(h, std::hash<std::string>{}(k)), v.hash());
      return h;
    case Type::Node:
      return mix(h, asNode());
    case Type::Rel:
      return mix(h, asRel());
    case Type::Path:
      for (NodeId n : asPath().nodes) h = mix(h, n);
      for (RelId r : asPath().rels) h = mix(h, static_cast<size_t>(r) << 1);
      return h;
    case Type::LocalTime:
    case Type::Time:
    case Type::LocalDateTime:
    case Type::DateTime:
    case Type::Duration:
      return mix(h, temporal::temporalHash(*this));
  }
  return h;
}

// ---------------------------------------------------------------- ordering

namespace {

// openCypher orderability: MAP < NODE < RELATIONSHIP < LIST < PATH < DATETIME <
// LOCALDATETIME < DATE < TIME < LOCALTIME < DURATION < STRING < BOOLEAN < NUMBER < null.
int orderRank(Value::Type t) {
  switch (t) {
    case Value::Type::Map:
      return 0;
    case Value::Type::Node:
      return 1;
    case Value::Type::Rel:
      return 2;
    case Value::Type::List:
      return 3;
    case Value::Type::Path:
      return 4;
    case Value::Type::DateTime:
      return 5;
    case Value::Type::LocalDateTime:
      return 6;
    case Value::Type::Date:
      return 7;
    case Value::Type::Time:
      return 8;
    case Value::Type::LocalTime:
      return 9;
    case Value::Type::Duration:
      return 10;
    case Value::Type::String:
      return 11;
    case Value::Type::Bool:
      return 12;
    case Value::Type::Int:
    case Value::Type::Float:
      return 13;
    case Value::Type::Null:
      return 14;
  }
  return 14;
}

template <typename T>
int cmp3(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int compareNumbers(const Value& a, const Value& b) {
  if (a.type() == Value::Type::Int && b.type() == Value::Type::Int)
    return cmp3(a.asInt(), b.asInt());
  bool an = a.type() == Value::Type::Float && std::isnan(a.asFloat());
  bool bn = b.type() == Value::Type::Float && std::isnan(b.asFloat());
  if (an || bn) return an == bn ? 0 : (an ? 1 : -1);
  // long double holds every int64 exactly on x86-64, so mixed comparisons are exact there.
  long double x = a.type() == Value::Type::Int ? static_cast<long double>(a.asInt())
                                               : static_cast<long double>(a.asFloat());
  long double y = b.type() == Value::Type::Int ? static_cast<long double>(b.asInt())
                                               : static_cast<long double>(b.asFloat());
  return cmp3(x, y);
}

}  // namespace

int Value::orderCompare(const Value& a, const Value& b) {
  int ra = orderRank(a.type()), rb = orderRank(b.type());
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.type()) {
    case Type::Null:
      return 0;
    case Type::Bool:
      return cmp3(a.asBool(), b.asBool());
    case Type::Int:
    case Type::Float:
      return compareNumbers(a, b);
    case Type::String: {
      int c = a.asString().compare(b.asString());  // byte order == code point order in UTF-8
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Type::Date:
      return cmp3(a.asDate().days, b.asDate().days);
    case Type::List: {
      const ValueList& x = a.asList();
      const ValueList& y = b.asList();
      size_t n = std::min(x.size(), y.size());
      for (size_t i = 0; i < n; ++i)
        if (int c = orderCompare(x[i], y[i])) return c;
      return cmp3(x.size(), y.size());
    }
    case Type::Map: {
      const ValueMap& x = a.asMap();
      const ValueMap& y = b.asMap();
      size_t n = std::min(x.size(), y.size());
      for (size_t i = 0; i < n; ++i) {
        int c = x[i].first.compare(y[i].first);
        if (c) return c < 0 ? -1 : 1;
        if (int d = orderCompare(x[i].second, y[i].second)) return d;
      }
      return cmp3(x.size(), y.size());
    }
    case Type::Node:
      return cmp3(a.asNode(), b.asNode());
    case Type::Rel:
      return cmp3(a.asRel(), b.asRel());
    case Type::Path: {
      // Alternating node, rel, node, ... compared element by element.
      const PathValue& x = a.asPath();
      const PathValue& y = b.asPath();
      size_t lx = x.nodes.size() + x.rels.size(), ly = y.nodes.size() + y.rels.size();
      for (size_t i = 0; i < std::min(lx, ly); ++i) {
        uint32_t ex = i % 2 == 0 ? x.nodes[i / 2] : x.rels[i / 2];
        uint32_t ey = i % 2 == 0 ? y.nodes[i / 2] : y.rels[i / 2];
        if (ex != ey) return ex < ey ? -1 : 1;
      }
      return cmp3(lx, ly);
    }
    case Type::LocalTime:
    case Type::Time:
    case Type::LocalDateTime:
    case Type::DateTime:
    case Type::Duration:
      return temporal::orderTemporal(a, b);
  }
  return 0;
}

// ---------------------------------------------------------------- printing

namespace {

void appendQuoted(std::string& out, const std::string& s) {
  out += '\'';
  for (char c : s) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  out += '\'';
}

// Map keys that are not plain identifiers are printed in backquotes.
void appendKey(std::string& out, const std::string& k) {
  bool plain = !k.empty() && !(k[0] >= '0' && k[0] <= '9');
  for (char c : k) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '_' || u >= 0x80)) plain = false;
  }
  if (plain) {
    out += k;
    return;
  }
  out += '`';
  for (char c : k) {
    if (c == '`') out += '`';
    out += c;
  }
  out += '`';
}

// Cypher literal syntax (see toCypherLiteral).
class LiteralNotation final : public ValueNotation {
 public:
  void string(std::string& out, const std::string& s) const override { appendQuoted(out, s); }
  void date(std::string& out, Date d) const override {
    // A valid Cypher expression that evaluates back to the same date.
    out += "date('";
    out += formatDate(d);
    out += "')";
  }
  void temporal(std::string& out, const Value& v) const override {
    out += temporalFunctionName(v.type());
    out += "('";
    out += temporalText(v);
    out += "')";
  }
  void mapKey(std::string& out, const std::string& key) const override { appendKey(out, key); }
  void entity(std::string& out, const Value& v) const override {
    if (v.type() == Value::Type::Node)
      out += "(#" + std::to_string(v.asNode()) + ")";
    else if (v.type() == Value::Type::Rel)
      out += "[#" + std::to_string(v.asRel()) + "]";
    else
      out += "<path>";
  }
};

}  // namespace

void ValueNotation::nonFinite(std::string& out, double d) const {
  out += formatFloat(d);
}

void appendValueText(std::string& out, const Value& v, const ValueNotation& how) {
  switch (v.type()) {
    case Value::Type::Null:
      out += "null";
      return;
    case Value::Type::Bool:
      out += v.asBool() ? "true" : "false";
      return;
    case Value::Type::Int:
      out += std::to_string(v.asInt());
      return;
    case Value::Type::Float:
      if (std::isfinite(v.asFloat()))
        out += formatFloat(v.asFloat());
      else
        how.nonFinite(out, v.asFloat());
      return;
    case Value::Type::String:
      how.string(out, v.asString());
      return;
    case Value::Type::Date:
      how.date(out, v.asDate());
      return;
    case Value::Type::LocalTime:
    case Value::Type::Time:
    case Value::Type::LocalDateTime:
    case Value::Type::DateTime:
    case Value::Type::Duration:
      how.temporal(out, v);
      return;
    case Value::Type::List: {
      out += '[';
      bool first = true;
      for (const Value& e : v.asList()) {
        if (!first) out += ", ";
        first = false;
        appendValueText(out, e, how);
      }
      out += ']';
      return;
    }
    case Value::Type::Map: {
      // ValueMap entries are sorted by key.
      out += '{';
      bool first = true;
      for (const auto& [k, e] : v.asMap()) {
        if (!first) out += ", ";
        first = false;
        how.mapKey(out, k);
        out += ": ";
        appendValueText(out, e, how);
      }
      out += '}';
      return;
    }
    case Value::Type::Node:
    case Value::Type::Rel:
    case Value::Type::Path:
      how.entity(out, v);
      return;
  }
}

std::string Value::toCypherLiteral() const {
  std::string out;
  appendValueText(out, *this, LiteralNotation{});
  return out;
}

const char* Value::typeName(Type t) {
  switch (t) {
    case Type::Null:
      return "Null";
    case Type::Bool:
      return "Boolean";
    case Type::Int:
      return "Integer";
    case Type::Float:
      return "Float";
    case Type::String:
      return "String";
    case Type::Date:
      return "Date";
    case Type::List:
      return "List";
    case Type::Map:
      return "Map";
    case Type::Node:
      return "Node";
    case Type::Rel:
      return "Relationship";
    case Type::Path:
      return "Path";
    case Type::LocalTime:
      return "LocalTime";
    case Type::Time:
      return "Time";
    case Type::LocalDateTime:
      return "LocalDateTime";
    case Type::DateTime:
      return "DateTime";
    case Type::Duration:
      return "Duration";
  }
  return "Unknown";
}

}  // namespace silkgraph
