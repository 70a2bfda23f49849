// Parses the ISO 8601 text of engine/temporal.h: dates (calendar, week, ordinal, extended or
// basic), times with fractions, offsets and zone names in brackets, and durations (designator
// form P1Y2M3DT4H5M6.5S with signed and fractional parts, or P2012-02-02T14:37:21.545).
#include <cctype>
#include <cmath>
#include <stdexcept>

#include "engine/temporal.h"

namespace silkgraph::temporal {

namespace {

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  size_t digitsAhead() const {
    size_t n = 0;
    while (i_ + n < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_ + n]))) ++n;
    return n;
  }
  // Exactly n digits.
  bool digits(size_t n, int64_t& out) {
    if (digitsAhead() < n) return false;
    out = 0;
    for (size_t k = 0; k < n; ++k) out = out * 10 + (s_[i_++] - '0');
    return true;
  }
  std::string_view rest() const { return s_.substr(i_); }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

bool validDate(int64_t y, int64_t m, int64_t d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, static_cast<unsigned>(m));
}

bool weekDate(int64_t y, int64_t w, int64_t dow, int64_t& days) {
  if (w < 1 || w > isoWeeksInYear(y) || dow < 1 || dow > 7) return false;
  days = isoWeekOneMonday(y) + (w - 1) * 7 + (dow - 1);
  return true;
}

bool ordinalDate(int64_t y, int64_t o, int64_t& days) {
  if (o < 1 || o > (isLeapYear(y) ? 366 : 365)) return false;
  days = daysFromCivil(y, 1, 1) + o - 1;
  return true;
}

bool parseDatePart(Cursor& c, int64_t& days) {
  int64_t year = 0, sign = 1;
  if (c.peek() == '+' || c.peek() == '-') {
    sign = c.peek() == '-' ? -1 : 1;
    c.eat(c.peek());
    size_t n = c.digitsAhead();
    if (n < 4 || n > 9 || !c.digits(n, year)) return false;
  } else if (!c.digits(4, year)) {
    return false;
  }
  year *= sign;
  int64_t a = 1, b = 1;
  if (c.done() || c.peek() == 'T') return (days = daysFromCivil(year, 1, 1), true);
  bool extended = c.eat('-');
  if (c.eat('W')) {
    if (!c.digits(2, a)) return false;
    if (c.done() || c.peek() == 'T') return weekDate(year, a, 1, days);
    if (extended && !c.eat('-')) return false;
    return c.digits(1, b) && weekDate(year, a, b, days);
  }
  size_t n = c.digitsAhead();
  if (n == 3) return c.digits(3, a) && ordinalDate(year, a, days);
  if (!c.digits(2, a)) return false;
  if (c.done() || c.peek() == 'T')
    return validDate(year, a, 1) && (days = daysFromCivil(year, static_cast<unsigned>(a), 1), true);
  if (extended && !c.eat('-')) return false;
  if (!c.digits(2, b) || !validDate(year, a, b)) return false;
  days = daysFromCivil(year, static_cast<unsigned>(a), static_cast<unsigned>(b));
  return true;
}

// HH[:MM[:SS[.f]]] or HH[MM[SS[.f]]].
bool parseTimePart(Cursor& c, int64_t& nanos) {
  int64_t h = 0, m = 0, s = 0, frac = 0;
  if (!c.digits(2, h) || h > 23) return false;
  bool extended = c.peek() == ':';
  auto more = [&] { return extended ? c.eat(':') : c.digitsAhead() >= 2; };
  if (more()) {
    if (!c.digits(2, m) || m > 59) return false;
    if (more()) {
      if (!c.digits(2, s) || s > 59) return false;
      if (c.eat('.') || c.eat(',')) {
        size_t n = c.digitsAhead();
        if (n == 0 || n > 9 || !c.digits(n, frac)) return false;
        for (size_t k = n; k < 9; ++k) frac *= 10;
      }
    }
  }
  nanos = ((h * 60 + m) * 60 + s) * kNanosPerSecond + frac;
  return true;
}

bool parseZonePart(Cursor& c, ParsedTemporal& out) {
  if (c.peek() == 'Z' || c.peek() == '+' || c.peek() == '-') {
    std::string_view r = c.rest();
    size_t end = r.find('[');
    auto off = parseOffset(r.substr(0, end));
    if (!off) return false;
    out.hasOffset = true;
    out.offset = *off;
    c = Cursor(end == std::string_view::npos ? std::string_view() : r.substr(end));
  }
  if (c.eat('[')) {
    std::string_view r = c.rest();
    if (r.size() < 2 || r.back() != ']') return false;
    out.zone = std::string(r.substr(0, r.size() - 1));
    c = Cursor(std::string_view());
  }
  return c.done();
}

}  // namespace

std::optional<int32_t> parseOffset(std::string_view t) {
  if (t == "Z" || t == "z") return 0;
  if (t.size() < 3 || (t[0] != '+' && t[0] != '-')) return std::nullopt;
  Cursor c(t.substr(1));
  int64_t h = 0, m = 0, s = 0;
  if (!c.digits(2, h)) return std::nullopt;
  bool extended = c.eat(':');
  if (!c.done()) {
    if (!c.digits(2, m)) return std::nullopt;
    if (!c.done()) {
      if (extended && !c.eat(':')) return std::nullopt;
      if (!c.digits(2, s)) return std::nullopt;
    }
  }
  if (!c.done() || h > 18 || m > 59 || s > 59) return std::nullopt;
  int64_t total = h * 3600 + m * 60 + s;
  if (total > 18 * 3600) return std::nullopt;
  return static_cast<int32_t>(t[0] == '-' ? -total : total);
}

