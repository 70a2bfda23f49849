// The `import` subcommand (import_command.h): opens DB.sg (a new one when missing), imports
// the source on top of it through Database::importSource, which writes the file at once
// (atomically), and prints the summary. Without -o the import only checks the files and
// prints the summary.
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
  return "Usage: silkgraph import SOURCE FILE_OR_DIR... [-o DB.sg] [--quiet]\n"
         "\n"
         "Reads a real source in its published format into the database file DB.sg (opened\n"
         "first when it exists, so sources add up: import countries first), all or nothing,\n"
         "and prints what was created and what was skipped and why. Without -o the files are\n"
         "only checked; --quiet shows no progress bar. SOURCE is one of: " +
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
  bool quiet = false;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--quiet" || args[i] == "-q") {
      quiet = true;
    } else if (args[i] == "-o" || args[i] == "--output") {
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
  ProgressBar progress(2);  // standard error; declared before db, which reports to it
  progress.setEnabled(!quiet);
  Database db;
  db.setProgress(&progress);
  std::error_code ec;
  const bool existed = !out.empty() && std::filesystem::exists(out, ec);
  try {
    // The database file is opened (created when missing, locked against a second writer);
    // the import is written to it at once, as a whole, or not at all.
    if (!out.empty()) db.open(out);
    world::ImportSummary summary = db.importSource(source, paths);
    progress.summary("");
    std::cout << summary.text();
    if (!out.empty()) {
      db.close();
      std::cout << "Wrote " << out << ": " << db.graph().nodeCount() << " nodes, "
                << db.graph().relCount() << " relationships.\n";
    }
  } catch (const Error& e) {
    progress.summary("");
    printLoadError(std::cerr, e);
    if (!out.empty() && !existed) {  // no empty database file left behind by a failed import
      try {
        db.close();
      } catch (const Error&) {
      }
      std::filesystem::remove(out, ec);
    }
    std::cerr << "Nothing was imported"
              << (out.empty() ? std::string(".")
                  : existed   ? "; " + out + " is unchanged."
                              : "; " + out + " was not created.")
              << "\n";
    return 1;
  }
  return 0;
}

}  // namespace silkgraph::shell
