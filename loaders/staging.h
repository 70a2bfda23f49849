// Staging area of a load. The JSON and CSV readers feed records into a Stage; the Stage owns
// the checks that do not depend on the file format (schema conformance, duplicate ids,
// endpoints, required properties) so both formats report the same errors.
//
// Nodes are staged: they are few, and relationships in any file may refer to them. Once
// every node is validated, the first relationship opens one graph transaction and writes
// the staged nodes; each relationship is then checked and written straight into the graph,
// so millions of relationships never need a second copy in memory. Any error, or an
// exception escaping the load, rolls the transaction back (the Stage's destructor does it),
// which drops the new nodes and relationships from the top of the id range: the load stays
// all-or-nothing.
//
// Staged nodes are stored compactly: strings in a stable arena, property values as small
// Cells, the properties of all nodes in one flat vector, so staging a row does not allocate
// per cell.
#pragma once

#include <charconv>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/error.h"
#include "engine/graph.h"
#include "engine/schema.h"
#include "engine/schema_rules.h"
#include "engine/string_index.h"
#include "loaders/loader.h"

namespace silkgraph::load {

class RelWriter;

// Append-only string storage whose views stay valid (chunks never move) until clear().
class Arena {
 public:
  std::string_view store(std::string_view s);
  size_t bytes() const { return bytes_; }  // stored since the last clear()
  // Forgets everything stored; the first chunk is kept for reuse.
  void clear();

 private:
  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t used_ = 0;
  size_t capacity_ = 0;
  size_t firstCapacity_ = 0;
  size_t bytes_ = 0;
};

// Element type of a list kept as raw delimiter-separated CSV text until it is applied.
using ElemKind = ScalarKind;

// A staged property value. Scalars are inline, strings point into the arena, lists from CSV
// stay raw text (already validated), anything else (JSON lists and maps) is boxed.
struct Cell {
  enum class Kind : uint8_t { Null, Bool, Int, Float, Date, String, RawList, Boxed };
  Kind kind = Kind::Null;
  ElemKind elem = ElemKind::String;
  char delimiter = ';';  // RawList: what separates its elements
  int64_t i = 0;         // Bool, Int, Date (days), Boxed (index)
  double f = 0;
  std::string_view text;  // String, RawList
};

// A checked relationship property on its way to the graph.
struct RelProp {
  KeyId key;
  Cell value;
};

// A string property already in the graph's dictionary (Stage::internString), by graph key.
struct KeyedString {
  KeyId key;
  uint32_t stringId;
};

// The one write path of a relationship of a load: appends it to the graph (linked later by
// Graph::compact) with its properties. Boxed cells index `boxed`. Run by the loading thread,
// or with two or more threads by the writer thread (rel_writer.h) on batches of them.
void appendRel(Graph& graph, NodeId src, NodeId dst, TypeId type, const RelProp* props,
               size_t count, const std::vector<Value>& boxed, const KeyedString* strings = nullptr,
               size_t stringCount = 0);
// The value of a staged cell (a String cell's text is interned in the graph's dictionary).
Value cellValue(Graph& graph, const Cell& c, const std::vector<Value>& boxed);

// What converting a CSV cell needs besides the cell (loaders/csv_cell.h): the delimiter of
// array elements, storage for texts that outlive the row, a place for boxed values. The
// Stage, or a chunk of a parallel load (csv_rel_chunk.h).
class CellSink {
 public:
  virtual char arrayDelimiter() const = 0;
  virtual std::string_view store(std::string_view s) = 0;
  virtual uint32_t box(Value v) = 0;

