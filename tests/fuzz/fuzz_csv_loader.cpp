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
  fuzz::loadAllOrNothing(db, paths, bytes);
  return 0;
}
