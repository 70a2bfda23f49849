// Columns for Result.to_df(): each result column becomes one typed NumPy array (int64,
// float64, bool, day numbers for dates, nanoseconds for datetimes and for durations without
// months, with a null mask where needed) or, for strings and mixed values, an object array;
// silkgraph/_result.py turns them into pandas columns.
#include <pybind11/numpy.h>

#include <limits>
#include <optional>
#include <unordered_map>

#include "python/src/native.h"

namespace silkgraph::py {

namespace {

// What one column holds, from a scan of its cells.
struct ColumnShape {
  bool nulls = false, ints = false, floats = false, bools = false, strings = false, dates = false,
       localDateTimes = false, dateTimes = false, durations = false, other = false;
  bool datesInRange = true;  // 1678..2261: representable as datetime64[ns]
  bool timesInRange = true;  // the same for (local) datetimes
  // Durations without months (a month has no fixed length) whose nanoseconds fit in int64:
  // timedelta64[ns], a day counted as 24 hours as pandas and datetime.timedelta count it.
  bool durationsExact = true;
  // Datetimes: the zone (or, for fixed offsets, the offset) they all share, if they do.
  bool oneZone = true;
  std::string zone;
  int32_t offset = 0;
  size_t kinds() const {
    return ints + floats + bools + strings + dates + localDateTimes + dateTimes + durations + other;
  }
};

// Seconds whose nanoseconds fit in int64 (datetime64[ns] spans 1677-09-21 to 2262-04-11).
bool fitsNanos(int64_t seconds) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max() / kNanosPerSecond - 1;
  return seconds > -kMax && seconds < kMax;
}

void scanDateTime(const DateTime& t, ColumnShape& s) {
  if (!fitsNanos(t.seconds)) s.timesInRange = false;
  if (!s.dateTimes) {
    s.zone = t.zone;
    s.offset = t.offset;
  } else if (t.zone != s.zone || (t.zone.empty() && t.offset != s.offset)) {
    s.oneZone = false;
  }
  s.dateTimes = true;
}

// A duration without months in nanoseconds, if it fits in int64.
std::optional<int64_t> exactNanos(const Duration& d) {
  int64_t seconds = 0, nanos = 0;
  if (d.months != 0 || __builtin_mul_overflow(d.days, kSecondsPerDay, &seconds) ||
      __builtin_add_overflow(seconds, d.seconds, &seconds) ||
      __builtin_mul_overflow(seconds, kNanosPerSecond, &nanos) ||
      __builtin_add_overflow(nanos, static_cast<int64_t>(d.nanos), &nanos))
    return std::nullopt;
  return nanos;
}

ColumnShape scan(const std::vector<std::vector<Value>>& rows, size_t c) {
  ColumnShape s;
  for (const auto& row : rows) {
    const Value& v = row[c];
    switch (v.type()) {
      case Value::Type::Null:
        s.nulls = true;
        break;
      case Value::Type::Int:
        s.ints = true;
        break;
      case Value::Type::Float:
        s.floats = true;
        break;
      case Value::Type::Bool:
        s.bools = true;
        break;
      case Value::Type::String:
        s.strings = true;
        break;
      case Value::Type::Date: {
        s.dates = true;
        int y = 0;
        unsigned m = 0, d = 0;
        dateToYmd(v.asDate(), y, m, d);
        if (y < 1678 || y > 2261) s.datesInRange = false;
        break;
      }
      case Value::Type::LocalDateTime:
        s.localDateTimes = true;
        if (!fitsNanos(v.asLocalDateTime().seconds)) s.timesInRange = false;
        break;
      case Value::Type::DateTime:
        scanDateTime(v.asDateTime(), s);
        break;
      case Value::Type::Duration:
        s.durations = true;
        if (!exactNanos(v.asDuration())) s.durationsExact = false;
        break;
      default:
        s.other = true;
    }
  }
  return s;
}

// The pandas kind of a datetime column: "datetimetz:" and the zone its values share (an IANA
// name, or a fixed offset in seconds east of UTC as "+32400"), or UTC when they differ.
std::string dateTimeKind(const ColumnShape& s) {
  if (!s.oneZone) return "datetimetz:UTC";
  if (!s.zone.empty()) return "datetimetz:" + s.zone;
  return "datetimetz:" + std::string(s.offset < 0 ? "" : "+") + std::to_string(s.offset);
}

template <typename T, typename F>
pyb::tuple typed(const char* kind, const std::vector<std::vector<Value>>& rows, size_t c,
                 bool withMask, F&& get) {
  const auto n = static_cast<pyb::ssize_t>(rows.size());
  pyb::array_t<T> values(n);
  pyb::array_t<bool> mask(withMask ? n : 0);
  T* out = values.mutable_data();
  bool* m = withMask ? mask.mutable_data() : nullptr;
  for (pyb::ssize_t i = 0; i < n; ++i) {
    const Value& v = rows[static_cast<size_t>(i)][c];
    const bool null = v.isNull();
    out[i] = null ? T{} : get(v);
    if (m) m[i] = null;
  }
  return pyb::make_tuple(pyb::str(kind), values, withMask ? pyb::object(mask) : pyb::none());
}

// An object array. Equal strings share one Python str: those sharing one payload in the graph
// by pointer, computed ones by content while the column has few distinct values.
pyb::tuple objects(const std::vector<std::vector<Value>>& rows, size_t c, const ResultData& data) {
  const auto n = static_cast<pyb::ssize_t>(rows.size());
  pyb::array values(pyb::dtype("O"), std::vector<pyb::ssize_t>{n});
  auto** out = static_cast<PyObject**>(values.mutable_data());
  constexpr size_t kMaxDistinct = 1 << 16;
  std::unordered_map<const std::string*, PyObject*> seen;
  std::unordered_map<std::string_view, PyObject*> byText;  // views into the rows' payloads
  bool useText = true;
  size_t hits = 0;
  for (pyb::ssize_t i = 0; i < n; ++i) {
    const Value& v = rows[static_cast<size_t>(i)][c];
    PyObject* o = nullptr;
    if (v.type() == Value::Type::String) {
      auto [it, fresh] = seen.try_emplace(v.stringPtr().get(), nullptr);
      if (fresh) {
        // Mostly distinct strings: stop looking them up once the table is full.
        if (useText && byText.size() >= kMaxDistinct && hits < kMaxDistinct) useText = false;
        auto known = useText ? byText.find(v.asString()) : byText.end();
        if (known != byText.end()) {
          ++hits;
          it->second = known->second;
          Py_INCREF(it->second);
        } else {
          it->second = toPython(v, data).release().ptr();
          if (useText && byText.size() < kMaxDistinct) {
            byText.emplace(v.asString(), it->second);
            Py_INCREF(it->second);
          }
        }
      }
      o = it->second;
      Py_INCREF(o);
    } else {
      o = toPython(v, data).release().ptr();
    }
    Py_XDECREF(out[i]);
    out[i] = o;
  }
  for (auto& [k, o] : seen) Py_DECREF(o);
  for (auto& [k, o] : byText) Py_DECREF(o);
  return pyb::make_tuple(pyb::str("object"), values, pyb::none());
}

}  // namespace

