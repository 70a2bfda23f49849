// The temporal types besides Date (engine/value.h): local and zoned times, local and zoned
// date-times and durations, their ISO 8601 text (parse and format), the calendar arithmetic
// they share (ISO weeks, quarters, months of varying length) and time zones. Zones come from
// the system's tz database through Howard Hinnant's date/tz.h (Debian: libhowardhinnant-date-dev
// and tzdata); nothing here is a zone table of its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace silkgraph {

struct Date;
class Value;

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;
constexpr int64_t kNanosPerDay = kSecondsPerDay * kNanosPerSecond;

// Nanoseconds since midnight, in [0, kNanosPerDay).
struct LocalTime {
  int64_t nanos = 0;
  friend bool operator==(LocalTime a, LocalTime b) { return a.nanos == b.nanos; }
};

// A time of day with a fixed UTC offset (seconds east of Greenwich).
struct TimeValue {
  int64_t nanos = 0;
  int32_t offset = 0;
  // The instant on the reference day, for ordering: nanoseconds since midnight UTC.
  int64_t utcNanos() const { return nanos - int64_t{offset} * kNanosPerSecond; }
};

// A date and time without a zone: local seconds since 1970-01-01T00:00 and nanoseconds.
struct LocalDateTime {
  int64_t seconds = 0;
  int32_t nanos = 0;  // [0, 1e9)
};

// An instant with the offset it is seen at and, for a named zone, the zone (IANA name);
// `zone` is empty for a fixed offset.
struct DateTime {
  int64_t seconds = 0;  // UTC seconds since the epoch
  int32_t nanos = 0;    // [0, 1e9)
  int32_t offset = 0;   // seconds east of UTC at that instant
  std::string zone;
  LocalDateTime local() const { return {seconds + offset, nanos}; }
};

// openCypher's duration: months, days and seconds kept apart (a month or a day has no fixed
// length); nanos in [0, 1e9) belongs to seconds.
struct Duration {
  int64_t months = 0;
  int64_t days = 0;
  int64_t seconds = 0;
  int32_t nanos = 0;
};

namespace temporal {

int64_t floorDiv(int64_t a, int64_t b);
int64_t floorMod(int64_t a, int64_t b);

// Calendar (proleptic Gregorian) on days since 1970-01-01.
int64_t daysFromCivil(int64_t year, unsigned month, unsigned day);
void civilFromDays(int64_t days, int64_t& year, unsigned& month, unsigned& day);
bool isLeapYear(int64_t year);
unsigned daysInMonth(int64_t year, unsigned month);
unsigned isoWeekday(int64_t days);  // Monday = 1 ... Sunday = 7
// The ISO week-based year and week of a day; the Monday of week 1 of a week-based year.
void isoWeek(int64_t days, int64_t& weekYear, unsigned& week);
int64_t isoWeekOneMonday(int64_t weekYear);
unsigned isoWeeksInYear(int64_t weekYear);
// Adds months to a day, clamping the day of month (Jan 31 + 1 month = Feb 28/29).
int64_t plusMonths(int64_t days, int64_t months);

// ISO 8601 text, as openCypher prints it: 12:31, 12:31:14, 12:31:14.645 (fractions in
// groups of three digits), offsets Z / +01:00 / +00:53:28, named zones after the offset in
// brackets, durations like P1Y2M3DT4H5M6.5S.
std::string formatLocalTime(int64_t nanos);
std::string formatOffset(int32_t offset);
std::string formatTime(const TimeValue& t);
std::string formatLocalDateTime(const LocalDateTime& t);
std::string formatDateTime(const DateTime& t);
std::string formatDuration(const Duration& d);

// Adds a duration's parts with normalisation of seconds/nanos; throws std::overflow_error.
Duration makeDuration(int64_t months, int64_t days, int64_t seconds, int64_t nanos);
// Fractional parts cascade down: a fraction of a month becomes days (a month is 30.436875
// days on average), a fraction of a day becomes seconds, and so on.
Duration approximateDuration(double months, double days, double seconds, double nanos);

// Text parsing. Each returns std::nullopt on malformed text or an impossible value.
struct ParsedTemporal {
  bool hasDate = false;
  bool hasTime = false;
  int64_t days = 0;        // the date, when hasDate
  int64_t nanos = 0;       // the time of day, when hasTime
  bool hasOffset = false;  // an explicit offset (Z, +01:00, ...)
  int32_t offset = 0;
  std::string zone;  // a zone name in brackets, e.g. Europe/Stockholm
};
// timeOnly: the text is a time (with optional offset and zone), not DATE[THH...].
std::optional<ParsedTemporal> parseTemporal(std::string_view text, bool timeOnly);
std::optional<Duration> parseDuration(std::string_view text);
// "+01:00", "-0130", "+05", "Z": the offset in seconds.
std::optional<int32_t> parseOffset(std::string_view text);

// Time zones (the system tz database). `zone` is an IANA name such as Europe/Stockholm.
bool isKnownZone(std::string_view zone);
int32_t zoneOffsetAt(const std::string& zone, int64_t utcSeconds);
// The offset a local date-time has in the zone. A local time in a gap (clocks moved
// forward) is moved forward by the gap; in an overlap the earlier offset is used.
int32_t zoneOffsetForLocal(const std::string& zone, int64_t& localSeconds);

// A zoned date-time from local fields in a zone ("" and offset for a fixed offset).
DateTime dateTimeFromLocal(const LocalDateTime& local, const std::string& zone, int32_t offset);
// The same instant seen in another zone (or fixed offset when zone is "").
DateTime dateTimeAtZone(const DateTime& t, const std::string& zone, int32_t offset);

// Identity, hash and ORDER BY order of two temporal values of the same type other than Date
// (engine/temporal_value.cpp, for Value). Times and date-times order by instant.
bool sameTemporal(const Value& a, const Value& b);
size_t temporalHash(const Value& v);
int orderTemporal(const Value& a, const Value& b);

}  // namespace temporal
}  // namespace silkgraph
