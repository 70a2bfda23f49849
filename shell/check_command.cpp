// The `check` subcommand (check_command.h): Database::checkFile on each file, one line per
// file on standard output when it is intact, the error (naming the file and the damaged
// section) on standard error when not.
#include "shell/check_command.h"

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "main/database.h"

namespace silkgraph::shell {

namespace {

constexpr const char* kCheckUsage =
    "Usage: silkgraph check DB.sg...\n"
    "\n"
    "Reads each database file whole and runs every check: the checksum of each section, the\n"
    "consistency of its content. Opening a file checks its relationship sections only when\n"
    "they are first used; this checks them all now. Prints one line per intact file; exits\n"
    "with 1 when one is damaged or cannot be read, naming the file and the damaged part.\n";

}  // namespace

int runCheck(int argc, char** argv) {
  std::vector<std::string> files(argv + 2, argv + argc);
  if (files.empty() || files[0] == "--help" || files[0] == "-h") {
    (files.empty() ? std::cerr : std::cout) << kCheckUsage;
    return files.empty() ? 2 : 0;
  }
  for (const std::string& f : files) {
    if (!Database::isDatabaseFile(f)) {
      std::cerr << "silkgraph check: not a database file (.sg): '" << f << "'\n"
                << "Try 'silkgraph check --help' for more information.\n";
      return 2;
    }
  }
  int status = 0;
  for (const std::string& f : files) {
    try {
      size_t parts = Database::checkFile(f);
      std::error_code ec;
      auto bytes = std::filesystem::file_size(f, ec);
      std::cout << f << ": ok (" << parts << " checksummed parts, " << (ec ? 0 : bytes)
                << " bytes)\n";
    } catch (const Error& e) {
      std::cerr << e.format() << "\n";
      status = 1;
    }
  }
  return status;
}

}  // namespace silkgraph::shell