 protected:
  ~CellSink() = default;
};

// "too many relationship types: ...", when a graph of `count` types gets `type` as a new one.
std::string tooManyRelTypes(std::string_view type, size_t count);

// What a property is expected to be: its type and the label or type that declares it
// (empty for a common property or an open graph), used in error messages.
struct PropSpec {
  PropType type = PropType::Any;
  std::string_view owner;
};

// Text parsing shared by the CSV reader and the apply step. They return false on bad input.
bool parseIntText(std::string_view s, int64_t& out);
bool parseFloatText(std::string_view s, double& out);
bool parseBoolText(std::string_view s, bool& out);
std::string_view trimSpaces(std::string_view s);
// `string "20x3"` (quoted, escaped, shortened), for "got ..." in messages.
std::string describeText(std::string_view s);
// rules::typeMismatch for a text read from a file: "property 'year' of SUPPLIES expects int,
// got <got>", with the accepted forms of a date.
std::string typeMismatch(std::string_view key, const PropSpec& spec, std::string_view got);

class Stage final : public CellSink {
 public:
  Stage(Graph& graph, const Schema& schema);
  ~Stage();  // rolls back a graph write that began but was not applied

  // Threads the load may use (before the first relationship): with 2 or more, relationships
  // are written to the graph by a second thread (loaders/rel_writer.h), same result.
  void setThreads(unsigned threads) { threads_ = threads; }
  unsigned threads() const { return threads_; }
  // Bytes per chunk of a relationship CSV file parsed by several threads (0: 1 MiB).
  void setChunkBytes(uint64_t bytes) { chunkBytes_ = bytes; }
  uint64_t chunkBytes() const { return chunkBytes_ != 0 ? chunkBytes_ : uint64_t{1} << 20; }
  // CSV array cells and :LABEL cells are split at this character (LoadOptions).
  void setArrayDelimiter(char c) { arrayDelimiter_ = c; }
  char arrayDelimiter() const override { return arrayDelimiter_; }
  // Progress of the load in bytes (LoadOptions::progress), or null: readers report their
  // offset in the current file every so many rows; a file done adds its size to the base.
  void setProgress(ProgressPhase* progress, uint64_t base) {
    progress_ = progress;
    progressBase_ = base;
  }
  void progressAt(uint64_t fileOffset) {
    if (progress_) progress_->update(progressBase_ + fileOffset);
  }
  void progressFileDone(uint64_t fileBytes) {
    progressBase_ += fileBytes;
    if (progress_) progress_->update(progressBase_);
  }
  // LoadOptions::update: nodes whose id the graph already has are updated (before any node).
  void setUpdate(bool update) { update_ = update; }
  Stage(const Stage&) = delete;
  Stage& operator=(const Stage&) = delete;

  // The schema as it will be after the load (the graph's schema merged with the files').
  Schema schema;

  uint32_t addFile(const std::string& name);
  const std::string& fileName(uint32_t file) const { return files_[file]; }
  const std::vector<std::string>& files() const { return files_; }
  [[noreturn]] void fail(uint32_t file, SourcePos pos, const std::string& message) const;
  std::string where(uint32_t file, SourcePos pos) const;  // "file:line:col"

  std::string_view store(std::string_view s) override { return arena_.store(s); }
  uint32_t box(Value v) override;

  // ---- nodes: beginNode, nodeId and nodeLabel, then properties, then endNode ----
  void beginNode(uint32_t file, SourcePos pos);
  void nodeLabel(std::string_view label, SourcePos pos);
  // `prop` is the property the id is stored in (usually "id").
  void nodeId(std::string_view id, std::string_view prop, SourcePos pos);
  // Expected type of a property of the current node; fails if the typed schema does not
  // declare it for any of the node's labels.
  PropSpec nodePropSpec(std::string_view key, SourcePos pos) const;
  void nodeProp(std::string_view key, const Cell& value, SourcePos pos);
  void endNode();

