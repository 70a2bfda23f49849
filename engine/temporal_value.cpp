// The temporal types as Values: identity, hash and order (engine/temporal.h), their text
// (temporalText) and the default way a ValueNotation spells them (engine/value.h).
#include <functional>
#include <tuple>

#include "engine/value.h"

namespace silkgraph {

namespace temporal {

namespace {

using T = Value::Type;

// The fields that make two values of one type identical, in their ORDER BY order.
std::tuple<int64_t, int64_t, int64_t, int64_t> key(const Value& v) {
  switch (v.type()) {
    case T::LocalTime:
      return {v.asLocalTime().nanos, 0, 0, 0};
    case T::Time:
      return {v.asTime().utcNanos(), v.asTime().offset, 0, 0};
    case T::LocalDateTime:
      return {v.asLocalDateTime().seconds, v.asLocalDateTime().nanos, 0, 0};
    case T::DateTime:
      return {v.asDateTime().seconds, v.asDateTime().nanos, v.asDateTime().offset, 0};
    case T::Duration: {
      const Duration& d = v.asDuration();
      return {d.months, d.days, d.seconds, d.nanos};
    }
    default:
      return {0, 0, 0, 0};
  }
}

}  // namespace

bool sameTemporal(const Value& a, const Value& b) {
  if (a.type() != b.type() || key(a) != key(b)) return false;
  return a.type() != T::DateTime || a.asDateTime().zone == b.asDateTime().zone;
}

size_t temporalHash(const Value& v) {
  auto [a, b, c, d] = key(v);
  size_t h = std::hash<int64_t>{}(a);
  for (int64_t x : {b, c, d}) h = h * 1099511628211ULL ^ std::hash<int64_t>{}(x);
  if (v.type() == T::DateTime) h ^= std::hash<std::string>{}(v.asDateTime().zone);
  return h;
}

int orderTemporal(const Value& a, const Value& b) {
  auto ka = key(a), kb = key(b);
  if (ka != kb) return ka < kb ? -1 : 1;
  if (a.type() == T::DateTime) {
    int c = a.asDateTime().zone.compare(b.asDateTime().zone);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return 0;
}

}  // namespace temporal

std::string temporalText(const Value& v) {
  switch (v.type()) {
    case Value::Type::Date:
      return formatDate(v.asDate());
    case Value::Type::LocalTime:
      return temporal::formatLocalTime(v.asLocalTime().nanos);
    case Value::Type::Time:
      return temporal::formatTime(v.asTime());
    case Value::Type::LocalDateTime:
      return temporal::formatLocalDateTime(v.asLocalDateTime());
    case Value::Type::DateTime:
      return temporal::formatDateTime(v.asDateTime());
    case Value::Type::Duration:
      return temporal::formatDuration(v.asDuration());
    default:
      return std::string();
  }
}

const char* temporalFunctionName(Value::Type t) {
  switch (t) {
    case Value::Type::Date:
      return "date";
    case Value::Type::LocalTime:
      return "localtime";
    case Value::Type::Time:
      return "time";
    case Value::Type::LocalDateTime:
      return "localdatetime";
    case Value::Type::DateTime:
      return "datetime";
    case Value::Type::Duration:
      return "duration";
    default:
      return "";
  }
}

std::optional<Value> parseTemporalValue(Value::Type t, std::string_view text) {
  using namespace temporal;
  if (t == Value::Type::Duration) {
    auto d = parseDuration(text);
    return d ? std::optional<Value>(Value(*d)) : std::nullopt;
  }
  bool timeOnly = t == Value::Type::LocalTime || t == Value::Type::Time;
  auto p = parseTemporal(text, timeOnly);
  if (!p) return std::nullopt;
  if (!p->zone.empty() && !isKnownZone(p->zone)) return std::nullopt;
  LocalDateTime local{p->days * kSecondsPerDay + p->nanos / kNanosPerSecond,
                      static_cast<int32_t>(p->nanos % kNanosPerSecond)};
  switch (t) {
    case Value::Type::LocalTime:
      return Value(LocalTime{p->nanos});
    case Value::Type::Time: {
      int32_t offset = p->offset;
      if (!p->zone.empty()) offset = zoneOffsetAt(p->zone, 0);
      return Value(TimeValue{p->nanos, offset});
    }
    case Value::Type::LocalDateTime:
      return Value(local);
    case Value::Type::DateTime:
      return Value(dateTimeFromLocal(local, p->zone, p->offset));
    default:
      return std::nullopt;
  }
}

void ValueNotation::temporal(std::string& out, const Value& v) const {
  string(out, temporalText(v));
}

static_assert(sizeof(Value) == 24, "Value is copied in hot loops: keep it at 24 bytes");

}  // namespace silkgraph
