// The progress bar the shell draws for long work (loads, `build`, checkpoints, exports,
// rendering, statements that compute before their first row): a ProgressListener
// (common/progress.h) that draws one line on a terminal, "Loading [=====>    ] 45%  90.1 MB /
// 199.3 MB  52.3 MB/s  2 s left", and erases it when the work ends.
//
// Nothing is drawn when the file descriptor is not a terminal, when disabled (--quiet), or
// for work that ends within the delay (half a second; SILKGRAPH_PROGRESS_DELAY=SECONDS
// changes it). A thread of its own redraws the line four times a second, so the work only
// stores a number when it reports, and phases that cannot count (compacting, Graphviz) still
// show their elapsed time.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "common/progress.h"

namespace silkgraph::shell {

class ProgressBar : public ProgressListener {
 public:
  // Draws on `fd` when it is a terminal.
  explicit ProgressBar(int fd);
  ~ProgressBar() override;
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // --quiet: draw nothing and print no summary.
  void setEnabled(bool on) { enabled_ = on; }
  bool enabled() const { return enabled_ && terminal_; }

  void begin(std::string_view what, uint64_t total, ProgressUnit unit) override;
  void update(uint64_t done) override;
  void end() override;

  // After the work: when a bar was drawn since the last summary, prints `line` in its place
  // ("Loaded 5,000,000 relationships in 1.1 s"); otherwise nothing (short work stays quiet).
  // An empty line only starts afresh: the next work is again quiet for the delay.
  void summary(std::string_view line);
  // Whether a bar was drawn since the last summary.
  bool shown();

 private:
  void run();
  void draw(std::chrono::steady_clock::time_point now);
  void clear();
  void write(std::string_view s) const;

  int fd_;
  bool terminal_ = false;
  bool enabled_ = true;
  double delaySeconds_ = 0.5;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
  bool stop_ = false;
  bool active_ = false;  // between begin and end
  bool drawn_ = false;   // the line is on the screen now
  bool shown_ = false;   // a line was drawn since the last summary
  std::string what_;
  uint64_t total_ = 0;
  ProgressUnit unit_ = ProgressUnit::Rows;
  std::atomic<uint64_t> done_{0};
  std::chrono::steady_clock::time_point phaseStart_;
  unsigned tick_ = 0;
};

// "5,000,000": digits grouped by thousands, for summaries.
std::string groupDigits(uint64_t n);
// "1.1 s", "12 ms", "2 min 05 s": a duration for summaries.
std::string formatDuration(double seconds);
// 1234567 -> "1.2 MB" (decimal units, as the progress bar shows amounts of data).
std::string formatBytes(double bytes);

}  // namespace silkgraph::shell
