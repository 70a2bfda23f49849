// Index catalog: indexes and uniqueness constraints as the DDL statements (CREATE / DROP /
// SHOW INDEX and CONSTRAINT) see them. Two sources give the same objects: the schema file's
// declarations (a label's key is a uniqueness constraint; a relationship type's "index" is a
// relationship index) and those made by DDL (Schema::indexes, stored in the database file).
// What each does in the graph: a uniqueness constraint is the label's key index
// (Graph::createKeyIndex); a node index is a property index (Graph::createPropertyIndex) or,
// on a label's key, that key index; a relationship index is the type's adjacency order
// (Graph::setAdjacencyOrder). docs/query-language.md, "Indexes and constraints".
#pragma once

#include <string>
#include <vector>

#include "engine/graph.h"
#include "engine/schema.h"

namespace silkgraph {

struct CatalogEntry {
  IndexDef def;
  bool declared = false;  // by the schema file (cannot be dropped by DDL)
};

// Every index and constraint, the schema file's declarations first (labels, then types, in
// the schema's order), then those made by DDL in the order they were made.
std::vector<CatalogEntry> catalogEntries(const Schema& schema);

// The name Neo4j 5 style DDL gives an index or constraint made without one: "index_" or
// "constraint_" and eight hex digits of a hash (XXH64) of what it indexes, so the same
// definition always gets the same name.
std::string generatedIndexName(const IndexDef& def);

// Makes an index or constraint effective in the graph (see the top of this file); throws
// Error{ConstraintVerificationFailed} naming the value and the nodes when a uniqueness
// constraint meets duplicates, before changing anything.
void applyIndex(Graph& graph, const IndexDef& def, unsigned threads);
// Undoes applyIndex (a constraint's adopted key index stays).
void unapplyIndex(Graph& graph, const IndexDef& def);

// Applies every catalog entry made by DDL (the schema file's are applied by the database
// with the schema, Database::applySchemaIndexes).
void applyIndexes(Graph& graph, const Schema& schema, unsigned threads);

}  // namespace silkgraph
