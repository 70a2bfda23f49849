// Database file format (docs/storage.md, "Database file"): the header and section-table
// layout, the block tags with their element sizes and names, and the small byte-level and
// error helpers that the writer (graph_file_writer.cpp) and reader (graph_file_reader.cpp)
// share. Internal to engine/.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>

#include "engine/error.h"
#include "engine/graph.h"

namespace silkgraph::graph_file {

static_assert(std::endian::native == std::endian::little,
              "the database file stores arrays in little-endian byte order");
static_assert(sizeof(CsrEdge) == sizeof(RelId) && std::is_trivially_copyable_v<CsrEdge>);
static_assert(sizeof(LabelSet) == 16 && alignof(LabelSet) <= 64);

inline uint64_t read64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint32_t read32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

inline void put32(uint8_t* p, uint32_t v) {
  std::memcpy(p, &v, 4);
}
inline void put64(uint8_t* p, uint64_t v) {
  std::memcpy(p, &v, 8);
}

constexpr std::array<char, 8> kMagic = {'S', 'I', 'L', 'K', 'G', 'R', 'P', 'H'};
constexpr size_t kHeaderSize = 64;
constexpr size_t kEntrySize = 32;
constexpr size_t kAlign = 64;
constexpr uint32_t kNone = UINT32_MAX;

// Block kinds. The numbers are part of the format: never reorder, only append.
enum Tag : uint16_t {
  kMeta = 1,
  kNodeAlive,
  kLabelBits,   // format versions 2 to 4: labelWords u64 per node
  kLabelNodes,  // aux: label
  kStringBytes,
  kStringOffsets,
  kRelSrc,
  kRelDst,
  kRelTypes,
  kRelDead,
  kFwdRowstart,  // aux: type
  kFwdColumn,
  kFwdRel,
  kBwdRowstart,
  kBwdColumn,
  kBwdEdge,
  kNodePresent,  // aux: key
  kNodeW64,
  kNodeW32,
  kNodeW8,
  kNodeGeneric,
  kRelPresent,  // aux: key
  kRelW64,
  kRelW32,
  kRelW8,
  kRelGeneric,
  kLabelSets,            // format version 5 on: the distinct label sets (LabelSet, 16 bytes)
  kLabelSetHigh,         // their labels of id 64 and up (u16)
  kNodeLabelSets,        // per node its label set (u32)
  kFwdDistinctRowstart,  // format version 6 on, aux: type (engine/distinct_rows.h)
  kFwdDistinctColumn,
  kFwdDistinctRel,
  kBwdDistinctRowstart,
  kBwdDistinctColumn,
  kBwdDistinctRel,
  kNodeW16,  // format version 7 on, aux: key (narrow Int32 and String columns)
  kRelW16,
  kRelSrc16,  // format version 7 on: relationship ends while node ids fit in 16 bits
  kRelDst16,
  kFwdColumn16,  // format version 8 on, aux: type: a compressed row's other ends in 16 bits
  kBwdColumn16,
  kTagEnd
};

struct TagInfo {
  const char* name;
  uint16_t elem;
};

TagInfo tagInfo(uint16_t tag);
// The block's name in messages, e.g. "outgoing CSR targets of type #2".
std::string blockName(uint16_t tag, uint32_t aux);

inline size_t alignUp(size_t n) {
  return (n + kAlign - 1) / kAlign * kAlign;
}

[[noreturn]] void fileError(ErrorKind kind, const std::string& path, const std::string& msg);
std::string errnoText();
// The process holding a flock on the file (device, inode), from /proc/locks; 0 if unknown.
long flockHolder(const struct stat& st);

class FileHandle {
 public:
  explicit FileHandle(int fd) : fd_(fd) {}
  ~FileHandle() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

}  // namespace silkgraph::graph_file
