// Fuzz target: the Neo4j-style CSV loader. The input is up to two files separated by a line
// "----": a node file and a relationship file (the loader tells them apart by their headers).
// A load either succeeds or fails with a LoadError/IOError naming the file, all or nothing.
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "main/database.h"
#include "tests/fuzz/fuzz_support.h"

using namespace silkgraph;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256 * 1024) return -1;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const size_t split = bytes.find("\n----\n");
  std::vector<std::string> paths;
  paths.push_back(fuzz::writeScratchFile("a_nodes.csv", bytes.substr(0, split)));
  if (split != std::string::npos)
    paths.push_back(fuzz::writeScratchFile("b_rels.csv", bytes.substr(split + 6)));
  Database db;
  try {
    db.load(paths);
  } catch (const Error& e) {
    fuzz::abortIfBug(e, bytes);
    if (e.file().empty()) fuzz::abortBug("a load error without its file: " + e.format(), bytes);
    if (db.graph().nodeCount() != 0 || db.graph().relCount() != 0)
      fuzz::abortBug("a failed load left part of the graph behind", bytes);
  } catch (const std::exception& e) {
    fuzz::abortBug(std::string("an exception that is not an Error: ") + e.what(), bytes);
  }
  return 0;
}
