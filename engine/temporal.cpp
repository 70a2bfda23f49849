// The calendar arithmetic of engine/temporal.h, the ISO 8601 printers and durations.
#include "engine/temporal.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "engine/value.h"

namespace silkgraph::temporal {

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int64_t floorMod(int64_t a, int64_t b) {
  return a - floorDiv(a, b) * b;
}

// Howard Hinnant's days_from_civil / civil_from_days, on 64-bit integers.
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = floorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civilFromDays(int64_t z, int64_t& year, unsigned& month, unsigned& day) {
  z += 719468;
  const int64_t era = floorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  year = yoe + era * 400 + (month <= 2);
}

bool isLeapYear(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned daysInMonth(int64_t year, unsigned month) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

unsigned isoWeekday(int64_t days) {
  return static_cast<unsigned>(floorMod(days + 3, 7) + 1);  // 1970-01-01 was a Thursday
}

int64_t isoWeekOneMonday(int64_t weekYear) {
  int64_t jan4 = daysFromCivil(weekYear, 1, 4);
  return jan4 - (isoWeekday(jan4) - 1);
}

void isoWeek(int64_t days, int64_t& weekYear, unsigned& week) {
  int64_t y;
  unsigned m, d;
  civilFromDays(days, y, m, d);
  weekYear = y + 1;
  if (days < isoWeekOneMonday(weekYear)) {
    weekYear = y;
    if (days < isoWeekOneMonday(weekYear)) weekYear = y - 1;
  }
  week = static_cast<unsigned>((days - isoWeekOneMonday(weekYear)) / 7 + 1);
}

unsigned isoWeeksInYear(int64_t weekYear) {
  return static_cast<unsigned>((isoWeekOneMonday(weekYear + 1) - isoWeekOneMonday(weekYear)) / 7);
}

int64_t plusMonths(int64_t days, int64_t months) {
  int64_t y;
  unsigned m, d;
  civilFromDays(days, y, m, d);
  int64_t total = y * 12 + (m - 1) + months;
  int64_t ny = floorDiv(total, 12);
  unsigned nm = static_cast<unsigned>(floorMod(total, 12) + 1);
  unsigned nd = std::min(d, daysInMonth(ny, nm));
  return daysFromCivil(ny, nm, nd);
}

// ---------------------------------------------------------------- printing

namespace {

// ".645", ".645876", ".645876123": Java's groups of three digits; nothing for zero.
void appendTimeFraction(std::string& out, int64_t nanos) {
  if (nanos == 0) return;
  char buf[32];  // room for any long long: GCC checks the worst case in debug builds
  if (nanos % 1'000'000 == 0)
    std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(nanos / 1'000'000));
  else if (nanos % 1000 == 0)
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(nanos / 1000));
  else
    std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(nanos));
  out += buf;
}

std::string formatDays(int64_t days) {
  return formatDate(Date{static_cast<int32_t>(days)});
}

}  // namespace

std::string formatLocalTime(int64_t nanos) {
  int64_t secs = nanos / kNanosPerSecond;
  int64_t frac = nanos % kNanosPerSecond;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60));
  std::string out = buf;
  if (secs % 60 != 0 || frac != 0) {
    std::snprintf(buf, sizeof buf, ":%02lld", static_cast<long long>(secs % 60));
    out += buf;
    appendTimeFraction(out, frac);
  }
  return out;
}

std::string formatOffset(int32_t offset) {
  if (offset == 0) return "Z";
  int32_t a = offset < 0 ? -offset : offset;
  char buf[48];
  if (a % 60 != 0)
    std::snprintf(buf, sizeof buf, "%c%02d:%02d:%02d", offset < 0 ? '-' : '+', a / 3600,
                  a / 60 % 60, a % 60);
  else
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  return buf;
}

std::string formatTime(const TimeValue& t) {
  return formatLocalTime(t.nanos) + formatOffset(t.offset);
}

std::string formatLocalDateTime(const LocalDateTime& t) {
  int64_t days = floorDiv(t.seconds, kSecondsPerDay);
  int64_t secs = floorMod(t.seconds, kSecondsPerDay);
  return formatDays(days) + "T" + formatLocalTime(secs * kNanosPerSecond + t.nanos);
}

std::string formatDateTime(const DateTime& t) {
  std::string out = formatLocalDateTime(t.local()) + formatOffset(t.offset);
  if (!t.zone.empty()) out += "[" + t.zone + "]";
  return out;
}

std::string formatDuration(const Duration& d) {
  std::string out = "P";
  auto part = [&](int64_t v, char unit) {
    if (v == 0) return;
    out += std::to_string(v);
    out += unit;
  };
  part(d.months / 12, 'Y');
  part(d.months % 12, 'M');
  part(d.days, 'D');
  if (d.seconds != 0 || d.nanos != 0) {
    int64_t s = d.seconds;
    int64_t n = d.nanos;
    if (s < 0 && n != 0) {  // both parts negative, as they are printed
      ++s;
      n -= kNanosPerSecond;
    }
    out += 'T';
    part(s / 3600, 'H');
    part(s % 3600 / 60, 'M');
    s %= 60;
    if (s != 0 || n != 0) {
      if (s == 0 && n < 0) out += '-';
      out += std::to_string(s);
      if (n != 0) {
        char buf[32];
        std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(n < 0 ? -n : n));
        std::string f = buf;
        while (f.back() == '0') f.pop_back();
        out += f;
      }
      out += 'S';
    }
  }
  if (out.size() == 1) out += "T0S";
  return out;
}

// ---------------------------------------------------------------- durations

Duration makeDuration(int64_t months, int64_t days, int64_t seconds, int64_t nanos) {
  Duration d;
  d.months = months;
  d.days = days;
  if (__builtin_add_overflow(seconds, floorDiv(nanos, kNanosPerSecond), &d.seconds))
    throw std::overflow_error("duration out of range");
  d.nanos = static_cast<int32_t>(floorMod(nanos, kNanosPerSecond));
  return d;
}

Duration approximateDuration(double months, double days, double seconds, double nanos) {
  double m = std::trunc(months);
  days += 30.436875 * (months - m);
  double d = std::trunc(days);
  seconds += 86400.0 * (days - d);
  double s = std::trunc(seconds);
  nanos += 1e9 * (seconds - s);
  for (double x : {m, d, s, nanos})
    if (!std::isfinite(x) || std::fabs(x) > 9.2e18)
      throw std::overflow_error("duration out of range");
  return makeDuration(static_cast<int64_t>(m), static_cast<int64_t>(d), static_cast<int64_t>(s),
                      static_cast<int64_t>(std::trunc(nanos)));
}

}  // namespace silkgraph::temporal
