// Database file (.sg): the whole graph and its schema in one file that opens without
// re-parsing (layout and guarantees in docs/storage.md, "Database file").
//
// The file is written atomically (a uniquely named temporary file beside it, fsync, rename,
// fsync of the directory) under an advisory lock on DB.sg, and every
// byte of it is covered by a checksum or checked for a fixed value, so a truncated or
// corrupted file is refused with Error{LoadError} naming the file and the damaged part.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/graph.h"
#include "engine/schema.h"

namespace silkgraph {

// The format version this build writes and the newest it reads. Version 3 added the indexes
// and constraints made by DDL after the schema, version 4 the names of symmetric
// relationship types after them, version 5 the interned label sets (a set id per node instead
// of a label bitset per node as wide as the widest node's), version 6 the distinct-neighbour
// lists, version 7 narrow property columns (16-bit integers and string ids, 32-bit floats),
// version 8 the compressed rows' other ends in 16 bits while the node ids allow.
// Versions 2 to 7 still open.
constexpr uint32_t kGraphFileVersion = 8;
constexpr uint32_t kGraphFileOldestVersion = 2;

// True if the path names a database file (extension .sg, any case).
bool isGraphFilePath(std::string_view path);

// Writes graph + schema to `path`, replacing it atomically. Throws Error{IOError} (file set to
// `path`) when it cannot be written or another writer holds the file's lock; the previous file, if
// any, is then left untouched and no temporary file remains. The graph must not be inside a
// transaction.
void writeGraphFile(const Graph& graph, const Schema& schema, const std::string& path);

// Replaces the content of `graph` and `schema` with the file's, whose arrays the graph then
// uses in place. Throws Error{IOError} when the file cannot be read and Error{LoadError} when
// it is not a valid database file (wrong magic, newer format version, truncated, checksum
// mismatch, inconsistent content); both leave graph and schema untouched. The sections of
// relationship data are checked at their first use instead (docs/storage.md, "Integrity"):
// damage there throws that Error{LoadError} from the call that first reads them.
void readGraphFile(const std::string& path, Graph& graph, Schema& schema);

// Opens the file and runs every check, those an open defers to the first use of the
// relationships included (`silkgraph check`); throws like readGraphFile. Returns the number
// of checksummed parts (the header, the sections and the section table).
size_t checkGraphFile(const std::string& path);

// One checksummed part of a file, for diagnostics and tests.
struct GraphFileSection {
  std::string name;  // e.g. "relationship sources", "node column 'year' values"
  uint64_t offset = 0;
  uint64_t length = 0;
};
// The header (offset 0), every block and the section table, in file order. Throws like
// readGraphFile when the header or table is damaged.
std::vector<GraphFileSection> graphFileSections(const std::string& path);

// The 64-bit checksum used by the file (the XXH64 algorithm, seed 0).
uint64_t graphFileChecksum(const void* data, size_t length);

}  // namespace silkgraph
