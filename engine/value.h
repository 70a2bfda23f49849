// Value: the runtime value of the property graph and of query expressions.
//
// A Value is a small tagged union. Scalars are stored inline; strings, lists,
// maps and paths are shared immutable payloads (shared_ptr<const T>), so
// copying a Value never allocates. Strings read from storage share the
// dictionary's payload, so a property read does not allocate either.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "engine/temporal.h"

namespace silkgraph {

using NodeId = uint32_t;
using RelId = uint32_t;
constexpr uint32_t kInvalidId = UINT32_MAX;

// Calendar date as days since 1970-01-01 (proleptic Gregorian).
struct Date {
  int32_t days = 0;
  friend bool operator==(Date a, Date b) { return a.days == b.days; }
  friend auto operator<=>(Date a, Date b) { return a.days <=> b.days; }
};

// Parses "YYYY-MM-DD" (also "YYYY" and "YYYY-MM", taking the first day).
// Returns false on malformed input or an impossible date.
bool parseDate(std::string_view text, Date& out);
std::string formatDate(Date d);
Date dateFromYmd(int year, unsigned month, unsigned day);
void dateToYmd(Date d, int& year, unsigned& month, unsigned& day);

struct NodeRef {
  NodeId id = kInvalidId;
  friend bool operator==(NodeRef a, NodeRef b) { return a.id == b.id; }
};
struct RelRef {
  RelId id = kInvalidId;
  friend bool operator==(RelRef a, RelRef b) { return a.id == b.id; }
};

class Value;
using ValueList = std::vector<Value>;
// Map entries are kept sorted by key (unique keys).
using ValueMap = std::vector<std::pair<std::string, Value>>;

// A path alternates nodes and relationships: nodes.size() == rels.size() + 1.
struct PathValue {
  std::vector<NodeId> nodes;
  std::vector<RelId> rels;
};

using StringPtr = std::shared_ptr<const std::string>;

class Value {
 public:
  // The order of the variant's alternatives; the database file stores these numbers, so new
  // types are appended.
  enum class Type : uint8_t {
    Null,
    Bool,
    Int,
    Float,
    String,
    Date,
    List,
    Map,
    Node,
    Rel,
    Path,
    LocalTime,
    Time,
    LocalDateTime,
    DateTime,
    Duration
  };

  Value() = default;
  Value(std::nullptr_t) {}
  explicit Value(bool b) : v_(b) {}
  Value(int64_t i) : v_(i) {}
  Value(int i) : v_(static_cast<int64_t>(i)) {}
  Value(double d) : v_(d) {}
  Value(Date d) : v_(d) {}
  Value(NodeRef n) : v_(n) {}
  Value(RelRef r) : v_(r) {}
  Value(StringPtr s) : v_(std::move(s)) {}
  Value(std::string s) : v_(std::make_shared<const std::string>(std::move(s))) {}
  Value(std::string_view s) : Value(std::string(s)) {}
  Value(const char* s) : Value(std::string(s)) {}
  Value(ValueList l) : v_(std::make_shared<const ValueList>(std::move(l))) {}
  Value(ValueMap m);  // sorts by key, last duplicate wins
  Value(PathValue p) : v_(std::make_shared<const PathValue>(std::move(p))) {}
  // Local times fit inline; the larger temporal values are shared payloads like strings.
  Value(LocalTime t) : v_(t) {}
  Value(TimeValue t) : v_(std::make_shared<const TimeValue>(t)) {}
  Value(LocalDateTime t) : v_(std::make_shared<const LocalDateTime>(t)) {}
  Value(DateTime t) : v_(std::make_shared<const DateTime>(std::move(t))) {}
  Value(Duration d) : v_(std::make_shared<const Duration>(d)) {}

  static Value boolean(bool b) { return Value(b); }

  // Hot-path setters for the pattern matcher: overwrite in place when the type is unchanged.
  void setNode(NodeId n) {
    if (auto* p = std::get_if<NodeRef>(&v_)) {
      p->id = n;
    } else {
      v_ = NodeRef{n};
    }
  }
  void setRel(RelId r) {
    if (auto* p = std::get_if<RelRef>(&v_)) {
      p->id = r;
    } else {
      v_ = RelRef{r};
    }
  }

  Type type() const { return static_cast<Type>(v_.index()); }
  bool isNull() const { return type() == Type::Null; }
  bool isNumber() const { return type() == Type::Int || type() == Type::Float; }

