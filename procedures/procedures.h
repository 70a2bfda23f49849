// The procedures silkgraph ships, by family, each registered into a ProcedureRegistry
// (query/procedure/procedure.h) by the database that owns it (main/database.cpp):
//   introspection.cpp   db.labels(), db.relationshipTypes(), db.propertyKeys(),
//                       db.schema.nodeTypeProperties(), db.schema.relTypeProperties()
//   catalog.cpp         dbms.procedures(), dbms.functions()
#pragma once

#include "query/procedure/procedure.h"

namespace silkgraph {

// Every built-in procedure.
void registerBuiltinProcedures(ProcedureRegistry& registry);

void registerIntrospectionProcedures(ProcedureRegistry& registry);
// dbms.procedures() reads `registry` itself when called, so it lists procedures added later.
void registerCatalogProcedures(ProcedureRegistry& registry);

}  // namespace silkgraph
