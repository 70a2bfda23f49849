// Index and constraint commands (CREATE / DROP INDEX and CONSTRAINT): checks them against the
// index catalog (engine/index_catalog.h) and applies them to the graph and its schema.
#pragma once

#include "engine/graph.h"
#include "engine/schema.h"
#include "query/parser/ast.h"
#include "query/query_result.h"

namespace silkgraph {

// Runs the command; throws an Error placed at the part of the command at fault and then
// changes nothing. The caller makes the change durable (and undoes it with
// undoSchemaCommand if that fails).
QueryStats runSchemaCommand(const ast::SchemaCommand& c, Graph& graph, Schema& schema,
                            unsigned threads);

}  // namespace silkgraph
