// Implements LoadCsvOp (query/execution/operators/load_csv.h).
#include "query/execution/operators/load_csv.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "engine/csv_reader.h"
#include "query/execution/import_path.h"
#include "query/function/csv_row.h"
#include "query/function/value_ops.h"

namespace silkgraph {

namespace {

// Puts back the LOAD CSV row of an enclosing clause (or none) when this one ends.
class CsvRowScope {
 public:
  explicit CsvRowScope(StringPtr file) : saved_(currentCsvRow()) {
    currentCsvRow().file = std::move(file);
  }
  ~CsvRowScope() { currentCsvRow() = saved_; }
  CsvRowScope(const CsvRowScope&) = delete;
  CsvRowScope& operator=(const CsvRowScope&) = delete;

 private:
  CsvRow saved_;
};

Value field(const CsvReader& r, size_t i) {
  std::string_view t = r.text(i);
  if (t.empty() && !r.quoted(i)) return Value();
  return Value(t);
}

}  // namespace

bool LoadCsvOp::push(Row& row) {
  auto fail = [&](ErrorKind kind, const std::string& message) {
    throw Error(kind, message, pos_, {}, ErrorPhase::Runtime);
  };
  Value url = evaluate(*url_, row, *ctx);
  if (url.type() != Value::Type::String)
    fail(ErrorKind::TypeError,
         "LOAD CSV FROM expects a URL string such as 'file:///nations.csv', got " +
             std::string(url.isNull() ? "null" : cypherTypeName(url)));
  ImportFile file;
  try {
    file = resolveImportUrl(url.asString(), ctx->importDir);
  } catch (Error& e) {
    e.placeAt(pos_);
    throw;
  }
  // A malformed record names the file, its line and column, and the clause.
  CsvReader reader(
      file.path, file.shown,
      [&](SourcePos p, const std::string& message) {
        fail(ErrorKind::LoadError, file.shown + ":" + std::to_string(p.line) + ":" +
                                       std::to_string(p.col) + ": " + message);
      },
      delimiter_);
  CsvRowScope scope(std::make_shared<const std::string>(file.absolutePath));
  std::vector<std::string> header;
  if (withHeaders_) {
    if (!reader.next()) return true;  // an empty file has no rows
    reader.checkUtf8();
    for (size_t i = 0; i < reader.size(); ++i) {
      std::string name(reader.text(i));
      if (std::find(header.begin(), header.end(), name) != header.end())
        reader.fail(reader.pos(i), "the header names the column '" + name + "' twice");
      header.push_back(std::move(name));
    }
  }
  while (reader.next()) {
    ctx->poll();
    reader.checkUtf8();
    currentCsvRow().line = reader.rowPos().line;
    if (withHeaders_) {
      if (reader.size() > header.size())
        reader.fail(reader.pos(header.size()), "this record has " + std::to_string(reader.size()) +
                                                   " fields but the header names " +
                                                   std::to_string(header.size()) + " columns");
      ValueMap m;
      m.reserve(header.size());
      // Missing fields at the end of a short record are null, as in Neo4j.
      for (size_t i = 0; i < header.size(); ++i)
        m.emplace_back(header[i], i < reader.size() ? field(reader, i) : Value());
      row[slot_] = Value(std::move(m));
    } else {
      ValueList l;
      l.reserve(reader.size());
      for (size_t i = 0; i < reader.size(); ++i) l.push_back(field(reader, i));
      row[slot_] = Value(std::move(l));
    }
    if (!next->push(row)) return false;
  }
  return true;
}

}  // namespace silkgraph
