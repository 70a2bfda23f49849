// linenumber() and file(): where the row LOAD CSV is producing comes from
// (query/function/csv_row.h).
#include "query/function/csv_row.h"
#include "query/function/scalar_functions.h"

namespace silkgraph {

CsvRow& currentCsvRow() {
  thread_local CsvRow row;
  return row;
}

namespace functions {

Value fnLineNumber(Args, const Graph&) {
  const CsvRow& r = currentCsvRow();
  return r.file ? Value(r.line) : Value();
}

Value fnFile(Args, const Graph&) {
  const CsvRow& r = currentCsvRow();
  return r.file ? Value(r.file) : Value();
}

}  // namespace functions
}  // namespace silkgraph
