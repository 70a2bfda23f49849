// Recomputing a database file's checksums after its bytes were changed (graph_file_forge.h).
// The offsets are those of engine/graph_file_format.h: header fields at 24 (table offset),
// 32 (section count), 40 (table checksum), 56 (header checksum); 32-byte table entries of
// offset, length, checksum, kind, element size and aux.
#include "tests/support/graph_file_forge.h"

#include <cstdint>
#include <cstring>

#include "engine/graph_file.h"

namespace silkgraph::testing {
namespace {

uint64_t get64(const std::string& b, size_t at) {
  uint64_t v;
  std::memcpy(&v, b.data() + at, 8);
  return v;
}
void set64(std::string& b, size_t at, uint64_t v) {
  std::memcpy(b.data() + at, &v, 8);
}

}  // namespace

bool resealGraphFile(std::string& b) {
  constexpr size_t kHeader = 64, kEntry = 32;
  if (b.size() < kHeader) return false;
  const uint64_t tableOffset = get64(b, 24);
  uint32_t count;
  std::memcpy(&count, b.data() + 32, 4);
  const bool tableFits = tableOffset <= b.size() && count <= (b.size() - tableOffset) / kEntry;
  if (tableFits) {
    for (uint32_t i = 0; i < count; ++i) {
      const size_t e = tableOffset + size_t{i} * kEntry;
      const uint64_t offset = get64(b, e), length = get64(b, e + 8);
      if (offset <= b.size() && length <= b.size() - offset)
        set64(b, e + 16, graphFileChecksum(b.data() + offset, length));
    }
    set64(b, 40, graphFileChecksum(b.data() + tableOffset, size_t{count} * kEntry));
  }
  set64(b, 56, graphFileChecksum(b.data(), 56));
  return tableFits;
}

}  // namespace silkgraph::testing
