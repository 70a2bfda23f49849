// Numeric functions: abs, sqrt, exp, log, log10, the trigonometric functions, atan2, pi, e,
// floor, ceil, round, sign, rand.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/error.h"
#include "query/function/scalar_functions.h"

namespace silkgraph::functions {

using T = Value::Type;

namespace {

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

// floor, ceil and round(x) keep integers as they are (as floats, like Neo4j).
template <FnName name, auto f>
Value roundLike(Args a, const Graph&) {
  const Value& v = a[0];
  if (v.isNull()) return Value();
  if (v.type() == T::Int) return Value(static_cast<double>(v.asInt()));
  return Value(static_cast<double>(f(numArg(name.text, v))));
}

}  // namespace

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

// One-argument math functions, each an instance of math1 (named for its errors).
Value fnSqrt(Args a, const Graph& g) {
  return math1<"sqrt", [](double x) { return std::sqrt(x); }>(a, g);
}
Value fnExp(Args a, const Graph& g) {
  return math1<"exp", [](double x) { return std::exp(x); }>(a, g);
}
Value fnLog(Args a, const Graph& g) {
  return math1<"log", [](double x) { return std::log(x); }>(a, g);
}
Value fnLog10(Args a, const Graph& g) {
  return math1<"log10", [](double x) { return std::log10(x); }>(a, g);
}
Value fnSin(Args a, const Graph& g) {
  return math1<"sin", [](double x) { return std::sin(x); }>(a, g);
}
Value fnCos(Args a, const Graph& g) {
  return math1<"cos", [](double x) { return std::cos(x); }>(a, g);
}
Value fnTan(Args a, const Graph& g) {
  return math1<"tan", [](double x) { return std::tan(x); }>(a, g);
}
Value fnAsin(Args a, const Graph& g) {
  return math1<"asin", [](double x) { return std::asin(x); }>(a, g);
}
Value fnAcos(Args a, const Graph& g) {
  return math1<"acos", [](double x) { return std::acos(x); }>(a, g);
}
Value fnAtan(Args a, const Graph& g) {
  return math1<"atan", [](double x) { return std::atan(x); }>(a, g);
}
Value fnFloor(Args a, const Graph& g) {
  return roundLike<"floor", [](double x) { return std::floor(x); }>(a, g);
}
Value fnCeil(Args a, const Graph& g) {
  return roundLike<"ceil", [](double x) { return std::ceil(x); }>(a, g);
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

Value fnRand(Args, const Graph&) {
  // A per-thread xorshift generator: rand() is documented as non-deterministic.
  static thread_local uint64_t state = 0x9E3779B97F4A7C15ull;
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return Value(static_cast<double>(state >> 11) / 9007199254740992.0);
}

}  // namespace silkgraph::functions
