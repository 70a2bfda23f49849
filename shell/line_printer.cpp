// Line mode (shell/result_printer.h): each row as `column = value` lines, the names
// right-aligned to the widest (by display width, so Hangul and Cyrillic names line up), as
// sqlite3's and DuckDB's `.mode line`; for rows too wide for a table.
#include <algorithm>

#include "common/text.h"
#include "shell/result_printer.h"

namespace silkgraph::shell {

void printLineRow(std::ostream& out, const std::vector<SharedString>& columns,
                  const std::vector<Value>& row, const Graph& graph, bool first) {
  size_t width = 0;
  std::vector<std::string> names;
  names.reserve(columns.size());
  for (const auto& c : columns) {
    names.push_back(headerText(c.str()));
    width = std::max(width, text::displayWidth(names.back()));
  }
  if (!first) out << "\n";
  for (size_t c = 0; c < names.size(); ++c) {
    size_t w = text::displayWidth(names[c]);
    out << std::string(width - w, ' ') << names[c] << " = "
        << (c < row.size() ? cellText(row[c], graph) : std::string()) << "\n";
  }
}

}  // namespace silkgraph::shell
