// Database file writer: lays the graph's arrays out as checksummed blocks (zero-copy from the
// in-memory vectors), encodes the metadata, and replaces the file atomically.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <iterator>
#include <span>
#include <sstream>
#include <type_traits>

#include "engine/graph_access.h"
#include "engine/graph_file.h"
#include "engine/graph_file_codec.h"
#include "engine/graph_file_format.h"

namespace silkgraph {

using namespace graph_file;

namespace {

struct OutBlock {
  uint16_t tag;
  uint32_t aux;
  const void* data;
  size_t bytes;
};

class BlockList {
 public:
  std::vector<OutBlock> blocks;

  // v: a std::vector, MappedArray or span of trivially copyable elements.
  template <typename Array>
  uint32_t array(uint16_t tag, uint32_t aux, const Array& v) {
    using T = std::remove_cvref_t<decltype(*v.data())>;
    static_assert(std::is_trivially_copyable_v<T>);
    if (v.empty()) return kNone;
    blocks.push_back({tag, aux, v.data(), v.size() * sizeof(T)});
    return static_cast<uint32_t>(blocks.size() - 1);
  }
  uint32_t owned(uint16_t tag, uint32_t aux, std::string bytes) {
    owned_.push_back(std::move(bytes));
    const std::string& s = owned_.back();
    blocks.push_back({tag, aux, s.data(), s.size()});
    return static_cast<uint32_t>(blocks.size() - 1);
  }

