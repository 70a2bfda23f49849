// The components of temporal values read as properties: d.year, d.week, t.hour, t.offset,
// dt.epochSeconds, dur.days, dur.minutesOfHour, ... (query/function/temporal_parts.h).
#include "engine/error.h"
#include "query/function/temporal_parts.h"
#include "query/function/value_ops.h"

namespace silkgraph::functions {

using T = Value::Type;
using namespace temporal;

namespace {

[[noreturn]] void noSuchComponent(const Value& v, const std::string& name) {
  throwRuntime(ErrorKind::TypeError,
               std::string("a ") + cypherTypeName(v) + " has no component '" + name + "'",
               "InvalidArgumentType");
}

bool dateComponent(const Parts& p, const std::string& n, int64_t& out) {
  int64_t y;
  unsigned m, d;
  civilFromDays(p.days, y, m, d);
  int64_t quarterStart = daysFromCivil(y, (m - 1) / 3 * 3 + 1, 1);
  if (n == "year")
    out = y;
  else if (n == "quarter")
    out = (m - 1) / 3 + 1;
  else if (n == "month")
    out = m;
  else if (n == "day")
    out = d;
  else if (n == "ordinalDay")
    out = p.days - daysFromCivil(y, 1, 1) + 1;
  else if (n == "dayOfQuarter")
    out = p.days - quarterStart + 1;
  else if (n == "weekDay" || n == "dayOfWeek")
    out = isoWeekday(p.days);
  else if (n == "week" || n == "weekYear") {
    int64_t wy;
    unsigned w;
    isoWeek(p.days, wy, w);
    out = n == "week" ? static_cast<int64_t>(w) : wy;
  } else {
    return false;
  }
  return true;
}

bool timeComponent(const Parts& p, const std::string& n, int64_t& out) {
  int64_t secs = p.nanos / kNanosPerSecond, sub = p.nanos % kNanosPerSecond;
  if (n == "hour")
    out = secs / 3600;
  else if (n == "minute")
    out = secs / 60 % 60;
  else if (n == "second")
    out = secs % 60;
  else if (n == "millisecond")
    out = sub / 1'000'000;
  else if (n == "microsecond")
    out = sub / 1000;
  else if (n == "nanosecond")
    out = sub;
  else
    return false;
  return true;
}

Value durationComponent(const Duration& d, const std::string& n) {
  const int64_t s = d.seconds, ns = d.nanos;
  if (n == "years") return Value(d.months / 12);
  if (n == "quarters") return Value(d.months / 3);
  if (n == "months") return Value(d.months);
  if (n == "monthsOfYear") return Value(d.months % 12);
  if (n == "monthsOfQuarter") return Value(d.months % 3);
  if (n == "quartersOfYear") return Value(d.months / 3 % 4);
  if (n == "weeks") return Value(d.days / 7);
  if (n == "days") return Value(d.days);
  if (n == "daysOfWeek") return Value(d.days % 7);
  if (n == "hours") return Value(s / 3600);
  if (n == "minutes") return Value(s / 60);
  if (n == "seconds") return Value(s);
  if (n == "minutesOfHour") return Value(s / 60 % 60);
  if (n == "secondsOfMinute") return Value(s % 60);
  if (n == "milliseconds") return Value(s * 1000 + ns / 1'000'000);
  if (n == "microseconds") return Value(s * 1'000'000 + ns / 1000);
  if (n == "nanoseconds") return Value(s * kNanosPerSecond + ns);
  if (n == "millisecondsOfSecond") return Value(ns / 1'000'000);
  if (n == "microsecondsOfSecond") return Value(ns / 1000);
  if (n == "nanosecondsOfSecond") return Value(ns);
  return Value();
}

}  // namespace

Value temporalComponent(const Value& v, const std::string& name) {
  if (v.type() == T::Duration) {
    Value r = durationComponent(v.asDuration(), name);
    if (r.isNull()) noSuchComponent(v, name);
    return r;
  }
  Parts p = partsOf(v);
  int64_t out = 0;
  if (p.hasDate && dateComponent(p, name, out)) return Value(out);
  if (p.hasTime && timeComponent(p, name, out)) return Value(out);
  if (p.hasZone) {
    int32_t offset = p.offset;
    if (name == "timezone") return Value(p.zone.empty() ? formatOffset(offset) : p.zone);
    if (name == "offset") return Value(offset == 0 ? std::string("+00:00") : formatOffset(offset));
    if (name == "offsetMinutes") return Value(static_cast<int64_t>(offset / 60));
    if (name == "offsetSeconds") return Value(static_cast<int64_t>(offset));
  }
  if (v.type() == T::DateTime) {
    const DateTime& t = v.asDateTime();
    if (name == "epochSeconds") return Value(t.seconds);
    if (name == "epochMillis") return Value(t.seconds * 1000 + t.nanos / 1'000'000);
  }
  noSuchComponent(v, name);
}

}  // namespace silkgraph::functions
