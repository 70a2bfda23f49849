// Progress of long work (loads, imports, database files written, exports): the interface
// the work reports through and a front end implements to show it. The work never writes to
// a terminal itself; it calls a ProgressListener it was given (or none), once per chunk of
// work (a buffer of a file, 64 Ki rows), never per row, so reporting costs nothing
// measurable. The shell draws it as a one-line bar on a terminal (shell/progress_bar.h).
#pragma once

#include <cstdint>
#include <string_view>

namespace silkgraph {

// What `done` and `total` count.
enum class ProgressUnit { Bytes, Rows };

class ProgressListener {
 public:
  virtual ~ProgressListener() = default;
  // A phase of work starts: `what` says it ("Loading", "Writing db.sg"), `total` is how many
  // units it will do, 0 when not known in advance.
  virtual void begin(std::string_view what, uint64_t total, ProgressUnit unit) = 0;
  // `done` units of the current phase are finished (non-decreasing within a phase).
  virtual void update(uint64_t done) = 0;
  // The current phase ended, finished or abandoned by an error.
  virtual void end() = 0;
};

// One phase reported to a listener that may be null: begin in the constructor, end in the
// destructor (also when an exception leaves the work), updates forwarded in between.
class ProgressPhase {
 public:
  ProgressPhase(ProgressListener* listener, std::string_view what, uint64_t total,
                ProgressUnit unit)
      : listener_(listener) {
    if (listener_) listener_->begin(what, total, unit);
  }
  ~ProgressPhase() {
    if (listener_) listener_->end();
  }
  ProgressPhase(const ProgressPhase&) = delete;
  ProgressPhase& operator=(const ProgressPhase&) = delete;

  void update(uint64_t done) {
    if (listener_) listener_->update(done);
  }

 private:
  ProgressListener* listener_;
};

}  // namespace silkgraph
