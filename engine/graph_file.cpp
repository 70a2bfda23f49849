// Database file (.sg): the entry points of graph_file.h that are neither writing nor reading
// (graph_file_writer.cpp, graph_file_reader.cpp): the path test and the block checksum.
#include "engine/graph_file.h"

#include "common/hash.h"

namespace silkgraph {

uint64_t graphFileChecksum(const void* data, size_t length) {
  return hash::xxh64(data, length, 0);
}

bool isGraphFilePath(std::string_view path) {
  if (path.size() < 3) return false;
  std::string_view ext = path.substr(path.size() - 3);
  return ext[0] == '.' && (ext[1] == 's' || ext[1] == 'S') && (ext[2] == 'g' || ext[2] == 'G');
}

}  // namespace silkgraph
