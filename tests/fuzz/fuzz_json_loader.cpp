// Fuzz target: the native JSON loader (docs/formats.md) on one file. A load either succeeds
// or fails with a LoadError/IOError naming the file, and a failed load leaves the graph and
// schema as they were (here: empty).
#include <cstdint>
#include <exception>
#include <string>

#include "main/database.h"
#include "tests/fuzz/fuzz_support.h"

using namespace silkgraph;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256 * 1024) return -1;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const std::string path = fuzz::writeScratchFile("graph.json", bytes);
  Database db;
  fuzz::loadAllOrNothing(db, {path}, bytes);
  return 0;
}
