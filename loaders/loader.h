// Loader entry point: loads data files or directories into a graph, all or nothing.
// Each format has its own file: json_loader.cpp (native JSON, docs/formats.md) and
// csv_loader.cpp (Neo4j bulk-import CSV headers).
#pragma once

#include <string>
#include <vector>

#include "common/progress.h"
#include "engine/graph.h"
#include "engine/schema.h"

namespace silkgraph {

struct LoadReport {
  size_t nodes = 0;                // nodes added
  size_t updatedNodes = 0;         // nodes already in the graph that the load changed (update)
  size_t relationships = 0;        // relationships added
  std::vector<std::string> files;  // files read, in load order
  double elapsedMs = 0;
};

struct LoadOptions {
  // Threads the load may use. With 2 or more, every thread parses and checks chunks of a
  // large relationship CSV file, written into the graph in file order (loaders/
  // csv_parallel.h); for other relationship rows a second thread writes them while the first
  // reads and checks the following rows. The graph, its ids and any error are the same as
  // with 1.
  unsigned threads = 1;
  // With 2 or more threads, a large relationship CSV file is cut into chunks of about this
  // many bytes that all threads parse (0: 1 MiB; tests make it small).
  uint64_t chunkBytes = 0;
  // What separates the elements of CSV array cells and the labels of a :LABEL cell
  // (neo4j-admin's --array-delimiter).
  char arrayDelimiter = ';';
  // Told how many bytes of the files are read ("Loading"), then while the topology is
  // compacted ("Indexing"); null for none. Called per buffer of rows, never per row.
  ProgressListener* progress = nullptr;
  // Upsert: a node whose id is already in the graph (loaded before, or the database file
  // opened) is updated, not refused: the file's properties are set on it (replacing values
  // of the same keys; the others stay) and its labels added. Ids new to the graph create
  // nodes as always; an id twice in the files is still an error, and the load is still all
  // or nothing. Relationships have no ids: each one is created.
  bool update = false;
};

// Loads every path (a .json or .csv file, or a directory: every such file in it, schema
// files first, then nodes, then relationships). A .sg database file (engine/graph_file.h)
// is opened instead of parsed: it must be the only one and the graph and schema must be
// empty; the other paths then load on top of it. On any error it throws Error{LoadError or
// IOError} whose file() and pos() name the place (file:line:col), and graph and schema are
// left exactly as they were.
LoadReport loadPaths(Graph& graph, Schema& schema, const std::vector<std::string>& paths,
                     const LoadOptions& options = {});

}  // namespace silkgraph
