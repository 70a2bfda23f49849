// Database file (.sg): writes the in-memory arrays of GraphImpl as checksummed blocks and
// restores them with bulk copies from a memory map (format in docs/storage.md). Everything a
// scan could index with a stored value is validated on open, so a file that passes its
// checksums but is inconsistent is refused rather than trusted.
#include "engine/graph_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <type_traits>

#include "engine/error.h"
#include "engine/huge_pages.h"

namespace silkgraph {

static_assert(std::endian::native == std::endian::little,
              "the database file stores arrays in little-endian byte order");
static_assert(sizeof(CsrEdge) == sizeof(RelId) && std::is_trivially_copyable_v<CsrEdge>);

// Reaches the private arrays of a column (friend of PropertyColumn).
struct GraphFileAccess {
  static PropertyColumn::Kind& kind(PropertyColumn& c) { return c.kind_; }
  static std::vector<uint64_t>& present(PropertyColumn& c) { return c.present_; }
  static std::vector<uint64_t>& w64(PropertyColumn& c) { return c.w64_; }
  static std::vector<uint32_t>& w32(PropertyColumn& c) { return c.w32_; }
  static std::vector<uint8_t>& w8(PropertyColumn& c) { return c.w8_; }
  static std::vector<Value>& generic(PropertyColumn& c) { return c.generic_; }
  static size_t& count(PropertyColumn& c) { return c.count_; }
  static PropertyColumn& mut(const PropertyColumn& c) { return const_cast<PropertyColumn&>(c); }
};

namespace {

using A = GraphFileAccess;

// ---------------------------------------------------------------- checksum (XXH64)

constexpr uint64_t kP1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t kP2 = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t kP3 = 0x165667B19E3779F9ULL;
constexpr uint64_t kP4 = 0x85EBCA77C2B2AE63ULL;
constexpr uint64_t kP5 = 0x27D4EB2F165667C5ULL;

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
inline uint64_t xxRound(uint64_t acc, uint64_t input) {
  acc += input * kP2;
  acc = std::rotl(acc, 31);
  return acc * kP1;
}
inline uint64_t xxMerge(uint64_t acc, uint64_t val) {
  acc ^= xxRound(0, val);
  return acc * kP1 + kP4;
}

// ---------------------------------------------------------------- format constants

constexpr std::array<char, 8> kMagic = {'S', 'I', 'L', 'K', 'G', 'R', 'P', 'H'};
constexpr size_t kHeaderSize = 64;
constexpr size_t kEntrySize = 32;
constexpr size_t kAlign = 64;
constexpr uint32_t kNone = UINT32_MAX;

// Block kinds. The numbers are part of the format: never reorder, only append.
enum Tag : uint16_t {
  kMeta = 1,
  kNodeAlive,
  kLabelBits,
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
  kTagEnd
};

struct TagInfo {
  const char* name;
  uint16_t elem;
};

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
    default:
      return {nullptr, 0};
  }
}

std::string blockName(uint16_t tag, uint32_t aux) {
  TagInfo info = tagInfo(tag);
  std::string name = info.name ? info.name : "unknown block " + std::to_string(tag);
  if (tag == kLabelNodes) name += " of label #" + std::to_string(aux);
  if (tag >= kFwdRowstart && tag <= kBwdEdge) name += " of type #" + std::to_string(aux);
  if (tag >= kNodePresent && tag <= kRelGeneric) name += " of key #" + std::to_string(aux);
  return name;
}

size_t alignUp(size_t n) {
  return (n + kAlign - 1) / kAlign * kAlign;
}

[[noreturn]] void fileError(ErrorKind kind, const std::string& path, const std::string& msg) {
  Error e(kind, msg);
  e.setFile(path);
  throw e;
}

std::string errnoText() {
  return std::strerror(errno);
}

// ---------------------------------------------------------------- encoding of small things

class Encoder {
 public:
  std::string out;
  void u8(uint8_t v) { out.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }
  void u64(uint64_t v) { out.append(reinterpret_cast<const char*>(&v), 8); }
  void str(std::string_view s) {
    u64(s.size());
    out.append(s);
  }
  void value(const Value& v) {
    u8(static_cast<uint8_t>(v.type()));
    switch (v.type()) {
      case Value::Type::Null:
        break;
      case Value::Type::Bool:
        u8(v.asBool() ? 1 : 0);
        break;
      case Value::Type::Int:
        u64(static_cast<uint64_t>(v.asInt()));
        break;
      case Value::Type::Float:
        u64(std::bit_cast<uint64_t>(v.asFloat()));
        break;
      case Value::Type::String:
        str(v.asString());
        break;
      case Value::Type::Date:
        u32(static_cast<uint32_t>(v.asDate().days));
        break;
      case Value::Type::List:
        u64(v.asList().size());
        for (const Value& e : v.asList()) value(e);
        break;
      case Value::Type::Map:
        u64(v.asMap().size());
        for (const auto& [k, e] : v.asMap()) {
          str(k);
          value(e);
        }
        break;
      case Value::Type::Node:
        u32(v.asNode());
        break;
      case Value::Type::Rel:
        u32(v.asRel());
        break;
      case Value::Type::Path:
        u64(v.asPath().nodes.size());
        for (NodeId n : v.asPath().nodes) u32(n);
        u64(v.asPath().rels.size());
        for (RelId r : v.asPath().rels) u32(r);
        break;
    }
  }
  void properties(const std::vector<PropertyDef>& props) {
    u64(props.size());
    for (const PropertyDef& p : props) {
      str(p.name);
      u8(static_cast<uint8_t>(p.type));
      u8(p.required ? 1 : 0);
      str(p.description);
    }
  }
  void strings(const std::vector<std::string>& v) {
    u64(v.size());
    for (const std::string& s : v) str(s);
  }
};

