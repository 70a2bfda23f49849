// The temporal functions of the catalog: date, localtime, time, localdatetime, datetime and
// duration (from a string, a map or another temporal value; now without an argument), their
// .truncate, .statement/.transaction/.realtime, datetime.fromepoch(millis), duration.between,
// .inMonths, .inDays, .inSeconds, and year() (a shorthand kept from before).
#include "engine/error.h"
#include "query/function/scalar_functions.h"
#include "query/function/temporal_parts.h"

namespace silkgraph::functions {

using T = Value::Type;

namespace {

Value construct(T t, const char* fn, Args a) {
  if (a.empty()) return temporalFromMap(t, {});
  const Value& v = a[0];
  if (v.isNull()) return Value();
  if (v.type() == T::String) {
    if (t == T::Date) {
      auto parsed = temporal::parseTemporal(v.asString(), false);
      if (!parsed || parsed->hasTime)
        throwRuntime(ErrorKind::ArgumentError,
                     "date() expects an existing calendar date in ISO 8601 form ('YYYY-MM-DD', "
                     "'YYYY-MM', 'YYYY', 'YYYY-Www-D', 'YYYY-DDD'), got '" +
                         v.asString() + "'",
                     "InvalidArgumentValue");
    }
    return temporalFromString(t, v.asString());
  }
  if (v.type() == T::Map) {
    if (t == T::Duration) return durationFromMap(v.asMap());
    return temporalFromMap(t, v.asMap());
  }
  if (v.type() == t) return v;
  if (v.isTemporal() && v.type() != T::Duration && t != T::Duration) {
    Parts p = partsOf(v);
    bool needsDate = t == T::Date || t == T::LocalDateTime || t == T::DateTime;
    bool needsTime = t != T::Date;
    if ((needsDate && !p.hasDate) || (needsTime && !p.hasTime && t != T::DateTime)) argType(fn, v);
    if (t == T::Time && p.hasZone && !p.zone.empty())
      p = atZone(p, "", partsOf(valueOf(T::DateTime, p)).offset);
    if (!p.hasTime) p.nanos = 0;
    return valueOf(t, p);
  }
  argType(fn, v);
}

Value truncate(T t, const char* fn, Args a) {
  if (a[1].isNull()) return Value();
  if (a[0].type() != T::String) argType(fn, a[0]);
  if (!a[1].isTemporal() || a[1].type() == T::Duration) argType(fn, a[1]);
  if (a.size() > 2 && !a[2].isNull() && a[2].type() != T::Map) argType(fn, a[2]);
  static const ValueMap kNone;
  return temporalTruncate(t, a[0].asString(), a[1],
                          a.size() > 2 && !a[2].isNull() ? a[2].asMap() : kNone);
}

// T.statement(), T.transaction(), T.realtime(): now (one clock for all three), in UTC or in
// the zone given.
Value now(T t, const char* fn, Args a) {
  if (a.empty()) return temporalFromMap(t, {});
  if (a[0].isNull()) return Value();
  if (a[0].type() == T::String) return temporalFromMap(t, {{"timezone", a[0]}});
  if (a[0].type() == T::Map) return temporalFromMap(t, a[0].asMap());
  argType(fn, a[0]);
}

}  // namespace

Value fnDateNow(Args a, const Graph&) {
  return now(T::Date, "date.statement", a);
}
Value fnLocalTimeNow(Args a, const Graph&) {
  return now(T::LocalTime, "localtime.statement", a);
}
Value fnTimeNow(Args a, const Graph&) {
  return now(T::Time, "time.statement", a);
}
Value fnLocalDateTimeNow(Args a, const Graph&) {
  return now(T::LocalDateTime, "localdatetime.statement", a);
}
Value fnDateTimeNow(Args a, const Graph&) {
  return now(T::DateTime, "datetime.statement", a);
}

Value fnDate(Args a, const Graph&) {
  return construct(T::Date, "date", a);
}
Value fnLocalTime(Args a, const Graph&) {
  return construct(T::LocalTime, "localtime", a);
}
Value fnTime(Args a, const Graph&) {
  return construct(T::Time, "time", a);
}
Value fnLocalDateTime(Args a, const Graph&) {
  return construct(T::LocalDateTime, "localdatetime", a);
}
Value fnDateTime(Args a, const Graph&) {
  return construct(T::DateTime, "datetime", a);
}
Value fnDuration(Args a, const Graph&) {
  return construct(T::Duration, "duration", a);
}

Value fnDateTruncate(Args a, const Graph&) {
  return truncate(T::Date, "date.truncate", a);
}
Value fnLocalTimeTruncate(Args a, const Graph&) {
  return truncate(T::LocalTime, "localtime.truncate", a);
}
Value fnTimeTruncate(Args a, const Graph&) {
  return truncate(T::Time, "time.truncate", a);
}
Value fnLocalDateTimeTruncate(Args a, const Graph&) {
  return truncate(T::LocalDateTime, "localdatetime.truncate", a);
}
Value fnDateTimeTruncate(Args a, const Graph&) {
  return truncate(T::DateTime, "datetime.truncate", a);
}

Value fnDateTimeFromEpoch(Args a, const Graph&) {
  if (a[0].isNull() || a[1].isNull()) return Value();
  ValueMap m{{"epochSeconds", Value(intArg("datetime.fromepoch", a[0]))},
             {"nanosecond", Value(intArg("datetime.fromepoch", a[1]))}};
  return temporalFromMap(T::DateTime, m);
}

Value fnDateTimeFromEpochMillis(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  ValueMap m{{"epochMillis", Value(intArg("datetime.fromepochmillis", a[0]))}};
  return temporalFromMap(T::DateTime, m);
}

Value fnDurationBetween(Args a, const Graph&) {
  return durationBetween("between", a[0], a[1]);
}
Value fnDurationInMonths(Args a, const Graph&) {
  return durationBetween("inMonths", a[0], a[1]);
}
Value fnDurationInDays(Args a, const Graph&) {
  return durationBetween("inDays", a[0], a[1]);
}
Value fnDurationInSeconds(Args a, const Graph&) {
  return durationBetween("inSeconds", a[0], a[1]);
}

Value fnYear(Args a, const Graph&) {
  if (a[0].isNull()) return Value();
  if (a[0].type() != T::Date) argType("year", a[0]);
  int y;
  unsigned m, d;
  dateToYmd(a[0].asDate(), y, m, d);
  return Value(static_cast<int64_t>(y));
}

}  // namespace silkgraph::functions
