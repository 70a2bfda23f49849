// The one write path of the source loaders (loaders/world/): nodes and relationships go
// through a load::Stage (the checks and the all-or-nothing apply every loader shares), with
// the world schema merged in, a citation in `sources` on each, and a count for the summary.
// Rows a loader does not load are reported through skip() with a reason and an example.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/value.h"
#include "loaders/staging.h"
#include "loaders/world/import.h"

namespace silkgraph::world {

class Writer {
 public:
  // Starts a load into `graph`; `schema` is replaced by its merge with the world schema only
  // when finish() succeeds. A schema that conflicts with the world schema is a LoadError.
  Writer(Graph& graph, Schema& schema, ImportSummary& summary);
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  Graph& graph() { return graph_; }
  load::Stage& stage() { return stage_; }
  ImportSummary& summary() { return summary_; }

  uint32_t addFile(const std::string& path);
  const std::string& fileName(uint32_t file) const { return stage_.fileName(file); }
  [[noreturn]] void fail(uint32_t file, SourcePos pos, const std::string& message) const {
    stage_.fail(file, pos, message);
  }
  std::string where(uint32_t file, uint32_t line) const;  // "file:line"

  // Whether a node with this id is staged by this import or in the graph already.
  bool hasNode(std::string_view id) const;
  // The value of a property of a node already in the graph (null when absent).
  Value graphNodeProperty(std::string_view id, std::string_view key) const;
  // The label (of those with a key index) under which a node with this id is in the graph
  // already; "" when there is none.
  std::string graphNodeLabel(std::string_view id) const;

  // A node: node(), then its properties, then end(). Texts are copied.
  void node(std::string_view label, std::string_view id, uint32_t file, SourcePos pos);
  // A relationship: rel(), then properties, then end(). Texts given to str() must stay valid
  // until end() (own() keeps a copy that long).
  void rel(std::string_view type, std::string_view from, std::string_view to, uint32_t file,
           SourcePos pos);
  void str(std::string_view key, std::string_view value);  // empty: absent
  void num(std::string_view key, double value);
  void integer(std::string_view key, int64_t value);
  void flag(std::string_view key, bool value);
  void date(std::string_view key, Date value);
  void strings(std::string_view key, const std::vector<std::string>& values);
  // Any value (lists and maps included), checked against the property's declared type (an int
  // widens to a float); a value that does not fit fails at the node's or relationship's row.
  void value(std::string_view key, const Value& v);
  // `sources`: one citation (publication, edition or date, file and row); ';' is replaced.
  void cite(std::string_view citation);
  std::string_view own(std::string text);
  void end();

  // Sets a property of a relationship already in the graph (an earlier import made it, as
  // countries made the BORDERS the factbook gives lengths to). Checked now against the
  // property's declared type (failing at file:pos), applied by finish() inside the load's
  // transaction: all or nothing with the rest of the import.
  void setGraphRelProperty(RelId r, std::string_view key, const Value& v, uint32_t file,
                           SourcePos pos);
  // The same for a node already in the graph (the fact table's aliases of a Nation).
  void setGraphNodeProperty(NodeId n, std::string_view key, const Value& v, uint32_t file,
                            SourcePos pos);

  // Relationships a loader wrote straight through stage() (its fast path), for the summary.
  void countRels(std::string_view type, size_t n) { relCounts_[std::string(type)] += n; }

  // A row (or cell) not loaded, and why: counted per reason, the first few kept as examples.
  void skip(std::string_view reason, std::string example);

  // Applies everything (all or nothing), declares the world labels' key indexes and fills the
  // summary's counts.
  void finish();

 private:
  void prop(std::string_view key, load::Cell cell);

  Graph& graph_;
  Schema& target_;
  ImportSummary& summary_;
  load::Stage stage_;
  bool inNode_ = false;
  uint32_t file_ = 0;
  SourcePos pos_;
  std::string label_, type_;
  std::unordered_set<std::string> staged_;
  std::map<std::string, size_t> nodeCounts_, relCounts_, updatedCounts_;
  std::deque<std::string> owned_;
  struct Update {
    bool node;
    uint64_t id;  // a RelId, or a NodeId when `node`
    std::string key;
    Value value;
  };
  std::vector<Update> updates_;
};

}  // namespace silkgraph::world