// Bounds-checked reader of the metadata block and of generic values. `fail` reports the
// content as inconsistent: it passed its checksum, so it was written that way.
class Decoder {
 public:
  Decoder(const uint8_t* p, size_t n, const std::string& path, std::string what)
      : p_(p), end_(p + n), path_(path), what_(std::move(what)) {}

  [[noreturn]] void fail(const std::string& msg) const {
    fileError(ErrorKind::LoadError, path_, "database file is inconsistent (" + what_ + "): " + msg);
  }
  bool done() const { return p_ == end_; }
  void need(size_t n) const {
    if (static_cast<size_t>(end_ - p_) < n) fail("unexpected end of data");
  }
  uint8_t u8() {
    need(1);
    return *p_++;
  }
  uint32_t u32() {
    need(4);
    uint32_t v = read32(p_);
    p_ += 4;
    return v;
  }
  uint64_t u64() {
    need(8);
    uint64_t v = read64(p_);
    p_ += 8;
    return v;
  }
  // A count of items that each take at least minBytes: bounded by what is left.
  size_t count(size_t minBytes) {
    uint64_t n = u64();
    if (n > static_cast<size_t>(end_ - p_) / std::max<size_t>(minBytes, 1))
      fail("a count of " + std::to_string(n) + " exceeds the data");
    return static_cast<size_t>(n);
  }
  std::string_view strView() {
    size_t n = count(1);
    std::string_view s(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return s;
  }
  std::string str() { return std::string(strView()); }
  std::vector<std::string> strings() {
    std::vector<std::string> v(count(8));
    for (auto& s : v) s = str();
    return v;
  }
  std::vector<PropertyDef> properties() {
    std::vector<PropertyDef> props(count(18));
    for (PropertyDef& p : props) {
      p.name = str();
      uint8_t t = u8();
      if (t > static_cast<uint8_t>(PropType::Map))
        fail("unknown property type " + std::to_string(t));
      p.type = static_cast<PropType>(t);
      p.required = u8() != 0;
      p.description = str();
    }
    return props;
  }
  Value value(int depth = 0) {
    if (depth > 512) fail("values nested too deeply");
    uint8_t t = u8();
    switch (static_cast<Value::Type>(t)) {
      case Value::Type::Null:
        return Value();
      case Value::Type::Bool:
        return Value(u8() != 0);
      case Value::Type::Int:
        return Value(static_cast<int64_t>(u64()));
      case Value::Type::Float:
        return Value(std::bit_cast<double>(u64()));
      case Value::Type::String:
        return Value(str());
      case Value::Type::Date:
        return Value(Date{static_cast<int32_t>(u32())});
      case Value::Type::List: {
        ValueList l(count(1));
        for (Value& e : l) e = value(depth + 1);
        return Value(std::move(l));
      }
      case Value::Type::Map: {
        ValueMap m(count(9));
        for (auto& [k, e] : m) {
          k = str();
          e = value(depth + 1);
        }
        return Value(std::move(m));
      }
      case Value::Type::Node:
        return Value(NodeRef{u32()});
      case Value::Type::Rel:
        return Value(RelRef{u32()});
      case Value::Type::Path: {
        PathValue path;
        path.nodes.resize(count(4));
        for (NodeId& n : path.nodes) n = u32();
        path.rels.resize(count(4));
        for (RelId& r : path.rels) r = u32();
        if (path.nodes.size() != path.rels.size() + 1) fail("malformed path value");
        return Value(std::move(path));
      }
    }
    fail("unknown value type " + std::to_string(t));
  }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
  const std::string& path_;
  std::string what_;
};

// ---------------------------------------------------------------- writing

struct OutBlock {
  uint16_t tag;
  uint32_t aux;
  const void* data;
  size_t bytes;
};

class BlockList {
 public:
  std::vector<OutBlock> blocks;