pyb::list ResultHandle::frameColumns() {
  checkOpen();
  readAll();  // result.rows: the rows not yet read
  const auto& rows = data_->result.rows;
  std::lock_guard lock(data_->mutex);
  pyb::list out;
  for (size_t c = 0; c < data_->result.columns.size(); ++c) {
    const ColumnShape s = scan(rows, c);
    pyb::tuple col;
    if (s.kinds() == 1 && s.ints) {
      col = typed<int64_t>(s.nulls ? "Int64" : "int64", rows, c, s.nulls,
                           [](const Value& v) { return v.asInt(); });
    } else if (s.kinds() >= 1 && s.kinds() == static_cast<size_t>(s.ints + s.floats)) {
      col = typed<double>("float64", rows, c, false, [](const Value& v) { return v.asNumber(); });
      // Nulls of a float column are NaN, as pandas has them.
      auto a = col[1].cast<pyb::array_t<double>>();
      double* d = a.mutable_data();
      for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i][c].isNull()) d[i] = std::numeric_limits<double>::quiet_NaN();
    } else if (s.kinds() == 1 && s.bools) {
      col = typed<bool>(s.nulls ? "boolean" : "bool", rows, c, s.nulls,
                        [](const Value& v) { return v.asBool(); });
    } else if (s.kinds() == 1 && s.dates && s.datesInRange) {
      col = typed<int64_t>("date", rows, c, true,
                           [](const Value& v) { return static_cast<int64_t>(v.asDate().days); });
    } else if (s.kinds() == 1 && s.localDateTimes && s.timesInRange) {
      // Nanoseconds since the epoch of the local date and time: naive datetime64[ns].
      col = typed<int64_t>("datetime", rows, c, true, [](const Value& v) {
        const LocalDateTime& t = v.asLocalDateTime();
        return t.seconds * kNanosPerSecond + t.nanos;
      });
    } else if (s.kinds() == 1 && s.dateTimes && s.timesInRange) {
      // The instant, in UTC nanoseconds; pandas shows it in the zone the column shares.
      col = typed<int64_t>(dateTimeKind(s).c_str(), rows, c, true, [](const Value& v) {
        const DateTime& t = v.asDateTime();
        return t.seconds * kNanosPerSecond + t.nanos;
      });
    } else if (s.kinds() == 1 && s.durations && s.durationsExact) {
      col = typed<int64_t>("timedelta", rows, c, true,
                           [](const Value& v) { return *exactNanos(v.asDuration()); });
    } else {
      col = objects(rows, c, *data_);
    }
    out.append(
        pyb::make_tuple(pyb::str(data_->result.columns[c].data(), data_->result.columns[c].size()),
                        col[0], col[1], col[2]));
  }
  return out;
}

}  // namespace silkgraph::py
