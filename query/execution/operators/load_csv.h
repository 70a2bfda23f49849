// LoadCsvOp: LOAD CSV [WITH HEADERS] FROM url AS row [FIELDTERMINATOR 'c'], one output row
// per record of a CSV file in the import directory (query/execution/import_path.h), read as
// it streams by the RFC 4180 reader the loaders use (engine/csv_reader.h). A record is a list
// of strings, or with headers a map from the header's names; an empty unquoted field is
// null, a quoted empty field "" the empty string (Neo4j's rules).
#pragma once

#include <string>

#include "query/execution/operators/operator.h"

namespace silkgraph {

class LoadCsvOp final : public Operator {
 public:
  LoadCsvOp(const BoundExpr* url, Slot slot, bool withHeaders, char delimiter, SourcePos pos)
      : url_(url), slot_(slot), withHeaders_(withHeaders), delimiter_(delimiter), pos_(pos) {}
  bool push(Row& row) override;
  std::string describe() const override {
    return withHeaders_ ? "LoadCsv (with headers)" : "LoadCsv";
  }
  const BoundExpr* url() const { return url_; }
  Slot slot() const { return slot_; }

 private:
  const BoundExpr* url_;
  Slot slot_;
  bool withHeaders_;
  char delimiter_;
  SourcePos pos_;  // of the clause: errors point at it
};

}  // namespace silkgraph
