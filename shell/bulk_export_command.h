// `silkgraph export neo4j DATA... OUTDIR` and `silkgraph export cypher DATA... [-o FILE]`
// (docs/export.md): the whole graph for Neo4j's bulk importer, or as a Cypher script.
#pragma once

namespace silkgraph::shell {

// argv[1] is "export", argv[2] "neo4j" or "cypher". Exit codes as runMain: 0 done, 1 the
// load or the export failed, 2 usage.
int runBulkExport(int argc, char** argv);

}  // namespace silkgraph::shell
