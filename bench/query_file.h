// A benchmark query file (bench/queries/qN.cypher) as the runners execute it: its text
// without the `//` comment lines that describe it. Shared by bench_silkgraph and bench_why.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include "engine/error.h"

namespace silkgraph::bench {

inline std::string readQuery(const std::filesystem::path& p) {
  std::ifstream in(p);
  if (!in) throw Error(ErrorKind::IOError, p.string() + ": cannot open");
  std::string line, out;
  while (std::getline(in, line)) {
    const size_t a = line.find_first_not_of(" \t");
    if (a != std::string::npos && line.compare(a, 2, "//") == 0) continue;
    out += line + "\n";
  }
  return out;
}

}  // namespace silkgraph::bench
