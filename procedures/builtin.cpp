// registerBuiltinProcedures (procedures/procedures.h): every family of built-in procedures.
#include "procedures/procedures.h"

namespace silkgraph {

void registerBuiltinProcedures(ProcedureRegistry& registry) {
  registerIntrospectionProcedures(registry);
  registerCatalogProcedures(registry);
  registerSchemaIndexProcedures(registry);
  registerCentralityProcedures(registry);
  registerComponentProcedures(registry);
  registerPathProcedures(registry);
  registerFlowProcedures(registry);
  registerSupplyProcedures(registry);
  registerRouteProcedures(registry);
  registerDisruptionProcedures(registry);
}

}  // namespace silkgraph
