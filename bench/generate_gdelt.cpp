// Generates a GDELT 2.0 event export of N rows for `make bench-gdelt` (bench/run_gdelt.py): the
// published format (tab-separated, no header, 61 columns, LF), rows drawn from a real export
// (../shared/data/gdelt/20191024143000.export.CSV by default). Each generated row copies a
// random row of the sample (its event codes, Goldstein scale, tone, mentions, places and URL),
// gets a fresh GLOBALEVENTID, and draws Actor1CountryCode and Actor2CountryCode independently
// from the sample's non-empty actor codes (their real distribution, CAMEO regions included),
// so that nearly every row is an event between two countries: the loader's costly path.
// --keep-actors keeps each sample row's own actor codes (empty ones too) instead.
//
//   bench_generate_gdelt OUT.export.CSV [--rows N] [--seed S] [--sample FILE] [--keep-actors]
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr size_t kColumns = 61;
constexpr size_t kActor1Country = 7, kActor2Country = 17;

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

int usage(const char* message) {
  std::cerr << "bench_generate_gdelt: " << message
            << "\nusage: bench_generate_gdelt OUT.export.CSV [--rows N] [--seed S] [--sample "
               "FILE] [--keep-actors]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out, sample = std::string(SILKGRAPH_SOURCE_DIR) +
                            "/../shared/data/gdelt/20191024143000.export.CSV";
  uint64_t rows = 10'000'000, seed = 20191024;
  bool keepActors = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        usage((a + " needs a value").c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--rows")
      rows = std::strtoull(value().c_str(), nullptr, 10);
    else if (a == "--seed")
      seed = std::strtoull(value().c_str(), nullptr, 10);
    else if (a == "--sample")
      sample = value();
    else if (a == "--keep-actors")
      keepActors = true;
    else if (!a.empty() && a[0] == '-')
      return usage(("unknown option " + a).c_str());
    else
      out = a;
  }
  if (out.empty()) return usage("no output file given");

  std::ifstream in(sample);
  if (!in) return usage(("cannot read the sample " + sample).c_str());
  std::vector<std::vector<std::string>> templates;
  std::vector<std::string> actorCodes;
  std::string line;
  size_t lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (line.empty()) continue;
    std::vector<std::string> f = split(line);
    if (f.size() != kColumns) {
      std::cerr << sample << ":" << lineNo << ": expected " << kColumns << " fields, got "
                << f.size() << "\n";
      return 1;
    }
    for (size_t c : {kActor1Country, kActor2Country})
      if (!f[c].empty()) actorCodes.push_back(f[c]);
    templates.push_back(std::move(f));
  }
  if (templates.empty() || actorCodes.empty()) return usage("the sample has no events");

  std::FILE* o = std::fopen(out.c_str(), "wb");
  if (!o) return usage(("cannot write " + out).c_str());
  std::vector<char> buf(size_t{1} << 22);
  std::setvbuf(o, buf.data(), _IOFBF, buf.size());
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<size_t> pickRow(0, templates.size() - 1);
  std::uniform_int_distribution<size_t> pickCode(0, actorCodes.size() - 1);
  const uint64_t firstId = 1'000'000'000;
  for (uint64_t r = 0; r < rows; ++r) {
    const std::vector<std::string>& t = templates[pickRow(rng)];
    for (size_t c = 0; c < kColumns; ++c) {
      if (c) std::fputc('\t', o);
      if (c == 0) {
        std::fprintf(o, "%llu", static_cast<unsigned long long>(firstId + r));
      } else if (!keepActors && (c == kActor1Country || c == kActor2Country)) {
        const std::string& code = actorCodes[pickCode(rng)];
        std::fwrite(code.data(), 1, code.size(), o);
      } else {
        std::fwrite(t[c].data(), 1, t[c].size(), o);
      }
    }
    std::fputc('\n', o);
  }
  if (std::fclose(o) != 0) {
    std::cerr << "bench_generate_gdelt: cannot write " << out << "\n";
    return 1;
  }
  std::cout << out << ": " << rows << " rows from " << templates.size() << " sample events\n";
  return 0;
}
