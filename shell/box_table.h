// BoxTable: the layout of a box table (column widths by display width, numeric columns
// right-aligned) computed from its header and a sample of rows, and the printing of its
// parts. The result printer samples every row; a streamed result (shell/stream_printer.h)
// samples the rows it reads ahead and cuts later cells that do not fit with "…".
#pragma once

#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "shell/result_printer.h"

namespace silkgraph::shell {

// Numeric columns (every non-null cell a number, at least one) of `rows`.
std::vector<bool> numericColumns(size_t columns, std::span<const std::vector<Value>> rows);

class BoxTable {
 public:
  BoxTable(const std::vector<SharedString>& columns, std::span<const std::vector<Value>> sample,
           const Graph& graph, const PrintOptions& options);
  // The top rule, the header line and the rule under it.
  void printTop(std::ostream& out) const;
  // One row; a cell wider than its column is cut with "…".
  void printRow(std::ostream& out, const std::vector<Value>& row) const;
  void printBottom(std::ostream& out) const;

 private:
  void rule(std::ostream& out, const char* left, const char* mid, const char* right) const;
  void line(std::ostream& out, const std::vector<std::string>& texts, bool header) const;
  std::string cell(const std::vector<Value>& row, size_t c) const;

  const Graph& graph_;
  PrintOptions options_;
  std::vector<std::string> headers_;
  std::vector<size_t> widths_;
  std::vector<bool> numeric_;
};

}  // namespace silkgraph::shell
