// --why in printed results (docs/provenance.md). The provenance of a QueryResult run with
// ExecuteOptions::why becomes more cells of each row: in box and Markdown tables a `sources`
// column of footnote numbers ("1 2 5", "conflict 1" for a row resting on conflicting facts),
// with the numbered citations and the conflicts under the table; in JSON and JSON Lines a
// `_sources` array of citations and a `_conflicts` array per row; in CSV and line mode
// trailing `_sources` and `_conflicts` columns of texts separated by " | ".
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "main/database.h"
#include "shell/result_printer.h"

namespace silkgraph::shell {

// The names of the columns --why adds for `format`.
std::vector<std::string> whyColumns(OutputFormat format);

// Appends --why's cells for row `i` of a result whose provenance is `p` (a streamed row).
void appendWhyCells(const Provenance& p, size_t i, OutputFormat format, std::vector<Value>& row);

// The result with the --why cells added for `format` (the result as it is when it was not
// run with why, has no columns, or is an EXPLAIN).
QueryResult withWhyCells(const QueryResult& result, OutputFormat format);

// Box and Markdown: the numbered citations and the conflicts, printed under the table.
void printWhyNotes(std::ostream& out, const QueryResult& result, OutputFormat format);

}  // namespace silkgraph::shell
