// Implements query/function/value_ops.h: the operator semantics of openCypher.
#include "query/function/value_ops.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "engine/error.h"
#include "query/function/statement_limits.h"
#include "query/function/temporal_parts.h"

namespace silkgraph {

using T = Value::Type;

Tri triAnd(Tri a, Tri b) {
  if (a == Tri::False || b == Tri::False) return Tri::False;
  if (a == Tri::Null || b == Tri::Null) return Tri::Null;
  return Tri::True;
}
Tri triOr(Tri a, Tri b) {
  if (a == Tri::True || b == Tri::True) return Tri::True;
  if (a == Tri::Null || b == Tri::Null) return Tri::Null;
  return Tri::False;
}
Tri triXor(Tri a, Tri b) {
  if (a == Tri::Null || b == Tri::Null) return Tri::Null;
  return triOf(a != b);
}
Tri triNot(Tri a) {
  if (a == Tri::Null) return Tri::Null;
  return a == Tri::True ? Tri::False : Tri::True;
}

const char* cypherTypeName(const Value& v) {
  switch (v.type()) {
    case T::Null:
      return "Null";
    case T::Bool:
      return "Boolean";
    case T::Int:
      return "Integer";
    case T::Float:
      return "Float";
    case T::String:
      return "String";
    case T::Date:
      return "Date";
    case T::LocalTime:
      return "LocalTime";
    case T::Time:
      return "Time";
    case T::LocalDateTime:
      return "LocalDateTime";
    case T::DateTime:
      return "DateTime";
    case T::Duration:
      return "Duration";
    case T::List:
      return "List";
    case T::Map:
      return "Map";
    case T::Node:
      return "Node";
    case T::Rel:
      return "Relationship";
    case T::Path:
      return "Path";
  }
  return "?";
}

Tri truthOf(const Value& v, const char* context) {
  if (v.isNull()) return Tri::Null;
  if (v.type() == T::Bool) return triOf(v.asBool());
  throwRuntime(ErrorKind::TypeError,
               std::string(context) + " expects a Boolean, got " + cypherTypeName(v),
               "InvalidArgumentType");
}

Tri cypherEquals(const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return Tri::Null;
  if (a.isNumber() && b.isNumber()) {
    if (a.type() == T::Int && b.type() == T::Int) return triOf(a.asInt() == b.asInt());
    double x = a.asNumber(), y = b.asNumber();
    if (a.type() == T::Int || b.type() == T::Int) {
      // Compare exactly when the float is integral and in range.
      int64_t i = a.type() == T::Int ? a.asInt() : b.asInt();
      double f = a.type() == T::Int ? y : x;
      if (std::isnan(f)) return Tri::False;
      if (f >= -9.2233720368547758e18 && f < 9.2233720368547758e18 && f == std::floor(f))
        return triOf(static_cast<int64_t>(f) == i);
      return triOf(static_cast<double>(i) == f);
    }
    return triOf(x == y);
  }
  if (a.type() != b.type()) return Tri::False;
  switch (a.type()) {
    case T::Bool:
      return triOf(a.asBool() == b.asBool());
    case T::String:
      return triOf(a.asString() == b.asString());
    case T::Date:
      return triOf(a.asDate() == b.asDate());
    case T::LocalTime:
    case T::Time:
    case T::LocalDateTime:
    case T::DateTime:
    case T::Duration:
      return triOf(a.identical(b));
    case T::Node:
      return triOf(a.asNode() == b.asNode());
    case T::Rel:
      return triOf(a.asRel() == b.asRel());
    case T::Path: {
      const auto& p = a.asPath();
      const auto& q = b.asPath();
      return triOf(p.nodes == q.nodes && p.rels == q.rels);
    }
    case T::List: {
      const auto& x = a.asList();
      const auto& y = b.asList();
      if (x.size() != y.size()) return Tri::False;
      Tri result = Tri::True;
      for (size_t i = 0; i < x.size(); ++i) {
        Tri t = cypherEquals(x[i], y[i]);
        if (t == Tri::False) return Tri::False;
        if (t == Tri::Null) result = Tri::Null;
      }
      return result;
    }
    case T::Map: {
      const auto& x = a.asMap();
      const auto& y = b.asMap();
      if (x.size() != y.size()) return Tri::False;
      Tri result = Tri::True;
      for (size_t i = 0; i < x.size(); ++i) {
        if (x[i].first != y[i].first) return Tri::False;
      }
      for (size_t i = 0; i < x.size(); ++i) {
        Tri t = cypherEquals(x[i].second, y[i].second);
        if (t == Tri::False) return Tri::False;
        if (t == Tri::Null) result = Tri::Null;
      }
      return result;
    }
    default:
      return Tri::False;
  }
}

bool cypherCompare(const Value& a, const Value& b, int& out) {
  if (a.isNull() || b.isNull()) return false;
  if (a.isNumber() && b.isNumber()) {
    if (a.type() == T::Int && b.type() == T::Int) {
      out = a.asInt() < b.asInt() ? -1 : (a.asInt() > b.asInt() ? 1 : 0);
      return true;
    }
    double x = a.asNumber(), y = b.asNumber();
    if (std::isnan(x) || std::isnan(y)) return false;
    out = x < y ? -1 : (x > y ? 1 : 0);
    return true;
  }
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case T::Bool:
      out = static_cast<int>(a.asBool()) - static_cast<int>(b.asBool());
      return true;
    case T::String: {
      int c = a.asString().compare(b.asString());
      out = c < 0 ? -1 : (c > 0 ? 1 : 0);
      return true;
    }
    case T::Date:
      out = a.asDate().days < b.asDate().days ? -1 : (a.asDate().days > b.asDate().days ? 1 : 0);
      return true;
    case T::LocalTime:
    case T::Time:
    case T::LocalDateTime:
    case T::DateTime:
      out = Value::orderCompare(a, b);
      return true;
    case T::List: {
      const auto& x = a.asList();
      const auto& y = b.asList();
      size_t n = std::min(x.size(), y.size());
      for (size_t i = 0; i < n; ++i) {
        int c = 0;
        if (!cypherCompare(x[i], y[i], c)) return false;
        if (c != 0) {
          out = c;
          return true;
        }
      }
      out = x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
      return true;
    }
    default:
      return false;
  }
}

