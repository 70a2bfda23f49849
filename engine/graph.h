// Graph: the property-graph store behind a small API.
//
// Layout (see docs/storage.md):
//  - Catalog: labels, relationship types and property keys are interned to small ids.
//  - Nodes: dense ids; a label-set id per node (distinct sets interned); a node list per
//    label (label scan).
//  - Relationships: dense ids; columnar source/target/type arrays.
//  - Topology per relationship type: a bulk part in a Boost.Graph
//    compressed_sparse_row_graph<bidirectionalS> (one hop in either direction is one
//    contiguous scan) plus a mutable delta for relationships created since the last
//    compaction. compact() folds the delta into the CSR (loaders call it after a load).
//  - Properties: one column per (entity kind, property key), indexed by node or relationship
//    id. A column is typed (int64, double, bool, date, dictionary-encoded string) with a
//    null bitmap while its values share a type, and falls back to generic Values otherwise.
//  - Key indexes: a hash index on (label, key property), kept up to date by every write.
//  - Deletion marks a tombstone; ids are never reused inside a transaction.
//  - Transactions: every mutation between begin() and commit() is recorded in an undo log;
//    rollback() restores the graph exactly as it was at begin().
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/value.h"

namespace silkgraph {

using LabelId = uint16_t;
using TypeId = uint16_t;
using KeyId = uint32_t;
constexpr LabelId kNoLabel = UINT16_MAX;
constexpr TypeId kNoType = UINT16_MAX;  // as a filter: any type
constexpr KeyId kNoKey = UINT32_MAX;

enum class Direction : uint8_t { Out, In, Both };

struct GraphStats {
  size_t nodes = 0;
  size_t relationships = 0;
  size_t labels = 0;
  size_t types = 0;
  size_t bytesTopology = 0;
  size_t bytesProperties = 0;
  size_t bytesStrings = 0;
  size_t bytesIndexes = 0;
  size_t bytesTotal() const {
    return bytesTopology + bytesProperties + bytesStrings + bytesIndexes;
  }
};

class GraphImpl;
class GraphView;

class Graph {
 public:
  Graph();
  ~Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  // ---- catalog ----
  LabelId labelId(std::string_view name) const;  // kNoLabel if unknown
  LabelId internLabel(std::string_view name);
  const std::string& labelName(LabelId id) const;
  size_t labelCount() const;
  TypeId typeId(std::string_view name) const;  // kNoType if unknown
  TypeId internType(std::string_view name);
  const std::string& typeName(TypeId id) const;
  size_t typeCount() const;
  KeyId keyId(std::string_view name) const;  // kNoKey if unknown
  KeyId internKey(std::string_view name);
  const std::string& keyName(KeyId id) const;
  size_t keyCount() const;
  // Interns a string in the dictionary and returns the shared payload.
  StringPtr internString(std::string_view s);

  // ---- nodes ----
  NodeId createNode(std::span<const LabelId> labels = {});
  bool nodeExists(NodeId n) const;
  size_t nodeCount() const;    // live nodes
  NodeId nodeIdLimit() const;  // one past the largest id ever given out
  bool hasLabel(NodeId n, LabelId l) const;
  std::vector<LabelId> nodeLabels(NodeId n) const;
  size_t labelCountOf(NodeId n) const;
  void addLabel(NodeId n, LabelId l);     // no-op if present
  void removeLabel(NodeId n, LabelId l);  // no-op if absent
  // Removes a node that has no relationships left (callers detach first).
  void deleteNode(NodeId n);
  // Number of live nodes carrying label l (for the planner).
  size_t labelCardinality(LabelId l) const;

  // Visits live nodes in id order; f returns false to stop early.
  void forEachNode(const std::function<bool(NodeId)>& f) const;
  void forEachNodeWithLabel(LabelId l, const std::function<bool(NodeId)>& f) const;

