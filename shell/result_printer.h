// Result printer: writes a QueryResult as a box table (aligned by display width, for
// people), CSV (RFC 4180 quoting, LF line ends), JSON (one array of row objects per
// statement; the script runner combines several into one document), JSON Lines (one object
// per row), a Markdown table, or lines of `column = value` (line mode, as sqlite3's).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "main/database.h"
#include "main/value.h"

namespace silkgraph::shell {

enum class OutputFormat { Box, Csv, Json, Jsonl, Markdown, Line };

std::optional<OutputFormat> parseOutputFormat(std::string_view name);
const char* outputFormatName(OutputFormat f);
// "box|csv|json|jsonl|markdown|line", for help texts and error messages.
const char* outputFormatChoices();

struct PrintOptions {
  OutputFormat format = OutputFormat::Box;
  // Box tables: cut cells wider than this many columns with "…" (0: never cut).
  size_t maxColumnWidth = 0;
  // Box tables: narrow the widest columns (cutting their cells with "…") so that the table
  // fits in this many columns, e.g. the terminal's width (0: never).
  size_t maxTableWidth = 0;
  // Box tables and line mode: print at most this many rows, then say how many were not
  // shown (0: every row). The interactive shell starts at kTerminalMaxRows (:max-rows).
  size_t maxRows = 0;
  // Set (by Ctrl-C in the interactive shell) to stop printing: the rest is not printed.
  const std::atomic<bool>* stop = nullptr;
};

inline constexpr size_t kTerminalMaxRows = 40;

// Whether `format` is one maxRows applies to (the ones people read: box and line).
bool rowsLimited(OutputFormat format);

// Writes the rows (or, for EXPLAIN, the plan). Box and Markdown tables end with a row count;
// write statements without rows print their summary instead of a table in those formats.
// CSV/JSON/JSON Lines print only data, so that their output stays machine-readable.
void printResult(std::ostream& out, const QueryResult& result, const Graph& graph,
                 const PrintOptions& options);

// Rows one at a time, for a streamed result (shell/stream_printer.h): CSV's header line and
// data lines, a JSON Lines object.
void printCsvHeader(std::ostream& out, const std::vector<SharedString>& columns);
void printCsvRow(std::ostream& out, size_t columns, const std::vector<Value>& row,
                 const Graph& graph);
void printJsonlRow(std::ostream& out, const std::vector<SharedString>& columns,
                   const std::vector<Value>& row, const Graph& graph);
// Line mode: one `column = value` line per cell (names right-aligned, cells as in a box
// table), a blank line before every row but the first.
void printLineRow(std::ostream& out, const std::vector<SharedString>& columns,
                  const std::vector<Value>& row, const Graph& graph, bool first);
// "(1 row)", "(12 rows)": the line under a box table.
std::string rowCountText(size_t n);
// The line under a table cut at maxRows: "(100 rows; 60 not shown: :max-rows 0 shows all of
// them)"; with `atLeast` (counting stopped by Ctrl-C) "(at least 100 rows; ...)".
std::string limitedCountText(uint64_t rows, uint64_t shown, bool atLeast);
// The line under a table whose printing Ctrl-C stopped.
std::string stoppedCountText(uint64_t shown);

// "Created 2 nodes, set 3 properties"; empty when nothing changed.
std::string summarizeStats(const QueryStats& stats);

// Text of one cell in a table: strings raw, null as "null", the rest as toDisplayText.
// Control characters are escaped (\n, \t, \r, \uXXXX) so a cell stays on one line.
std::string cellText(const Value& v, const Graph& graph);
// Text of a column name in a table: the name with its control characters escaped, as
// cellText of the name as a string value, without copying the name into a value first.
std::string headerText(std::string_view name);

// The JSON document of one statement's result: an array of row objects (keys are the
// column names), indented by two; {"plan": "..."} for EXPLAIN; "" for a statement without
// columns (a write without RETURN).
std::string resultJson(const QueryResult& result, const Graph& graph);

// JSON text of a value: nodes {"id", "labels", "properties"}, relationships {"id", "type",
// "start", "end", "properties"}, paths {"nodes", "relationships"}, dates "YYYY-MM-DD",
// non-finite floats as the strings "NaN", "Infinity", "-Infinity".
std::string toJsonText(const Value& v, const Graph& graph);

}  // namespace silkgraph::shell
