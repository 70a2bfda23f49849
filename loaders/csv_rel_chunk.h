// One chunk of a relationship CSV file, parsed and checked on a thread of a parallel load
// (csv_parallel.h): the records of a byte range, read by a CsvReader of the thread's own, each
// checked as Stage checks a relationship (its type, endpoints, property types, required
// properties) against what stays the same while relationships are written: the schema, the
// nodes (staged ones are written by then) and their labels. What depends on the rows before
// (the graph's ids of new relationship types and property keys) is left to the writer, which
// takes the chunks in file order.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/csv_reader.h"
#include "engine/string_index.h"
#include "loaders/csv_header.h"
#include "loaders/staging.h"

namespace silkgraph::load {

struct RelChunk {
  // The range: the records that start in [begin, limit); begin starts a line.
  uint64_t begin = 0, limit = UINT64_MAX;
  bool afterCR = false;  // the byte before begin is a '\r' (CsvReader::restart)

  // Once parsed: where the record after the last one read starts (limit, unless the start
  // of the next chunk was wrong or the file ended), the line breaks before it, whether a
  // record ran past the hard limit (parse it again without one), and the first error, with
  // a position whose line counts from begin; the rows before the error are in `rels`.
  uint64_t end = 0;
  bool endCR = false;
  uint32_t lines = 0;
  bool cut = false;
  std::exception_ptr error;

  struct Rel {
    NodeId src, dst;
    uint32_t type;  // index in `types`
    uint32_t propBegin, propCount;
  };
  // A property cell packed into 16 bytes (a chunk holds tens of thousands, written by one
  // thread and read by another): the first column of the property's name, the cell's kinds
  // and its text (String, RawList) or number (the others).
  // The column (24 bits) and the two kinds (4 bits each) share one word, built in a register
  // and stored once: as bit-fields each was a read-modify-write of the new element, and the
  // wider read that followed them waited for the narrower stores (a third of the parser's
  // time per row, `perf annotate`, docs/benchmarks.md).
  struct Prop {
    static constexpr size_t kMaxColumns = size_t{1} << 24;
    uint32_t bits;  // column | Cell::Kind << 24 | ElemKind << 28
    uint32_t len;   // of text
    union {
      const char* text;
      int64_t i;
      double f;
    };
    Prop(uint32_t column, const Cell& c);  // not a String cell (see string())
    // A String cell: the index of its text in the chunk's `strings`.
    static Prop string(uint32_t column, uint32_t index);
    uint32_t column() const { return bits & (kMaxColumns - 1); }
    Cell::Kind kind() const { return static_cast<Cell::Kind>((bits >> 24) & 0xf); }
    uint32_t stringIndex() const { return static_cast<uint32_t>(i); }
    // The cell (not a String cell's), written into c field by field. (Returned whole and
    // copied into a RelProp, the copy's wide reads waited for the narrow stores that built
    // it: two thirds of the chunk writer's own time, `perf annotate`.)
    void toCell(Cell& c, char delimiter) const;
  };
  // A relationship type as first used in this chunk: row `firstRow` (rels.size() at an
  // error: the failing row named it before failing).
  struct Type {
    std::string name;
    uint32_t firstRow;
    SourcePos pos;
  };
  std::vector<Rel> rels;
  std::vector<Prop> props;
  std::vector<Type> types;
  // The distinct texts of the chunk's String cells, each stored once: the writer interns
  // each in the graph's dictionary once per chunk instead of once per cell (most string
  // columns of a large file, a resource or a country code, take few values).
  std::vector<std::string_view> strings;
  bool stringLists = false;  // some list cell holds strings (interned as its row is written)
  Arena text;                // texts of string and list cells
  std::vector<Value> boxed;  // temporal values other than dates

  // A new range, the results of the last one dropped.
  void reset(uint64_t begin, uint64_t limit, bool afterCR);
};

class RelChunkParser final : private CellSink {
 public:
  // For rows of `header`, file `file` of the stage. The stage must be writing relationships
  // (Stage::beginParallelRels) and stay unchanged while this parser is used.
  RelChunkParser(const Stage& stage, const CsvHeader& header, uint32_t file);

  // Reads and checks the chunk's records, no file byte at or past hardLimit. Never throws:
  // errors are kept in c.error.
  void parse(RelChunk& c, uint64_t hardLimit);

 private:
  struct TypeInfo {
    std::string name;
    const RelTypeDef* def = nullptr;
    std::vector<LabelId> from, to;
    std::vector<uint32_t> required;  // columns of required properties (UINT32_MAX: none)
    std::vector<PropSpec> specs;     // by column
    std::vector<uint8_t> specKnown;  // by column
    uint32_t inChunk = UINT32_MAX;   // index in the current chunk's types
  };

  void row(RelChunk& c);
  uint32_t chunkString(RelChunk& c, std::string_view s);
  uint32_t type(RelChunk& c, std::string_view name, SourcePos pos);
  NodeId node(std::string_view id, SourcePos pos, const char* which);
  const PropSpec& spec(TypeInfo& t, size_t column, SourcePos pos) {
    return t.specKnown[column] ? t.specs[column] : resolveSpec(t, column, pos);
  }
  const PropSpec& resolveSpec(TypeInfo& t, size_t column, SourcePos pos);
  [[noreturn]] void failEndpoint(const TypeInfo& t, bool start, NodeId n) const;
  [[noreturn]] void fail(SourcePos pos, const std::string& message) const;

  char arrayDelimiter() const override { return delimiter_; }
  std::string_view store(std::string_view s) override { return chunk_->text.store(s); }
  uint32_t box(Value v) override;

  const Stage& stage_;
  const Graph& graph_;
  const CsvHeader& header_;
  const std::string& fileName_;
  char delimiter_;
  silkgraph::CsvReader reader_;
  std::vector<uint32_t> first_;  // by column: the first column of the same name
  std::vector<TypeInfo> types_;
  std::unordered_map<std::string, uint32_t> typeIndex_;
  uint32_t lastType_ = UINT32_MAX;
  // Ids this parser found, with their nodes (neither changes while it is used): all those
  // of the graph, and the staged ones up to kKnownStaged ids in all.
  static constexpr size_t kKnownStaged = size_t{1} << 16;
  StringIndex known_;
  Arena ids_;
  RelChunk* chunk_ = nullptr;
  std::vector<uint32_t> rowColumns_;  // property columns of the current row
  StringIndex chunkStrings_;          // the current chunk's strings -> their index there
};

}  // namespace silkgraph::load
