// csvChunkStarts (engine/csv_chunks.h): line breaks near evenly spaced offsets of a CSV file.
#include "engine/csv_chunks.h"

#include <algorithm>
#include <cstring>
#include <fstream>

#include "engine/error.h"

namespace silkgraph {

namespace {

[[noreturn]] void ioError(const std::string& displayName, const std::string& message) {
  Error e(ErrorKind::IOError, message);
  e.setFile(displayName);
  throw e;
}

}  // namespace

std::vector<uint64_t> csvChunkStarts(const std::string& path, const std::string& displayName,
                                     uint64_t begin, uint64_t end, uint64_t chunkBytes) {
  std::vector<uint64_t> starts{begin};
  if (chunkBytes == 0 || begin >= end) return starts;
  std::ifstream in(path, std::ios::binary);
  if (!in) ioError(displayName, "cannot open the file for reading");
  constexpr size_t kWindow = 4096;
  char window[kWindow];
  for (;;) {
    // Each chunk holds at least chunkBytes bytes: its end is searched from there.
    uint64_t at = starts.back() + chunkBytes - 1;
    if (at >= end) break;
    in.clear();
    in.seekg(static_cast<std::streamoff>(at));
    bool found = false;
    while (!found && at < end && in) {
      in.read(window, static_cast<std::streamsize>(std::min<uint64_t>(kWindow, end - at)));
      const size_t got = static_cast<size_t>(in.gcount());
      if (in.bad()) ioError(displayName, "error while reading the file");
      if (got == 0) break;
      if (const void* nl = std::memchr(window, '\n', got)) {
        at += static_cast<uint64_t>(static_cast<const char*>(nl) - window) + 1;
        found = true;
      } else {
        at += got;
      }
    }
    if (!found || at >= end) break;
    starts.push_back(at);
  }
  return starts;
}

}  // namespace silkgraph
