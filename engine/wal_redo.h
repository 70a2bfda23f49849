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

class LogStringIndex;

// The record formats: version 2 writes string values as their text; version 3 (the logs of
// builds since 2026-12-06) adds, in each record, the strings the graph's dictionary gained
// since the record before, and writes the string values of created entities as their ids, so
// replay adds each string once without looking it up (docs/storage.md, "Log format").
constexpr uint32_t kRedoTextStrings = 2;
constexpr uint32_t kRedoStringIds = 3;

// How much of the graph's catalog (labels, relationship types, property keys) and of its
// string dictionary the log already holds: a record adds the names and strings interned
// since, so replay gives them the same ids.
struct CatalogMark {
  size_t labels = 0;
  size_t types = 0;
  size_t keys = 0;
  size_t strings = 0;
  static CatalogMark of(const Graph& g);
};

// True when the graph's active transaction changed anything (cheap: no scan).
bool transactionChangedGraph(const Graph& graph);

// The redo record of the graph's active transaction (call before Graph::commit()): the net
// change from begin() to now, in record format `format` (kRedoTextStrings or kRedoStringIds:
// the log's). `mark` is advanced past the names and strings the record carries.
std::string encodeRedo(const Graph& graph, uint64_t sequence, CatalogMark& mark,
                       uint32_t format = kRedoStringIds);

// Applies one redo record to the graph (outside a transaction). `where` names the record in
// errors, e.g. "DB.sg.wal: record 3 at byte 4096". Throws Error{LoadError} when the record does
// not fit the graph (ids out of range, entities missing, a broken encoding); the graph may
// then be partly changed. Returns the record's sequence number. A kRedoStringIds record adds
// its strings unindexed (StringDictionary::append): finishReplay puts them in the table.
uint64_t applyRedo(Graph& graph, const uint8_t* data, size_t size, const std::string& path,
                   const std::string& where, uint32_t format = kRedoStringIds);

// After the records of a log are applied: the strings they added go into the dictionary's
// table. Returns the id of a string a record added although the dictionary held its text
// already (a damaged or forged log), else UINT32_MAX.
uint32_t finishReplay(Graph& graph);

// After the records of a log are applied, the strings they added indexed on the thread that
// read the log: the dictionary takes the table over (when it holds exactly the strings added;
// finishReplay indexes them otherwise).
void adoptLogStrings(Graph& graph, LogStringIndex& strings);

// The strings the graph's dictionary holds, and room made at once for `more` new ones: replay
// sizes the dictionary's table from the log's size instead of doubling it as it goes.
size_t dictionaryStrings(const Graph& graph);
void reserveDictionary(Graph& graph, size_t more);

}  // namespace silkgraph
