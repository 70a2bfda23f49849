// Bolt temporal structures (see bolt_temporal.h), in both directions.
#include "server/bolt_temporal.h"

#include <stdexcept>
#include <string>

namespace silkgraph::server {

using namespace silkgraph::temporal;

void writeTemporal(PackWriter& w, const Value& v, bool utcDateTimes) {
  switch (v.type()) {
    case Value::Type::LocalTime:
      w.structHeader(1, kTagLocalTime);
      w.integer(v.asLocalTime().nanos);
      return;
    case Value::Type::Time:
      w.structHeader(2, kTagTime);
      w.integer(v.asTime().nanos);
      w.integer(v.asTime().offset);
      return;
    case Value::Type::LocalDateTime:
      w.structHeader(2, kTagLocalDateTime);
      w.integer(v.asLocalDateTime().seconds);
      w.integer(v.asLocalDateTime().nanos);
      return;
    case Value::Type::DateTime: {
      const DateTime& t = v.asDateTime();
      const bool named = !t.zone.empty();
      w.structHeader(3, named ? (utcDateTimes ? kTagDateTimeZoneId : kTagLegacyDateTimeZoneId)
                              : (utcDateTimes ? kTagDateTime : kTagLegacyDateTime));
      w.integer(utcDateTimes ? t.seconds : t.seconds + t.offset);
      w.integer(t.nanos);
      if (named)
        w.string(t.zone);
      else
        w.integer(t.offset);
      return;
    }
    case Value::Type::Duration: {
      const Duration& d = v.asDuration();
      w.structHeader(4, kTagDuration);
      w.integer(d.months);
      w.integer(d.days);
      w.integer(d.seconds);
      w.integer(d.nanos);
      return;
    }
    default:
      throw std::logic_error("writeTemporal: not a temporal value");
  }
}

std::optional<size_t> temporalFieldCount(uint8_t tag) {
  switch (tag) {
    case kTagLocalTime:
      return 1;
    case kTagTime:
    case kTagLocalDateTime:
      return 2;
    case kTagDateTime:
    case kTagDateTimeZoneId:
    case kTagLegacyDateTime:
    case kTagLegacyDateTimeZoneId:
      return 3;
    case kTagDuration:
      return 4;
    default:
      return std::nullopt;
  }
}

namespace {

int64_t integerField(const std::vector<Value>& fields, size_t i, const char* structure, int64_t lo,
                     int64_t hi) {
  const Value& f = fields[i];
  if (f.type() != Value::Type::Int || f.asInt() < lo || f.asInt() > hi)
    throw ProtocolError(std::string("PackStream ") + structure + " field " + std::to_string(i + 1) +
                        " is not an integer in range");
  return f.asInt();
}

constexpr int64_t kMaxOffset = 18 * 3600;  // openCypher's offsets stay within +-18:00
// Seconds far beyond any date the engine formats (year +-999,999,999) are refused.
constexpr int64_t kMaxSeconds = int64_t{31'556'952} * 1'000'000'000;

std::string zoneField(const std::vector<Value>& fields, size_t i) {
  if (fields[i].type() != Value::Type::String || !isKnownZone(fields[i].asString()))
    throw ProtocolError("PackStream DateTimeZoneId with a time zone the server does not know");
  return fields[i].asString();
}

}  // namespace

Value readTemporal(uint8_t tag, const std::vector<Value>& fields) {
  switch (tag) {
    case kTagLocalTime:
      return Value(LocalTime{integerField(fields, 0, "LocalTime", 0, kNanosPerDay - 1)});
    case kTagTime: {
      TimeValue t;
      t.nanos = integerField(fields, 0, "Time", 0, kNanosPerDay - 1);
      t.offset = static_cast<int32_t>(integerField(fields, 1, "Time", -kMaxOffset, kMaxOffset));
      return Value(t);
    }
    case kTagLocalDateTime: {
      LocalDateTime t;
      t.seconds = integerField(fields, 0, "LocalDateTime", -kMaxSeconds, kMaxSeconds);
      t.nanos =
          static_cast<int32_t>(integerField(fields, 1, "LocalDateTime", 0, kNanosPerSecond - 1));
      return Value(t);
    }
    case kTagDateTime:
    case kTagDateTimeZoneId:
    case kTagLegacyDateTime:
    case kTagLegacyDateTimeZoneId: {
      const bool utc = tag == kTagDateTime || tag == kTagDateTimeZoneId;
      const bool named = tag == kTagDateTimeZoneId || tag == kTagLegacyDateTimeZoneId;
      const int64_t seconds = integerField(fields, 0, "DateTime", -kMaxSeconds, kMaxSeconds);
      const auto nanos =
          static_cast<int32_t>(integerField(fields, 1, "DateTime", 0, kNanosPerSecond - 1));
      const std::string zone = named ? zoneField(fields, 2) : std::string();
      const auto offset =
          named
              ? 0
              : static_cast<int32_t>(integerField(fields, 2, "DateTime", -kMaxOffset, kMaxOffset));
      if (!utc) return Value(dateTimeFromLocal(LocalDateTime{seconds, nanos}, zone, offset));
      DateTime t;
      t.seconds = seconds;
      t.nanos = nanos;
      t.zone = zone;
      t.offset = named ? zoneOffsetAt(zone, seconds) : offset;
      return Value(std::move(t));
    }
    case kTagDuration: {
      const char* d = "Duration";
      try {
        return Value(makeDuration(integerField(fields, 0, d, INT64_MIN, INT64_MAX),
                                  integerField(fields, 1, d, INT64_MIN, INT64_MAX),
                                  integerField(fields, 2, d, INT64_MIN, INT64_MAX),
                                  integerField(fields, 3, d, INT64_MIN, INT64_MAX)));
      } catch (const std::overflow_error&) {
        throw ProtocolError("PackStream Duration out of range");
      }
    }
    default:
      throw ProtocolError("PackStream structure 0x" + std::to_string(tag) +
                          " is not a temporal value");
  }
}

}  // namespace silkgraph::server
