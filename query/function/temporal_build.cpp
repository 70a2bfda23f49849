// Building temporal values (query/function/temporal_parts.h): parts of values, values of
// parts, zones, construction from strings and from maps of fields over base values, and
// truncation.
#include <chrono>
#include <stdexcept>

#include "engine/error.h"
#include "query/function/statement_clock.h"
#include "query/function/temporal_parts.h"
#include "query/function/value_ops.h"

namespace silkgraph::functions {

using T = Value::Type;
using namespace temporal;

void temporalError(const std::string& message) {
  throwRuntime(ErrorKind::ArgumentError, message, "InvalidArgumentValue");
}

Parts partsOf(const Value& v) {
  Parts p;
  switch (v.type()) {
    case T::Date:
      p.hasDate = true;
      p.days = v.asDate().days;
      break;
    case T::LocalTime:
      p.hasTime = true;
      p.nanos = v.asLocalTime().nanos;
      break;
    case T::Time:
      p.hasTime = p.hasZone = true;
      p.nanos = v.asTime().nanos;
      p.offset = v.asTime().offset;
      break;
    case T::LocalDateTime: {
      const LocalDateTime& t = v.asLocalDateTime();
      p.hasDate = p.hasTime = true;
      p.days = floorDiv(t.seconds, kSecondsPerDay);
      p.nanos = floorMod(t.seconds, kSecondsPerDay) * kNanosPerSecond + t.nanos;
      break;
    }
    case T::DateTime: {
      const DateTime& t = v.asDateTime();
      LocalDateTime l = t.local();
      p.hasDate = p.hasTime = p.hasZone = true;
      p.days = floorDiv(l.seconds, kSecondsPerDay);
      p.nanos = floorMod(l.seconds, kSecondsPerDay) * kNanosPerSecond + l.nanos;
      p.zone = t.zone;
      p.offset = t.offset;
      break;
    }
    default:
      break;
  }
  return p;
}

namespace {

LocalDateTime localOf(const Parts& p) {
  return {p.days * kSecondsPerDay + p.nanos / kNanosPerSecond,
          static_cast<int32_t>(p.nanos % kNanosPerSecond)};
}

int64_t nowUtcSeconds() {
  return floorDiv(statementNowNanos(), kNanosPerSecond);
}

}  // namespace

Value valueOf(T t, const Parts& p) {
  switch (t) {
    case T::Date:
      if (p.days < INT32_MIN || p.days > INT32_MAX) temporalError("date out of range");
      return Value(Date{static_cast<int32_t>(p.days)});
    case T::LocalTime:
      return Value(LocalTime{p.nanos});
    case T::Time: {
      int32_t offset = p.offset;
      if (p.hasZone && !p.zone.empty())
        offset = p.hasDate ? dateTimeFromLocal(localOf(p), p.zone, 0).offset
                           : zoneOffsetAt(p.zone, nowUtcSeconds());
      return Value(TimeValue{p.nanos, offset});
    }
    case T::LocalDateTime:
      return Value(localOf(p));
    case T::DateTime:
      return Value(dateTimeFromLocal(localOf(p), p.hasZone ? p.zone : "", p.offset));
    default:
      temporalError("not a temporal type");
  }
}

Parts atZone(const Parts& p, const std::string& zone, int32_t offset) {
  Parts r = p;
  r.hasZone = true;
  r.zone = zone;
  if (!p.hasZone) {
    r.offset = offset;
    return r;
  }
  if (!p.hasDate) {  // a time of day: shift by the difference of the offsets
    int32_t to = zone.empty() ? offset : zoneOffsetAt(zone, nowUtcSeconds());
    r.nanos = floorMod(p.nanos + int64_t{to - p.offset} * kNanosPerSecond, kNanosPerDay);
    r.offset = to;
    return r;
  }
  DateTime t = dateTimeAtZone(dateTimeFromLocal(localOf(p), p.zone, p.offset), zone, offset);
  return partsOf(Value(t));
}

void parseZoneArg(const std::string& text, std::string& zone, int32_t& offset) {
  if (auto off = parseOffset(text)) {
    zone.clear();
    offset = *off;
    return;
  }
  if (!isKnownZone(text)) temporalError("unknown time zone '" + text + "'");
  zone = text;
  offset = 0;
}

Parts nowParts() {
  int64_t ns = statementNowNanos();
  Parts p;
  p.hasDate = p.hasTime = p.hasZone = true;
  p.days = floorDiv(ns, kNanosPerDay);
  p.nanos = floorMod(ns, kNanosPerDay);
  return p;
}

// ---------------------------------------------------------------- from a string

Value temporalFromString(T t, const std::string& text) {
  if (t == T::Duration) {
    auto d = parseDuration(text);
    if (!d) temporalError("duration() cannot parse '" + text + "' (expected e.g. 'P1Y2M3DT4H')");
    return Value(*d);
  }
  bool timeOnly = t == T::LocalTime || t == T::Time;
  auto parsed = parseTemporal(text, timeOnly);
  if (!parsed || (t == T::Date && parsed->hasTime)) {
    temporalError(std::string(temporalFunctionName(t)) + "() cannot parse '" + text +
                  "' as an ISO 8601 " + (timeOnly ? "time" : "date and time"));
  }
  Parts p;
  p.hasDate = parsed->hasDate;
  p.days = parsed->days;
  p.hasTime = parsed->hasTime;
  p.nanos = parsed->nanos;
  if (!parsed->zone.empty()) {
    if (!isKnownZone(parsed->zone)) temporalError("unknown time zone '" + parsed->zone + "'");
    p.hasZone = true;
    p.zone = parsed->zone;
  } else if (parsed->hasOffset) {
    p.hasZone = true;
    p.offset = parsed->offset;
  }
  return valueOf(t, p);
}

// ---------------------------------------------------------------- from a map

namespace {

struct Fields {
  const ValueMap& m;
  const Value* get(const char* k) const {
    for (const auto& [key, v] : m)
      if (key == k && !v.isNull()) return &v;
    return nullptr;
  }
  bool has(const char* k) const { return get(k) != nullptr; }
  int64_t integer(const char* k, int64_t dflt) const {
    const Value* v = get(k);
    if (!v) return dflt;
    if (v->type() == T::Int) return v->asInt();
    if (v->type() == T::Float) return static_cast<int64_t>(v->asFloat());
    if (v->type() == T::String) {
      try {
        return std::stoll(v->asString());
      } catch (const std::exception&) {
      }
    }
    temporalError(std::string("the field '") + k + "' must be an integer, got " +
                  cypherTypeName(*v));
  }
};

void checkRange(const char* field, int64_t v, int64_t lo, int64_t hi) {
  if (v < lo || v > hi)
    temporalError(std::string("the field '") + field + "' must be between " + std::to_string(lo) +
                  " and " + std::to_string(hi) + ", got " + std::to_string(v));
}

// The date fields over an optional base date.
void applyDateFields(const Fields& f, Parts& p) {
  bool week = f.has("week") || f.has("dayOfWeek");
  bool quarter = f.has("quarter") || f.has("dayOfQuarter");
  bool ordinal = f.has("ordinalDay");
  bool calendar = f.has("month") || f.has("day");
  if (!f.has("year") && !week && !quarter && !ordinal && !calendar) return;
  if (!p.hasDate && !f.has("year")) temporalError("a date needs the field 'year'");
  int64_t by = 1970, bw = 1, bdow = 1, bq = 1, bdoq = 1, bo = 1;
  unsigned bm = 1, bd = 1;
  if (p.hasDate) {
    civilFromDays(p.days, by, bm, bd);
    bq = (bm - 1) / 3 + 1;
    bdoq = p.days - daysFromCivil(by, static_cast<unsigned>((bq - 1) * 3 + 1), 1) + 1;
    bo = p.days - daysFromCivil(by, 1, 1) + 1;
    bdow = isoWeekday(p.days);
    if (week) {
      unsigned w;
      isoWeek(p.days, by, w);
      bw = w;
    }
  }
  int64_t y = f.integer("year", by);
  checkRange("year", y, -999999999, 999999999);
  if (week) {
    int64_t w = f.integer("week", bw), dow = f.integer("dayOfWeek", bdow);
    checkRange("week", w, 1, isoWeeksInYear(y));
    checkRange("dayOfWeek", dow, 1, 7);
    p.days = isoWeekOneMonday(y) + (w - 1) * 7 + dow - 1;
  } else if (quarter) {
    int64_t q = f.integer("quarter", bq), doq = f.integer("dayOfQuarter", bdoq);
    checkRange("quarter", q, 1, 4);
    int64_t start = daysFromCivil(y, static_cast<unsigned>((q - 1) * 3 + 1), 1);
    int64_t end =
        q == 4 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, static_cast<unsigned>(q * 3 + 1), 1);
    checkRange("dayOfQuarter", doq, 1, end - start);
    p.days = start + doq - 1;
  } else if (ordinal) {
    int64_t o = f.integer("ordinalDay", bo);
    checkRange("ordinalDay", o, 1, isLeapYear(y) ? 366 : 365);
    p.days = daysFromCivil(y, 1, 1) + o - 1;
  } else {
    int64_t m = f.integer("month", bm), d = f.integer("day", bd);
    checkRange("month", m, 1, 12);
    checkRange("day", d, 1, daysInMonth(y, static_cast<unsigned>(m)));
    p.days = daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  }
  p.hasDate = true;
}

void applyTimeFields(const Fields& f, Parts& p) {
  const char* names[] = {"hour", "minute", "second", "millisecond", "microsecond", "nanosecond"};
  bool any = false;
  for (const char* n : names) any = any || f.has(n);
  if (!any) return;
  int64_t secs = p.hasTime ? p.nanos / kNanosPerSecond : 0;
  int64_t sub = p.hasTime ? p.nanos % kNanosPerSecond : 0;
  int64_t h = f.integer("hour", secs / 3600), mi = f.integer("minute", secs / 60 % 60),
          s = f.integer("second", secs % 60);
  checkRange("hour", h, 0, 23);
  checkRange("minute", mi, 0, 59);
  checkRange("second", s, 0, 59);
  if (f.has("millisecond") || f.has("microsecond") || f.has("nanosecond")) {
    int64_t ms = f.integer("millisecond", 0), us = f.integer("microsecond", 0),
            ns = f.integer("nanosecond", 0);
    checkRange("millisecond", ms, 0, 999);
    checkRange("microsecond", us, 0, f.has("millisecond") ? 999 : 999999);
    checkRange("nanosecond", ns, 0, f.has("millisecond") || f.has("microsecond") ? 999 : 999999999);
    // Smaller units add to what the base keeps of the larger ones (a base truncated to
    // milliseconds with {nanosecond: 2} gives .645000002).
    if (f.has("millisecond"))
      sub = ms * 1'000'000 + us * 1000 + ns;
    else if (f.has("microsecond"))
      sub = (us < 1000 ? sub / 1'000'000 * 1'000'000 : 0) + us * 1000 + ns;
    else
      sub = (ns < 1000 ? sub / 1000 * 1000 : 0) + ns;
  }
  p.hasTime = true;
  p.nanos = ((h * 60 + mi) * 60 + s) * kNanosPerSecond + sub;
}

bool hasOnly(const ValueMap& m, std::initializer_list<const char*> keys) {
  for (const auto& [k, v] : m) {
    bool ok = false;
    for (const char* key : keys) ok = ok || k == key;
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Value temporalOverride(T t, Parts base, const ValueMap& m, bool sameInstant) {
  Fields f{m};
  // A base's zone is where fields apply; a new timezone then moves the instant there.
  std::string zone;
  int32_t offset = 0;
  const Value* tz = f.get("timezone");
  if (tz) {
    if (tz->type() != T::String) temporalError("the field 'timezone' must be a String");
    parseZoneArg(tz->asString(), zone, offset);
  }
  if (t == T::Date || t == T::LocalDateTime || t == T::DateTime) applyDateFields(f, base);
  if (t != T::Date) applyTimeFields(f, base);
  if (!base.hasTime) base.nanos = 0;
  if (t == T::Date || t == T::LocalDateTime || t == T::DateTime) {
    if (!base.hasDate) temporalError(std::string(temporalFunctionName(t)) + "() needs a date");
  }
  if (t == T::Time || t == T::DateTime) {
    if (tz && sameInstant) {
      base = atZone(base, zone, offset);
    } else if (tz) {  // the same local time in the new zone
      base.hasZone = true;
      base.zone = zone;
      base.offset = offset;
    }
  } else {
    base.hasZone = false;
  }
  return valueOf(t, base);
}

Value temporalFromMap(T t, const ValueMap& m) {
  Fields f{m};
  static const char* kKnown[] = {
      "year",       "month", "day",    "week",     "dayOfWeek",    "quarter",     "dayOfQuarter",
      "ordinalDay", "hour",  "minute", "second",   "millisecond",  "microsecond", "nanosecond",
      "timezone",   "date",  "time",   "datetime", "epochSeconds", "epochMillis"};
  for (const auto& [k, v] : m) {
    bool ok = false;
    for (const char* known : kKnown) ok = ok || k == known;
    if (!ok) temporalError(std::string(temporalFunctionName(t)) + "() has no field '" + k + "'");
  }
  Parts base;
  if (m.empty() || hasOnly(m, {"timezone"})) {  // now, possibly in a zone
    base = nowParts();
    if (const Value* tz = f.get("timezone")) {
      std::string zone;
      int32_t offset = 0;
      parseZoneArg(tz->asString(), zone, offset);
      base = atZone(base, zone, offset);
    }
    if (t == T::LocalTime || t == T::LocalDateTime || t == T::Date) base.hasZone = false;
    return valueOf(t, base);
  }
  if (f.has("epochSeconds") || f.has("epochMillis")) {
    int64_t ns = f.has("epochSeconds") ? f.integer("epochSeconds", 0) * kNanosPerSecond
                                       : f.integer("epochMillis", 0) * 1'000'000;
    ns += f.integer("nanosecond", 0);
    base.hasDate = base.hasTime = base.hasZone = true;
    base.days = floorDiv(ns, kNanosPerDay);
    base.nanos = floorMod(ns, kNanosPerDay);
    ValueMap rest;
    for (const auto& [k, v] : m)
      if (k == "timezone") rest.emplace_back(k, v);
    return temporalOverride(t, base, rest, true);
  }
  if (const Value* dt = f.get("datetime")) base = partsOf(*dt);
  if (const Value* d = f.get("date")) {
    Parts dp = partsOf(*d);
    if (!dp.hasDate) temporalError("the field 'date' must hold a value with a date");
    base.hasDate = true;
    base.days = dp.days;
  }
  if (const Value* tv = f.get("time")) {
    Parts tp = partsOf(*tv);
    if (!tp.hasTime) temporalError("the field 'time' must hold a value with a time");
    base.hasTime = true;
    base.nanos = tp.nanos;
    base.hasZone = tp.hasZone;
    base.zone = tp.zone;
    base.offset = tp.offset;
  }
  return temporalOverride(t, base, m, true);
}

// ---------------------------------------------------------------- truncation

Value temporalTruncate(T t, const std::string& unitIn, const Value& v, const ValueMap& fields) {
  Parts p = partsOf(v);
  std::string unit = unitIn;
  bool dateUnit = unit == "millennium" || unit == "century" || unit == "decade" || unit == "year" ||
                  unit == "weekYear" || unit == "quarter" || unit == "month" || unit == "week" ||
                  unit == "day";
  bool timeUnit = unit == "hour" || unit == "minute" || unit == "second" || unit == "millisecond" ||
                  unit == "microsecond";
  if (!dateUnit && !timeUnit) temporalError("truncate() has no unit '" + unit + "'");
  if (dateUnit && !p.hasDate) {
    if (unit != "day") temporalError("cannot truncate a time to the unit '" + unit + "'");
  }
  if (dateUnit && p.hasDate) {
    int64_t y;
    unsigned m, d;
    civilFromDays(p.days, y, m, d);
    if (unit == "millennium") p.days = daysFromCivil(floorDiv(y, 1000) * 1000, 1, 1);
    if (unit == "century") p.days = daysFromCivil(floorDiv(y, 100) * 100, 1, 1);
    if (unit == "decade") p.days = daysFromCivil(floorDiv(y, 10) * 10, 1, 1);
    if (unit == "year") p.days = daysFromCivil(y, 1, 1);
    if (unit == "quarter") p.days = daysFromCivil(y, (m - 1) / 3 * 3 + 1, 1);
    if (unit == "month") p.days = daysFromCivil(y, m, 1);
    if (unit == "week") p.days -= isoWeekday(p.days) - 1;
    if (unit == "weekYear") {
      int64_t wy;
      unsigned w;
      isoWeek(p.days, wy, w);
      p.days = isoWeekOneMonday(wy);
    }
  }
  if (p.hasTime) {
    static const std::pair<const char*, int64_t> kSizes[] = {{"hour", 3600 * kNanosPerSecond},
                                                             {"minute", 60 * kNanosPerSecond},
                                                             {"second", kNanosPerSecond},
                                                             {"millisecond", 1'000'000},
                                                             {"microsecond", 1000}};
    if (dateUnit) p.nanos = 0;
    for (const auto& [name, size] : kSizes)
      if (unit == name) p.nanos -= p.nanos % size;
  }
  if (t != T::Date && t != T::LocalDateTime && t != T::DateTime) p.hasDate = p.hasDate && false;
  if (t == T::Time || t == T::DateTime) {
    if (p.hasZone && !p.zone.empty() && t == T::Time) {
      // A time keeps the offset the zoned value had.
      p.offset = partsOf(valueOf(T::DateTime, partsOf(v))).offset;
      p.zone.clear();
    }
  }
  if (!p.hasTime) p.nanos = 0;
  p.hasTime = p.hasTime || t != T::Date;
  // The fields apply in the value's own zone; a timezone field moves the instant.
  return temporalOverride(t, p, fields, false);
}

}  // namespace silkgraph::functions
