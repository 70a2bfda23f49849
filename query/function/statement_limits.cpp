// Implements query/function/statement_limits.h: the deadline and flag checks, the memory
// budget's error, the thread's current limits, and value sizes.
#include "query/function/statement_limits.h"

#include <cctype>
#include <cmath>
#include <cstdio>

#include "common/text.h"
#include "engine/error.h"

namespace silkgraph {

namespace {

thread_local StatementLimits* tCurrent = nullptr;

std::string secondsText(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return std::string(buf) + (s == 1 ? " second" : " seconds");
}

}  // namespace

StatementLimits::StatementLimits(const std::atomic<bool>* cancel, double timeoutSeconds,
                                 uint64_t maxMemoryBytes)
    : cancel_(cancel), maxMemory_(maxMemoryBytes) {
  if (timeoutSeconds > 0 && std::isfinite(timeoutSeconds)) {
    hasDeadline_ = true;
    timeoutSeconds_ = timeoutSeconds;
    deadline_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(timeoutSeconds));
  }
  active_ = cancel_ != nullptr || hasDeadline_;
}

bool StatementLimits::stopRequested() const {
  if (cancel_ && cancel_->load(std::memory_order_relaxed)) return true;
  if (stop_ && stop_->load(std::memory_order_relaxed)) return true;
  return hasDeadline_ && Clock::now() >= deadline_;
}

void StatementLimits::check() const {
  if ((cancel_ && cancel_->load(std::memory_order_relaxed)) ||
      (stop_ && stop_->load(std::memory_order_relaxed)))
    throw Error(ErrorKind::Cancelled, "query cancelled", {}, "", ErrorPhase::Runtime);
  if (hasDeadline_ && Clock::now() >= deadline_)
    throw Error(ErrorKind::Cancelled,
                "the statement ran longer than its timeout of " + secondsText(timeoutSeconds_) +
                    " and was stopped (nothing it wrote was kept)",
                {}, "Timeout", ErrorPhase::Runtime);
}

void StatementLimits::overBudget() const {
  throw Error(ErrorKind::MemoryLimitExceeded,
              "the statement needs more than its memory limit of " + formatByteSize(maxMemory_) +
                  " (rows and values it holds for sorting, grouping, collecting or its "
                  "result) and was stopped (nothing it wrote was kept)",
              {}, "", ErrorPhase::Runtime);
}

StatementLimits* StatementLimits::current() {
  return tCurrent;
}

StatementLimits::Scope::Scope(StatementLimits* limits) : previous_(tCurrent) {
  tCurrent = limits;
}

StatementLimits::Scope::~Scope() {
  tCurrent = previous_;
}

uint64_t approxValueBytes(const Value& v) {
  uint64_t n = sizeof(Value);
  switch (v.type()) {
    case Value::Type::String:
      n += v.asString().size() + 32;  // the shared string and its control block
      break;
    case Value::Type::List:
      n += 32;
      for (const Value& x : v.asList()) n += approxValueBytes(x);
      break;
    case Value::Type::Map:
      n += 32;
      for (const auto& [k, x] : v.asMap())
        n += sizeof(std::string) + k.size() + approxValueBytes(x);
      break;
    case Value::Type::Path:
      n += 32 + v.asPath().nodes.size() * sizeof(NodeId) + v.asPath().rels.size() * sizeof(RelId);
      break;
    default:
      break;
  }
  return n;
}

uint64_t approxRowBytes(const std::vector<Value>& row) {
  uint64_t n = sizeof(row);
  for (const Value& v : row) n += approxValueBytes(v);
  return n;
}

std::string formatByteSize(uint64_t bytes) {
  static const char* units[] = {"bytes", "KB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[48];
  if (u == 0 || v == std::floor(v))
    std::snprintf(buf, sizeof buf, "%.0f %s", v, units[u]);
  else
    std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
  return buf;
}

uint64_t parseByteSize(std::string_view text) {
  std::string s = text::asciiLower(text::trim(text));
  size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
  if (i == 0) return 0;
  double number = 0;
  try {
    size_t used = 0;
    number = std::stod(s.substr(0, i), &used);
    if (used != i) return 0;
  } catch (const std::exception&) {
    return 0;
  }
  std::string unit(text::trim(std::string_view(s).substr(i)));
  double scale = 0;
  if (unit.empty() || unit == "b" || unit == "bytes") scale = 1;
  if (unit == "k" || unit == "kb" || unit == "kib") scale = 1024.0;
  if (unit == "m" || unit == "mb" || unit == "mib") scale = 1024.0 * 1024;
  if (unit == "g" || unit == "gb" || unit == "gib") scale = 1024.0 * 1024 * 1024;
  if (unit == "t" || unit == "tb" || unit == "tib") scale = 1024.0 * 1024 * 1024 * 1024;
  double bytes = number * scale;
  if (!(bytes >= 1) || bytes > 1.8e19) return 0;
  return static_cast<uint64_t>(bytes);
}

}  // namespace silkgraph