 private:
  std::deque<std::string> owned_;  // a deque: adding never moves earlier strings
};

void encodeColumn(Encoder& meta, BlockList& out, const PropertyColumn& c, bool rel, uint32_t key) {
  meta.u8(static_cast<uint8_t>(c.kind()));
  meta.u8(c.narrow() ? 1 : 0);
  meta.u64(c.count());
  uint16_t base = rel ? kRelPresent : kNodePresent;
  meta.u32(out.array(base, key, c.presentBits()));
  meta.u32(out.array(base + 1, key, c.words64()));
  meta.u32(out.array(base + 2, key, c.words32()));
  meta.u32(out.array(base + 3, key, c.words8()));
  meta.u32(out.array(rel ? kRelW16 : kNodeW16, key, c.words16()));
  if (c.kind() == PropertyColumn::Kind::Generic) {
    const std::vector<Value>& g = c.genericValues();
    Encoder e;
    e.u64(g.size());
    for (const Value& v : g) e.value(v);
    meta.u32(out.owned(base + 4, key, std::move(e.out)));
  } else {
    meta.u32(kNone);
  }
}

void writeAll(int fd, const void* data, size_t n, const std::string& tmp) {
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    ssize_t w = ::write(fd, p, std::min<size_t>(n, size_t{1} << 30));
    if (w < 0) {
      if (errno == EINTR) continue;
      fileError(ErrorKind::IOError, tmp, "cannot write the database file: " + errnoText());
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
}

// Writes header, blocks and table to fd.
void writeBlocks(int fd, const std::vector<OutBlock>& blocks, uint32_t metaIndex, uint32_t version,
                 const std::string& tmp) {
  std::vector<uint8_t> table(blocks.size() * kEntrySize, 0);
  size_t offset = kHeaderSize;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const OutBlock& b = blocks[i];
    uint8_t* e = table.data() + i * kEntrySize;
    put64(e, offset);
    put64(e + 8, b.bytes);
    put64(e + 16, graphFileChecksum(b.data, b.bytes));
    uint16_t elem = tagInfo(b.tag).elem;
    std::memcpy(e + 24, &b.tag, 2);
    std::memcpy(e + 26, &elem, 2);
    put32(e + 28, b.aux);
    offset = alignUp(offset + b.bytes);
  }
  const uint64_t tableOffset = offset;
  const uint64_t fileSize = tableOffset + table.size();

  std::array<uint8_t, kHeaderSize> header{};
  std::memcpy(header.data(), kMagic.data(), 8);
  put32(header.data() + 8, version);
  put32(header.data() + 12, kHeaderSize);
  put64(header.data() + 16, fileSize);
  put64(header.data() + 24, tableOffset);
  put32(header.data() + 32, static_cast<uint32_t>(blocks.size()));
  put32(header.data() + 36, metaIndex);
  put64(header.data() + 40, graphFileChecksum(table.data(), table.size()));
  put64(header.data() + 56, graphFileChecksum(header.data(), 56));

  static const std::array<uint8_t, kAlign> zeros{};
  writeAll(fd, header.data(), header.size(), tmp);
  size_t at = kHeaderSize;
  for (const OutBlock& b : blocks) {
    writeAll(fd, b.data, b.bytes, tmp);
    at += b.bytes;
    size_t pad = alignUp(at) - at;
    writeAll(fd, zeros.data(), pad, tmp);
    at += pad;
  }
  writeAll(fd, table.data(), table.size(), tmp);
}

// An exclusive advisory lock on the database file being replaced, so that two writers of
// the same path cannot interleave (a second one fails at once, naming the holder). The
// lock is on the inode at `path`; after the rename the path names a new, unlocked inode, so
// a later writer proceeds normally. A path that does not exist yet gets an empty
// placeholder, removed again if the write fails.
class TargetLock {
 public:
  explicit TargetLock(const std::string& path) : path_(path) {
    for (int attempt = 0; attempt < 64; ++attempt) {
      created_ = false;
      int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
      if (fd < 0 && errno == ENOENT) {
        fd = ::open(path.c_str(), O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0 && errno == EEXIST) continue;  // created meanwhile, or a dangling symlink
        created_ = fd >= 0;
      }
      if (fd < 0) fileError(ErrorKind::IOError, path, "cannot open for writing: " + errnoText());
      FileHandle h(fd);
      if (::fstat(fd, &st_) != 0)
        fileError(ErrorKind::IOError, path, "cannot read the database file: " + errnoText());
      if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == ENOLCK || errno == EOPNOTSUPP || errno == EINVAL) {
          fd_ = h.release();  // a file system without locks: write as before, unlocked
          return;
        }
        if (errno != EWOULDBLOCK)
          fileError(ErrorKind::IOError, path, "cannot lock the database file: " + errnoText());
        long pid = flockHolder(st_);
        fileError(ErrorKind::IOError, path,
                  "the database file is being written by another process" +
                      (pid > 0 ? " (pid " + std::to_string(pid) + ")" : std::string()) +
                      "; try again when it has finished");
      }
      struct stat now;
      if (::stat(path.c_str(), &now) == 0 && now.st_dev == st_.st_dev && now.st_ino == st_.st_ino) {
        fd_ = h.release();
        return;
      }
      // Replaced between open and lock by a writer that has just finished: lock the new file.
    }
    fileError(ErrorKind::IOError, path, "cannot lock the database file: it keeps changing");
  }
  ~TargetLock() {
    if (created_ && !replaced_) {  // remove our placeholder if it is still the file there
      struct stat now;
      if (::lstat(path_.c_str(), &now) == 0 && now.st_ino == st_.st_ino && now.st_dev == st_.st_dev)
        ::unlink(path_.c_str());
    }
    ::close(fd_);
  }
  TargetLock(const TargetLock&) = delete;
  TargetLock& operator=(const TargetLock&) = delete;
  void replaced() { replaced_ = true; }

 private:
  std::string path_;
  int fd_ = -1;
  bool created_ = false, replaced_ = false;
  struct stat st_ {};
};

// Creates a new temporary file beside `path` (a unique name, O_EXCL|O_NOFOLLOW: an existing
// file or planted symlink is never opened); sets `tmp` to its name.
int createTemp(const std::string& path, std::string& tmp) {
  static std::atomic<uint64_t> serial{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    tmp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(serial++);
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd >= 0) return fd;
    if (errno != EEXIST)
      fileError(ErrorKind::IOError, path, "cannot create " + tmp + ": " + errnoText());
  }
  fileError(ErrorKind::IOError, path, "cannot create a temporary file beside it");
}

