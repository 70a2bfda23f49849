// ScenarioWorker: runs TCK scenarios in a forked child, one after another, so that a scenario
// that crashes or hangs fails alone (the next one gets a new child) while a whole run pays for
// a handful of forks instead of one per scenario (in the sanitizer build, a fork and the
// copy-on-write faults after it took most of the TCK's time).
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <string>

namespace silkgraph::tck {

struct Outcome {
  bool pass = false;
  std::string why;   // failure reason
  std::string note;  // passed, but with a remark (e.g. a different error detail code)
};

class ScenarioWorker {
 public:
  using RunFn = std::function<Outcome(size_t scenario)>;
  // run: executed in the child for each scenario index; deadlineSec: how long one scenario
  // may take before its child is killed (its own cancellation should come first).
  ScenarioWorker(RunFn run, double deadlineSec);
  ~ScenarioWorker();
  ScenarioWorker(const ScenarioWorker&) = delete;
  ScenarioWorker& operator=(const ScenarioWorker&) = delete;

  // The outcome of scenario `index`; a child that dies or overruns its deadline gives a
  // failing outcome saying so, and the next call starts a new child. Runs in this process
  // when no child can be started.
  Outcome run(size_t index);

 private:
  bool start();
  void stop(bool kill);

  RunFn run_;
  double deadlineSec_;
  pid_t pid_ = -1;
  int toChild_ = -1, fromChild_ = -1;
};

}  // namespace silkgraph::tck
