// Temporal values between Cypher and Python: local times and times as datetime.time (naive or
// with a fixed-offset tzinfo), local and zoned date-times as datetime.datetime (naive, or
// aware with zoneinfo.ZoneInfo for a named zone and datetime.timezone for an offset), and
// durations as silkgraph.Duration (months, days, seconds and nanoseconds kept apart;
// .to_timedelta() when it has no months). Python keeps microseconds: nanoseconds are cut.
#include "python/src/native.h"

namespace silkgraph::py {

namespace {

pyb::module_ datetimeModule() {
  return pyb::module_::import("datetime");
}

pyb::object fixedZone(int32_t offset) {
  auto dt = datetimeModule();
  return dt.attr("timezone")(dt.attr("timedelta")(pyb::arg("seconds") = offset));
}

pyb::object pyTime(int64_t nanos, pyb::object tz) {
  int64_t s = nanos / kNanosPerSecond;
  return datetimeModule().attr("time")(s / 3600, s / 60 % 60, s % 60,
                                       nanos % kNanosPerSecond / 1000, tz);
}

// datetime.datetime for local seconds and nanoseconds (naive).
pyb::object pyLocalDateTime(int64_t seconds, int32_t nanos) {
  int64_t y;
  unsigned m, d;
  int64_t days = temporal::floorDiv(seconds, kSecondsPerDay);
  int64_t s = temporal::floorMod(seconds, kSecondsPerDay);
  temporal::civilFromDays(days, y, m, d);
  if (y < 1 || y > 9999)
    raiseError(ErrorKind::ArgumentError, "the date-time " +
                                             temporal::formatLocalDateTime({seconds, nanos}) +
                                             " is outside the years 1 to 9999 of datetime");
  return datetimeModule().attr("datetime")(y, m, d, s / 3600, s / 60 % 60, s % 60, nanos / 1000);
}

}  // namespace

pyb::object temporalToPython(const Value& v) {
  switch (v.type()) {
    case Value::Type::LocalTime:
      return pyTime(v.asLocalTime().nanos, pyb::none());
    case Value::Type::Time:
      return pyTime(v.asTime().nanos, fixedZone(v.asTime().offset));
    case Value::Type::LocalDateTime:
      return pyLocalDateTime(v.asLocalDateTime().seconds, v.asLocalDateTime().nanos);
    case Value::Type::DateTime: {
      const DateTime& t = v.asDateTime();
      pyb::object local = pyLocalDateTime(t.seconds + t.offset, t.nanos);
      if (t.zone.empty()) return local.attr("replace")(pyb::arg("tzinfo") = fixedZone(t.offset));
      // The instant in UTC, then seen in the zone (which also sets fold for repeated hours).
      pyb::object utc = local.attr("replace")(pyb::arg("tzinfo") = fixedZone(t.offset));
      pyb::object zone = pyb::module_::import("zoneinfo").attr("ZoneInfo")(t.zone);
      return utc.attr("astimezone")(zone);
    }
    case Value::Type::Duration: {
      const Duration& d = v.asDuration();
      return pythonType("Duration")(d.months, d.days, d.seconds, d.nanos);
    }
    default:
      return pyb::none();
  }
}

std::optional<Value> temporalFromPython(pyb::handle obj) {
  auto dt = datetimeModule();
  if (pyb::isinstance(obj, pythonType("Duration"))) {
    return Value(temporal::makeDuration(
        obj.attr("months").cast<int64_t>(), obj.attr("days").cast<int64_t>(),
        obj.attr("seconds").cast<int64_t>(), obj.attr("nanoseconds").cast<int64_t>()));
  }
  if (pyb::isinstance(obj, dt.attr("timedelta"))) {
    return Value(temporal::makeDuration(0, obj.attr("days").cast<int64_t>(),
                                        obj.attr("seconds").cast<int64_t>(),
                                        obj.attr("microseconds").cast<int64_t>() * 1000));
  }
  auto timeOfDay = [](pyb::handle o) {
    return ((o.attr("hour").cast<int64_t>() * 60 + o.attr("minute").cast<int64_t>()) * 60 +
            o.attr("second").cast<int64_t>()) *
               kNanosPerSecond +
           o.attr("microsecond").cast<int64_t>() * 1000;
  };
  auto offsetOf = [](pyb::handle o) -> std::optional<int32_t> {
    pyb::object off = o.attr("utcoffset")();
    if (off.is_none()) return std::nullopt;
    return static_cast<int32_t>(off.attr("total_seconds")().cast<double>());
  };
  if (pyb::isinstance(obj, dt.attr("datetime"))) {
    int64_t days = temporal::daysFromCivil(obj.attr("year").cast<int64_t>(),
                                           obj.attr("month").cast<unsigned>(),
                                           obj.attr("day").cast<unsigned>());
    int64_t nanos = timeOfDay(obj);
    LocalDateTime local{days * kSecondsPerDay + nanos / kNanosPerSecond,
                        static_cast<int32_t>(nanos % kNanosPerSecond)};
    auto offset = offsetOf(obj);
    if (!offset) return Value(local);
    DateTime t;
    t.seconds = local.seconds - *offset;
    t.nanos = local.nanos;
    t.offset = *offset;
    pyb::object tz = obj.attr("tzinfo");
    if (pyb::hasattr(tz, "key") && temporal::isKnownZone(tz.attr("key").cast<std::string>()))
      t.zone = tz.attr("key").cast<std::string>();
    return Value(std::move(t));
  }
  if (pyb::isinstance(obj, dt.attr("time"))) {
    auto offset = offsetOf(obj);
    if (!offset) return Value(LocalTime{timeOfDay(obj)});
    return Value(TimeValue{timeOfDay(obj), *offset});
  }
  return std::nullopt;
}

}  // namespace silkgraph::py