  // ---- relationships ----
  RelId createRel(NodeId src, NodeId dst, TypeId type);
  bool relExists(RelId r) const;
  size_t relCount() const;
  RelId relIdLimit() const;
  NodeId relSource(RelId r) const;
  NodeId relTarget(RelId r) const;
  TypeId relType(RelId r) const;
  void deleteRel(RelId r);
  size_t typeCardinality(TypeId t) const;  // live relationships of type t
  void forEachRel(const std::function<bool(RelId)>& f) const;

  // Visits the live relationships at node n in direction dir (Out: n is the source; In: n is
  // the target; Both: each once, a self-loop once), of type t (kNoType: every type).
  // f(rel, otherNode) returns false to stop. This is the hot path of expansion: it does not
  // allocate.
  template <typename F>
  void forEachAdjacent(NodeId n, Direction dir, TypeId t, F&& f) const;
  size_t degree(NodeId n, Direction dir, TypeId t) const;
  // Planner statistic: the number of relationships of type t (kNoType: any) met by expanding
  // in direction dir from every node with label l (kNoLabel: every node). Exact (counting
  // deleted relationships until the next compaction) for labels up to 64k nodes; larger
  // labels are estimated from their share of the nodes.
  double degreeSum(LabelId l, TypeId t, Direction dir) const;

  // ---- properties (Null means absent; setting Null removes) ----
  Value nodeProperty(NodeId n, KeyId k) const;
  void setNodeProperty(NodeId n, KeyId k, const Value& v);
  void forEachNodeProperty(NodeId n, const std::function<void(KeyId, const Value&)>& f) const;
  void clearNodeProperties(NodeId n);
  Value relProperty(RelId r, KeyId k) const;
  void setRelProperty(RelId r, KeyId k, const Value& v);
  void forEachRelProperty(RelId r, const std::function<void(KeyId, const Value&)>& f) const;
  void clearRelProperties(RelId r);

  // ---- key indexes ----
  // Creates (or keeps) a unique hash index on (label, key); existing nodes are indexed.
  void createKeyIndex(LabelId l, KeyId k);
  bool hasKeyIndex(LabelId l, KeyId k) const;
  KeyId keyIndexOf(LabelId l) const;  // the indexed key of a label, kNoKey if none
  // Node with label l whose indexed key equals v, or kInvalidId.
  NodeId findByKey(LabelId l, const Value& v) const;

  // Drops the key index of label l (no-op if none); rollback restores it.
  void dropKeyIndex(LabelId l);

  // ---- property indexes (non-unique) ----
  // Creates (or rebuilds) a hash index Value -> nodes on (label, key) over the existing
  // nodes, kept current by every write like the key index; values compare by
  // Value::identical. Not logged for rollback: create and drop them outside transactions.
  void createPropertyIndex(LabelId l, KeyId k);
  void dropPropertyIndex(LabelId l, KeyId k);
  bool hasPropertyIndex(LabelId l, KeyId k) const;
  std::vector<KeyId> propertyIndexesOf(LabelId l) const;
  // Calls f(node) for each node with label l whose key k is identical to v, in id order;
  // f returns false to stop. Returns false if there is no such index.
  bool forEachByProperty(LabelId l, KeyId k, const Value& v,
                         const std::function<bool(NodeId)>& f) const;

  // ---- adjacency order (a vertex-centric index) ----
  // Keeps the compacted adjacency rows of type t sorted by these relationship properties
  // (most significant first; values of one key packed in a 64-bit code with the others, see
  // docs/storage.md), so an expansion whose filters fix the leading properties (and bound the
  // next one) reads only a contiguous part of a node's row. Sorts now and at every compact();
  // changing such a property of a compacted relationship turns the order off until the next
  // compact(). Changes only the order in which relationships are visited. Empty: none.
  // With threads >= 2, the backward rows are sorted in a second thread.
  void setAdjacencyOrder(TypeId t, std::vector<KeyId> keys, unsigned threads = 1);
  // The same order, declared without sorting: the next compact() sorts the rows (a loader
  // declares it before the compaction that ends a load, so the rows are sorted and their
  // distinct neighbours listed once), and setAdjacencyOrder with these keys afterwards
  // finds them sorted. Until then the order is not used.
  void declareAdjacencyOrder(TypeId t, std::vector<KeyId> keys);
  const std::vector<KeyId>& adjacencyOrder(TypeId t) const;

