// Where to cut a CSV file into chunks that threads parse at the same time: at line breaks, as
// a guess. A '\n' inside a quoted field is no record boundary, and which ones are cannot be
// known without reading the file from its start; so whoever parses the chunk before a start
// reads up to it (CsvReader::restart's limit) and says where its last record really ended,
// and a chunk whose start was wrong is parsed again from there (loaders/csv_parallel.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace silkgraph {

// The starts of chunks of the file's bytes [begin, end): `begin` (a record start), then each
// time the byte after the first '\n' that leaves the chunk before it at least `chunkBytes`
// long; strictly increasing, all below `end`. Error{IOError} naming `displayName` when the
// file cannot be read.
std::vector<uint64_t> csvChunkStarts(const std::string& path, const std::string& displayName,
                                     uint64_t begin, uint64_t end, uint64_t chunkBytes);

}  // namespace silkgraph
