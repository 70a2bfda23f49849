// The `export neo4j` and `export cypher` subcommands (bulk_export_command.h): load DATA (a
// database file or data files, read-only), then write through main/export.h. A Cypher script
// to a file is written to a temporary file and renamed into place.
#include "shell/bulk_export_command.h"

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "main/export.h"
#include "shell/session.h"

namespace silkgraph::shell {

namespace {

constexpr const char* kUsage =
    "Usage: silkgraph export neo4j DATA... OUTDIR     (or -o OUTDIR)\n"
    "       silkgraph export cypher DATA... [-o FILE]\n"
    "       (--quiet: no progress bar on standard error)\n"
    "\n"
    "neo4j: writes the whole graph as the CSV files `neo4j-admin database import full`\n"
    "reads (one node file per first label, which is also its ID space; one relationship\n"
    "file per type and end labels), schema.cypher with the constraints and indexes, and a\n"
    "README.md with the import command. OUTDIR must not exist or be empty.\n"
    "cypher: writes a Cypher script of batched UNWIND ... CREATE statements that Neo4j,\n"
    "Memgraph and silkgraph run to rebuild the graph (standard output without -o).\n";

int usageError(const std::string& message) {
  std::cerr << "silkgraph export: " << message << "\n"
            << "Try 'silkgraph export --help' for more information.\n";
  return 2;
}

}  // namespace

int runBulkExport(int argc, char** argv) {
  const std::string format = argv[2];
  std::vector<std::string> args(argv + 3, argv + argc);
  std::string out;
  std::vector<std::string> data;
  bool quiet = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "-h" || args[i] == "--help") {
      std::cout << kUsage;
      return 0;
    }
    if (args[i] == "--quiet" || args[i] == "-q") {
      quiet = true;
    } else if (args[i] == "-o" || args[i] == "--output") {
      if (i + 1 >= args.size()) return usageError(args[i] + " needs a path");
      out = args[++i];
    } else if (!args[i].empty() && args[i][0] == '-' && args[i] != "-") {
      return usageError("unknown option '" + args[i] + "' for export " + format);
    } else {
      data.push_back(args[i]);
    }
  }
  if (format == "neo4j" && out.empty()) {
    if (data.size() < 2) return usageError("export neo4j needs DATA and an output directory");
    out = data.back();
    data.pop_back();
  }
  if (data.empty()) return usageError("export " + format + " needs DATA to export");

  Session session(std::cout, std::cerr);
  session.setQuiet(quiet);
  if (!session.load(data)) return 1;
  const Database& db = session.db();
  try {
    if (format == "neo4j") {
      Neo4jExportSummary s;
      {
        ProgressPhase progress(&session.progress(), "Exporting", 0, ProgressUnit::Rows);
        s = exportNeo4j(db.graph(), db.schema(), out);
      }
      std::cerr << "Exported " << s.nodes << " nodes (" << s.nodeFiles << " files) and "
                << s.relationships << " relationships (" << s.relFiles << " files) to " << out
                << "; see " << out << "/README.md for the neo4j-admin command\n";
      if (s.generatedIds)
        std::cerr << "note: " << s.generatedIds
                  << (s.generatedIds == 1 ? " node has" : " nodes have")
                  << " no string id; given ids _n<number> (stored as their id)\n";
      if (!s.jsonColumns.empty()) {
        std::cerr << "note: Neo4j cannot store maps or lists of mixed types as properties; "
                     "written as JSON text:";
        for (const std::string& c : s.jsonColumns) std::cerr << " " << c;
        std::cerr << "\n";
      }
      return 0;
    }
    std::ostringstream script;
    CypherExportSummary s;
    {
      ProgressPhase progress(&session.progress(), "Exporting", 0, ProgressUnit::Rows);
      s = exportCypher(db.graph(), script, 500, &db.schema());
    }
    if (out.empty() || out == "-")
      std::cout << script.str();
    else
      writeFileAtomically(out, script.str());
    std::cerr << "Exported " << s.nodes << " nodes and " << s.relationships << " relationships as "
              << s.statements << " statements" << (out.empty() || out == "-" ? "" : " to " + out)
              << "\n";
    return 0;
  } catch (const Error& e) {
    std::cerr << e.format() << "\n";
    return 1;
  }
}

}  // namespace silkgraph::shell
