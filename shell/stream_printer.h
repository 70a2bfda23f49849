// StreamPrinter: prints a statement's rows as the database hands them over (a ResultReceiver,
// main/database.h), so that `--format csv` or `jsonl` of millions of rows holds no more than a
// row. Box tables read up to kBoxLookAhead rows ahead to size their columns: a result that
// fits is printed exactly as a held one; in a longer one, later cells wider than their column
// are cut with "…" (docs/shell.md). JSON (one document), Markdown, a box table with --why
// (its citations are listed under it), EXPLAIN and PROFILE hold
// every row and print at the end, as before.
#pragma once

#include <optional>
#include <ostream>
#include <set>
#include <vector>

#include "main/database.h"
#include "shell/box_table.h"
#include "shell/result_printer.h"

namespace silkgraph::shell {

class StreamPrinter final : public ResultReceiver {
 public:
  static constexpr size_t kBoxLookAhead = 1000;

  StreamPrinter(std::ostream& out, const Graph& graph, const PrintOptions& options)
      : out_(out), graph_(graph), options_(options) {}

  void start(const QueryResult& head) override;
  bool row(std::vector<Value>& values) override;
  // The statement succeeded (`result`: its counters, plan and time, no rows): prints what is
  // left (a held result as printResult does; a streamed box table's bottom and row count).
  // With `holdJson`, a held JSON result is not printed: held() returns it.
  void finish(const QueryResult& result);
  // The statement failed after rows were printed: closes a streamed box table.
  void abort();
  // The held result of a JSON statement (rows and `result`'s counters) after finish().
  QueryResult& held() { return held_; }
  // Whether Ctrl-C (PrintOptions::stop) stopped the printing: the statement then ended
  // without computing the rest.
  bool stopped() const { return stopped_; }
  // Whether rows are now only counted: :max-rows of them were shown, and the footer will say
  // how many there were.
  bool counting() const { return streaming_ && limit_ && shown_ >= limit_; }
  uint64_t rowCount() const { return rows_; }
  // What :export reads of this result: the held rows, or for a streamed one a row per node
  // and relationship it referred to (so that memory stays bounded by the graph).
  QueryResult lastResult();

 private:
  void collectEntities(const Value& v);
  void startBox();
  // The line under a streamed box table or line mode: rows, shown, not shown, stopped.
  std::string countText() const;

  std::ostream& out_;
  const Graph& graph_;
  PrintOptions options_;
  QueryResult held_;        // columns, and rows while holding
  bool holding_ = true;     // rows kept for printing at the end
  bool streaming_ = false;  // rows printed as they come
  bool lookingAhead_ = false;
  uint64_t rows_ = 0;   // rows handed over
  uint64_t shown_ = 0;  // rows printed
  size_t limit_ = 0;    // PrintOptions::maxRows where it applies (box, line), else 0
  bool stopped_ = false;
  std::optional<BoxTable> box_;
  std::set<NodeId> nodes_;
  std::set<RelId> rels_;
};

}  // namespace silkgraph::shell
