// ProgressBar (shell/progress_bar.h): the terminal line for long work, drawn by a thread of
// its own so that the work only stores a number when it reports.
#include "shell/progress_bar.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace silkgraph::shell {

namespace {

constexpr auto kRedraw = std::chrono::milliseconds(250);  // four times a second at most

std::string oneDecimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, v < 10 ? "%.1f" : "%.0f", v);
  return buf;
}

std::string formatAmount(double v, ProgressUnit unit) {
  if (unit == ProgressUnit::Bytes) return formatBytes(v);
  return groupDigits(static_cast<uint64_t>(v)) + " rows";
}

size_t terminalColumns(int fd) {
  winsize ws{};
  if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
  return 80;
}

}  // namespace

std::string formatBytes(double b) {
  if (b < 1e3) return oneDecimal(b) + " B";
  if (b < 1e6) return oneDecimal(b / 1e3) + " kB";
  if (b < 1e9) return oneDecimal(b / 1e6) + " MB";
  return oneDecimal(b / 1e9) + " GB";
}

std::string groupDigits(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string formatDuration(double seconds) {
  char buf[48];
  if (seconds < 1) {
    std::snprintf(buf, sizeof buf, "%.0f ms", seconds * 1000);
  } else if (seconds < 60) {
    std::snprintf(buf, sizeof buf, "%.1f s", seconds);
  } else {
    const auto s = static_cast<unsigned long>(seconds + 0.5);
    std::snprintf(buf, sizeof buf, "%lu min %02lu s", s / 60, s % 60);
  }
  return buf;
}

ProgressBar::ProgressBar(int fd) : fd_(fd), terminal_(isatty(fd) == 1) {
  if (const char* d = std::getenv("SILKGRAPH_PROGRESS_DELAY")) {
    char* end = nullptr;
    double v = std::strtod(d, &end);
    if (end != d && *end == '\0' && v >= 0 && v < 3600) delaySeconds_ = v;
  }
}

ProgressBar::~ProgressBar() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    if (drawn_) clear();
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ProgressBar::begin(std::string_view what, uint64_t total, ProgressUnit unit) {
  if (!enabled()) return;
  std::lock_guard lock(mutex_);
  what_ = what;
  total_ = total;
  unit_ = unit;
  done_.store(0, std::memory_order_relaxed);
  phaseStart_ = std::chrono::steady_clock::now();
  active_ = true;
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
  // Once a bar is on the screen, the next phase of the same work shows at once.
  if (shown_ || delaySeconds_ == 0) draw(phaseStart_);
}

void ProgressBar::update(uint64_t done) {
  done_.store(done, std::memory_order_relaxed);
}

void ProgressBar::end() {
  if (!enabled()) return;
  std::lock_guard lock(mutex_);
  active_ = false;
  if (drawn_) clear();
}

void ProgressBar::summary(std::string_view line) {
  std::lock_guard lock(mutex_);
  if (shown_ && enabled() && !line.empty()) write(std::string(line) + "\n");
  shown_ = false;
}

bool ProgressBar::shown() {
  std::lock_guard lock(mutex_);
  return shown_;
}

void ProgressBar::run() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    wake_.wait_for(lock, kRedraw);
    if (stop_) break;
    if (!active_) continue;
    auto now = std::chrono::steady_clock::now();
    if (shown_ || std::chrono::duration<double>(now - phaseStart_).count() >= delaySeconds_)
      draw(now);
  }
}

void ProgressBar::draw(std::chrono::steady_clock::time_point now) {
  const double elapsed = std::chrono::duration<double>(now - phaseStart_).count();
  const uint64_t done = done_.load(std::memory_order_relaxed);
  const size_t columns = terminalColumns(fd_) - 1;  // never the last column: no wrap
  std::string line = what_ + " ";
  std::string tail;
  if (total_ > 0) {
    const double frac = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
    tail = " " + std::to_string(static_cast<int>(frac * 100)) + "%  " + formatAmount(done, unit_) +
           " / " + formatAmount(static_cast<double>(total_), unit_);
    if (elapsed > 0 && done > 0) {
      const double rate = static_cast<double>(done) / elapsed;
      tail += "  " + formatAmount(rate, unit_) + "/s";
      if (total_ > done)
        tail += "  " + formatDuration(static_cast<double>(total_ - done) / rate) + " left";
    }
    // The bar takes what the text leaves, between 10 and 40 columns.
    const size_t room =
        columns > line.size() + tail.size() + 2 ? columns - line.size() - tail.size() - 2 : 0;
    const size_t width = std::min<size_t>(40, room);
    if (width >= 10) {
      const auto full = static_cast<size_t>(frac * static_cast<double>(width));
      std::string bar(width, ' ');
      for (size_t i = 0; i < full; ++i) bar[i] = '=';
      if (full < width) bar[full] = '>';
      line += "[" + bar + "]";
    }
  } else {
    static constexpr char kSpin[] = {'|', '/', '-', '\\'};
    line += kSpin[tick_++ % 4];
    if (done > 0) tail += "  " + formatAmount(static_cast<double>(done), unit_);
    tail += "  " + formatDuration(elapsed);
  }
  line += tail;
  if (line.size() > columns) line.resize(columns);
  write("\r" + line + "\x1b[K");
  drawn_ = shown_ = true;
}

void ProgressBar::clear() {
  write("\r\x1b[K");
  drawn_ = false;
}

void ProgressBar::write(std::string_view s) const {
  while (!s.empty()) {
    ssize_t n = ::write(fd_, s.data(), s.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a terminal gone away: drawing is best effort
    s.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace silkgraph::shell
