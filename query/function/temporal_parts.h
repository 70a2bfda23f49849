// The temporal functions' common ground: a temporal value taken apart into a local date, a
// local time of day and a zone (Parts), values built back from parts, the argument errors,
// and the families of functions (construction, truncation, components, arithmetic, between)
// implemented in the temporal_*.cpp files of this folder.
#pragma once

#include <cstdint>
#include <string>

#include "engine/value.h"

namespace silkgraph::functions {

struct Parts {
  bool hasDate = false;
  int64_t days = 0;  // local date
  bool hasTime = false;
  int64_t nanos = 0;  // local time of day
  bool hasZone = false;
  std::string zone;  // IANA name, or "" for a fixed offset
  int32_t offset = 0;
};

// Takes a temporal value apart (a Duration or a non-temporal value gives empty Parts).
Parts partsOf(const Value& v);
// Builds a value of type `t` (Date, LocalTime, Time, LocalDateTime or DateTime). A missing
// zone is UTC; a named zone without a date takes the zone's offset now.
Value valueOf(Value::Type t, const Parts& p);
// The same instant in another zone ("" and offset for a fixed offset).
Parts atZone(const Parts& p, const std::string& zone, int32_t offset);
// A timezone argument: "+01:00", "Z" or an IANA name; throws an ArgumentError otherwise.
void parseZoneArg(const std::string& text, std::string& zone, int32_t& offset);
// Now, in UTC or in a zone.
Parts nowParts();

[[noreturn]] void temporalError(const std::string& message);

// Construction (temporal_build.cpp): from a string, from a map of fields over optional base
// values, and truncation followed by the fields of a map.
Value temporalFromString(Value::Type t, const std::string& text);
Value temporalFromMap(Value::Type t, const ValueMap& fields);
// sameInstant: a timezone field moves the instant there (construction) rather than keeping
// the local time (truncation).
Value temporalOverride(Value::Type t, Parts base, const ValueMap& fields, bool sameInstant);
Value temporalTruncate(Value::Type t, const std::string& unit, const Value& v,
                       const ValueMap& fields);

// Components (temporal_components.cpp): d.year, t.hour, dur.days, ...
Value temporalComponent(const Value& v, const std::string& name);

// Durations (temporal_duration.cpp).
Value durationFromMap(const ValueMap& fields);
// kind: "between", "inMonths", "inDays" or "inSeconds".
Value durationBetween(const std::string& kind, const Value& from, const Value& to);
// temporal + duration (sign 1) or - duration (sign -1); duration +/- duration; duration times
// or divided by a number.
Value temporalPlusDuration(const Value& t, const Duration& d, int sign);
Value durationPlus(const Duration& a, const Duration& b, int sign);
Value durationTimes(const Duration& d, const Value& factor, bool divide);

}  // namespace silkgraph::functions