  template <typename T>
  uint32_t array(uint16_t tag, uint32_t aux, const std::vector<T>& v) {
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

void encodeColumn(Encoder& meta, BlockList& out, const PropertyColumn& cc, bool rel, uint32_t key) {
  PropertyColumn& c = A::mut(cc);
  meta.u8(static_cast<uint8_t>(A::kind(c)));
  meta.u64(A::count(c));
  uint16_t base = rel ? kRelPresent : kNodePresent;
  meta.u32(out.array(base, key, A::present(c)));
  meta.u32(out.array(base + 1, key, A::w64(c)));
  meta.u32(out.array(base + 2, key, A::w32(c)));
  meta.u32(out.array(base + 3, key, A::w8(c)));
  if (A::kind(c) == PropertyColumn::Kind::Generic) {
    const std::vector<Value>& g = A::generic(c);
    Encoder e;
    e.u64(g.size());
    for (const Value& v : g) e.value(v);
    meta.u32(out.owned(base + 4, key, std::move(e.out)));
  } else {
    meta.u32(kNone);
  }
}

void encodeSchema(Encoder& e, const Schema& schema) {
  e.u64(schema.labels().size());
  for (const LabelDef& l : schema.labels()) {
    e.str(l.name);
    e.str(l.key);
    e.properties(l.properties);
    e.str(l.description);
  }
  e.u64(schema.relTypes().size());
  for (const RelTypeDef& t : schema.relTypes()) {
    e.str(t.name);
    e.strings(t.from);
    e.strings(t.to);
    e.properties(t.properties);
    e.str(t.description);
    e.strings(t.index);
  }
}

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

void put32(uint8_t* p, uint32_t v) {
  std::memcpy(p, &v, 4);
}
void put64(uint8_t* p, uint64_t v) {
  std::memcpy(p, &v, 8);
}

// Writes header, blocks and table to fd.
void writeBlocks(int fd, const std::vector<OutBlock>& blocks, uint32_t metaIndex,
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
  put32(header.data() + 8, kGraphFileVersion);
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

// ---------------------------------------------------------------- reading

class MappedFile {
 public:
  MappedFile(const std::string& path) : path_(path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      fileError(ErrorKind::IOError, path, "cannot open the database file: " + errnoText());
    FileHandle h(fd);
    struct stat st;
    if (::fstat(fd, &st) != 0)
      fileError(ErrorKind::IOError, path, "cannot read the database file: " + errnoText());
    if (!S_ISREG(st.st_mode))
      fileError(ErrorKind::IOError, path, "the database file is not a regular file");
    size_ = static_cast<size_t>(st.st_size);
    if (size_ == 0) return;
    void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED)
      fileError(ErrorKind::IOError, path, "cannot map the database file: " + errnoText());
    data_ = static_cast<const uint8_t*>(p);
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<uint8_t*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  // Drops the whole pages inside [offset, offset + length) from this mapping (they were
  // copied); the file stays readable from the page cache.
  void release(uint64_t offset, uint64_t length) const {
    const uint64_t page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
    uint64_t begin = (offset + page - 1) / page * page, end = (offset + length) / page * page;
    if (begin < end) ::madvise(const_cast<uint8_t*>(data_) + begin, end - begin, MADV_DONTNEED);
  }

 private:
  std::string path_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

struct InBlock {
  uint64_t offset, length, sum;
  uint16_t tag;
  uint32_t aux;
};

// Checks the header, the table and every padding byte on construction, and each block's
// checksum before its bytes are first used (take/bytes; verifyRest for any left), so every
// byte of the file is known to be as written before the graph is handed out. Verifying per
// block lets its pages be dropped right after the copy: the peak memory of an open stays
// near the size of the graph instead of twice that.
class CheckedFile {
 public:
  CheckedFile(const std::string& path, bool verifyMeta) : path_(path), map_(path) {
    const uint8_t* d = map_.data();
    const size_t size = map_.size();
    const size_t magicBytes = std::min(size, kMagic.size());
    if (magicBytes == 0 || std::memcmp(d, kMagic.data(), magicBytes) != 0)
      bad("not a silkgraph database file (wrong magic number)");
    if (size < kHeaderSize)
      bad("database file is truncated: " + std::to_string(size) + " bytes, shorter than its " +
          std::to_string(kHeaderSize) + "-byte header");
    const bool headerOk = graphFileChecksum(d, 56) == read64(d + 56);
    const uint32_t version = read32(d + 8);
    if (version != kGraphFileVersion) {
      if (version > kGraphFileVersion)
        bad("database file has format version " + std::to_string(version) +
            ", newer than this build of silkgraph reads (version " +
            std::to_string(kGraphFileVersion) + "); open it with a newer silkgraph" +
            (headerOk ? "" : " (or the header is corrupt)"));
      bad("database file has unsupported format version " + std::to_string(version));
    }
    if (!headerOk) bad("database file header is corrupt (checksum mismatch)");
    if (read32(d + 12) != kHeaderSize || read64(d + 48) != 0)
      bad("database file header is corrupt (unexpected field values)");
    const uint64_t fileSize = read64(d + 16);
    if (size < fileSize)
      bad("database file is truncated: " + std::to_string(size) + " of " +
          std::to_string(fileSize) + " bytes");
    if (size > fileSize)
      bad("database file has " + std::to_string(size - fileSize) +
          " unexpected bytes after its end (" + std::to_string(fileSize) + " bytes)");
    const uint64_t tableOffset = read64(d + 24);
    const uint32_t count = read32(d + 32);
    metaIndex_ = read32(d + 36);
    if (tableOffset < kHeaderSize || tableOffset > fileSize ||
        (fileSize - tableOffset) != uint64_t{count} * kEntrySize || metaIndex_ >= count)
      bad("database file header is corrupt (inconsistent section table position)");
    if (graphFileChecksum(d + tableOffset, count * kEntrySize) != read64(d + 40))
      bad("database file section table is corrupt (checksum mismatch)");
    blocks_.reserve(count);
    size_t expect = kHeaderSize;
    for (uint32_t i = 0; i < count; ++i) {
      const uint8_t* e = d + tableOffset + size_t{i} * kEntrySize;
      InBlock b;
      b.offset = read64(e);
      b.length = read64(e + 8);
      b.sum = read64(e + 16);
      std::memcpy(&b.tag, e + 24, 2);
      uint16_t elem;
      std::memcpy(&elem, e + 26, 2);
      b.aux = read32(e + 28);
      TagInfo info = tagInfo(b.tag);
      std::string name = blockName(b.tag, b.aux);
      if (!info.name || elem != info.elem)
        bad("database file has an unknown section (tag " + std::to_string(b.tag) + ")");
      if (b.offset != expect || b.length > tableOffset - b.offset || b.length % elem != 0)
        bad("database file section '" + name + "' has an invalid position or length");
      expect = alignUp(b.offset + b.length);
      if (expect > tableOffset)
        bad("database file section '" + name + "' has an invalid position or length");
      for (uint64_t p = b.offset + b.length; p < expect; ++p)
        if (d[p] != 0)
          bad("database file is corrupt: nonzero padding after section '" + name + "'");
      blocks_.push_back(b);
    }
    if (expect != tableOffset) bad("database file has unaccounted bytes before its section table");
    if (blocks_[metaIndex_].tag != kMeta) bad("database file header names no metadata section");
    tableOffset_ = tableOffset;
    verified_.assign(count, false);
    if (verifyMeta) verify(metaIndex_);
  }

  void verify(uint32_t index) const {
    if (verified_[index]) return;
    const InBlock& b = blocks_[index];
    if (graphFileChecksum(data() + b.offset, b.length) != b.sum)
      bad("database file section '" + blockName(b.tag, b.aux) + "' is corrupt (checksum mismatch)");
    verified_[index] = true;
  }
  void verifyRest() const {
    for (uint32_t i = 0; i < blocks_.size(); ++i) verify(i);
  }

  [[noreturn]] void bad(const std::string& msg) const {
    fileError(ErrorKind::LoadError, path_, msg);
  }

  const std::string& path() const { return path_; }
  const uint8_t* data() const { return map_.data(); }
  const std::vector<InBlock>& blocks() const { return blocks_; }
  uint32_t metaIndex() const { return metaIndex_; }
  uint64_t tableOffset() const { return tableOffset_; }

  // Copies block `index` (which must have tag `tag`) into v; kNone gives an empty vector.
  template <typename T>
  void take(uint32_t index, uint16_t tag, std::vector<T>& v, Decoder& meta) const {
    v.clear();
    if (index == kNone) return;
    if (index >= blocks_.size() || blocks_[index].tag != tag || tagInfo(tag).elem != sizeof(T))
      meta.fail("section #" + std::to_string(index) + " is not the expected " + blockName(tag, 0));
    verify(index);
    const InBlock& b = blocks_[index];
    // One copy, no zero fill first. Blocks start 64-byte aligned in a page-aligned map, so
    // the bytes are properly aligned Ts.
    static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= kAlign);
    const T* first = reinterpret_cast<const T*>(data() + b.offset);
    const size_t n = b.length / sizeof(T);
    reserveHuge(v, n);  // one page fault per 2 MiB while copying, where the kernel allows
    v.assign(first, first + n);
    map_.release(b.offset, b.length);
  }
  std::string_view bytes(uint32_t index, uint16_t tag, Decoder& meta) const {
    if (index >= blocks_.size() || blocks_[index].tag != tag)
      meta.fail("section #" + std::to_string(index) + " is not the expected " + blockName(tag, 0));
    verify(index);
    const InBlock& b = blocks_[index];
    return {reinterpret_cast<const char*>(data() + b.offset), static_cast<size_t>(b.length)};
  }

 private:
  std::string path_;
  MappedFile map_;
  std::vector<InBlock> blocks_;
  mutable std::vector<bool> verified_;
  uint32_t metaIndex_ = 0;
  uint64_t tableOffset_ = 0;
};

size_t popcount(const std::vector<uint64_t>& bits) {
  size_t c = 0;
  for (uint64_t w : bits) c += static_cast<size_t>(std::popcount(w));
  return c;
}

// One past the highest set bit (0 when none).
size_t bitLimit(const std::vector<uint64_t>& bits) {
  for (size_t w = bits.size(); w-- > 0;)
    if (bits[w]) return w * 64 + 64 - static_cast<size_t>(std::countl_zero(bits[w]));
  return 0;
}

template <typename T>
bool allBelow(const std::vector<T>& v, uint64_t limit) {
  return std::all_of(v.begin(), v.end(), [&](T x) { return uint64_t{x} < limit; });
}

void readNames(Decoder& meta, NameCatalog& catalog, const char* what) {
  std::vector<std::string> names = meta.strings();
  for (size_t i = 0; i < names.size(); ++i)
    if (catalog.intern(names[i]) != i) meta.fail(std::string("duplicate ") + what + " name");
}

void decodeColumn(Decoder& meta, const CheckedFile& f, PropertyColumn& c, bool rel,
                  const StringDictionary& dict, size_t idLimit) {
  uint8_t kind = meta.u8();
  if (kind > static_cast<uint8_t>(PropertyColumn::Kind::Generic))
    meta.fail("unknown column kind " + std::to_string(kind));
  using K = PropertyColumn::Kind;
  A::kind(c) = static_cast<K>(kind);
  A::count(c) = meta.u64();
  uint16_t base = rel ? kRelPresent : kNodePresent;
  f.take(meta.u32(), base, A::present(c), meta);
  f.take(meta.u32(), base + 1, A::w64(c), meta);
  f.take(meta.u32(), base + 2, A::w32(c), meta);
  f.take(meta.u32(), base + 3, A::w8(c), meta);
  uint32_t genericBlock = meta.u32();
  const size_t limit = bitLimit(A::present(c));
  if (popcount(A::present(c)) != A::count(c))
    meta.fail("a column's count disagrees with its bitmap");
  if (limit > idLimit) meta.fail("a column holds values for ids that do not exist");
  size_t slots = 0;
  switch (A::kind(c)) {
    case K::Empty:
      if (A::count(c) != 0) meta.fail("an empty column holds values");
      slots = limit;
      break;
    case K::Int64:
    case K::Float:
      slots = A::w64(c).size();
      break;
    case K::Int32:
    case K::Date:
      slots = A::w32(c).size();
      break;
    case K::String:
      slots = A::w32(c).size();
      if (!allBelow(A::w32(c), dict.size())) meta.fail("a string id is outside the dictionary");
      break;
    case K::Bool:
      slots = A::w8(c).size();
      break;
    case K::Generic: {
      if (genericBlock == kNone) meta.fail("a generic column has no values");
      std::string_view bytes = f.bytes(genericBlock, base + 4, meta);
      Decoder d(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), f.path(),
                blockName(base + 4, 0));
      std::vector<Value>& g = A::generic(c);
      g.resize(d.count(1));
      for (Value& v : g) {
        v = d.value();
        // Top-level strings share the dictionary payload, as PropertyColumn::set makes them.
        if (v.type() == Value::Type::String) {
          uint32_t id = dict.find(v.asString());
          if (id != StringDictionary::kAbsent) v = Value(dict.get(id));
        }
      }
      if (!d.done()) d.fail("trailing bytes");
      slots = g.size();
      break;
    }
  }
  if (limit > slots) meta.fail("a column's bitmap reaches past its values");
}

void readSchema(Decoder& meta, Schema& schema) {
  try {
    size_t labels = meta.count(32);
    for (size_t i = 0; i < labels; ++i) {
      LabelDef l;
      l.name = meta.str();
      l.key = meta.str();
      l.properties = meta.properties();
      l.description = meta.str();
      schema.addLabel(std::move(l));
    }
    size_t types = meta.count(48);
    for (size_t i = 0; i < types; ++i) {
      RelTypeDef t;
      t.name = meta.str();
      t.from = meta.strings();
      t.to = meta.strings();
      t.properties = meta.properties();
      t.description = meta.str();
      t.index = meta.strings();
      schema.addRelType(std::move(t));
    }
  } catch (const std::invalid_argument& e) {
    meta.fail(std::string("schema: ") + e.what());
  }
}

using IndexPairs = std::vector<std::pair<LabelId, KeyId>>;

// Fills g and schema; returns the key indexes to rebuild.
IndexPairs decodeGraph(const CheckedFile& f, GraphImpl& g, Schema& schema) {
  const InBlock& mb = f.blocks()[f.metaIndex()];
  Decoder meta(f.data() + mb.offset, mb.length, f.path(), "metadata");

  readNames(meta, g.labels, "label");
  readNames(meta, g.types, "relationship type");
  readNames(meta, g.keys, "property key");
  if (g.labels.size() > kNoLabel || g.types.size() > kNoType) meta.fail("too many labels or types");

  // Strings: one text block plus offsets (n + 1), interned in id order.
  {
    std::vector<uint64_t> offsets;
    f.take(meta.u32(), kStringOffsets, offsets, meta);
    uint32_t textBlock = meta.u32();
    std::string_view text =
        textBlock == kNone ? std::string_view() : f.bytes(textBlock, kStringBytes, meta);
    if (!offsets.empty() && (offsets.front() != 0 || offsets.back() != text.size()))
      meta.fail("string offsets do not match the text");
    for (size_t i = 0; i + 1 < offsets.size(); ++i) {
      if (offsets[i] > offsets[i + 1]) meta.fail("string offsets are not increasing");
      if (g.strings.intern(text.substr(offsets[i], offsets[i + 1] - offsets[i])) != i)
        meta.fail("duplicate string in the dictionary");
    }
  }

  // Nodes.
  uint64_t nodeLimit = meta.u64();
  if (nodeLimit >= kInvalidId) meta.fail("too many nodes");
  g.nodeLimit = static_cast<NodeId>(nodeLimit);
  g.nodeCount = meta.u64();
  g.labelWords = meta.u32();
  f.take(meta.u32(), kNodeAlive, g.nodeAlive, meta);
  f.take(meta.u32(), kLabelBits, g.labelBits, meta);
  if (g.nodeAlive.size() != (nodeLimit + 63) / 64 || bitLimit(g.nodeAlive) > nodeLimit ||
      popcount(g.nodeAlive) != g.nodeCount)
    meta.fail("the live-node bitmap disagrees with the node count");
  if (g.labelWords > (kNoLabel / 64 + 1) || g.labelBits.size() != nodeLimit * g.labelWords)
    meta.fail("the label bitsets have the wrong size");
  for (size_t n = 0; n < nodeLimit; ++n)  // label bits beyond the catalog would be unnamed
    for (uint32_t w = 0; w < g.labelWords; ++w) {
      uint64_t bits = g.labelBits[n * g.labelWords + w];
      if (bits && w * 64 + 64 - static_cast<size_t>(std::countl_zero(bits)) > g.labels.size())
        meta.fail("a node carries an unknown label");
    }
  size_t labelLists = meta.count(12);
  if (labelLists > g.labels.size()) meta.fail("more label lists than labels");
  g.labelNodes.resize(labelLists);
  g.labelCount.resize(labelLists);
  g.labelVersion.assign(labelLists, 0);
  for (size_t l = 0; l < labelLists; ++l) {
    g.labelCount[l] = meta.u64();
    f.take(meta.u32(), kLabelNodes, g.labelNodes[l], meta);
    const auto& list = g.labelNodes[l];
    // Entries may be stale, even past nodeLimit after a rollback: scans check the bitset.
    if (std::adjacent_find(list.begin(), list.end(), [](NodeId a, NodeId b) { return a >= b; }) !=
        list.end())
      meta.fail("a label list is not a sorted list of node ids");
    if (g.labelCount[l] > list.size()) meta.fail("a label count exceeds its list");
  }

  // Relationships.
  g.relCount = meta.u64();
  uint64_t compacted = meta.u64();
  f.take(meta.u32(), kRelSrc, g.relSrc, meta);
  f.take(meta.u32(), kRelDst, g.relDst, meta);
  f.take(meta.u32(), kRelTypes, g.relTypes, meta);
  f.take(meta.u32(), kRelDead, g.relDead, meta);
  const size_t rels = g.relTypes.size();
  if (g.relSrc.size() != rels || g.relDst.size() != rels || rels >= kInvalidId ||
      g.relDead.size() != (rels + 63) / 64 || bitLimit(g.relDead) > rels ||
      rels - popcount(g.relDead) != g.relCount || compacted > rels)
    meta.fail("the relationship arrays disagree with the relationship count");
  if (!allBelow(g.relSrc, nodeLimit) || !allBelow(g.relDst, nodeLimit) ||
      !allBelow(g.relTypes, g.types.size()))
    meta.fail("a relationship refers to a node or type that does not exist");
  g.compactedRelLimit = static_cast<RelId>(compacted);

  size_t types = meta.count(21);
  if (types != g.types.size()) meta.fail("the topology count differs from the type count");
  g.topo.resize(types);
  for (size_t t = 0; t < types; ++t) {
    TypeTopology& tp = g.topo[t];
    uint64_t vertices = meta.u64();
    tp.csrDeleted = meta.u64();
    tp.live = meta.u64();
    if (vertices > nodeLimit) meta.fail("a topology has more vertices than nodes");
    tp.csrVertices = static_cast<uint32_t>(vertices);
    auto& fwd = tp.csr.m_forward;
    auto& bwd = tp.csr.m_backward;
    f.take(meta.u32(), kFwdRowstart, fwd.m_rowstart, meta);
    f.take(meta.u32(), kFwdColumn, fwd.m_column, meta);
    f.take(meta.u32(), kFwdRel, fwd.m_edge_properties, meta);
    f.take(meta.u32(), kBwdRowstart, bwd.m_rowstart, meta);
    f.take(meta.u32(), kBwdColumn, bwd.m_column, meta);
    f.take(meta.u32(), kBwdEdge, bwd.m_edge_properties, meta);
    // Adjacency order: declared keys, whether the rows are sorted, the parts of the code.
    AdjacencyOrder& order = tp.order;
    order.keys.resize(meta.count(4));
    for (KeyId& k : order.keys) {
      k = meta.u32();
      if (k >= g.keys.size()) meta.fail("an adjacency order names an unknown property key");
    }
    order.valid = meta.u8() != 0;
    order.parts.resize(meta.count(14));
    unsigned usedBits = 0;
    for (OrderPart& p : order.parts) {
      p.key = meta.u32();
      p.kind = static_cast<PropertyColumn::Kind>(meta.u8());
      p.min = meta.u64();
      p.shift = meta.u8();
      p.bits = meta.u8();
      p.offset = meta.u8();
      usedBits += p.bits;
      if (p.key >= g.keys.size() || !order::usable(p.kind) ||
          p.kind > PropertyColumn::Kind::Generic || p.kind == PropertyColumn::Kind::Int32 ||
          p.bits == 0 || p.shift >= 64 || usedBits > 64 || p.offset != 64 - usedBits)
        meta.fail("the adjacency order of type #" + std::to_string(t) + " is malformed");
    }
    if (vertices == 0) {
      tp.csr = CsrGraph();
      continue;
    }
    const size_t edges = fwd.m_column.size();
    auto rowsOk = [&](const std::vector<uint32_t>& rows) {
      return rows.size() == vertices + 1 && rows.front() == 0 && rows.back() == edges &&
             std::is_sorted(rows.begin(), rows.end());
    };
    if (!rowsOk(fwd.m_rowstart) || !rowsOk(bwd.m_rowstart) ||
        fwd.m_edge_properties.size() != edges || bwd.m_column.size() != edges ||
        bwd.m_edge_properties.size() != edges || !allBelow(fwd.m_column, vertices) ||
        !allBelow(bwd.m_column, vertices) || !allBelow(bwd.m_edge_properties, compacted) ||
        !std::all_of(fwd.m_edge_properties.begin(), fwd.m_edge_properties.end(),
                     [&](CsrEdge e) { return e.rel < compacted; }))
      meta.fail("the compressed topology of type #" + std::to_string(t) + " is malformed");
    if constexpr (requires { tp.csr.m_vertex_properties.resize(size_t{0}); })
      tp.csr.m_vertex_properties.resize(vertices);
  }
  // The delta (relationships created since the last compaction) is implied by the columns.
  for (size_t r = compacted; r < rels; ++r) {
    TypeTopology& tp = g.topo[g.relTypes[r]];
    tp.deltaOut[g.relSrc[r]].push_back(static_cast<RelId>(r));
    tp.deltaIn[g.relDst[r]].push_back(static_cast<RelId>(r));
    ++tp.deltaRels;
  }

  // Properties.
  for (int rel = 0; rel < 2; ++rel) {
    auto& cols = rel ? g.relCols : g.nodeCols;
    size_t n = meta.count(29);
    if (n > g.keys.size()) meta.fail("more property columns than keys");
    cols.resize(n);
    for (auto& c : cols) decodeColumn(meta, f, c, rel != 0, g.strings, rel ? rels : nodeLimit);
  }

  // Key indexes: rebuilt by the caller (Graph::createKeyIndex) from the key columns.
  IndexPairs indexes(meta.count(8));
  for (auto& [l, k] : indexes) {
    uint32_t label = meta.u32();
    k = meta.u32();
    if (label >= g.labels.size() || k >= g.keys.size())
      meta.fail("an index names an unknown label or key");
    l = static_cast<LabelId>(label);
  }
  readSchema(meta, schema);
  if (!meta.done()) meta.fail("trailing bytes");
  return indexes;
}

}  // namespace

uint64_t graphFileChecksum(const void* data, size_t length) {
  const auto* p = static_cast<const uint8_t*>(data);
  const uint8_t* end = p + length;
  uint64_t h;
  if (length >= 32) {
    uint64_t v1 = kP1 + kP2, v2 = kP2, v3 = 0, v4 = 0 - kP1;
    const uint8_t* limit = end - 32;
    do {
      v1 = xxRound(v1, read64(p));
      v2 = xxRound(v2, read64(p + 8));
      v3 = xxRound(v3, read64(p + 16));
      v4 = xxRound(v4, read64(p + 24));
      p += 32;
    } while (p <= limit);
    h = std::rotl(v1, 1) + std::rotl(v2, 7) + std::rotl(v3, 12) + std::rotl(v4, 18);
    h = xxMerge(h, v1);
    h = xxMerge(h, v2);
    h = xxMerge(h, v3);
    h = xxMerge(h, v4);
  } else {
    h = kP5;
  }
  h += length;
  for (; p + 8 <= end; p += 8) {
    h ^= xxRound(0, read64(p));
    h = std::rotl(h, 27) * kP1 + kP4;
  }
  if (p + 4 <= end) {
    h ^= uint64_t{read32(p)} * kP1;
    h = std::rotl(h, 23) * kP2 + kP3;
    p += 4;
  }
  for (; p < end; ++p) {
    h ^= *p * kP5;
    h = std::rotl(h, 11) * kP1;
  }
  h ^= h >> 33;
  h *= kP2;
  h ^= h >> 29;
  h *= kP3;
  h ^= h >> 32;
  return h;
}

bool isGraphFilePath(std::string_view path) {
  if (path.size() < 3) return false;
  std::string_view ext = path.substr(path.size() - 3);
  return ext[0] == '.' && (ext[1] == 's' || ext[1] == 'S') && (ext[2] == 'g' || ext[2] == 'G');
}

void writeGraphFile(const Graph& graph, const Schema& schema, const std::string& path) {
  const GraphImpl& g = graph.impl();
  if (g.inTx)
    fileError(ErrorKind::IOError, path, "cannot write a database file inside a transaction");

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
      text += *g.strings.get(static_cast<uint32_t>(i));
      offsets.push_back(text.size());
    }
  }
  meta.u32(out.array(kStringOffsets, 0, offsets));
  meta.u32(text.empty() ? kNone : out.owned(kStringBytes, 0, std::move(text)));