  bool asBool() const { return std::get<bool>(v_); }
  int64_t asInt() const { return std::get<int64_t>(v_); }
  double asFloat() const { return std::get<double>(v_); }
  // Int or Float as double.
  double asNumber() const { return type() == Type::Int ? static_cast<double>(asInt()) : asFloat(); }
  const std::string& asString() const { return *std::get<StringPtr>(v_); }
  const StringPtr& stringPtr() const { return std::get<StringPtr>(v_); }
  Date asDate() const { return std::get<Date>(v_); }
  const ValueList& asList() const { return *std::get<std::shared_ptr<const ValueList>>(v_); }
  const ValueMap& asMap() const { return *std::get<std::shared_ptr<const ValueMap>>(v_); }
  NodeId asNode() const { return std::get<NodeRef>(v_).id; }
  RelId asRel() const { return std::get<RelRef>(v_).id; }
  const PathValue& asPath() const { return *std::get<std::shared_ptr<const PathValue>>(v_); }
  LocalTime asLocalTime() const { return std::get<LocalTime>(v_); }
  const TimeValue& asTime() const { return *std::get<std::shared_ptr<const TimeValue>>(v_); }
  const LocalDateTime& asLocalDateTime() const {
    return *std::get<std::shared_ptr<const LocalDateTime>>(v_);
  }
  const DateTime& asDateTime() const { return *std::get<std::shared_ptr<const DateTime>>(v_); }
  const Duration& asDuration() const { return *std::get<std::shared_ptr<const Duration>>(v_); }
  // Date, LocalTime, Time, LocalDateTime, DateTime or Duration.
  bool isTemporal() const { return type() == Type::Date || type() >= Type::LocalTime; }

  // Looks up a map key; returns nullptr when absent.
  const Value* mapFind(std::string_view key) const;

  // Structural identity: same type and same content (1 and 1.0 differ, null equals null).
  // Used by DISTINCT, grouping and tests; Cypher '=' semantics live in the query engine.
  bool identical(const Value& other) const;
  size_t hash() const;

  // Cypher's global sort order for ORDER BY (null last in ascending order): map < node <
  // relationship < list < path < datetime < localdatetime < date < time < localtime <
  // duration < string < boolean < number < null.
  // Returns <0, 0, >0. Numbers compare by value (1 == 1.0 here, NaN after all numbers).
  static int orderCompare(const Value& a, const Value& b);

  // Literal text in Cypher syntax: strings quoted with '...' and escaped, floats always with
  // a decimal point or exponent (1.0), lists [..], maps {k: v}. Nodes/rels/paths print as
  // (#id), [#id], <path> because their content lives in the graph; the query layer has a
  // graph-aware printer.
  std::string toCypherLiteral() const;

  static const char* typeName(Type t);

 private:
  std::variant<std::monostate, bool, int64_t, double, StringPtr, Date,
               std::shared_ptr<const ValueList>, std::shared_ptr<const ValueMap>, NodeRef, RelRef,
               std::shared_ptr<const PathValue>, LocalTime, std::shared_ptr<const TimeValue>,
               std::shared_ptr<const LocalDateTime>, std::shared_ptr<const DateTime>,
               std::shared_ptr<const Duration>>
      v_;
};

struct ValueHash {
  size_t operator()(const Value& v) const { return v.hash(); }
};
struct ValueIdentical {
  bool operator()(const Value& a, const Value& b) const { return a.identical(b); }
};

// How one notation spells the leaves of a value. appendValueText walks lists and maps the same
// way for every notation (Cypher literals here, the TCK notation in query/value_format.cpp,
// JSON and plain text in export/text_util.cpp); only the leaves differ.
class ValueNotation {
 public:
  virtual ~ValueNotation() = default;
  virtual void string(std::string& out, const std::string& s) const = 0;
  virtual void date(std::string& out, Date d) const = 0;
  // The other temporal types; by default their ISO 8601 text as a string.
  virtual void temporal(std::string& out, const Value& v) const;
  virtual void mapKey(std::string& out, const std::string& key) const = 0;
  // Nodes, relationships and paths: their content lives in a graph the notation may know.
  virtual void entity(std::string& out, const Value& v) const = 0;
  // NaN and the infinities; JSON has no spelling for them.
  virtual void nonFinite(std::string& out, double d) const;
};
void appendValueText(std::string& out, const Value& v, const ValueNotation& how);

// Formats a double the way Cypher tools print it: shortest round-trip form, always with
// a '.' or an exponent ("1.0", "0.1", "1e+20"), "NaN", "Infinity", "-Infinity".
std::string formatFloat(double d);

// The ISO 8601 text of a temporal value (Date included), as toString() gives it.
std::string temporalText(const Value& v);
// The name of a temporal value's constructor function: "date", "localtime", "time",
// "localdatetime", "datetime" or "duration".
const char* temporalFunctionName(Value::Type t);
// A temporal value of type t (not Date) from its ISO 8601 text, as the functions of the same
// name read it; nullopt when the text is not one. A datetime without an offset or zone is
// UTC; a named zone must be in the tz database.
std::optional<Value> parseTemporalValue(Value::Type t, std::string_view text);

}  // namespace silkgraph