std::optional<ParsedTemporal> parseTemporal(std::string_view text, bool timeOnly) {
  ParsedTemporal out;
  Cursor c(text);
  if (!timeOnly) {
    if (!parseDatePart(c, out.days)) return std::nullopt;
    out.hasDate = true;
    if (c.done()) return out;
    if (!c.eat('T')) return std::nullopt;
  }
  if (!parseTimePart(c, out.nanos)) return std::nullopt;
  out.hasTime = true;
  if (!parseZonePart(c, out)) return std::nullopt;
  return out;
}

namespace {

// P2012-02-02T14:37:21.545
std::optional<Duration> parseAlternativeDuration(Cursor c, int64_t sign) {
  int64_t y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!c.digits(4, y) || !c.eat('-') || !c.digits(2, mo) || !c.eat('-') || !c.digits(2, d))
    return std::nullopt;
  int64_t nanos = 0;
  if (c.eat('T')) {
    if (!c.digits(2, h) || !c.eat(':') || !c.digits(2, mi) || !c.eat(':') || !c.digits(2, s))
      return std::nullopt;
    if (c.eat('.') || c.eat(',')) {
      size_t n = c.digitsAhead();
      if (n == 0 || n > 9 || !c.digits(n, nanos)) return std::nullopt;
      for (size_t k = n; k < 9; ++k) nanos *= 10;
    }
  }
  if (!c.done()) return std::nullopt;
  return makeDuration(sign * (y * 12 + mo), sign * d, sign * (h * 3600 + mi * 60 + s),
                      sign * nanos);
}

}  // namespace

std::optional<Duration> parseDuration(std::string_view text) try {
  int64_t sign = 1;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    sign = text[0] == '-' ? -1 : 1;
    text.remove_prefix(1);
  }
  if (text.size() < 2 || (text[0] != 'P' && text[0] != 'p')) return std::nullopt;
  Cursor c(text.substr(1));
  if (c.digitsAhead() == 4 && c.rest().size() > 4 && c.rest()[4] == '-')
    return parseAlternativeDuration(c, sign);
  // Integer parts exactly; any fraction outside the seconds goes through doubles.
  int64_t months = 0, days = 0, seconds = 0, nanos = 0;
  double fm = 0, fd = 0, fs = 0;
  bool inTime = false, any = false, fractional = false;
  size_t lastUnit = 0;
  while (!c.done()) {
    if (c.eat('T')) {
      if (inTime) return std::nullopt;
      inTime = true;
      continue;
    }
    int64_t partSign = 1;
    if (c.eat('-'))
      partSign = -1;
    else
      c.eat('+');
    size_t n = c.digitsAhead();
    int64_t whole = 0;
    if (n == 0 || n > 18 || !c.digits(n, whole)) return std::nullopt;
    int64_t fracNanos = 0;
    size_t fracDigits = 0;
    if (c.eat('.') || c.eat(',')) {
      fracDigits = c.digitsAhead();
      if (fracDigits == 0 || fracDigits > 9 || !c.digits(fracDigits, fracNanos))
        return std::nullopt;
      for (size_t k = fracDigits; k < 9; ++k) fracNanos *= 10;
    }
    char u = c.peek();
    c.eat(u);
    // Units in order: Y M W D before T, H M S after it.
    size_t pos = inTime ? (u == 'H'   ? 4
                           : u == 'M' ? 5
                           : u == 'S' ? 6
                                      : 99)
                        : (u == 'Y'   ? 0
                           : u == 'M' ? 1
                           : u == 'W' ? 2
                           : u == 'D' ? 3
                                      : 99);
    if (pos == 99 || (any && pos <= lastUnit)) return std::nullopt;
    lastUnit = pos;
    any = true;
    whole *= partSign * sign;
    double frac = partSign * sign * static_cast<double>(fracNanos) / 1e9;
    if (fracNanos != 0 && pos != 6) fractional = true;
    static const int64_t kMonthFactor[] = {12, 1};
    static const int64_t kSecondFactor[] = {3600, 60, 1};
    if (pos <= 1) {
      months += whole * kMonthFactor[pos];
      fm += frac * static_cast<double>(kMonthFactor[pos]);
    } else if (pos <= 3) {
      days += whole * (pos == 2 ? 7 : 1);
      fd += frac * (pos == 2 ? 7 : 1);
    } else {
      seconds += whole * kSecondFactor[pos - 4];
      if (pos == 6)
        nanos += partSign * sign * fracNanos;
      else
        fs += frac * static_cast<double>(kSecondFactor[pos - 4]);
    }
  }
  if (!any) return std::nullopt;
  if (!fractional) return makeDuration(months, days, seconds, nanos);
  return approximateDuration(static_cast<double>(months) + fm, static_cast<double>(days) + fd,
                             static_cast<double>(seconds) + fs, static_cast<double>(nanos));
} catch (const std::overflow_error&) {
  return std::nullopt;
}

}  // namespace silkgraph::temporal