  // ---- relationships: beginRel, relType and ends, then properties, then endRel ----
  // Every node must be staged before the first beginRel (it writes them to the graph).
  // Cell texts of a relationship need to stay valid only until its endRel, which writes it.
  void beginRel(uint32_t file, SourcePos pos);
  void relType(std::string_view type, SourcePos pos);
  void relStart(std::string_view id, SourcePos pos);
  void relEnd(std::string_view id, SourcePos pos);
  PropSpec relPropSpec(std::string_view key, SourcePos pos) const;
  void relProp(std::string_view key, const Cell& value, SourcePos pos);
  void endRel();
  // Fast path for readers that cache per column: the current relationship's type (an index
  // that stays the same for the same type name), a property key's index, and relProp by it.
  uint32_t currentRelType() const { return rel_.type; }
  // About `more` relationships like the one being staged follow in this load: the graph's
  // relationship arrays and the columns of this one's properties grow once to hold them.
  void expectRels(size_t more);
  uint32_t keyIndex(std::string_view key) { return intern(keys_, key); }
  void relPropByIndex(uint32_t key, const Cell& value, SourcePos pos);

  // ---- relationships of a source loader with a fixed set of properties ----
  // The checks and the write of endRel for a relationship whose parts the caller resolved
  // once: `type` from currentRelType() after one relationship of the type went through
  // beginRel..endRel, endpoints the graph holds (writtenNode; their ids only name them in
  // errors), properties keyed by graphKeyOf, each key at most once, texts interned by
  // internString. No cell is staged or copied.
  KeyId graphKeyOf(uint32_t keyIndex) { return graphKey(keyIndex); }
  uint32_t internString(std::string_view s);
  void writeKeyedRel(uint32_t file, SourcePos pos, uint32_t type, NodeId src,
                     std::string_view srcId, NodeId dst, std::string_view dstId,
                     const RelProp* props, size_t count, const KeyedString* strings,
                     size_t stringCount);

  // ---- relationships parsed by other threads (csv_parallel.h) ----
  // Starts writing relationships as the first beginRel would and waits for the writer
  // thread: until the next call on the stage, the caller writes relationships into the
  // returned graph (one thread at a time) and counts them with addWrittenRels, while other
  // threads read what does not change meanwhile (schema, fileName, arrayDelimiter, graph,
  // writtenNode).
  Graph& beginParallelRels();
  void addWrittenRels(size_t n) { relsWritten_ += n; }
  const Graph& graph() const { return graph_; }
  // The graph's node with this id (a staged node, written by now, or one the graph had
  // before the load: then *inGraph is set); kInvalidId if none.
  NodeId writtenNode(std::string_view id, bool* inGraph) const;

  size_t nodeCount() const { return nodes_.size(); }
  size_t relCount() const { return relsWritten_; }

  // Writes whatever is not written yet, commits, compacts the topology and replaces
  // `target` with the merged schema. On failure the graph is rolled back and `target` is
  // untouched. `beforeCommit`, when given, runs in the load's transaction after everything is
  // written (a source loader's changes to what the graph held before, loaders/world/); its
  // failure rolls the whole load back too.
  void apply(Graph& graph, Schema& target, LoadReport& report,
             const std::function<void()>& beforeCommit = {});

 private:
  struct Names {
    std::vector<std::string_view> list;
    std::unordered_map<std::string_view, uint32_t> index;
  };
  struct Prop {
    uint32_t key;
    SourcePos pos;
    Cell value;
  };
  struct Node {
    uint32_t file;
    SourcePos pos;
    SourcePos idPos;
    std::string_view id;
    uint32_t idKey = UINT32_MAX;
    uint32_t labelBegin, labelCount = 0;
    uint32_t propBegin, propCount = 0;
    NodeId existing = kInvalidId;  // update: the graph's node with this id
  };
  // An endpoint is a staged node (index into nodes_) or a node already in the graph.
  struct End {
    bool staged = false;
    uint32_t index = kInvalidId;
    SourcePos pos;
    std::string_view id;
  };
  struct Rel {
    uint32_t file = 0;
    SourcePos pos;
    uint32_t type = UINT32_MAX;
    End start, end;
  };
  // What endRel needs per relationship type, resolved once: graph ids and the checks.
  struct TypeInfo {
    const RelTypeDef* def = nullptr;  // null in an open graph or for an undeclared type
    TypeId graphType = kNoType;
    std::vector<LabelId> from, to;   // graph ids of the allowed labels (unknown ones dropped)
    std::vector<uint32_t> required;  // key indexes of required properties
  };

