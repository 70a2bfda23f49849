// Shared by the fuzz targets (tests/fuzz/README.md): a scratch directory per process, a
// fingerprint of a whole graph (to check that a failed statement or load left it unchanged),
// the rule for which errors are bugs, and a watchdog that cancels a statement that runs too
// long so that a slow input is not reported as a hang.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/graph.h"
#include "main/database.h"

namespace silkgraph::fuzz {

// A directory private to this process (under $TMPDIR or /tmp), created on first use.
const std::string& scratchDir();
// Writes `bytes` to scratchDir()/name, replacing it, and returns the path.
std::string writeScratchFile(std::string_view name, std::string_view bytes);

// A hash of everything a user can observe in the graph: each live node with its label names
// and properties, each live relationship with its endpoints, type and properties.
uint64_t graphFingerprint(const Graph& graph);

// An Error a user may legitimately get for bad input; anything else (InternalError, a
// std::exception that is not an Error) is a bug, reported by aborting with its message.
void abortIfBug(const Error& e, std::string_view input);
[[noreturn]] void abortBug(std::string_view what, std::string_view input);

// Loads `paths` into the empty `db` as a data load: success, or an Error that names its file
// and leaves the graph empty (all or nothing); anything else aborts as a bug.
void loadAllOrNothing(Database& db, const std::vector<std::string>& paths, std::string_view input);
// Runs a query that reads every node, relationship and property of `db` (a graph that opened
// or replayed must answer it); anything but a user-facing Error aborts as a bug.
void queryWholeGraph(Database& db, std::string_view input);

// The source tree, for the sample data (compiled in as SILKGRAPH_SOURCE_DIR).
std::string sourceDir();

// Sets *flag() after `limit` unless disarmed first. One per process.
class Watchdog {
 public:
  static Watchdog& instance();
  void arm(std::chrono::milliseconds limit);
  void disarm();
  const std::atomic<bool>* flag() const { return &cancel_; }

 private:
  Watchdog();
  std::atomic<bool> cancel_{false};
};

}  // namespace silkgraph::fuzz
