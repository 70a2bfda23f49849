// Exports for front ends: the graph, or the nodes and relationships a result refers to, as
// Graphviz DOT (text or a rendered picture) or GraphML, and the whole graph for Neo4j's bulk
// importer or as a Cypher script (export/export_run.h has the one
// pipeline behind `silkgraph export` and the shell's `:export`; this header re-exports it).
#pragma once

#include "export/cypher_exporter.h"
#include "export/export_run.h"
#include "export/neo4j_exporter.h"