  // Nodes.
  meta.u64(g.nodeLimit);
  meta.u64(g.nodeCount);
  meta.u32(g.labelWords);
  meta.u32(out.array(kNodeAlive, 0, g.nodeAlive));
  meta.u32(out.array(kLabelBits, 0, g.labelBits));
  meta.u64(g.labelNodes.size());
  for (size_t l = 0; l < g.labelNodes.size(); ++l) {
    meta.u64(g.labelCount[l]);
    meta.u32(out.array(kLabelNodes, static_cast<uint32_t>(l), g.labelNodes[l]));
  }

  // Relationships.
  meta.u64(g.relCount);
  meta.u64(g.compactedRelLimit);
  meta.u32(out.array(kRelSrc, 0, g.relSrc));
  meta.u32(out.array(kRelDst, 0, g.relDst));
  meta.u32(out.array(kRelTypes, 0, g.relTypes));
  meta.u32(out.array(kRelDead, 0, g.relDead));
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
    static const std::vector<uint32_t> none32;
    static const std::vector<CsrEdge> noneEdge;
    meta.u32(out.array(kFwdRowstart, aux, has ? fwd.m_rowstart : none32));
    meta.u32(out.array(kFwdColumn, aux, has ? fwd.m_column : none32));
    meta.u32(out.array(kFwdRel, aux, has ? fwd.m_edge_properties : noneEdge));
    meta.u32(out.array(kBwdRowstart, aux, has ? bwd.m_rowstart : none32));
    meta.u32(out.array(kBwdColumn, aux, has ? bwd.m_column : none32));
    meta.u32(out.array(kBwdEdge, aux, has ? bwd.m_edge_properties : none32));
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
  uint32_t metaIndex = out.owned(kMeta, 0, std::move(meta.out));

