// Database file reader: maps the file, checks the header, section table, padding and each
// block's checksum, and builds the graph over the mapping (its arrays used in place, not
// copied), validating everything a scan could index with a stored value. The relationship
// sections are checked at their first use instead (GraphImpl::needRels), so that opening
// reads none of them.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <type_traits>

#include "engine/distinct_rows.h"
#include "engine/graph_access.h"
#include "engine/graph_file.h"
#include "engine/graph_file_codec.h"
#include "engine/graph_file_format.h"
#include "engine/mapped_array.h"

namespace silkgraph {

using namespace graph_file;

namespace {

// The whole file mapped privately and writable (engine/mapped_array.h): its pages are the
// page cache's, shared with every process that maps the file, until the graph writes one
// (which then gets a private copy; the file never changes). Arrays read from the file point
// into the mapping and keep it alive.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
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
    // No MAP_POPULATE: it would copy every page of a writable private mapping up front.
    void* p = ::mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE, fd, 0);
    if (p == MAP_FAILED)
      fileError(ErrorKind::IOError, path, "cannot map the database file: " + errnoText());
    data_ = static_cast<uint8_t*>(p);
  }
  ~MappedFile() {
    if (data_) ::munmap(data_, size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

struct InBlock {
  uint64_t offset, length, sum;
  uint16_t tag;
  uint32_t aux;
};

// Checks the header, the table and every padding byte on construction, and each block's
// checksum before its bytes are first used (take/bytes; verifyRest for any left), except the
// blocks taken as deferred, which verifyDeferred checks later (at the first use of the
// relationships): every byte of the file is known to be as written before it is used.
class CheckedFile {
 public:
  CheckedFile(const std::string& path, bool verifyMeta)
      : path_(path), map_(std::make_shared<MappedFile>(path)) {
    const uint8_t* d = map_->data();
    const size_t size = map_->size();
    const size_t magicBytes = std::min(size, kMagic.size());
    if (magicBytes == 0 || std::memcmp(d, kMagic.data(), magicBytes) != 0)
      bad("not a silkgraph database file (wrong magic number)");
    if (size < kHeaderSize)
      bad("database file is truncated: " + std::to_string(size) + " bytes, shorter than its " +
          std::to_string(kHeaderSize) + "-byte header");
    const bool headerOk = graphFileChecksum(d, 56) == read64(d + 56);
    const uint32_t version = read32(d + 8);
    if (version < kGraphFileOldestVersion || version > kGraphFileVersion) {
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
    version_ = version;
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
    deferred_.assign(count, false);
    used_.assign(count, false);
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
    for (uint32_t i = 0; i < blocks_.size(); ++i)
      if (!deferred_[i]) verify(i);
  }
  void verifyDeferred() const {
    for (uint32_t i = 0; i < blocks_.size(); ++i)
      if (deferred_[i]) verify(i);
  }
  bool anyDeferred() const {
    return std::find(deferred_.begin(), deferred_.end(), true) != deferred_.end();
  }

  [[noreturn]] void bad(const std::string& msg) const {
    fileError(ErrorKind::LoadError, path_, msg);
  }

  const std::string& path() const { return path_; }
  const uint8_t* data() const { return map_->data(); }
  const std::vector<InBlock>& blocks() const { return blocks_; }
  uint32_t metaIndex() const { return metaIndex_; }
  uint32_t version() const { return version_; }
  uint64_t tableOffset() const { return tableOffset_; }

  // Points v at block `index` (which must have tag `tag`) in the mapping; kNone gives an
  // empty array. Verified now, or with `defer` by verifyDeferred.
  template <typename T>
  void take(uint32_t index, uint16_t tag, MappedArray<T>& v, Decoder& meta,
            bool defer = false) const {
    v.clear();
    if (index == kNone) return;
    if (index >= blocks_.size() || blocks_[index].tag != tag || tagInfo(tag).elem != sizeof(T))
      meta.fail("section #" + std::to_string(index) + " is not the expected " + blockName(tag, 0));
    use(index, meta);  // two arrays never share (writable) bytes
    if (defer) {
      deferred_[index] = true;
    } else {
      verify(index);
    }
    const InBlock& b = blocks_[index];
    // Blocks start 64-byte aligned in a page-aligned map, so the bytes are properly aligned Ts.
    static_assert(alignof(T) <= kAlign);
    v = MappedArray<T>::inPlace(reinterpret_cast<T*>(map_->data() + b.offset), b.length / sizeof(T),
                                map_);
  }
  std::string_view bytes(uint32_t index, uint16_t tag, Decoder& meta) const {
    if (index >= blocks_.size() || blocks_[index].tag != tag)
      meta.fail("section #" + std::to_string(index) + " is not the expected " + blockName(tag, 0));
    use(index, meta);
    verify(index);
    const InBlock& b = blocks_[index];
    return {reinterpret_cast<const char*>(data() + b.offset), static_cast<size_t>(b.length)};
  }

 private:
  void use(uint32_t index, Decoder& meta) const {
    if (used_[index]) meta.fail("section #" + std::to_string(index) + " is used twice");
    used_[index] = true;
  }

  std::string path_;
  std::shared_ptr<MappedFile> map_;
  std::vector<InBlock> blocks_;
  mutable std::vector<bool> verified_;
  mutable std::vector<bool> deferred_;
  mutable std::vector<bool> used_;
  uint32_t metaIndex_ = 0;
  uint32_t version_ = 0;
  uint64_t tableOffset_ = 0;
};

size_t popcount(std::span<const uint64_t> bits) {
  size_t c = 0;
  for (uint64_t w : bits) c += static_cast<size_t>(std::popcount(w));
  return c;
}

// One past the highest set bit (0 when none).
size_t bitLimit(std::span<const uint64_t> bits) {
  for (size_t w = bits.size(); w-- > 0;)
    if (bits[w]) return w * 64 + 64 - static_cast<size_t>(std::countl_zero(bits[w]));
  return 0;
}

template <typename T>
bool allBelow(const MappedArray<T>& v, uint64_t limit) {
  return std::all_of(v.begin(), v.end(), [&](T x) { return uint64_t{x} < limit; });
}

// Whether a value may be stored in a property column: the writer never stores a node,
// relationship or path, at any depth (a forged one would reach functions that assume ids).
bool storable(const Value& v) {
  switch (v.type()) {
    case Value::Type::Node:
    case Value::Type::Rel:
    case Value::Type::Path:
      return false;
    case Value::Type::List:
      return std::all_of(v.asList().begin(), v.asList().end(), storable);
    case Value::Type::Map:
      return std::all_of(v.asMap().begin(), v.asMap().end(),
                         [](const auto& kv) { return storable(kv.second); });
    default:
      return true;
  }
}

void readNames(Decoder& meta, NameCatalog& catalog, const char* what) {
  std::vector<std::string> names = meta.strings();
  for (size_t i = 0; i < names.size(); ++i)
    if (catalog.intern(names[i]) != i) meta.fail(std::string("duplicate ") + what + " name");
}

// Consistency checks that read the relationship sections, run at their first use.
using Checks = std::vector<std::function<void()>>;

// Content that passed its checksum but is inconsistent, found by a deferred check (the same
// message as Decoder::fail on the metadata).
[[noreturn]] void inconsistent(const std::string& path, const std::string& msg) {
  fileError(ErrorKind::LoadError, path, "database file is inconsistent (metadata): " + msg);
}

// The checks of a typed column's content against its metadata: count, ids, string ids.
void checkColumn(const std::string& path, const PropertyColumn& c, size_t count, size_t idLimit,
                 size_t slots, size_t dictSize) {
  const size_t limit = bitLimit(c.presentBits());
  if (popcount(c.presentBits()) != count)
    inconsistent(path, "a column's count disagrees with its bitmap");
  if (limit > idLimit) inconsistent(path, "a column holds values for ids that do not exist");
  if (c.kind() == PropertyColumn::Kind::String &&
      !(c.narrow() ? allBelow(c.words16(), dictSize) : allBelow(c.words32(), dictSize)))
    inconsistent(path, "a string id is outside the dictionary");
  if (c.kind() != PropertyColumn::Kind::Empty && limit > slots)
    inconsistent(path, "a column's bitmap reaches past its values");
}

// A relationship column's typed arrays are checked at first use (`later`); node columns and
// generic columns now.
void decodeColumn(Decoder& meta, const CheckedFile& f, GraphImpl& g, bool rel, uint32_t key,
                  size_t idLimit, Checks& later) {
  PropertyColumn& c = (rel ? g.relCols : g.nodeCols)[key];
  const StringDictionary& dict = g.strings;
  uint8_t kindByte = meta.u8();
  if (kindByte > static_cast<uint8_t>(PropertyColumn::Kind::Generic))
    meta.fail("unknown column kind " + std::to_string(kindByte));
  using K = PropertyColumn::Kind;
  const auto kind = static_cast<K>(kindByte);
  const uint8_t narrowByte = f.version() >= 7 ? meta.u8() : 0;
  if (narrowByte > 1 || (narrowByte == 1 && !PropertyColumn::hasNarrowForm(kind)))
    meta.fail("a column's width does not fit its kind");
  const bool narrow = narrowByte == 1;
  const size_t count = meta.u64();
  const bool defer = rel && kind != K::Generic;
  PropertyColumn::Arrays a;
  uint16_t base = rel ? kRelPresent : kNodePresent;
  f.take(meta.u32(), base, a.present, meta, defer);
  f.take(meta.u32(), base + 1, a.w64, meta, defer);
  f.take(meta.u32(), base + 2, a.w32, meta, defer);
  f.take(meta.u32(), base + 3, a.w8, meta, defer);
  if (f.version() >= 7) f.take(meta.u32(), rel ? kRelW16 : kNodeW16, a.w16, meta, defer);
  uint32_t genericBlock = meta.u32();
  size_t slots = 0;
  switch (kind) {
    case K::Empty:
      if (count != 0) meta.fail("an empty column holds values");
      break;
    case K::Int64:
      slots = a.w64.size();
      break;
    case K::Float:
      slots = narrow ? a.w32.size() : a.w64.size();
      break;
    case K::Int32:
    case K::Date:
    case K::String:
      slots = narrow ? a.w16.size() : a.w32.size();
      break;
    case K::Bool:
      slots = a.w8.size();
      break;
    case K::Generic: {
      if (genericBlock == kNone) meta.fail("a generic column has no values");
      std::string_view bytes = f.bytes(genericBlock, base + 4, meta);
      Decoder d(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), f.path(),
                blockName(base + 4, key));
      a.generic.resize(d.count(1));
      for (Value& v : a.generic) {
        v = d.value();
        if (!storable(v)) d.fail("a node, relationship or path value inside a property column");
        // Top-level strings share the dictionary payload, as PropertyColumn::set makes them.
        if (v.type() == Value::Type::String) {
          uint32_t id = dict.find(v.asString());
          if (id != StringDictionary::kAbsent) v = Value(dict.get(id));
        }
      }
      if (!d.done()) d.fail("trailing bytes");
      slots = a.generic.size();
      break;
    }
  }
  c.restore(kind, narrow, count, std::move(a));
  auto check = [&g, path = f.path(), rel, key, count, idLimit, slots, dictSize = dict.size()] {
    checkColumn(path, (rel ? g.relCols : g.nodeCols)[key], count, idLimit, slots, dictSize);
  };
  if (defer) {
    later.push_back(check);
  } else {
    check();
  }
}

using IndexPairs = std::vector<std::pair<LabelId, KeyId>>;

// Node labels in format versions 2 to 4: `words` u64 per node, a bitset each, interned into
// label sets here (so the graph holds them as a version 5 file would).
void decodeLabelBits(Decoder& meta, const CheckedFile& f, GraphImpl& g, uint32_t words) {
  MappedArray<uint64_t> bits;
  f.take(meta.u32(), kLabelBits, bits, meta);
  const size_t nodes = g.nodeLimit;
  if (words > (kNoLabel / 64 + 1) || bits.size() != nodes * words)
    meta.fail("the label bitsets have the wrong size");
  g.nodeLabelSet.assign(nodes, 0);
  std::span<const uint64_t> previous;
  uint32_t s = 0;
  for (size_t n = 0; n < nodes; ++n) {
    std::span<const uint64_t> node(bits.data() + n * words, words);
    if (n == 0 || !std::ranges::equal(node, previous)) {  // neighbours often share a set
      if (bitLimit(node) > g.labels.size())  // label bits beyond the catalog would be unnamed
        meta.fail("a node carries an unknown label");
      s = g.labelSets.fromBits(node);
      previous = node;
    }
    g.nodeLabelSet[n] = s;
    g.labelSets.move(0, s);
  }
}

// Node labels in format version 5: the label sets, their lists and a set id per node.
void decodeLabelSets(Decoder& meta, const CheckedFile& f, GraphImpl& g) {
  MappedArray<LabelSet> sets;
  MappedArray<LabelId> high;
  f.take(meta.u32(), kLabelSets, sets, meta);
  f.take(meta.u32(), kLabelSetHigh, high, meta);
  f.take(meta.u32(), kNodeLabelSets, g.nodeLabelSet, meta);
  if (g.nodeLabelSet.size() != g.nodeLimit)
    meta.fail("the node label set ids disagree with the node count");
  std::string problem =
      g.labelSets.restore(std::move(sets), std::move(high), g.labels.size(), g.nodeLabelSet);
  if (!problem.empty())
    fileError(ErrorKind::LoadError, f.path(),
              "database file is inconsistent (label sets): " + problem);
}

// Strings: one text block plus offsets (n + 1), interned in id order.
void decodeStrings(Decoder& meta, const CheckedFile& f, GraphImpl& g) {
  MappedArray<uint64_t> offsets;
  f.take(meta.u32(), kStringOffsets, offsets, meta);
  uint32_t textBlock = meta.u32();
  std::string_view text =
      textBlock == kNone ? std::string_view() : f.bytes(textBlock, kStringBytes, meta);
  if (!offsets.empty() && (offsets.front() != 0 || offsets.back() != text.size()))
    meta.fail("string offsets do not match the text");
  for (size_t i = 0; i + 1 < offsets.size(); ++i)
    if (offsets[i] > offsets[i + 1] || offsets[i + 1] > text.size())
      meta.fail("string dictionary offsets are not increasing or lie outside its text");
  // Added in id order without a lookup each, then put in the table in one sorted pass
  // (StringDictionary::indexPending), which finds a text held twice.
  g.strings.reserve(offsets.empty() ? 0 : offsets.size() - 1);
  for (size_t i = 0; i + 1 < offsets.size(); ++i)
    if (g.strings.append(text.substr(offsets[i], offsets[i + 1] - offsets[i])) != i)
      meta.fail("the string dictionary is read into a graph that holds strings");
  if (auto [held, again] = g.strings.indexPending(); again != StringDictionary::kAbsent)
    meta.fail("duplicate string in the dictionary (strings " + std::to_string(held) + " and " +
              std::to_string(again) + ")");
}

// The compressed topology and adjacency order of type t; the arrays' content is checked at
// first use (`later`).
void decodeTypeTopology(Decoder& meta, const CheckedFile& f, GraphImpl& g, size_t t,
                        uint64_t nodeLimit, uint64_t compacted, Checks& later) {
  TypeTopology& tp = g.topo[t];
  uint64_t vertices = meta.u64();
  tp.csrDeleted = meta.u64();
  tp.live = meta.u64();
  if (vertices > nodeLimit) meta.fail("a topology has more vertices than nodes");
  tp.csrVertices = static_cast<uint32_t>(vertices);
  auto& fwd = tp.csr.m_forward;
  auto& bwd = tp.csr.m_backward;
  MappedArray<NodeId> fwd32, bwd32;
  MappedArray<uint16_t> fwd16, bwd16;
  f.take(meta.u32(), kFwdRowstart, fwd.m_rowstart, meta, true);
  f.take(meta.u32(), kFwdColumn, fwd32, meta, true);
  f.take(meta.u32(), kFwdRel, fwd.m_edge_properties, meta, true);
  f.take(meta.u32(), kBwdRowstart, bwd.m_rowstart, meta, true);
  f.take(meta.u32(), kBwdColumn, bwd32, meta, true);
  f.take(meta.u32(), kBwdEdge, bwd.m_edge_properties, meta, true);
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
  if (f.version() >= 6) {
    for (int in = 0; in < 2; ++in) {
      DistinctRows& d = tp.distinct[in];
      const uint16_t base = in ? kBwdDistinctRowstart : kFwdDistinctRowstart;
      f.take(meta.u32(), base, d.rowstart, meta, true);
      f.take(meta.u32(), base + 1, d.column, meta, true);
      f.take(meta.u32(), base + 2, d.rel, meta, true);
      if ((!d.built() && (!d.column.empty() || !d.rel.empty())) ||
          (d.built() &&
           (vertices == 0 || d.rowstart.size() != vertices + 1 || d.rel.size() != d.column.size())))
        meta.fail("the distinct neighbours of type #" + std::to_string(t) + " are malformed");
    }
  }
  const std::string malformed =
      "the compressed topology of type #" + std::to_string(t) + " is malformed";
  if (f.version() >= 8) {
    f.take(meta.u32(), kFwdColumn16, fwd16, meta, true);
    f.take(meta.u32(), kBwdColumn16, bwd16, meta, true);
  }
  // Each direction's other ends in one width (the width is read before the arrays move).
  if ((!fwd32.empty() && !fwd16.empty()) || (!bwd32.empty() && !bwd16.empty()))
    meta.fail(malformed);
  const bool fwdWide = !fwd32.empty(), bwdWide = !bwd32.empty();
  fwd.m_column.restore(std::move(fwd16), std::move(fwd32), fwdWide);
  bwd.m_column.restore(std::move(bwd16), std::move(bwd32), bwdWide);
  if (vertices == 0) {
    tp.csr = CsrGraph();
    return;
  }
  const size_t edges = fwd.m_column.size();
  if (fwd.m_rowstart.size() != vertices + 1 || bwd.m_rowstart.size() != vertices + 1 ||
      fwd.m_edge_properties.size() != edges || bwd.m_column.size() != edges ||
      bwd.m_edge_properties.size() != edges || tp.csrDeleted > edges)
    meta.fail(malformed);
  later.push_back([&g, t, vertices, compacted, edges, malformed, path = f.path()] {
    const CsrGraph& csr = g.topo[t].csr;
    auto rowsOk = [&](const MappedArray<uint32_t>& rows) {
      return rows.front() == 0 && rows.back() == edges && std::is_sorted(rows.begin(), rows.end());
    };
    const auto& fwd = csr.m_forward;
    const auto& bwd = csr.m_backward;
    if (!rowsOk(fwd.m_rowstart) || !rowsOk(bwd.m_rowstart) ||
        !allBelow(fwd.m_column.wideWords(), vertices) ||
        !allBelow(fwd.m_column.narrowWords(), vertices) ||
        !allBelow(bwd.m_column.wideWords(), vertices) ||
        !allBelow(bwd.m_column.narrowWords(), vertices) ||
        !allBelow(bwd.m_edge_properties, compacted) ||
        !std::all_of(fwd.m_edge_properties.begin(), fwd.m_edge_properties.end(),
                     [&](CsrEdge e) { return e.rel < compacted; }))
      inconsistent(path, malformed);
    for (Direction dir : {Direction::Out, Direction::In}) {
      std::string problem = checkDistinctRows(g, static_cast<TypeId>(t), dir);
      if (!problem.empty()) inconsistent(path, problem);
    }
  });
}

// The relationship arrays and each type's topology; their content is checked at first use
// (`later`), unless the file holds a delta (relationships created after the last
// compaction), which is rebuilt from them now.
void decodeRelationships(Decoder& meta, const CheckedFile& f, GraphImpl& g, Checks& later) {
  const uint64_t nodeLimit = g.nodeLimit;
  g.relCount = meta.u64();
  uint64_t compacted = meta.u64();
  MappedArray<NodeId> src32, dst32;
  MappedArray<uint16_t> src16, dst16;
  f.take(meta.u32(), kRelSrc, src32, meta, true);
  f.take(meta.u32(), kRelDst, dst32, meta, true);
  f.take(meta.u32(), kRelTypes, g.relTypes, meta, true);
  f.take(meta.u32(), kRelDead, g.relDead, meta, true);
  if (f.version() >= 7) {
    f.take(meta.u32(), kRelSrc16, src16, meta, true);
    f.take(meta.u32(), kRelDst16, dst16, meta, true);
  }
  const size_t rels = g.relTypes.size();
  const char* disagree = "the relationship arrays disagree with the relationship count";
  // Each end in one width: 32 bits, or (version 7 on) 16 bits while the ids allow.
  if ((!src32.empty() && !src16.empty()) || (!dst32.empty() && !dst16.empty())) meta.fail(disagree);
  // Read each width before the arrays are moved: the order in which a call's arguments are
  // evaluated is unspecified (clang moves src32 before reading it, gcc the other way round).
  const bool srcWide = !src32.empty();
  const bool dstWide = !dst32.empty();
  g.relSrc.restore(std::move(src16), std::move(src32), srcWide);
  g.relDst.restore(std::move(dst16), std::move(dst32), dstWide);
  if (g.relSrc.size() != rels || g.relDst.size() != rels || rels >= kInvalidId ||
      g.relDead.size() != (rels + 63) / 64 || compacted > rels || g.relCount > rels)
    meta.fail(disagree);
  g.compactedRelLimit = static_cast<RelId>(compacted);

  size_t types = meta.count(21);
  if (types != g.types.size()) meta.fail("the topology count differs from the type count");
  g.topo.resize(types);
  std::vector<size_t> liveInFile(types);
  for (size_t t = 0; t < types; ++t) {
    decodeTypeTopology(meta, f, g, t, nodeLimit, compacted, later);
    liveInFile[t] = g.topo[t].live;
  }
  later.push_back([&g, rels, nodeLimit, disagree, liveInFile, path = f.path()] {
    if (bitLimit(g.relDead) > rels || rels - popcount(g.relDead) != g.relCount)
      inconsistent(path, disagree);
    if (!allBelow(g.relSrc.wideWords(), nodeLimit) ||
        !allBelow(g.relSrc.narrowWords(), nodeLimit) ||
        !allBelow(g.relDst.wideWords(), nodeLimit) ||
        !allBelow(g.relDst.narrowWords(), nodeLimit) || !allBelow(g.relTypes, g.types.size()))
      inconsistent(path, "a relationship refers to a node or type that does not exist");
    std::vector<size_t> live(liveInFile.size(), 0);  // scans trust each type's live count
    for (size_t r = 0; r < rels; ++r)
      if (((g.relDead[r / 64] >> (r % 64)) & 1) == 0) ++live[g.relTypes[r]];
    for (size_t t = 0; t < live.size(); ++t)
      if (liveInFile[t] != live[t])
        inconsistent(path, "the live count of type #" + std::to_string(t) +
                               " disagrees with its relationships");
  });
  if (compacted == rels) return;
  // The delta (relationships created since the last compaction) is implied by the columns.
  f.verifyDeferred();
  for (auto& check : later) check();
  later.clear();
  for (size_t r = compacted; r < rels; ++r) {
    TypeTopology& tp = g.topo[g.relTypes[r]];
    tp.deltaOut[g.relSrc[r]].push_back(static_cast<RelId>(r));
    tp.deltaIn[g.relDst[r]].push_back(static_cast<RelId>(r));
    ++tp.deltaRels;
  }
}

// Fills g and schema; returns the key indexes to rebuild. Checks of relationship data that
// would read it go to `later`.
IndexPairs decodeGraph(const CheckedFile& f, GraphImpl& g, Schema& schema, Checks& later) {
  const InBlock& mb = f.blocks()[f.metaIndex()];
  Decoder meta(f.data() + mb.offset, mb.length, f.path(), "metadata");

  readNames(meta, g.labels, "label");
  readNames(meta, g.types, "relationship type");
  readNames(meta, g.keys, "property key");
  if (g.labels.size() > kNoLabel || g.types.size() > kNoType) meta.fail("too many labels or types");

  decodeStrings(meta, f, g);

  // Nodes.
  uint64_t nodeLimit = meta.u64();
  if (nodeLimit >= kInvalidId) meta.fail("too many nodes");
  g.nodeLimit = static_cast<NodeId>(nodeLimit);
  g.nodeCount = meta.u64();
  const uint32_t labelWords = f.version() < 5 ? meta.u32() : 0;
  f.take(meta.u32(), kNodeAlive, g.nodeAlive, meta);
  if (g.nodeAlive.size() != (nodeLimit + 63) / 64 || bitLimit(g.nodeAlive) > nodeLimit ||
      popcount(g.nodeAlive) != g.nodeCount)
    meta.fail("the live-node bitmap disagrees with the node count");
  if (f.version() < 5)
    decodeLabelBits(meta, f, g, labelWords);
  else
    decodeLabelSets(meta, f, g);
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

  decodeRelationships(meta, f, g, later);
  const size_t rels = g.relTypes.size();

  // Properties.
  for (int rel = 0; rel < 2; ++rel) {
    auto& cols = rel ? g.relCols : g.nodeCols;
    size_t n = meta.count(29);
    if (n > g.keys.size()) meta.fail("more property columns than keys");
    cols.resize(n);
    for (size_t k = 0; k < n; ++k)
      decodeColumn(meta, f, g, rel != 0, static_cast<uint32_t>(k), rel ? rels : nodeLimit, later);
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
  if (f.version() >= 3) readIndexes(meta, schema);
  if (f.version() >= 4) readSymmetricTypes(meta, schema);
  if (!meta.done()) meta.fail("trailing bytes");
  return indexes;
}

}  // namespace

void readGraphFile(const std::string& path, Graph& graph, Schema& schema) {
  auto f = std::make_shared<CheckedFile>(path, true);
  Graph fresh;
  Schema freshSchema;
  IndexPairs indexes;
  Checks later;
  GraphImpl& g = GraphAccess::of(fresh);  // stays put when `fresh` is swapped into `graph`
  try {
    indexes = decodeGraph(*f, g, freshSchema, later);
  } catch (const std::logic_error& e) {  // a check missed above: still the file's fault
    fileError(ErrorKind::LoadError, path,
              std::string("database file is inconsistent: ") + e.what());
  }
  f->verifyRest();
  if (f->anyDeferred() || !later.empty()) {
    // Run at the first use of the relationships (GraphImpl::needRels), or by
    // Graph::runDeferredChecks.
    g.relsChecks = std::make_shared<DeferredChecks>();
    g.relsChecks->run = [f, later = std::move(later)] {
      f->verifyDeferred();
      for (const auto& check : later) check();
    };
    g.relsPending.store(true, std::memory_order_release);
  }
  for (auto [l, k] : indexes) {
    try {
      fresh.createKeyIndex(l, k);
    } catch (const Error& e) {
      fileError(ErrorKind::LoadError, path,
                std::string("database file is inconsistent (key index): ") + e.what());
    }
  }
  graph.swap(fresh);
  schema = std::move(freshSchema);
}

size_t checkGraphFile(const std::string& path) {
  Graph graph;
  Schema schema;
  readGraphFile(path, graph, schema);
  graph.runDeferredChecks();
  return CheckedFile(path, false).blocks().size() + 2;
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
