// The row LOAD CSV is producing, for linenumber() and file(): the LOAD CSV operator
// (query/execution/operators/load_csv.h) sets it on its thread around each row it passes on,
// and puts back what was there before when it finishes (an outer LOAD CSV's row). Outside
// LOAD CSV both functions return null, as in Neo4j.
#pragma once

#include <cstdint>

#include "engine/value.h"

namespace silkgraph {

struct CsvRow {
  StringPtr file;    // the absolute path of the file; null outside LOAD CSV
  int64_t line = 0;  // the line the current record starts on (1-based)
};

// This thread's current LOAD CSV row.
CsvRow& currentCsvRow();

}  // namespace silkgraph