  // Atomic replacement: write beside the target, flush, rename over it, flush the directory.
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fileError(ErrorKind::IOError, path, "cannot create " + tmp + ": " + errnoText());
  FileHandle h(fd);
  try {
    writeBlocks(fd, out.blocks, metaIndex, tmp);
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
  std::string dir =
      path.substr(0, path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  if (dir.empty()) dir = ".";
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    FileHandle dh(dfd);
    if (::fsync(dfd) != 0)
      fileError(
          ErrorKind::IOError, path,
          "the database file was written but its directory could not be flushed: " + errnoText());
  }
}

void readGraphFile(const std::string& path, Graph& graph, Schema& schema) {
  CheckedFile f(path, true);
  Graph fresh;
  Schema freshSchema;
  IndexPairs indexes = decodeGraph(f, fresh.impl(), freshSchema);
  f.verifyRest();
  for (auto [l, k] : indexes) {
    try {
      fresh.createKeyIndex(l, k);
    } catch (const Error& e) {
      fileError(ErrorKind::LoadError, path,
                std::string("database file is inconsistent (key index): ") + e.what());
    }
  }
  std::swap(graph.impl(), fresh.impl());
  schema = std::move(freshSchema);
}

std::vector<GraphFileSection> graphFileSections(const std::string& path) {
  CheckedFile f(path, false);
  std::vector<GraphFileSection> out;
  out.push_back({"header", 0, kHeaderSize});
  for (const InBlock& b : f.blocks()) out.push_back({blockName(b.tag, b.aux), b.offset, b.length});
  out.push_back({"section table", f.tableOffset(), f.blocks().size() * kEntrySize});
  return out;
}

}  // namespace silkgraph