namespace {

[[noreturn]] void badOperands(const char* op, const Value& a, const Value& b) {
  throwRuntime(ErrorKind::TypeError,
               std::string("cannot apply '") + op + "' to " + cypherTypeName(a) + " and " +
                   cypherTypeName(b),
               "InvalidArgumentType");
}

[[noreturn]] void overflow() {
  throwRuntime(ErrorKind::ArgumentError, "integer overflow", "IntegerOverflow");
}

// A copy of n values or bytes is work the statement's timeout and memory limit see (a reduce
// that grows a list copies it at every step).
void buildingValues(size_t n, size_t bytesEach) {
  pollCurrentLimits(static_cast<uint32_t>(std::min<size_t>(n / 16 + 1, 1u << 20)));
  checkCurrentRoom(static_cast<uint64_t>(n) * bytesEach);
}

Value appendLists(const Value& a, const Value& b) {
  buildingValues(
      (a.type() == T::List ? a.asList().size() : 1) + (b.type() == T::List ? b.asList().size() : 1),
      sizeof(Value));
  ValueList out;
  if (a.type() == T::List) {
    out = a.asList();
  } else {
    out.push_back(a);
  }
  if (b.type() == T::List) {
    out.insert(out.end(), b.asList().begin(), b.asList().end());
  } else {
    out.push_back(b);
  }
  return Value(std::move(out));
}

std::string toStringForConcat(const Value& v) {
  if (v.type() == T::String) return v.asString();
  if (v.type() == T::Float) return formatFloat(v.asFloat());
  if (v.type() == T::Int) return std::to_string(v.asInt());
  if (v.type() == T::Bool) return v.asBool() ? "true" : "false";
  if (v.isTemporal()) return temporalText(v);
  return v.toCypherLiteral();
}

}  // namespace

