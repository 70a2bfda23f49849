// A CSV cell converted to the type its column or the schema gives it, for the rows of a Neo4j
// bulk-import file: read one at a time by csv_loader, or by the threads of csv_parallel.
#pragma once

#include <cstddef>

#include "engine/csv_reader.h"
#include "loaders/csv_header.h"
#include "loaders/staging.h"

namespace silkgraph::load {

// Field i of the reader's current record, in column `col`, as the property `spec` says;
// fails through the reader (file:line:col of the cell) when the text does not fit. `keep`
// copies texts into the sink (staged nodes outlive the row); lists are split at the sink's
// array delimiter, temporal values other than dates are boxed in it.
Cell csvCell(CellSink& sink, const silkgraph::CsvReader& r, const Column& col, size_t i,
             const PropSpec& spec, bool keep);

}  // namespace silkgraph::load
