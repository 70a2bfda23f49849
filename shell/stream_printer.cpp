// Implements shell/stream_printer.h.
#include "shell/stream_printer.h"

#include <algorithm>
#include <span>

#include "shell/provenance_printer.h"

namespace silkgraph::shell {

void StreamPrinter::start(const QueryResult& head) {
  held_ = head;
  const bool plain = !head.explain && head.plan.empty() && !head.columns.empty();
  holding_ = true;
  limit_ = rowsLimited(options_.format) ? options_.maxRows : 0;
  if (plain && (options_.format == OutputFormat::Csv || options_.format == OutputFormat::Jsonl ||
                options_.format == OutputFormat::Line)) {
    holding_ = false;
    streaming_ = true;  // CSV's header waits for the first row: a failing statement prints none
    if (head.why) {
      // --why's cells follow each row's (head.provenance has them all: such a statement ran
      // to the end before its rows were handed over).
      for (auto& c : whyColumns(options_.format)) held_.columns.push_back(std::move(c));
    }
  } else if (plain && options_.format == OutputFormat::Box && !head.why) {
    lookingAhead_ = true;  // held until the look-ahead is full
  }
}

void StreamPrinter::startBox() {
  const size_t shown = limit_ ? std::min(limit_, held_.rows.size()) : held_.rows.size();
  box_.emplace(held_.columns, std::span(held_.rows.data(), shown), graph_, options_);
  box_->printTop(out_);
  for (const auto& r : held_.rows) {
    for (const auto& v : r) collectEntities(v);
    if (shown_ < shown) box_->printRow(out_, r);
    shown_ += shown_ < shown ? 1 : 0;
  }
  held_.rows.clear();
  holding_ = false;
  lookingAhead_ = false;
  streaming_ = true;
  out_.flush();  // what is shown shows now, while the rest is counted
}

void StreamPrinter::collectEntities(const Value& v) {
  switch (v.type()) {
    case Value::Type::Node:
      nodes_.insert(v.asNode());
      break;
    case Value::Type::Rel:
      rels_.insert(v.asRel());
      break;
    case Value::Type::Path:
      nodes_.insert(v.asPath().nodes.begin(), v.asPath().nodes.end());
      rels_.insert(v.asPath().rels.begin(), v.asPath().rels.end());
      break;
    case Value::Type::List:
      for (const auto& e : v.asList()) collectEntities(e);
      break;
    case Value::Type::Map:
      for (const auto& [k, e] : v.asMap()) collectEntities(e);
      break;
    default:
      break;
  }
}

bool StreamPrinter::row(std::vector<Value>& values) {
  if (streaming_ && options_.stop && options_.stop->load(std::memory_order_relaxed)) {
    stopped_ = true;  // Ctrl-C: no more rows are printed (or counted); the statement ends
    return false;
  }
  ++rows_;
  if (holding_) {
    held_.rows.push_back(std::move(values));
    if (lookingAhead_ &&
        (held_.rows.size() > kBoxLookAhead || (limit_ && held_.rows.size() > limit_)))
      startBox();
    return true;
  }
  for (const auto& v : values) collectEntities(v);
  if (limit_ && shown_ >= limit_) return true;  // counted, not shown
  ++shown_;
  if (held_.why) appendWhyCells(held_.provenance, rows_ - 1, options_.format, values);
  if (box_) {
    box_->printRow(out_, values);
  } else if (options_.format == OutputFormat::Csv) {
    if (rows_ == 1) printCsvHeader(out_, held_.columns);
    printCsvRow(out_, held_.columns.size(), values, graph_);
  } else if (options_.format == OutputFormat::Line) {
    printLineRow(out_, held_.columns, values, graph_, rows_ == 1);
  } else {
    printJsonlRow(out_, held_.columns, values, graph_);
  }
  // The first row shows at once, not when the buffer fills; so does the last one shown.
  if (rows_ == 1 || shown_ == limit_) out_.flush();
  return true;
}

void StreamPrinter::finish(const QueryResult& result) {
  held_.stats = result.stats;
  held_.plan = result.plan;
  held_.explain = result.explain;
  held_.elapsedMs = result.elapsedMs;
  if (holding_) {
    if (options_.format != OutputFormat::Json) printResult(out_, held_, graph_, options_);
    return;
  }
  if (options_.format == OutputFormat::Csv && rows_ == 0) printCsvHeader(out_, held_.columns);
  if (box_) box_->printBottom(out_);
  if (box_ || options_.format == OutputFormat::Line) {
    out_ << countText() << "\n";
    std::string summary = summarizeStats(result.stats);
    if (!summary.empty()) out_ << summary << "\n";
  }
}

std::string StreamPrinter::countText() const {
  // Ctrl-C stopped the counting of rows past the limit: as many as were counted, at least.
  const bool counting = limit_ && rows_ > shown_;
  if (stopped_) return counting ? limitedCountText(rows_, shown_, true) : stoppedCountText(shown_);
  return counting ? limitedCountText(rows_, shown_, false) : rowCountText(rows_);
}

void StreamPrinter::abort() {
  if (box_) box_->printBottom(out_);
  // The statement failed (or was cancelled) while the rows past the limit were counted.
  if ((box_ || (streaming_ && options_.format == OutputFormat::Line)) && limit_ && rows_ > shown_)
    out_ << limitedCountText(rows_, shown_, true) << "\n";
  out_.flush();
}

QueryResult StreamPrinter::lastResult() {
  if (holding_) return std::move(held_);
  QueryResult r;
  r.columns = {"entity"};
  for (NodeId n : nodes_) r.rows.push_back({Value(NodeRef{n})});
  for (RelId e : rels_) r.rows.push_back({Value(RelRef{e})});
  return r;
}

}  // namespace silkgraph::shell