  uint32_t intern(Names& names, std::string_view s);
  End resolve(std::string_view id, SourcePos pos, const char* which);
  NodeId findInGraph(std::string_view id) const;
  std::string endLabels(const End& e) const;  // "Nation, Region"; "" for none
  std::string nodeName() const;
  void addProp(uint32_t propBegin, uint32_t& propCount, std::string_view key, const Cell& value,
               SourcePos pos, uint32_t file);
  void startWriting();
  // The relationship in rel_/relProps_: written now (one thread) or queued for writer_.
  void writeRel(NodeId src, NodeId dst, TypeId type);
  void queueRel(NodeId src, NodeId dst, TypeId type);
  KeyId graphKey(uint32_t key);
  NodeId graphNode(const End& e) const { return e.staged ? created_[e.index] : e.index; }
  [[noreturn]] void failEndpoint(uint32_t file, uint32_t type, const End& e, bool start) const;
  // Whether the typed schema allows src and dst as ti's ends (ti.def set); if not,
  // startBad says which end is refused.
  bool endpointsAllowed(const TypeInfo& ti, NodeId src, NodeId dst, bool& startBad) const;
  bool hasProp(uint32_t begin, uint32_t count, std::string_view key) const;
  const Prop* findProp(uint32_t begin, uint32_t count, std::string_view key) const;
  void checkKeyUnique(uint32_t label, const LabelDef& def);

  Graph& graph_;
  std::vector<LabelId> indexedLabels_;  // graph labels with a key index, for id lookups
  Arena arena_;
  std::vector<std::string> files_;
  Names labels_, types_, keys_;
  size_t newLabels_ = 0;  // staged labels the graph does not have yet (at most kNoLabel in all)
  std::vector<uint32_t> nodeLabels_;  // label name indexes of all nodes, flat
  // Per label name index, the last staged node that has it (+1; 0: none): a node's repeated
  // label is found in constant time, also on a node with thousands of labels.
  std::vector<uint32_t> labelLastNode_;
  std::vector<Prop> props_;  // properties of all nodes and relationships, flat
  std::vector<Node> nodes_;
  std::vector<const LabelDef*> nodeDefs_;  // declarations of the current node's labels
  // The relationship being read, its properties, and what the graph write needs.
  Rel rel_;
  std::vector<Prop> relProps_;
  std::vector<RelProp> rowProps_;   // relProps_ with graph keys, for appendRel
  std::vector<TypeInfo> typeInfo_;  // by type name index
  uint32_t lastType_ = UINT32_MAX;
  std::vector<KeyId> keyIds_;    // graph key id by key name index, filled while writing
  std::vector<NodeId> created_;  // graph id of every staged node
  bool writing_ = false, applied_ = false;
  size_t relsWritten_ = 0;
  std::vector<Value> boxed_;
  // Staged nodes by id (values below kGraphNode), and ids found in the graph before the load
  // (kGraphNode | NodeId) so that repeated references are looked up once.
  static constexpr uint32_t kGraphNode = 0x80000000u;
  StringIndex nodeById_;
  // Labels whose key is not the node id: key value -> staged node, per label name index.
  std::unordered_map<uint32_t, std::unordered_map<Value, uint32_t, ValueHash, ValueIdentical>>
      nodeByKey_;
  bool inNode_ = false;
  unsigned threads_ = 1;
  uint64_t chunkBytes_ = 0;
  char arrayDelimiter_ = ';';
  ProgressPhase* progress_ = nullptr;
  uint64_t progressBase_ = 0;
  bool update_ = false;
  size_t updated_ = 0;  // staged nodes that update a graph node
  // The second thread's writer while relationships are read (threads_ >= 2). Anything else
  // that writes the graph first waits for it (drain), and so does an error, so that the
  // writer's own error, on an earlier row, is the one reported.
  std::unique_ptr<RelWriter> writer_;
};

}  // namespace silkgraph::load
