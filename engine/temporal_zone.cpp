// Time zones of engine/temporal.h over the system tz database (date/tz.h with USE_OS_TZDB,
// reading /usr/share/zoneinfo from Debian's tzdata), and zoned date-times built on them.
#include <date/tz.h>

#include <chrono>
#include <stdexcept>

#include "engine/temporal.h"

namespace silkgraph::temporal {

namespace {

const date::time_zone* findZone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::runtime_error&) {
    return nullptr;
  }
}

const date::time_zone& zoneOrThrow(const std::string& name) {
  const date::time_zone* z = findZone(name);
  if (!z) throw std::invalid_argument("unknown time zone '" + name + "'");
  return *z;
}

}  // namespace

bool isKnownZone(std::string_view zone) {
  return findZone(zone) != nullptr;
}

int32_t zoneOffsetAt(const std::string& zone, int64_t utcSeconds) {
  auto info = zoneOrThrow(zone).get_info(date::sys_seconds{std::chrono::seconds{utcSeconds}});
  return static_cast<int32_t>(info.offset.count());
}

int32_t zoneOffsetForLocal(const std::string& zone, int64_t& localSeconds) {
  auto info = zoneOrThrow(zone).get_info(date::local_seconds{std::chrono::seconds{localSeconds}});
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:  // the earlier offset
      return static_cast<int32_t>(info.first.offset.count());
    case date::local_info::nonexistent: {
      auto gap = info.second.offset - info.first.offset;
      localSeconds += gap.count();
      return static_cast<int32_t>(info.second.offset.count());
    }
  }
  return static_cast<int32_t>(info.first.offset.count());
}

DateTime dateTimeFromLocal(const LocalDateTime& local, const std::string& zone, int32_t offset) {
  DateTime t;
  int64_t secs = local.seconds;
  t.offset = zone.empty() ? offset : zoneOffsetForLocal(zone, secs);
  t.seconds = secs - t.offset;
  t.nanos = local.nanos;
  t.zone = zone;
  return t;
}

DateTime dateTimeAtZone(const DateTime& t, const std::string& zone, int32_t offset) {
  DateTime r = t;
  r.zone = zone;
  r.offset = zone.empty() ? offset : zoneOffsetAt(zone, t.seconds);
  return r;
}

}  // namespace silkgraph::temporal
