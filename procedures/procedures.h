// The procedures silkgraph ships, by family, each registered into a ProcedureRegistry
// (query/procedure/procedure.h) by the database that owns it (main/database.cpp):
//   introspection.cpp   db.labels(), db.relationshipTypes(), db.propertyKeys(),
//                       db.schema.nodeTypeProperties(), db.schema.relTypeProperties()
//   catalog.cpp         dbms.procedures(), dbms.functions()
//   schema_indexes.cpp  db.indexes(), db.constraints() (SHOW INDEXES / CONSTRAINTS)
//   algo_centrality.cpp algo.pageRank, algo.betweenness, algo.degree
//   algo_components.cpp algo.wcc, algo.scc, algo.articulationPoints, algo.bridges, algo.kCore
//   algo_paths.cpp      algo.shortestPath.dijkstra
//   algo_flow.cpp       algo.maxFlow (with the minimum cut)
//   supply.cpp          supply.shares, supply.concentration (docs/analytics.md)
//   supply_routes.cpp   supply.routes
//   supply_disruption.cpp supply.disruption
// The algorithms run over a projection chosen by their config map (algo_projection.h).
#pragma once

#include "query/procedure/procedure.h"

namespace silkgraph {

// Every built-in procedure.
void registerBuiltinProcedures(ProcedureRegistry& registry);

void registerIntrospectionProcedures(ProcedureRegistry& registry);
// dbms.procedures() reads `registry` itself when called, so it lists procedures added later.
void registerCatalogProcedures(ProcedureRegistry& registry);
void registerSchemaIndexProcedures(ProcedureRegistry& registry);
void registerCentralityProcedures(ProcedureRegistry& registry);
void registerComponentProcedures(ProcedureRegistry& registry);
void registerPathProcedures(ProcedureRegistry& registry);
void registerFlowProcedures(ProcedureRegistry& registry);
void registerSupplyProcedures(ProcedureRegistry& registry);
void registerRouteProcedures(ProcedureRegistry& registry);
void registerDisruptionProcedures(ProcedureRegistry& registry);

}  // namespace silkgraph