// Atomic replacement: lock the target, write a new file beside it, flush, rename it over
// the target, flush the directory. On any failure the temporary file is removed and the
// previous file is untouched.
template <typename Write>
void replaceFile(const std::string& path, Write write) {
  TargetLock lock(path);
  std::string tmp;
  int fd = createTemp(path, tmp);
  FileHandle h(fd);
  try {
    write(fd, tmp);
    if (::fsync(fd) != 0)
      fileError(ErrorKind::IOError, path, "cannot flush " + tmp + ": " + errnoText());
    if (::close(h.release()) != 0)
      fileError(ErrorKind::IOError, path, "cannot close " + tmp + ": " + errnoText());
    if (::rename(tmp.c_str(), path.c_str()) != 0)
      fileError(ErrorKind::IOError, path,
                "cannot rename " + tmp + " to the database file: " + errnoText());
  } catch (...) {
    ::unlink(tmp.c_str());
    throw;
  }
  lock.replaced();
  const size_t slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    FileHandle dh(dfd);
    if (::fsync(dfd) != 0)
      fileError(
          ErrorKind::IOError, path,
          "the database file was written but its directory could not be flushed: " + errnoText());
  }
}

}  // namespace

void writeGraphFile(const Graph& graph, const Schema& schema, const std::string& path) {
  const GraphImpl& g = GraphAccess::of(graph);
  if (g.inTx)
    fileError(ErrorKind::IOError, path, "cannot write a database file inside a transaction");
  g.needRels();  // never copies unchecked bytes of the file the graph was opened from

  BlockList out;
  Encoder meta;
  auto names = [&](const NameCatalog& c) {
    meta.u64(c.size());
    for (size_t i = 0; i < c.size(); ++i) meta.str(c.name(static_cast<uint32_t>(i)));
  };
  names(g.labels);
  names(g.types);
  names(g.keys);

  // Strings.
  std::string text;
  std::vector<uint64_t> offsets;
  if (g.strings.size() != 0) {
    offsets.reserve(g.strings.size() + 1);
    offsets.push_back(0);
    for (size_t i = 0; i < g.strings.size(); ++i) {
      text += g.strings.view(static_cast<uint32_t>(i));
      offsets.push_back(text.size());
    }
  }
  meta.u32(out.array(kStringOffsets, 0, offsets));
  meta.u32(text.empty() ? kNone : out.owned(kStringBytes, 0, std::move(text)));

  // Nodes.
  meta.u64(g.nodeLimit);
  meta.u64(g.nodeCount);
  meta.u32(out.array(kNodeAlive, 0, g.nodeAlive));
  // Label sets (version 5): only the live ones, renumbered densely when some were freed.
  const LabelSets::Packed labelSets = g.labelSets.packed();
  std::vector<uint32_t> renumbered;
  if (labelSets.renumbered) {
    renumbered.reserve(g.nodeLimit);
    for (uint32_t s : g.nodeLabelSet) renumbered.push_back(labelSets.remap[s]);
  }
  meta.u32(out.array(kLabelSets, 0, labelSets.sets));
  meta.u32(out.array(kLabelSetHigh, 0, labelSets.high));
  meta.u32(labelSets.renumbered ? out.array(kNodeLabelSets, 0, renumbered)
                                : out.array(kNodeLabelSets, 0, g.nodeLabelSet));
  meta.u64(g.labelNodes.size());
  for (size_t l = 0; l < g.labelNodes.size(); ++l) {
    meta.u64(g.labelCount[l]);
    meta.u32(out.array(kLabelNodes, static_cast<uint32_t>(l), g.labelNodes[l]));
  }

  // Relationships.
  meta.u64(g.relCount);
  meta.u64(g.compactedRelLimit);
  meta.u32(out.array(kRelSrc, 0, g.relSrc.wideWords()));
  meta.u32(out.array(kRelDst, 0, g.relDst.wideWords()));
  meta.u32(out.array(kRelTypes, 0, g.relTypes));
  meta.u32(out.array(kRelDead, 0, g.relDead));
  meta.u32(out.array(kRelSrc16, 0, g.relSrc.narrowWords()));  // version 7 on
  meta.u32(out.array(kRelDst16, 0, g.relDst.narrowWords()));
  meta.u64(g.topo.size());
  for (size_t t = 0; t < g.topo.size(); ++t) {
    const TypeTopology& tp = g.topo[t];
    auto aux = static_cast<uint32_t>(t);
    meta.u64(tp.csrVertices);
    meta.u64(tp.csrDeleted);
    meta.u64(tp.live);
    const auto& fwd = tp.csr.m_forward;
    const auto& bwd = tp.csr.m_backward;
    const bool has = tp.csrVertices != 0;
    using U32 = std::span<const uint32_t>;
    meta.u32(out.array(kFwdRowstart, aux, has ? U32(fwd.m_rowstart) : U32()));
    meta.u32(out.array(kFwdColumn, aux, has ? U32(fwd.m_column.wideWords()) : U32()));
    meta.u32(out.array(
        kFwdRel, aux,
        has ? std::span<const CsrEdge>(fwd.m_edge_properties) : std::span<const CsrEdge>()));
    meta.u32(out.array(kBwdRowstart, aux, has ? U32(bwd.m_rowstart) : U32()));
    meta.u32(out.array(kBwdColumn, aux, has ? U32(bwd.m_column.wideWords()) : U32()));
    meta.u32(out.array(kBwdEdge, aux, has ? U32(bwd.m_edge_properties) : U32()));
    meta.u64(tp.order.keys.size());
    for (KeyId k : tp.order.keys) meta.u32(k);
    meta.u8(tp.order.valid ? 1 : 0);
    meta.u64(tp.order.parts.size());
    for (const OrderPart& p : tp.order.parts) {
      meta.u32(p.key);
      meta.u8(static_cast<uint8_t>(p.kind));
      meta.u64(p.min);
      meta.u8(p.shift);
      meta.u8(p.bits);
      meta.u8(p.offset);
    }
    // Version 6: the distinct neighbours of each direction (none: three absent arrays).
    for (int in = 0; in < 2; ++in) {
      const DistinctRows& d = tp.distinct[in];
      const bool built = has && d.built();
      const uint16_t base = in ? kBwdDistinctRowstart : kFwdDistinctRowstart;
      meta.u32(out.array(base, aux, built ? U32(d.rowstart) : U32()));
      meta.u32(out.array(base + 1, aux, built ? U32(d.column) : U32()));
      meta.u32(out.array(base + 2, aux, built ? U32(d.rel) : U32()));
    }
    // Version 8: the rows' other ends in 16 bits (the 32-bit arrays above are then absent).
    using U16 = std::span<const uint16_t>;
    meta.u32(out.array(kFwdColumn16, aux, has ? U16(fwd.m_column.narrowWords()) : U16()));
    meta.u32(out.array(kBwdColumn16, aux, has ? U16(bwd.m_column.narrowWords()) : U16()));
  }

  // Properties.
  for (int rel = 0; rel < 2; ++rel) {
    const auto& cols = rel ? g.relCols : g.nodeCols;
    meta.u64(cols.size());
    for (size_t k = 0; k < cols.size(); ++k)
      encodeColumn(meta, out, cols[k], rel != 0, static_cast<uint32_t>(k));
  }

  // Key indexes: (label, key) pairs; the maps are rebuilt on open.
  std::vector<std::pair<uint32_t, uint32_t>> indexes;
  for (size_t l = 0; l < g.keyIndexes.size(); ++l)
    if (g.keyIndexes[l].key != kNoKey) indexes.emplace_back(l, g.keyIndexes[l].key);
  meta.u64(indexes.size());
  for (auto [l, k] : indexes) {
    meta.u32(l);
    meta.u32(k);
  }
  encodeSchema(meta, schema);
  const uint32_t version = kGraphFileVersion;
  encodeIndexes(meta, schema);
  encodeSymmetricTypes(meta, schema);
  uint32_t metaIndex = out.owned(kMeta, 0, std::move(meta.out));

  replaceFile(path, [&](int fd, const std::string& tmp) {
    writeBlocks(fd, out.blocks, metaIndex, version, tmp);
  });
}

}  // namespace silkgraph
