// Redo records of the write-ahead log (docs/storage.md, "Write-ahead log"): what one committed
// transaction changed, as logical changes (entities created with their labels and properties,
// labels and properties set or removed, entities deleted, key indexes), computed at commit
// from the graph's transaction state and undo log, and applied again when a log is replayed.
// Never the statement text: rand() or timestamp() would not give the same graph twice.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/graph.h"

namespace silkgraph {

// How much of the graph's catalog (labels, relationship types, property keys) the log
// already names: a record adds the names interned since, so replay gives them the same ids.
struct CatalogMark {
  size_t labels = 0;
  size_t types = 0;
  size_t keys = 0;
  static CatalogMark of(const Graph& g) { return {g.labelCount(), g.typeCount(), g.keyCount()}; }
};

// True when the graph's active transaction changed anything (cheap: no scan).
bool transactionChangedGraph(const Graph& graph);

// The redo record of the graph's active transaction (call before Graph::commit()): the net
// change from begin() to now. `mark` is advanced past the catalog names the record carries.
std::string encodeRedo(const Graph& graph, uint64_t sequence, CatalogMark& mark);

// Applies one redo record to the graph (outside a transaction). `where` names the record in
// errors, e.g. "DB.sg.wal: record 3 at byte 4096". Throws Error{LoadError} when the record does
// not fit the graph (ids out of range, entities missing, a broken encoding); the graph may
// then be partly changed. Returns the record's sequence number.
uint64_t applyRedo(Graph& graph, const uint8_t* data, size_t size, const std::string& path,
                   const std::string& where);

// The strings the graph's dictionary holds, and room made at once for `more` new ones: replay
// sizes the dictionary's table from the log's size instead of doubling it as it goes.
size_t dictionaryStrings(const Graph& graph);
void reserveDictionary(Graph& graph, size_t more);

}  // namespace silkgraph
