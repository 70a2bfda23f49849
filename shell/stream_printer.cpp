// Implements shell/stream_printer.h.
#include "shell/stream_printer.h"

#include "shell/provenance_printer.h"

namespace silkgraph::shell {

void StreamPrinter::start(const QueryResult& head) {
  held_ = head;
  const bool plain = !head.explain && head.plan.empty() && !head.columns.empty();
  holding_ = true;
  if (plain && (options_.format == OutputFormat::Csv || options_.format == OutputFormat::Jsonl)) {
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
  box_.emplace(held_.columns, held_.rows, graph_, options_);
  box_->printTop(out_);
  for (const auto& r : held_.rows) box_->printRow(out_, r);
  held_.rows.clear();
  holding_ = false;
  lookingAhead_ = false;
  streaming_ = true;
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
  ++rows_;
  if (holding_) {
    held_.rows.push_back(std::move(values));
    if (lookingAhead_ && held_.rows.size() > kBoxLookAhead) startBox();
    return true;
  }
  for (const auto& v : values) collectEntities(v);
  if (held_.why) appendWhyCells(held_.provenance, rows_ - 1, options_.format, values);
  if (box_) {
    box_->printRow(out_, values);
  } else if (options_.format == OutputFormat::Csv) {
    if (rows_ == 1) printCsvHeader(out_, held_.columns);
    printCsvRow(out_, held_.columns.size(), values, graph_);
  } else {
    printJsonlRow(out_, held_.columns, values, graph_);
  }
  if (rows_ == 1) out_.flush();  // the first row shows at once, not when the buffer fills
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
  if (box_) {
    box_->printBottom(out_);
    out_ << rowCountText(rows_) << "\n";
    std::string summary = summarizeStats(result.stats);
    if (!summary.empty()) out_ << summary << "\n";
  }
}

void StreamPrinter::abort() {
  if (box_) box_->printBottom(out_);
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
