// bench_storage: measures the memory cost of the store. It builds the 250 real nations
// (../shared/data/countries) plus N synthetic SUPPLIES relationships {resource, year, tonnes}
// from a seeded generator, compacts, and prints bytes per relationship and the build time.
//
//   bench_storage [--rels N] [--countries PATH/countries.csv] [--seed S]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "engine/graph.h"

using namespace silkgraph;

namespace {

// Splits one RFC 4180 CSV record (no embedded newlines in this file).
std::vector<std::string> splitCsv(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(std::move(cur));
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(std::move(cur));
  return out;
}

struct Country {
  std::string code, name;
};

std::vector<Country> readCountries(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": cannot open (pass --countries PATH)\n";
    std::exit(2);
  }
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header = splitCsv(line);
  size_t codeCol = header.size(), nameCol = header.size();
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "cca3") codeCol = i;
    if (header[i] == "name.common") nameCol = i;
  }
  if (codeCol == header.size() || nameCol == header.size()) {
    std::cerr << path << ":1:1: expected columns cca3 and name.common\n";
    std::exit(2);
  }
  std::vector<Country> out;
  size_t lineNo = 1;
  while (std::getline(in, line)) {
    ++lineNo;
    auto f = splitCsv(line);
    if (f.size() <= std::max(codeCol, nameCol)) {
      std::cerr << path << ":" << lineNo << ":1: too few columns\n";
      std::exit(2);
    }
    out.push_back({f[codeCol], f[nameCol]});
  }
  return out;
}

long peakRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  size_t rels = 1'000'000;
  unsigned seed = 20241104;
  std::string countriesPath =
      std::string(SILKGRAPH_SOURCE_DIR) + "/../shared/data/countries/countries.csv";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--rels" && i + 1 < argc) {
      rels = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--countries" && i + 1 < argc) {
      countriesPath = argv[++i];
    } else if (a == "--seed" && i + 1 < argc) {
      seed = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
    } else {
      std::cerr << "usage: bench_storage [--rels N] [--countries PATH] [--seed S]\n";
      return 2;
    }
  }
  std::vector<Country> countries = readCountries(countriesPath);

  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  Graph g;
  LabelId nation = g.internLabel("Nation");
  KeyId id = g.internKey("id"), name = g.internKey("name");
  KeyId resource = g.internKey("resource"), year = g.internKey("year"),
        tonnes = g.internKey("tonnes");
  TypeId supplies = g.internType("SUPPLIES");
  g.createKeyIndex(nation, id);
  std::vector<NodeId> nodes;
  std::vector<LabelId> labels{nation};
  for (const Country& c : countries) {
    NodeId n = g.createNode(labels);
    g.setNodeProperty(n, id, Value(g.internString(c.code)));
    g.setNodeProperty(n, name, Value(g.internString(c.name)));
    nodes.push_back(n);
  }
  // Synthetic resource names: the benchmark measures layout, not facts.
  std::vector<Value> resources;
  for (int i = 0; i < 200; ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "resource-%03d", i);
    resources.emplace_back(g.internString(buf));
  }
  std::mt19937_64 rng(seed);
  for (size_t i = 0; i < rels; ++i) {
    NodeId s = nodes[rng() % nodes.size()];
    NodeId d = nodes[rng() % nodes.size()];
    RelId r = g.createRel(s, d, supplies);
    g.setRelProperty(r, resource, resources[rng() % resources.size()]);
    g.setRelProperty(r, year, Value(static_cast<int64_t>(2000 + rng() % 25)));
    g.setRelProperty(r, tonnes, Value(static_cast<double>(rng() % 10'000'000) / 100.0));
  }
  auto t1 = Clock::now();
  g.compact();
  auto t2 = Clock::now();

  // A full scan through the compacted topology, as a sanity check of what was built.
  size_t seen = 0;
  for (NodeId n : nodes) seen += g.degree(n, Direction::Out, supplies);
  if (seen != rels) {
    std::cerr << "error: scanned " << seen << " relationships, expected " << rels << "\n";
    return 1;
  }

  GraphStats st = g.stats();
  double n = static_cast<double>(std::max<size_t>(rels, 1));
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  std::printf("nodes                 %zu\n", st.nodes);
  std::printf("relationships         %zu\n", st.relationships);
  std::printf("build (create+set)    %.1f ms\n", ms(t0, t1));
  std::printf("compact               %.1f ms\n", ms(t1, t2));
  std::printf("total build           %.1f ms\n", ms(t0, t2));
  std::printf("bytes topology        %zu  (%.2f per relationship)\n", st.bytesTopology,
              st.bytesTopology / n);
  std::printf("bytes properties      %zu  (%.2f per relationship)\n", st.bytesProperties,
              st.bytesProperties / n);
  std::printf("bytes strings         %zu  (%.2f per relationship)\n", st.bytesStrings,
              st.bytesStrings / n);
  std::printf("bytes indexes         %zu  (%.2f per relationship)\n", st.bytesIndexes,
              st.bytesIndexes / n);
  std::printf("bytes total           %zu  (%.2f per relationship)\n", st.bytesTotal(),
              st.bytesTotal() / n);
  std::printf("peak RSS              %ld kB\n", peakRssKb());
  return 0;
}
