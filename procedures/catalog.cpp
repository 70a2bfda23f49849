// dbms.procedures() and dbms.functions(): what can be called, with signatures, so that users
// and tools can discover them (Neo4j's names and column names).
#include "query/function/catalog.h"

#include <algorithm>
#include <string>
#include <vector>

#include "procedures/function_descriptions.h"
#include "procedures/procedures.h"
#include "query/function/aggregate.h"

namespace silkgraph {
namespace {

// `name(arg1, arg2[, arg3])`, `name(arg1, ...)`: the arities the function catalog checks.
std::string functionSignature(std::string_view name, int minArgs, int maxArgs) {
  std::string s = std::string(name) + "(";
  int shown = maxArgs < 0 ? std::max(minArgs, 1) : maxArgs;
  for (int i = 1; i <= shown; ++i) {
    bool optional = i > minArgs;
    s += optional ? "[" : "";
    s += (i > 1 ? ", arg" : "arg") + std::to_string(i);
    s += optional ? "]" : "";
  }
  if (maxArgs < 0) s += ", ...";
  return s + ")";
}

}  // namespace

void registerCatalogProcedures(ProcedureRegistry& registry) {
  const ProcedureRegistry* reg = &registry;
  registry.add(
      "dbms.procedures() :: (name :: STRING?, signature :: STRING?, "
      "description :: STRING?, mode :: STRING?)",
      "Every procedure CALL can run, with its signature and what it does, by name.",
      [reg](ProcedureContext&, std::span<const Value>, const ProcedureSink& sink) {
        for (const ProcedureDef* p : reg->all()) {
          std::vector<Value> row{Value(p->name), Value(p->signature()), Value(p->description),
                                 Value("READ")};
          if (!sink(row)) return;
        }
      });
  registry.add(
      "dbms.functions() :: (name :: STRING?, signature :: STRING?, description :: STRING?, "
      "aggregating :: BOOLEAN?)",
      "Every function of the query language with the arguments it takes and what it does "
      "(scalar and aggregating), by name.",
      [](ProcedureContext&, std::span<const Value>, const ProcedureSink& sink) {
        struct Row {
          std::string name, signature;
          bool aggregating;
        };
        std::vector<Row> rows;
        for (std::string_view n : functionNames()) {
          if (const FunctionDef* f = findFunction(n)) {
            rows.push_back({f->name, functionSignature(f->name, f->minArgs, f->maxArgs), false});
          } else if (const AggregateDef* a = findAggregate(n)) {
            int args = static_cast<int>(a->args);
            rows.push_back({a->name, functionSignature(a->name, args, args), true});
          }
        }
        std::sort(rows.begin(), rows.end(),
                  [](const Row& a, const Row& b) { return a.name < b.name; });
        for (Row& r : rows) {
          const char* description = functionDescription(r.name);
          std::vector<Value> row{Value(r.name), Value(r.signature),
                                 description ? Value(description) : Value(), Value(r.aggregating)};
          if (!sink(row)) return;
        }
      });
}

}  // namespace silkgraph
