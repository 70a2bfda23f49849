// An index or constraint (engine/schema.h IndexDef, made by CREATE INDEX / CREATE CONSTRAINT
// or declared by a schema file) as the Neo4j 5 statement that makes it again, for the
// exports: `export cypher` ends with them and `export neo4j` puts them in schema.cypher.
#pragma once

#include <string>

#include "engine/schema.h"

namespace silkgraph {

// "CREATE INDEX name IF NOT EXISTS FOR (n:L) ON (n.a, n.b)", "... FOR ()-[r:T]-() ON (r.a)",
// or "CREATE CONSTRAINT name IF NOT EXISTS FOR (n:L) REQUIRE n.a IS UNIQUE" (a list of
// properties in parentheses), without a final ';'. Names are quoted where Cypher needs it.
std::string indexDdl(const IndexDef& def);

}  // namespace silkgraph
