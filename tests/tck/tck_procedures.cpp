// Implements tck::registerProcedures (tests/tck/tck_procedures.h).
#include "tests/tck/tck_procedures.h"

#include <memory>
#include <string>
#include <vector>

#include "tests/tck/tck_values.h"

namespace silkgraph::tck {
namespace {

int columnOf(const std::vector<std::string>& columns, const std::string& name) {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return static_cast<int>(i);
  throw ParseError("the procedure table has no column '" + name + "'");
}

}  // namespace

void registerProcedures(Database& db, const nlohmann::json& procedures) {
  for (const auto& p : procedures) {
    ProcedureDef def = parseProcedureSignature(p["signature"].get<std::string>());
    std::vector<std::string> columns = p["columns"].get<std::vector<std::string>>();
    std::vector<int> in, out;
    for (const ProcParam& param : def.params) in.push_back(columnOf(columns, param.name));
    for (const ProcColumn& c : def.outputs) out.push_back(columnOf(columns, c.name));
    auto table = std::make_shared<std::vector<std::vector<Value>>>();
    for (const auto& row : p["rows"]) {
      std::vector<Value> values;
      for (const auto& cell : row) values.push_back(toValue(parseTck(cell.get<std::string>())));
      table->push_back(std::move(values));
    }
    def.description = "TCK test procedure";
    def.fn = [table, in, out](ProcedureContext&, std::span<const Value> args,
                              const ProcedureSink& sink) {
      for (const auto& row : *table) {
        bool match = true;
        for (size_t i = 0; i < in.size() && match; ++i) match = row[in[i]].identical(args[i]);
        if (!match) continue;
        std::vector<Value> values;
        for (int c : out) values.push_back(row[c]);
        if (!sink(values)) return;
      }
    };
    db.procedures().add(std::move(def));
  }
}

}  // namespace silkgraph::tck
