// The `import` subcommand (import_command.h): opens DB.sg when it exists, imports the source
// on top of it through Database::importSource, prints the summary and writes DB.sg back
// atomically. Without -o the import only checks the files and prints the summary.
#include "shell/import_command.h"

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "main/database.h"
#include "shell/session.h"

namespace silkgraph::shell {

namespace {

std::string sourceList() {
  std::string out;
  for (const std::string& n : Database::importSources()) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string usage() {
  return "Usage: silkgraph import SOURCE FILE_OR_DIR... [-o DB.sg]\n"
         "\n"
         "Reads a real source in its published format into the database file DB.sg (opened\n"
         "first when it exists, so sources add up: import countries first), all or nothing,\n"
         "and prints what was created and what was skipped and why. Without -o the files are\n"
         "only checked. SOURCE is one of: " +
         sourceList() + " (docs/world.md).\n";
}

int usageError(const std::string& message) {
  std::cerr << "silkgraph import: " << message << "\n"
            << "Try 'silkgraph import --help' for more information.\n";
  return 2;
}

}  // namespace

int runImport(int argc, char** argv) {
  std::vector<std::string> args(argv + 2, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << usage();
    return args.empty() ? 2 : 0;
  }
  std::string out;
  std::vector<std::string> paths;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "-o" || args[i] == "--output") {
      if (i + 1 >= args.size()) return usageError(args[i] + " needs a database file DB.sg");
      out = args[++i];
      if (!Database::isDatabaseFile(out))
        return usageError("the database file must end in .sg, not '" + out + "'");
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usageError("unknown option '" + args[i] + "'");
    } else {
      paths.push_back(args[i]);
    }
  }
  const std::string& source = args[0];
  bool known = false;
  for (const std::string& n : Database::importSources()) known |= n == source;
  if (!known) return usageError("unknown source '" + source + "' (sources: " + sourceList() + ")");
  if (paths.empty()) return usageError("no FILE_OR_DIR given for " + source);
  Database db;
  try {
    std::error_code ec;
    if (!out.empty() && std::filesystem::exists(out, ec)) db.load({out});
    world::ImportSummary summary = db.importSource(source, paths);
    std::cout << summary.text();
    if (!out.empty()) {
      db.save(out);
      std::cout << "Wrote " << out << ": " << db.graph().nodeCount() << " nodes, "
                << db.graph().relCount() << " relationships.\n";
    }
  } catch (const Error& e) {
    printLoadError(std::cerr, e);
    std::cerr << "Nothing was imported" << (out.empty() ? "." : "; " + out + " is unchanged.")
              << "\n";
    return 1;
  }
  return 0;
}

}  // namespace silkgraph::shell
