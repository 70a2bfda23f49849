// :timeout, :max-memory and :as-of (shell/limit_commands.h): show or set the limits and the
// view date every following statement of the session runs under.
#include "shell/limit_commands.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "common/text.h"
#include "main/database.h"

namespace silkgraph::shell {

using text::asciiLower;
using text::trim;

std::optional<double> parseTimeout(std::string_view text) {
  std::string s = asciiLower(trim(text));
  if (s == "off" || s == "none") return 0.0;
  if (!s.empty() && s.back() == 's') s.pop_back();
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v) || v < 0 ||
      v > 31'536'000)  // a year
    return std::nullopt;
  return v;
}

std::optional<uint64_t> parseMemoryLimit(std::string_view text) {
  std::string s = asciiLower(trim(text));
  if (s == "off" || s == "none") return uint64_t{0};
  uint64_t bytes = parseByteSize(s);
  if (bytes == 0) return std::nullopt;
  return bytes;
}

std::optional<std::optional<Date>> parseAsOf(std::string_view text) {
  std::string s = asciiLower(trim(text));
  if (s == "off" || s == "none") return std::optional<Date>();
  Date d;
  if (s.size() != 10 || !parseDate(s, d)) return std::nullopt;
  return std::optional<Date>(d);
}

std::string timeoutText(double seconds) {
  if (seconds <= 0) return "off";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", seconds);
  return buf;
}

class LimitCommandHandlers {
 public:
  static MetaOutcome timeout(Session& s, const MetaCall& c) {
    if (c.args.empty()) {
      s.info() << "Timeout: " << timeoutText(s.limits_.timeoutSeconds) << "\n";
      return MetaOutcome::Ok;
    }
    std::optional<double> v = c.args.size() == 1 ? parseTimeout(c.args[0]) : std::nullopt;
    if (!v) {
      s.metaErr() << "usage: :timeout SECONDS|off   (e.g. :timeout 2 or :timeout 0.5)\n";
      return MetaOutcome::Failed;
    }
    s.limits_.timeoutSeconds = *v;
    if (!s.quietMeta_) s.info() << "Timeout: " << timeoutText(*v) << "\n";
    return MetaOutcome::Ok;
  }

  static MetaOutcome maxMemory(Session& s, const MetaCall& c) {
    auto text = [](uint64_t b) { return b == 0 ? std::string("off") : formatByteSize(b); };
    if (c.args.empty()) {
      s.info() << "Memory limit per statement: " << text(s.limits_.maxMemoryBytes) << "\n";
      return MetaOutcome::Ok;
    }
    std::optional<uint64_t> v = parseMemoryLimit(c.rest);
    if (!v) {
      s.metaErr() << "usage: :max-memory SIZE|off   (e.g. :max-memory 512MB or 2GB)\n";
      return MetaOutcome::Failed;
    }
    s.limits_.maxMemoryBytes = *v;
    if (!s.quietMeta_) s.info() << "Memory limit per statement: " << text(*v) << "\n";
    return MetaOutcome::Ok;
  }

  static MetaOutcome asOf(Session& s, const MetaCall& c) {
    auto text = [](const std::optional<Date>& d) {
      return d ? formatDate(*d) : std::string("off (everything is visible)");
    };
    if (c.args.empty()) {
      s.info() << "View date: " << text(s.limits_.asOf) << "\n";
      return MetaOutcome::Ok;
    }
    std::optional<std::optional<Date>> v = c.args.size() == 1 ? parseAsOf(c.args[0]) : std::nullopt;
    if (!v) {
      s.metaErr() << "usage: :as-of YYYY-MM-DD|off   (e.g. :as-of 2025-07-01)\n";
      return MetaOutcome::Failed;
    }
    s.limits_.asOf = *v;
    if (!s.quietMeta_) s.info() << "View date: " << text(*v) << "\n";
    return MetaOutcome::Ok;
  }
};

std::vector<MetaCommand> limitCommands() {
  using H = LimitCommandHandlers;
  return {
      {{":timeout"},
       {},
       {{":timeout [SECONDS|off]",
         "show or set the time a statement may run before it is\nstopped (also --timeout)"}},
       {"off"},
       false,
       H::timeout},
      {{":max-memory"},
       {},
       {{":max-memory [SIZE|off]",
         "show or set the memory a statement may hold, e.g. 512MB\n(also --max-memory)"}},
       {"off"},
       false,
       H::maxMemory},
      {{":as-of"},
       {},
       {{":as-of [YYYY-MM-DD|off]",
         "show or set the view date: statements see only the nodes\nand relationships valid on "
         "that day (also --as-of;\ndocs/time.md)"}},
       {"off"},
       false,
       H::asOf},
  };
}

}  // namespace silkgraph::shell
