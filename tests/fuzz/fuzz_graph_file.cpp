// Fuzz target: opening a database file (engine/graph_file.h). The custom mutator recomputes
// every checksum after libFuzzer's mutation, so inputs get past the checksum check and reach
// the reader's structural validation (D9 in issue 10). An open either fails with a LoadError
// naming the file or gives a graph that answers a query touching every node, relationship and
// property.
#include <cstdint>
#include <cstring>
#include <exception>
#include <string>

#include "main/database.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/support/graph_file_forge.h"

using namespace silkgraph;

extern "C" __attribute__((weak)) size_t LLVMFuzzerMutate(uint8_t* data, size_t size,
                                                         size_t maxSize);

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize,
                                          unsigned int) {
  size = LLVMFuzzerMutate(data, size, maxSize);
  std::string bytes(reinterpret_cast<const char*>(data), size);
  testing::resealGraphFile(bytes);
  std::memcpy(data, bytes.data(), bytes.size());
  return bytes.size();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1024 * 1024) return -1;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const std::string path = fuzz::writeScratchFile("db.sg", bytes);
  Database db;
  try {
    db.load({path});
  } catch (const Error& e) {
    fuzz::abortIfBug(e, "(database file)");
    if (e.file().empty()) fuzz::abortBug("an open error without its file: " + e.format(), "");
    return 0;
  } catch (const std::exception& e) {
    fuzz::abortBug(std::string("an exception that is not an Error: ") + e.what(), "");
  }
  // The graph that opened must answer queries over all of it.
  fuzz::queryWholeGraph(db, "(database file)");
  return 0;
}