  // ---- transactions ----
  void begin();  // nesting is not supported; begin() while active throws
  void commit();
  void rollback();  // restores the exact state at begin()
  bool inTransaction() const;

  // ---- bulk ----
  // Folds the mutable topology delta into the compressed part. Loaders call this after a load.
  // With threads >= 2, a second thread sorts the backward rows of adjacency orders while this
  // one sorts the forward rows.
  void compact(unsigned threads = 1);
  // Renumbers type t's relationships in the order of its compressed rows in direction dir (In:
  // each node's incoming row, Out: outgoing), so that the properties of consecutive row
  // entries are side by side in their columns: a seek into a sorted row then reads its
  // columns in order. Ids change; nothing else does. For a graph no one has seen the ids of
  // yet (`silkgraph build`). Needs the type compacted and unchanged since, its relationships
  // one range of ids; returns why not when it cannot ("" when done or nothing to do).
  std::string clusterRelationships(TypeId t, Direction dir);
  // Whether every relationship is in the compressed rows (nothing written since compact()).
  bool compacted() const;

  // ---- bulk append (loaders) ----
  // createRel for bulk loads inside a transaction: the relationship exists at once (ids,
  // counts, properties, rollback) but is not put in the adjacency delta, so adjacency scans
  // (forEachAdjacent, degree, deleteNode's check) see it only after the next compact(),
  // which the caller must run after commit() and before the graph is read. Saves the delta's
  // hash lookups and its memory (about 16 bytes per relationship until compaction).
  RelId appendRel(NodeId src, NodeId dst, TypeId type);
  // A bulk load's hint: about `total` relationship ids will exist, most with properties
  // `keys`. The relationship arrays and those columns grow once to that size (not by doubling
  // and copying); compact() gives back what stays unused.
  void reserveRels(size_t total, const std::vector<KeyId>& keys);
  // setRelProperty for a relationship appendRel() created in the current transaction: it
  // needs no undo entry (rollback drops it whole) and is in no adjacency order yet, so the
  // value goes straight into its column. v must not be null. The string form takes a
  // dictionary id from internStringId, so a loader looks each text up once.
  void setAppendedRelProperty(RelId r, KeyId k, const Value& v);
  void setAppendedRelString(RelId r, KeyId k, uint32_t stringId);
  uint32_t internStringId(std::string_view s);

  GraphStats stats() const;

  // ---- data derived from the whole graph, kept across read statements ----
  // A stamp that changes with every change of the graph (rollback included).
  uint64_t changeStamp() const;
  // What keepDerivedData left under `tag` (the deriving code's own address), or null when
  // nothing was kept or the graph changed since. A statement that read the whole graph to
  // build something later statements need too (--why's citation index,
  // query/execution/why_index.h) keeps it here; kept data must not change afterwards.
  std::shared_ptr<const void> derivedData(const void* tag) const;
  // Keeps `data`, derived when changeStamp() was `stamp`; dropped if the graph changed since.
  void keepDerivedData(const void* tag, std::shared_ptr<const void> data, uint64_t stamp) const;

  // A graph opened from a database file checks its relationship sections (checksums and
  // consistency) at their first use, which may then throw Error{LoadError} naming the file
  // and the damaged part. This runs those checks now (no-op when none are pending).
  void runDeferredChecks() const;

  // Read-only, zero-copy access to the storage for the query engine's hot loops
  // (engine/graph_view.h).
  GraphView view() const;
  // Exchanges the whole content with `other` (loaders build into a fresh graph).
  void swap(Graph& other) noexcept { impl_.swap(other.impl_); }

 private:
  // Engine-internal code (the database file, the Boost.Graph view, white-box tests) reaches
  // the data structures through GraphAccess (engine/graph_access.h).
  friend struct GraphAccess;
  std::unique_ptr<GraphImpl> impl_;
};

}  // namespace silkgraph

#include "engine/graph_impl.h"
#include "engine/graph_view.h"
