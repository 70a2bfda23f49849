// Shared helpers of the fuzz targets (fuzz_support.h).
#include "tests/fuzz/fuzz_support.h"

#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "common/hash.h"
#include "engine/value.h"

namespace silkgraph::fuzz {
namespace fs = std::filesystem;

const std::string& scratchDir() {
  // Never destroyed, so that the exit handler that removes the directory can still read it.
  static const std::string& dir = *new std::string([] {
    const char* tmp = std::getenv("TMPDIR");
    fs::path p =
        fs::path(tmp && *tmp ? tmp : "/tmp") / ("silkgraph-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(p);
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(scratchDir(), ignored);
    });
    return p.string();
  }());
  return dir;
}

std::string writeScratchFile(std::string_view name, std::string_view bytes) {
  std::string path = scratchDir() + "/" + std::string(name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

namespace {

void hashText(hash::Xxh64Stream& h, std::string_view s) {
  const uint64_t n = s.size();
  h.update(&n, sizeof n);
  h.update(s.data(), s.size());
}

void hashProperty(hash::Xxh64Stream& h, const Graph& g, KeyId k, const Value& v) {
  hashText(h, g.keyName(k));
  hashText(h, v.toCypherLiteral());
}

}  // namespace

uint64_t graphFingerprint(const Graph& g) {
  hash::Xxh64Stream h;
  g.forEachNode([&](NodeId n) {
    h.update(&n, sizeof n);
    for (LabelId l : g.nodeLabels(n)) hashText(h, g.labelName(l));
    g.forEachNodeProperty(n, [&](KeyId k, const Value& v) { hashProperty(h, g, k, v); });
    return true;
  });
  g.forEachRel([&](RelId r) {
    const NodeId ends[2] = {g.relSource(r), g.relTarget(r)};
    h.update(&r, sizeof r);
    h.update(ends, sizeof ends);
    hashText(h, g.typeName(g.relType(r)));
    g.forEachRelProperty(r, [&](KeyId k, const Value& v) { hashProperty(h, g, k, v); });
    return true;
  });
  return h.digest();
}

void abortBug(std::string_view what, std::string_view input) {
  std::fprintf(stderr, "\n=== silkgraph fuzz: BUG: %.*s\n=== input (%zu bytes): %.*s\n",
               static_cast<int>(what.size()), what.data(), input.size(),
               static_cast<int>(input.size() < 2000 ? input.size() : 2000), input.data());
  std::abort();
}

void abortIfBug(const Error& e, std::string_view input) {
  if (e.kind() == ErrorKind::InternalError) abortBug(e.format(), input);
}

void loadAllOrNothing(Database& db, const std::vector<std::string>& paths, std::string_view input) {
  try {
    db.load(paths);
  } catch (const Error& e) {
    abortIfBug(e, input);
    if (e.file().empty()) abortBug("a load error without its file: " + e.format(), input);
    if (db.graph().nodeCount() != 0 || db.graph().relCount() != 0)
      abortBug("a failed load left part of the graph behind", input);
  } catch (const std::exception& e) {
    abortBug(std::string("an exception that is not an Error: ") + e.what(), input);
  }
}

void queryWholeGraph(Database& db, std::string_view input) {
  try {
    db.execute(
        "MATCH (n) OPTIONAL MATCH (n)-[r]->(m) RETURN labels(n), properties(n), type(r),"
        " properties(r), id(m)");
  } catch (const Error& e) {
    abortIfBug(e, input);
  } catch (const std::exception& e) {
    abortBug(std::string("an exception that is not an Error: ") + e.what(), input);
  }
}

std::string sourceDir() {
  return SILKGRAPH_SOURCE_DIR;
}

namespace {
struct WatchdogState {
  std::mutex m;
  std::condition_variable cv;
  std::optional<std::chrono::steady_clock::time_point> deadline;
};
// Never destroyed: the watchdog thread waits on it until the process ends.
WatchdogState& state() {
  static WatchdogState* s = new WatchdogState;
  return *s;
}
}  // namespace

Watchdog& Watchdog::instance() {
  static Watchdog w;
  return w;
}

Watchdog::Watchdog() {
  std::thread([this] {
    WatchdogState& s = state();
    std::unique_lock lock(s.m);
    for (;;) {
      if (!s.deadline) {
        s.cv.wait(lock);
      } else if (s.cv.wait_until(lock, *s.deadline) == std::cv_status::timeout && s.deadline &&
                 std::chrono::steady_clock::now() >= *s.deadline) {
        cancel_.store(true);
        s.deadline.reset();
      }
    }
  }).detach();
}

void Watchdog::arm(std::chrono::milliseconds limit) {
  WatchdogState& s = state();
  std::lock_guard lock(s.m);
  cancel_.store(false);
  s.deadline = std::chrono::steady_clock::now() + limit;
  s.cv.notify_one();
}

void Watchdog::disarm() {
  WatchdogState& s = state();
  std::lock_guard lock(s.m);
  s.deadline.reset();
}

}  // namespace silkgraph::fuzz
