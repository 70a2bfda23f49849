// Fuzz target: query text, through parse -> bind -> plan -> optimize -> execute, on the
// forum sample (samples/central-asia-korea). A statement may fail only with a user-facing
// Error, and a failed statement must leave the graph exactly as it was (statements are
// atomic). A statement that changed the graph is followed by a reload of the sample, so every
// input runs on the same graph. Each statement is cancelled after 2 s.
#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>

#include "main/database.h"
#include "tests/fuzz/fuzz_support.h"

using namespace silkgraph;

namespace {

std::unique_ptr<Database> db;
std::string snapshot;  // the sample as a database file, reloaded after each write
uint64_t fingerprint = 0;

void reload() {
  db = std::make_unique<Database>();
  db->load({snapshot});
  fingerprint = fuzz::graphFingerprint(db->graph());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Database sample;
  sample.load({fuzz::sourceDir() + "/samples/central-asia-korea"});
  snapshot = fuzz::scratchDir() + "/sample.sg";
  sample.save(snapshot);
  reload();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return -1;  // long inputs add nothing the lexer tests do not cover
  const std::string query(reinterpret_cast<const char*>(data), size);
  fuzz::Watchdog& watchdog = fuzz::Watchdog::instance();
  watchdog.arm(std::chrono::seconds(2));
  bool wrote = false;
  try {
    PreparedQuery prepared = db->prepare(query);
    (void)db->notices(prepared);
    QueryResult result = db->execute(prepared, {}, watchdog.flag());
    wrote = result.stats.containsUpdates();
  } catch (const Error& e) {
    fuzz::abortIfBug(e, query);
    if (fuzz::graphFingerprint(db->graph()) != fingerprint)
      fuzz::abortBug("a failed statement changed the graph: " + e.format(), query);
  } catch (const std::exception& e) {
    fuzz::abortBug(std::string("an exception that is not an Error: ") + e.what(), query);
  }
  watchdog.disarm();
  // A statement may write without counting it (e.g. SET of the same value), so compare.
  if (wrote || fuzz::graphFingerprint(db->graph()) != fingerprint) reload();
  return 0;
}
