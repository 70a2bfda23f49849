// db.indexes() and db.constraints(): the index catalog (engine/index_catalog.h) with the
// columns of Neo4j 5's SHOW INDEXES and SHOW CONSTRAINTS, which the parser turns into CALLs
// of these (query/parser/parse_schema_commands.cpp).
#include "engine/index_catalog.h"
#include "procedures/procedures.h"

namespace silkgraph {

namespace {

Value names(const std::vector<std::string>& v) {
  ValueList out;
  for (const std::string& s : v) out.emplace_back(s);
  return Value(std::move(out));
}

void indexes(ProcedureContext& ctx, std::span<const Value>, const ProcedureSink& sink) {
  std::vector<CatalogEntry> all = catalogEntries(ctx.schema);
  for (size_t i = 0; i < all.size(); ++i) {
    const IndexDef& d = all[i].def;
    const bool unique = d.kind == IndexDef::Kind::Unique;
    std::vector<Value> row{Value(static_cast<int64_t>(i + 1)),
                           Value(d.name),
                           Value("ONLINE"),
                           Value(100.0),
                           Value("RANGE"),
                           Value(d.relationship ? "RELATIONSHIP" : "NODE"),
                           names({d.target}),
                           names(d.properties),
                           Value("range-1.0"),
                           unique ? Value(d.name) : Value()};
    if (!sink(row)) return;
  }
}

void constraints(ProcedureContext& ctx, std::span<const Value>, const ProcedureSink& sink) {
  std::vector<CatalogEntry> all = catalogEntries(ctx.schema);
  for (size_t i = 0; i < all.size(); ++i) {
    const IndexDef& d = all[i].def;
    if (d.kind != IndexDef::Kind::Unique) continue;
    std::vector<Value> row{Value(static_cast<int64_t>(i + 1)),
                           Value(d.name),
                           Value("UNIQUENESS"),
                           Value(d.relationship ? "RELATIONSHIP" : "NODE"),
                           names({d.target}),
                           names(d.properties),
                           Value(d.name)};
    if (!sink(row)) return;
  }
}

}  // namespace

void registerSchemaIndexProcedures(ProcedureRegistry& registry) {
  registry.add(
      "db.indexes() :: (id :: INTEGER?, name :: STRING?, state :: STRING?, populationPercent "
      ":: FLOAT?, type :: STRING?, entityType :: STRING?, labelsOrTypes :: LIST? OF STRING?, "
      "properties :: LIST? OF STRING?, indexProvider :: STRING?, owningConstraint :: STRING?)",
      "The indexes, as SHOW INDEXES lists them: those the schema file declares, then those "
      "made by CREATE INDEX and CREATE CONSTRAINT (a constraint's index has its name).",
      indexes);
  registry.add(
      "db.constraints() :: (id :: INTEGER?, name :: STRING?, type :: STRING?, entityType :: "
      "STRING?, labelsOrTypes :: LIST? OF STRING?, properties :: LIST? OF STRING?, ownedIndex "
      ":: STRING?)",
      "The uniqueness constraints, as SHOW CONSTRAINTS lists them: the schema file's label "
      "keys, then those made by CREATE CONSTRAINT.",
      constraints);
}

}  // namespace silkgraph
