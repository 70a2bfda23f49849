// Database file format: block names for messages and the error helpers (graph_file_format.h).
#include "engine/graph_file_format.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

namespace silkgraph::graph_file {

TagInfo tagInfo(uint16_t tag) {
  switch (tag) {
    case kMeta:
      return {"metadata", 1};
    case kNodeAlive:
      return {"live-node bitmap", 8};
    case kLabelBits:
      return {"node label bitsets", 8};
    case kLabelNodes:
      return {"label node list", 4};
    case kStringBytes:
      return {"string dictionary text", 1};
    case kStringOffsets:
      return {"string dictionary offsets", 8};
    case kRelSrc:
      return {"relationship sources", 4};
    case kRelDst:
      return {"relationship targets", 4};
    case kRelTypes:
      return {"relationship types", 2};
    case kRelDead:
      return {"deleted-relationship bitmap", 8};
    case kFwdRowstart:
      return {"outgoing CSR row starts", 4};
    case kFwdColumn:
      return {"outgoing CSR targets", 4};
    case kFwdRel:
      return {"outgoing CSR relationship ids", 4};
    case kBwdRowstart:
      return {"incoming CSR row starts", 4};
    case kBwdColumn:
      return {"incoming CSR sources", 4};
    case kBwdEdge:
      return {"incoming CSR edge indexes", 4};
    case kNodePresent:
      return {"node property presence bitmap", 8};
    case kNodeW64:
      return {"node property 64-bit values", 8};
    case kNodeW32:
      return {"node property 32-bit values", 4};
    case kNodeW8:
      return {"node property 8-bit values", 1};
    case kNodeGeneric:
      return {"node property generic values", 1};
    case kRelPresent:
      return {"relationship property presence bitmap", 8};
    case kRelW64:
      return {"relationship property 64-bit values", 8};
    case kRelW32:
      return {"relationship property 32-bit values", 4};
    case kRelW8:
      return {"relationship property 8-bit values", 1};
    case kRelGeneric:
      return {"relationship property generic values", 1};
    case kLabelSets:
      return {"label sets", 16};
    case kLabelSetHigh:
      return {"label set lists", 2};
    case kNodeLabelSets:
      return {"node label set ids", 4};
    case kFwdDistinctRowstart:
      return {"outgoing distinct-neighbour row starts", 4};
    case kFwdDistinctColumn:
      return {"outgoing distinct neighbours", 4};
    case kFwdDistinctRel:
      return {"outgoing distinct-neighbour relationship ids", 4};
    case kBwdDistinctRowstart:
      return {"incoming distinct-neighbour row starts", 4};
    case kBwdDistinctColumn:
      return {"incoming distinct neighbours", 4};
    case kBwdDistinctRel:
      return {"incoming distinct-neighbour relationship ids", 4};
    case kNodeW16:
      return {"node property 16-bit values", 2};
    case kRelW16:
      return {"relationship property 16-bit values", 2};
    case kRelSrc16:
      return {"relationship sources (16-bit)", 2};
    case kRelDst16:
      return {"relationship targets (16-bit)", 2};
    case kFwdColumn16:
      return {"outgoing CSR targets (16-bit)", 2};
    case kBwdColumn16:
      return {"incoming CSR sources (16-bit)", 2};
    default:
      return {nullptr, 0};
  }
}

std::string blockName(uint16_t tag, uint32_t aux) {
  TagInfo info = tagInfo(tag);
  std::string name = info.name ? info.name : "unknown block " + std::to_string(tag);
  if (tag == kLabelNodes) name += " of label #" + std::to_string(aux);
  if ((tag >= kFwdRowstart && tag <= kBwdEdge) ||
      (tag >= kFwdDistinctRowstart && tag <= kBwdDistinctRel) || tag == kFwdColumn16 ||
      tag == kBwdColumn16)
    name += " of type #" + std::to_string(aux);
  if ((tag >= kNodePresent && tag <= kRelGeneric) || tag == kNodeW16 || tag == kRelW16)
    name += " of key #" + std::to_string(aux);
  return name;
}

[[noreturn]] void fileError(ErrorKind kind, const std::string& path, const std::string& msg) {
  Error e(kind, msg);
  e.setFile(path);
  throw e;
}

std::string errnoText() {
  return std::strerror(errno);
}

long flockHolder(const struct stat& st) {
  char id[64];
  std::snprintf(id, sizeof id, "%02x:%02x:%llu", major(st.st_dev), minor(st.st_dev),
                static_cast<unsigned long long>(st.st_ino));
  std::ifstream in("/proc/locks");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::vector<std::string> w{std::istream_iterator<std::string>(words), {}};
    // "1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF" (blocked waiters have a "->" word)
    if (w.size() >= 6 && w[1] != "->" && w[1] == "FLOCK" && w[5] == id)
      return std::strtol(w[4].c_str(), nullptr, 10);
  }
  return 0;
}

}  // namespace silkgraph::graph_file
