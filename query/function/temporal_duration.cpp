// Durations (query/function/temporal_parts.h): from a map of fields, between two temporal
// values (duration.between, inMonths, inDays, inSeconds), and the arithmetic of temporal
// values with durations and numbers (query/function/value_ops.h calls it).
#include <cmath>
#include <stdexcept>

#include "engine/error.h"
#include "query/function/temporal_parts.h"
#include "query/function/value_ops.h"

namespace silkgraph::functions {

using T = Value::Type;
using namespace temporal;
// Sums of nanoseconds over the whole range of dates need more than 64 bits.
__extension__ typedef __int128 Int128;

namespace {

[[noreturn]] void outOfRange() {
  throwRuntime(ErrorKind::ArgumentError, "the temporal value is out of range",
               "InvalidArgumentValue");
}

}  // namespace

Value durationFromMap(const ValueMap& m) {
  static const std::pair<const char*, int> kUnits[] = {
      {"years", 0},        {"quarters", 1},     {"months", 2},      {"weeks", 3},
      {"days", 4},         {"hours", 5},        {"minutes", 6},     {"seconds", 7},
      {"milliseconds", 8}, {"microseconds", 9}, {"nanoseconds", 10}};
  // months, days, seconds, nanos per unit
  static const double kFactor[][4] = {{12, 0, 0, 0},  {3, 0, 0, 0},    {1, 0, 0, 0},  {0, 7, 0, 0},
                                      {0, 1, 0, 0},   {0, 0, 3600, 0}, {0, 0, 60, 0}, {0, 0, 1, 0},
                                      {0, 0, 0, 1e6}, {0, 0, 0, 1e3},  {0, 0, 0, 1}};
  int64_t exact[4] = {0, 0, 0, 0};
  double approx[4] = {0, 0, 0, 0};
  bool fractional = false;
  for (const auto& [k, v] : m) {
    int unit = -1;
    for (const auto& [name, idx] : kUnits)
      if (k == name) unit = idx;
    if (unit < 0) temporalError("duration() has no field '" + k + "'");
    if (v.isNull()) continue;
    if (!v.isNumber())
      temporalError("the field '" + k + "' of duration() must be a number, got " +
                    cypherTypeName(v));
    for (int c = 0; c < 4; ++c) {
      if (kFactor[unit][c] == 0) continue;
      approx[c] += v.asNumber() * kFactor[unit][c];
      if (v.type() == T::Float) {
        fractional = true;
      } else {
        int64_t part;
        if (__builtin_mul_overflow(v.asInt(), static_cast<int64_t>(kFactor[unit][c]), &part) ||
            __builtin_add_overflow(exact[c], part, &exact[c]))
          outOfRange();
      }
    }
  }
  try {
    if (!fractional) return Value(makeDuration(exact[0], exact[1], exact[2], exact[3]));
    return Value(approximateDuration(approx[0], approx[1], approx[2], approx[3]));
  } catch (const std::overflow_error&) {
    outOfRange();
  }
}

// ---------------------------------------------------------------- between

namespace {

// java.time's LocalDate.until(MONTHS): whole months, truncated toward zero.
int64_t monthsUntil(int64_t fromDays, int64_t toDays) {
  int64_t y1, y2;
  unsigned m1, d1, m2, d2;
  civilFromDays(fromDays, y1, m1, d1);
  civilFromDays(toDays, y2, m2, d2);
  int64_t p1 = (y1 * 12 + m1 - 1) * 32 + d1, p2 = (y2 * 12 + m2 - 1) * 32 + d2;
  return (p2 - p1) / 32;
}

// The end date for counting whole days or months: one day back (or forward) when the end's
// time of day has not yet reached the start's.
int64_t adjustedEnd(const Parts& from, const Parts& to) {
  if (to.days > from.days && to.nanos < from.nanos) return to.days - 1;
  if (to.days < from.days && to.nanos > from.nanos) return to.days + 1;
  return to.days;
}

// Nanoseconds from a local date-time in from's zone to `to`.
Int128 nanosBetween(const Parts& from, const Parts& to, bool zoned) {
  auto abs = [&](const Parts& p) -> Int128 {
    Int128 n = static_cast<Int128>(p.days) * kNanosPerDay + p.nanos;
    if (!zoned) return n;
    DateTime t = dateTimeFromLocal({p.days * kSecondsPerDay + p.nanos / kNanosPerSecond,
                                    static_cast<int32_t>(p.nanos % kNanosPerSecond)},
                                   p.zone, p.offset);
    return static_cast<Int128>(t.seconds) * kNanosPerSecond + t.nanos;
  };
  return abs(to) - abs(from);
}

Duration fromNanos(int64_t months, int64_t days, Int128 nanos) {
  Int128 secs = nanos / kNanosPerSecond;
  if (secs > INT64_MAX || secs < INT64_MIN) outOfRange();
  return makeDuration(months, days, static_cast<int64_t>(secs),
                      static_cast<int64_t>(nanos % kNanosPerSecond));
}

}  // namespace

Value durationBetween(const std::string& kind, const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return Value();
  std::string fn = "duration." + kind;
  for (const Value* v : {&a, &b})
    if (!v->isTemporal() || v->type() == T::Duration)
      throwRuntime(ErrorKind::TypeError,
                   fn + "() cannot take an argument of type " + cypherTypeName(*v),
                   "InvalidArgumentType");
  Parts from = partsOf(a), to = partsOf(b);
  if (!from.hasTime) from.nanos = 0;  // a date is its midnight
  if (!to.hasTime) to.nanos = 0;
  bool zoned = from.hasZone && to.hasZone;
  if (!from.hasDate || !to.hasDate) {  // times of day only
    if (kind == "inMonths" || kind == "inDays") return Value(Duration{});
    int64_t n = to.nanos - from.nanos;
    if (zoned) n += int64_t{from.offset - to.offset} * kNanosPerSecond;
    return Value(makeDuration(0, 0, 0, n));
  }
  // A local date-time next to a zoned one is read in that zone.
  if (from.hasZone && !to.hasZone) {
    to.hasZone = true;
    to.zone = from.zone;
    to.offset = from.offset;
    zoned = true;
  } else if (to.hasZone && !from.hasZone) {
    from.hasZone = true;
    from.zone = to.zone;
    from.offset = to.offset;
    zoned = true;
  }
  if (zoned) to = atZone(to, from.zone, from.offset);
  if (!from.hasTime) from.nanos = 0;
  if (!to.hasTime) to.nanos = 0;
  int64_t months = 0, days = 0;
  Parts cur = from;
  if (kind == "between" || kind == "inMonths") {
    months = monthsUntil(from.days, adjustedEnd(from, to));
    cur.days = plusMonths(from.days, months);
  }
  if (kind == "inMonths") return Value(makeDuration(months, 0, 0, 0));
  if (kind == "between" || kind == "inDays") {
    days = adjustedEnd(cur, to) - cur.days;
    cur.days += days;
  }
  if (kind == "inDays") return Value(makeDuration(0, days, 0, 0));
  return Value(fromNanos(months, days, nanosBetween(cur, to, zoned)));
}

// ---------------------------------------------------------------- arithmetic

Value temporalPlusDuration(const Value& t, const Duration& dIn, int sign) {
  Duration d = dIn;
  if (sign < 0) {
    if (d.months == INT64_MIN || d.days == INT64_MIN || d.seconds == INT64_MIN) outOfRange();
    d = makeDuration(-d.months, -d.days, -d.seconds, -static_cast<int64_t>(d.nanos));
  }
  Parts p = partsOf(t);
  const Int128 timeNanos = static_cast<Int128>(d.seconds) * kNanosPerSecond + d.nanos;
  if (t.type() == T::Date) {
    p.days = plusMonths(p.days, d.months) + d.days + static_cast<int64_t>(timeNanos / kNanosPerDay);
    return valueOf(T::Date, p);
  }
  if (!p.hasDate) {  // a time of day wraps around midnight
    p.nanos =
        static_cast<int64_t>(((p.nanos + timeNanos) % kNanosPerDay + kNanosPerDay) % kNanosPerDay);
    return valueOf(t.type(), p);
  }
  p.days = plusMonths(p.days, d.months) + d.days;
  if (t.type() == T::LocalDateTime) {
    Int128 total = static_cast<Int128>(p.days) * kNanosPerDay + p.nanos + timeNanos;
    p.days = static_cast<int64_t>(total / kNanosPerDay);
    p.nanos = static_cast<int64_t>(total % kNanosPerDay);
    if (p.nanos < 0) {
      p.nanos += kNanosPerDay;
      --p.days;
    }
    return valueOf(T::LocalDateTime, p);
  }
  // A zoned date-time: months and days on the local date, seconds on the instant.
  DateTime local = valueOf(T::DateTime, p).asDateTime();
  Int128 total = static_cast<Int128>(local.seconds) * kNanosPerSecond + local.nanos + timeNanos;
  Int128 secs = total / kNanosPerSecond, ns = total % kNanosPerSecond;
  if (ns < 0) {
    ns += kNanosPerSecond;
    --secs;
  }
  local.seconds = static_cast<int64_t>(secs);
  local.nanos = static_cast<int32_t>(ns);
  return Value(dateTimeAtZone(local, local.zone, local.offset));
}

Value durationPlus(const Duration& a, const Duration& b, int sign) {
  int64_t m, d, s;
  if (__builtin_add_overflow(a.months, sign * b.months, &m) ||
      __builtin_add_overflow(a.days, sign * b.days, &d) ||
      __builtin_add_overflow(a.seconds, sign * b.seconds, &s))
    outOfRange();
  return Value(makeDuration(m, d, s, int64_t{a.nanos} + sign * int64_t{b.nanos}));
}

Value durationTimes(const Duration& d, const Value& factor, bool divide) {
  try {
    if (factor.type() == T::Int && !divide) {
      int64_t f = factor.asInt(), m, dd, s;
      if (__builtin_mul_overflow(d.months, f, &m) || __builtin_mul_overflow(d.days, f, &dd) ||
          __builtin_mul_overflow(d.seconds, f, &s))
        outOfRange();
      return Value(makeDuration(m, dd, s, int64_t{d.nanos} * f));
    }
    double f = factor.asNumber();
    if (divide && f == 0)
      throwRuntime(ErrorKind::ArgumentError, "division by zero", "DivisionByZero");
    auto op = [&](int64_t x) {
      return divide ? static_cast<double>(x) / f : static_cast<double>(x) * f;
    };
    return Value(approximateDuration(op(d.months), op(d.days), op(d.seconds), op(d.nanos)));
  } catch (const std::overflow_error&) {
    outOfRange();
  }
}

}  // namespace silkgraph::functions
