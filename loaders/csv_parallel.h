// A relationship CSV file loaded by several threads (LoadOptions::threads >= 2): the file is
// cut into chunks at line breaks (engine/csv_chunks.h), every thread parses and checks
// chunks (csv_rel_chunk.h), and the chunks are written into the graph in file order by the
// calling thread, which parses chunks too while the next one to write is not ready. So
// relationship ids, the graph's ids of types and keys and the first error (message and
// file:line:col) are those of a one-thread load.
//
// A chunk's start is a guess (a line break might be inside a quoted field): the writer
// takes a chunk only if it starts where the record after the previous chunk's last one
// starts; otherwise it parses that part again from the right place. A chunk started in the
// wrong place never reads more than a few chunks' worth of the file, and its rows and errors
// are dropped.
#pragma once

#include <cstdint>

#include "loaders/csv_header.h"
#include "loaders/staging.h"

namespace silkgraph::load {

struct RelFileRange {
  uint32_t file = 0;       // in the stage
  uint64_t begin = 0;      // the first data record (after the header)
  bool afterCR = false;    // the header ended at a '\r' whose '\n' is at begin
  uint32_t firstLine = 1;  // the line the data starts on
  uint64_t bytes = 0;      // the file's size
};

// Whether the file (of `columns` columns) is worth cutting into chunks of `chunkBytes`: at
// least two of them.
bool worthParallel(const RelFileRange& range, size_t columns, uint64_t chunkBytes);

// Stages every data row of the relationship file `range` describes, with `threads` threads
// and chunks of `chunkBytes`. The same rows, checks, errors and progress as
// CsvFile::stageRows with one thread.
void stageRelsInParallel(Stage& stage, const CsvHeader& header, const RelFileRange& range,
                         unsigned threads, uint64_t chunkBytes);

}  // namespace silkgraph::load