Value arithAdd(const Value& a, const Value& b) {
  if (a.type() == T::List || b.type() == T::List) return appendLists(a, b);
  if (a.isNull() || b.isNull()) return Value();
  if (a.type() == T::Int && b.type() == T::Int) {
    int64_t r;
    if (__builtin_add_overflow(a.asInt(), b.asInt(), &r)) overflow();
    return Value(r);
  }
  if (a.isNumber() && b.isNumber()) return Value(a.asNumber() + b.asNumber());
  if (b.type() == T::Duration && a.isTemporal())
    return a.type() == T::Duration ? functions::durationPlus(a.asDuration(), b.asDuration(), 1)
                                   : functions::temporalPlusDuration(a, b.asDuration(), 1);
  if (a.type() == T::Duration && b.isTemporal())
    return functions::temporalPlusDuration(b, a.asDuration(), 1);
  if (a.type() == T::String && (b.type() == T::String || b.isNumber() || b.type() == T::Bool)) {
    buildingValues((a.asString().size() + (b.type() == T::String ? b.asString().size() : 0)) / 64,
                   64);
    return Value(a.asString() + toStringForConcat(b));
  }
  if (b.type() == T::String && (a.isNumber() || a.type() == T::Bool))
    return Value(toStringForConcat(a) + b.asString());
  badOperands("+", a, b);
}

Value arithSub(const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return Value();
  if (a.type() == T::Int && b.type() == T::Int) {
    int64_t r;
    if (__builtin_sub_overflow(a.asInt(), b.asInt(), &r)) overflow();
    return Value(r);
  }
  if (a.isNumber() && b.isNumber()) return Value(a.asNumber() - b.asNumber());
  if (b.type() == T::Duration && a.isTemporal())
    return a.type() == T::Duration ? functions::durationPlus(a.asDuration(), b.asDuration(), -1)
                                   : functions::temporalPlusDuration(a, b.asDuration(), -1);
  badOperands("-", a, b);
}

Value arithMul(const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return Value();
  if (a.type() == T::Int && b.type() == T::Int) {
    int64_t r;
    if (__builtin_mul_overflow(a.asInt(), b.asInt(), &r)) overflow();
    return Value(r);
  }
  if (a.isNumber() && b.isNumber()) return Value(a.asNumber() * b.asNumber());
  if (a.type() == T::Duration && b.isNumber())
    return functions::durationTimes(a.asDuration(), b, false);
  if (b.type() == T::Duration && a.isNumber())
    return functions::durationTimes(b.asDuration(), a, false);
  badOperands("*", a, b);
}

Value arithDiv(const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return Value();
  if (a.type() == T::Int && b.type() == T::Int) {
    if (b.asInt() == 0)
      throwRuntime(ErrorKind::ArgumentError, "division by zero", "DivisionByZero");
    if (a.asInt() == std::numeric_limits<int64_t>::min() && b.asInt() == -1) overflow();
    return Value(a.asInt() / b.asInt());
  }
  if (a.isNumber() && b.isNumber()) return Value(a.asNumber() / b.asNumber());
  if (a.type() == T::Duration && b.isNumber())
    return functions::durationTimes(a.asDuration(), b, true);
  badOperands("/", a, b);
}

Value arithMod(const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return Value();
  if (a.type() == T::Int && b.type() == T::Int) {
    if (b.asInt() == 0)
      throwRuntime(ErrorKind::ArgumentError, "division by zero", "DivisionByZero");
    if (b.asInt() == -1) return Value(int64_t{0});
    return Value(a.asInt() % b.asInt());
  }
  if (a.isNumber() && b.isNumber()) return Value(std::fmod(a.asNumber(), b.asNumber()));
  badOperands("%", a, b);
}

Value arithPow(const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return Value();
  if (a.isNumber() && b.isNumber()) return Value(std::pow(a.asNumber(), b.asNumber()));
  badOperands("^", a, b);
}

Value arithNeg(const Value& a) {
  if (a.isNull()) return Value();
  if (a.type() == T::Int) {
    if (a.asInt() == std::numeric_limits<int64_t>::min()) overflow();
    return Value(-a.asInt());
  }
  if (a.type() == T::Float) return Value(-a.asFloat());
  throwRuntime(ErrorKind::TypeError, std::string("cannot negate ") + cypherTypeName(a),
               "InvalidArgumentType");
}

Tri listContains(const Value& list, const Value& x) {
  if (list.isNull()) return Tri::Null;
  if (list.type() != T::List)
    throwRuntime(ErrorKind::TypeError,
                 std::string("IN expects a List on its right, got ") + cypherTypeName(list),
                 "InvalidArgumentType");
  Tri result = Tri::False;
  for (const auto& e : list.asList()) {
    Tri t = cypherEquals(x, e);
    if (t == Tri::True) return Tri::True;
    if (t == Tri::Null) result = Tri::Null;
  }
  return result;
}

}  // namespace silkgraph
