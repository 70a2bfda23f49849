// bench_generate: the deterministic benchmark data set (issue 4, section 1). From a seed and a
// scale N (number of SUPPLIES relationships) it writes, into OUT/:
//   - silkgraph import files: schema.json + Neo4j-header CSVs (docs/formats.md);
//   - OUT/kuzu/: the same rows as plain CSVs in Kuzu's COPY FROM column order.
// Real facts come from ../shared/data: the 250 nations of mledoze/countries (ids, names,
// regions, land borders), USGS commodity names, heads of state/government and foreign
// ministers (Wikidata), CIA Factbook organisation memberships. SUPPLIES and PRODUCES rows
// are synthetic (seeded) and say so; see docs/benchmarks.md for the shape of the data.
//
//   bench_generate --n N [--seed S] [--shared DIR] [--valid-time] --out DIR
//
// --valid-time: every SUPPLIES row of the silkgraph files also carries valid_from/valid_to
// (the first and last day of its year), so that a view date (--as-of, docs/time.md) has
// validity to check on every relationship the benchmark queries expand.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Fixed chain that makes Q4 (shortest path) exactly five hops: KOR -> NRU -> TUV -> PLW ->
// NIU -> TKL. TUV, PLW, NIU and TKL are supplied only by their predecessor in the chain.
const char* const kChain[] = {"NRU", "TUV", "PLW", "NIU", "TKL"};
// Antarctica takes part in no trade, so Q8's OPTIONAL MATCH has a nation with no supplier.
const char* const kNoTrade = "ATA";

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// SplitMix64: tiny, fast and fully specified, so the data is identical on every platform.
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
};

// Whole-file RFC 4180 reader (the input files are small); strips a UTF-8 BOM.
std::vector<std::vector<std::string>> readCsv(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Failure(path.string() + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  size_t line = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !cell.empty()) {
        row.push_back(std::move(cell));
        rows.push_back(std::move(row));
      }
      row.clear();
      cell.clear();
      any = false;
      ++line;
    } else {
      cell += c;
      any = true;
    }
  }
  if (quoted) throw Failure(path.string() + ":" + std::to_string(line) + ": unterminated quote");
  if (any || !cell.empty()) {
    row.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  if (rows.empty()) throw Failure(path.string() + ":1:1: empty file");
  return rows;
}

size_t column(const std::vector<std::vector<std::string>>& rows, const std::string& name,
              const fs::path& path) {
  const auto& h = rows.front();
  for (size_t i = 0; i < h.size(); ++i)
    if (h[i] == name) return i;
  throw Failure(path.string() + ":1:1: missing column '" + name + "'");
}

std::string trim(std::string s) {
  size_t a = s.find_first_not_of(" \t");
  size_t b = s.find_last_not_of(" \t");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// Buffered writer with a CSV cell quoter; the big file goes through to_chars, not iostreams.
class Out {
 public:
  explicit Out(const fs::path& path) : path_(path), f_(std::fopen(path.c_str(), "wb")) {
    if (!f_) throw Failure(path.string() + ": cannot create");
    buf_.reserve(1 << 20);
  }
  ~Out() { close(); }
  void close() {
    if (!f_) return;
    flush();
    if (std::fclose(f_) != 0) {
      f_ = nullptr;
      throw Failure(path_.string() + ": write failed");
    }
    f_ = nullptr;
  }
  Out& raw(std::string_view s) {
    buf_.append(s);
    if (buf_.size() > (1 << 20) - 256) flush();
    return *this;
  }
  Out& cell(std::string_view s) {
    if (s.find_first_of(",\"\n\r;") == std::string_view::npos) return raw(s);
    std::string q = "\"";
    for (char c : s) {
      if (c == '"') q += '"';
      q += c;
    }
    q += '"';
    return raw(q);
  }
  Out& num(uint64_t v) {
    char b[24];
    auto r = std::to_chars(b, b + sizeof b, v);
    return raw(std::string_view(b, static_cast<size_t>(r.ptr - b)));
  }

 private:
  void flush() {
    if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size())
      throw Failure(path_.string() + ": write failed");
    buf_.clear();
  }
  fs::path path_;
  std::FILE* f_;
  std::string buf_;
};

struct Nation {
  std::string id, name, region, subregion, official;
  std::vector<std::string> borders;
};

struct Resource {
  std::string id, name;
  int parent = -1;  // index into the resource list
};

std::string slug(const std::string& name) {
  std::string s;
  for (unsigned char c : name) {
    if (std::isalnum(c))
      s += static_cast<char>(std::toupper(c));
    else if (!s.empty() && s.back() != '_')
      s += '_';
  }
  while (!s.empty() && s.back() == '_') s.pop_back();
  return s;
}

// "ARSENIC, all forms" -> "Arsenic"; "Graphite (natural)" stays.
std::string commodityName(std::string raw) {
  raw = trim(raw);
  size_t comma = raw.find(',');
  if (comma != std::string::npos) raw = raw.substr(0, comma);
  bool allUpper =
      std::none_of(raw.begin(), raw.end(), [](unsigned char c) { return std::islower(c); });
  if (allUpper) {
    for (size_t i = 0; i < raw.size(); ++i)
      raw[i] =
          static_cast<char>(i == 0 ? raw[i] : std::tolower(static_cast<unsigned char>(raw[i])));
  }
  return trim(raw);
}

// 200 resources: real USGS commodity names under two real categories (critical minerals
// per the USGS 2022 list, table T5 of MCS2024; other commodities from MCS2024 figure 2 and
// the critical-minerals extract), padded with synthetic sub-forms to reach 200.
std::vector<Resource> buildResources(const fs::path& usgs, size_t* realCount) {
  std::vector<Resource> res;
  std::set<std::string> seen;  // lowercase names
  res.push_back({"MINERAL_COMMODITY", "Mineral commodity", -1});
  res.push_back({"CRITICAL_MINERAL", "Critical mineral", 0});
  res.push_back({"OTHER_MINERAL_COMMODITY", "Other mineral commodity", 0});
  auto add = [&](const std::string& name, int parent) {
    std::string key;
    for (unsigned char c : name) key += static_cast<char>(std::tolower(c));
    if (name.empty() || !seen.insert(key).second) return;
    std::string id = key == "rare earths" ? "REE" : slug(name);
    res.push_back({id, name, parent});
  };
  // Rare earths first: it is the most traded resource of the benchmark (Zipf rank 1).
  add("Rare earths", 1);
  fs::path t5 = usgs / "mcs2024_summary/MCS2024_T5_Critical_Minerals_Salient.csv";
  auto rows = readCsv(t5);
  size_t c = column(rows, "Critical_mineral", t5);
  for (size_t i = 1; i < rows.size(); ++i)
    if (c < rows[i].size()) add(commodityName(rows[i][c]), 1);
  fs::path longFile = usgs / "critical_minerals_world_long.csv";
  rows = readCsv(longFile);
  c = column(rows, "commodity", longFile);
  for (size_t i = 1; i < rows.size(); ++i)
    if (c < rows[i].size()) add(commodityName(rows[i][c]), 1);
  fs::path fig2 = usgs / "mcs2024_summary/MCS2024_Fig2_Net_Import_Reliance.csv";
  rows = readCsv(fig2);
  c = column(rows, "Commodity", fig2);
  for (size_t i = 1; i < rows.size(); ++i)
    if (c < rows[i].size()) add(commodityName(rows[i][c]), 2);
  *realCount = res.size() - 3;
  // Padding: synthetic forms of the real commodities, named as such.
  size_t real = res.size();
  for (size_t k = 0; res.size() < 200; ++k) {
    size_t parent = 3 + k % (real - 3);
    std::string name =
        res[parent].name + " (synthetic form " + std::to_string(k / (real - 3) + 1) + ")";
    res.push_back({slug(name), name, static_cast<int>(parent)});
  }
  std::set<std::string> ids;
  for (const auto& r : res)
    if (!ids.insert(r.id).second) throw Failure("resource id collision: " + r.id);
  return res;
}

}  // namespace

int main(int argc, char** argv) try {
  uint64_t n = 0, seed = 20241104;
  bool validTime = false;
  fs::path shared, out;
#ifdef SILKGRAPH_SOURCE_DIR
  shared = fs::path(SILKGRAPH_SOURCE_DIR) / "../shared/data";
#endif
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto need = [&]() -> std::string {
      if (i + 1 >= argc) throw Failure("option " + a + " needs a value");
      return argv[++i];
    };
    if (a == "--n")
      n = std::stoull(need());
    else if (a == "--seed")
      seed = std::stoull(need());
    else if (a == "--shared")
      shared = need();
    else if (a == "--out")
      out = need();
    else if (a == "--valid-time")
      validTime = true;
    else
      throw Failure(
          "usage: bench_generate --n N [--seed S] [--shared DIR] [--valid-time] --out DIR");
  }
  if (out.empty() || n < 1000) throw Failure("need --out DIR and --n N with N >= 1000");
  fs::create_directories(out / "kuzu");
  Rng rng{seed};

  // Nations.
  fs::path cpath = shared / "countries/countries.csv";
  auto crows = readCsv(cpath);
  size_t cId = column(crows, "cca3", cpath), cName = column(crows, "name.common", cpath),
         cOff = column(crows, "name.official", cpath), cReg = column(crows, "region", cpath),
         cSub = column(crows, "subregion", cpath), cBord = column(crows, "borders", cpath);
  std::vector<Nation> nations;
  std::unordered_map<std::string, size_t> nationIdx, nationByName;
  for (size_t i = 1; i < crows.size(); ++i) {
    const auto& r = crows[i];
    if (r.size() != crows[0].size())
      throw Failure(cpath.string() + ":" + std::to_string(i + 1) + ": wrong number of cells");
    Nation nat{r[cId], r[cName], r[cReg], r[cSub], r[cOff], {}};
    std::stringstream bs(r[cBord]);
    for (std::string b; std::getline(bs, b, ',');)
      if (!b.empty()) nat.borders.push_back(b);
    nationIdx[nat.id] = nations.size();
    nationByName[nat.name] = nations.size();
    nationByName[nat.official] = nations.size();
    nations.push_back(std::move(nat));
  }
  for (const char* id : kChain)
    if (!nationIdx.count(id)) throw Failure(std::string("nation ") + id + " missing");
  if (!nationIdx.count("KOR") || !nationIdx.count(kNoTrade)) throw Failure("KOR/ATA missing");

  size_t realResources = 0;
  std::vector<Resource> resources = buildResources(shared / "usgs_mcs", &realResources);
  // Zipf(1) weights over the 197 leaf-or-commodity resources (not the three categories).
  std::vector<double> cdf;
  double total = 0;
  for (size_t i = 3; i < resources.size(); ++i)
    cdf.push_back(total += 1.0 / static_cast<double>(i - 2));
  for (double& x : cdf) x /= total;
  auto pickResource = [&]() {
    double u = rng.unit();
    size_t k = static_cast<size_t>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
    return 3 + std::min(k, cdf.size() - 1);
  };
  // Tonnes are whole numbers, log-uniform in [1, 1e7): sums stay exact doubles, so every
  // engine's answer is bit-identical whatever its summation order.
  auto pickTonnes = [&]() {
    return static_cast<uint64_t>(std::floor(std::pow(10.0, rng.unit() * 7.0)));
  };

  // ---- schema + node files ----
  // SUPPLIES declares an adjacency order ("index", docs/formats.md) on the properties Q1 and
  // Q6 filter on, as the SQLite side declares its covering index (queries/sqlite_schema.sql).
  {
    std::ofstream s(out / "schema.json");
    s << R"({
  "format": "silkgraph/1",
  "description": "Benchmark data (bench/generate.cpp). Nations, borders, resource names, offices and memberships are real; SUPPLIES and PRODUCES rows are synthetic.",
  "schema": {
    "labels": [
      {"name": "Nation", "key": "id", "properties": [{"name": "name", "type": "string", "required": true}, {"name": "region", "type": "string"}, {"name": "subregion", "type": "string"}]},
      {"name": "Resource", "key": "id", "properties": [{"name": "name", "type": "string", "required": true}]},
      {"name": "Leader", "key": "id", "properties": [{"name": "name", "type": "string", "required": true}]},
      {"name": "Organization", "key": "id", "properties": [{"name": "name", "type": "string", "required": true}]}
    ],
    "relationships": [
      {"type": "BORDERS", "from": "Nation", "to": "Nation"},
      {"type": "IS_A", "from": "Resource", "to": "Resource"},
      {"type": "SUPPLIES", "from": "Nation", "to": "Nation", "properties": [{"name": "resource", "type": "string", "required": true}, {"name": "year", "type": "int"}, {"name": "tonnes", "type": "float"}], "index": ["resource", "year", "tonnes"]},
      {"type": "PRODUCES", "from": "Nation", "to": "Resource", "properties": [{"name": "year", "type": "int"}, {"name": "tonnes", "type": "float"}]},
      {"type": "HOLDS_OFFICE", "from": "Leader", "to": "Nation", "properties": [{"name": "role", "type": "string"}, {"name": "start_year", "type": "int"}, {"name": "end_year", "type": "int"}]},
      {"type": "MEMBER_OF", "from": "Nation", "to": "Organization", "properties": [{"name": "qualifier", "type": "string"}]}
    ]
  }
}
)";
    if (!s) throw Failure((out / "schema.json").string() + ": write failed");
  }
  {
    Out a(out / "nations.csv"), k(out / "kuzu/nation.csv");
    a.raw("id:ID,:LABEL,name:string,region:string,subregion:string\n");
    k.raw("id,name,region,subregion\n");
    for (const auto& nat : nations) {
      a.cell(nat.id)
          .raw(",Nation,")
          .cell(nat.name)
          .raw(",")
          .cell(nat.region)
          .raw(",")
          .cell(nat.subregion)
          .raw("\n");
      k.cell(nat.id)
          .raw(",")
          .cell(nat.name)
          .raw(",")
          .cell(nat.region)
          .raw(",")
          .cell(nat.subregion)
          .raw("\n");
    }
  }
  {
    Out a(out / "resources.csv"), k(out / "kuzu/resource.csv");
    Out ar(out / "is_a.csv"), kr(out / "kuzu/is_a.csv");
    a.raw("id:ID,:LABEL,name:string\n");
    k.raw("id,name\n");
    ar.raw(":START_ID,:END_ID,:TYPE\n");
    kr.raw("from,to\n");
    for (const auto& r : resources) {
      a.cell(r.id).raw(",Resource,").cell(r.name).raw("\n");
      k.cell(r.id).raw(",").cell(r.name).raw("\n");
      if (r.parent >= 0) {
        ar.cell(r.id).raw(",").cell(resources[r.parent].id).raw(",IS_A\n");
        kr.cell(r.id).raw(",").cell(resources[r.parent].id).raw("\n");
      }
    }
  }
  {
    Out a(out / "borders.csv"), k(out / "kuzu/borders.csv");
    a.raw(":START_ID,:END_ID,:TYPE\n");
    k.raw("from,to\n");
    for (const auto& nat : nations)
      for (const auto& b : nat.borders) {
        if (!nationIdx.count(b)) throw Failure(cpath.string() + ": unknown border " + b);
        a.cell(nat.id).raw(",").cell(b).raw(",BORDERS\n");
        k.cell(nat.id).raw(",").cell(b).raw("\n");
      }
  }
  // Offices: heads of state/government and foreign ministers with ISO3 (Wikidata extract),
  // plus the 2022 Wikidata list of leaders whose country name matches a nation.
  size_t offices = 0, leadersCount = 0, skippedOffices = 0;
  {
    std::map<std::string, std::string> leaders;  // qid -> name
    struct Office {
      std::string leader, nation, role, start, end;
    };
    std::vector<Office> rows;
    fs::path lp = shared / "leaders/leaders_hos_hog_fm.csv";
    auto lr = readCsv(lp);
    size_t iIso = column(lr, "country_iso3", lp), iRole = column(lr, "position_label", lp),
           iName = column(lr, "person", lp), iQ = column(lr, "person_wikidata_qid", lp),
           iS = column(lr, "start", lp), iE = column(lr, "end", lp);
    for (size_t i = 1; i < lr.size(); ++i) {
      const auto& r = lr[i];
      if (r.size() <= std::max({iIso, iRole, iName, iQ, iS, iE}) || r[iQ].empty() ||
          !nationIdx.count(r[iIso])) {
        ++skippedOffices;
        continue;
      }
      leaders.emplace(r[iQ], r[iName]);
      rows.push_back({r[iQ], r[iIso], r[iRole], r[iS].substr(0, 4), r[iE].substr(0, 4)});
    }
    fs::path wp = shared / "leaders/world_leaders_wikidata_2022.csv";
    auto wr = readCsv(wp);
    size_t wC = column(wr, "country", wp), wRole = column(wr, "positionLabel", wp),
           wQ = column(wr, "officeholder", wp), wName = column(wr, "officeholderLabel", wp),
           wS = column(wr, "start_year", wp), wE = column(wr, "end_year", wp);
    for (size_t i = 1; i < wr.size(); ++i) {
      const auto& r = wr[i];
      auto it = r.size() > std::max({wC, wRole, wQ, wName, wS, wE}) ? nationByName.find(r[wC])
                                                                    : nationByName.end();
      if (it == nationByName.end() || r[wQ].empty()) {
        ++skippedOffices;
        continue;
      }
      leaders.emplace(r[wQ], r[wName]);
      rows.push_back({r[wQ], nations[it->second].id, r[wRole], r[wS], r[wE]});
    }
    Out a(out / "leaders.csv"), k(out / "kuzu/leader.csv");
    a.raw("id:ID,:LABEL,name:string\n");
    k.raw("id,name\n");
    for (const auto& [q, name] : leaders) {
      a.cell(q).raw(",Leader,").cell(name).raw("\n");
      k.cell(q).raw(",").cell(name).raw("\n");
    }
    Out ao(out / "holds_office.csv"), ko(out / "kuzu/holds_office.csv");
    ao.raw(":START_ID,:END_ID,:TYPE,role:string,start_year:int,end_year:int\n");
    ko.raw("from,to,role,start_year,end_year\n");
    for (const auto& o : rows) {
      ao.cell(o.leader)
          .raw(",")
          .cell(o.nation)
          .raw(",HOLDS_OFFICE,")
          .cell(o.role)
          .raw(",")
          .cell(o.start)
          .raw(",")
          .cell(o.end)
          .raw("\n");
      ko.cell(o.leader)
          .raw(",")
          .cell(o.nation)
          .raw(",")
          .cell(o.role)
          .raw(",")
          .cell(o.start)
          .raw(",")
          .cell(o.end)
          .raw("\n");
    }
    offices = rows.size();
    leadersCount = leaders.size();
  }
  // Memberships: CIA World Factbook "international organization participation".
  size_t memberships = 0, orgs = 0;
  {
    fs::path mp = shared / "factbook/factbook_org_participation.csv";
    auto mr = readCsv(mp);
    size_t mIso = column(mr, "iso3_mapped", mp), mOrg = column(mr, "organization", mp),
           mQ = column(mr, "qualifier", mp);
    std::set<std::string> orgNames;
    std::set<std::pair<std::string, std::string>> seen;
    Out ao(out / "member_of.csv"), ko(out / "kuzu/member_of.csv");
    ao.raw(":START_ID,:END_ID,:TYPE,qualifier:string\n");
    ko.raw("from,to,qualifier\n");
    for (size_t i = 1; i < mr.size(); ++i) {
      const auto& r = mr[i];
      if (r.size() <= std::max({mIso, mOrg, mQ}) || !nationIdx.count(r[mIso]) || r[mOrg].empty() ||
          !seen.insert({r[mIso], r[mOrg]}).second)
        continue;
      orgNames.insert(r[mOrg]);
      std::string oid = "org:" + r[mOrg];
      ao.cell(r[mIso]).raw(",").cell(oid).raw(",MEMBER_OF,").cell(r[mQ]).raw("\n");
      ko.cell(r[mIso]).raw(",").cell(oid).raw(",").cell(r[mQ]).raw("\n");
      ++memberships;
    }
    Out a(out / "organizations.csv"), k(out / "kuzu/organization.csv");
    a.raw("id:ID,:LABEL,name:string\n");
    k.raw("id,name\n");
    for (const auto& o : orgNames) {
      a.cell("org:" + o).raw(",Organization,").cell(o).raw("\n");
      k.cell("org:" + o).raw(",").cell(o).raw("\n");
    }
    orgs = orgNames.size();
  }

  // ---- PRODUCES: each trading nation produces 1..10 resources in ~60% of 2000..2024 ----
  size_t produces = 0;
  std::vector<size_t> traders;
  for (size_t i = 0; i < nations.size(); ++i)
    if (nations[i].id != kNoTrade) traders.push_back(i);
  {
    Out a(out / "produces.csv"), k(out / "kuzu/produces.csv");
    a.raw(":START_ID,:END_ID,:TYPE,year:int,tonnes:float\n");
    k.raw("from,to,year,tonnes\n");
    for (size_t t : traders) {
      std::set<size_t> picked;
      size_t want = 1 + rng.below(10);
      for (size_t tries = 0; picked.size() < want && tries < 100; ++tries)
        picked.insert(pickResource());
      for (size_t r : picked)
        for (uint64_t y = 2000; y <= 2024; ++y) {
          if (rng.unit() >= 0.6) continue;
          uint64_t tn = pickTonnes();
          a.cell(nations[t].id)
              .raw(",")
              .cell(resources[r].id)
              .raw(",PRODUCES,")
              .num(y)
              .raw(",")
              .num(tn)
              .raw("\n");
          k.cell(nations[t].id)
              .raw(",")
              .cell(resources[r].id)
              .raw(",")
              .num(y)
              .raw(",")
              .num(tn)
              .raw("\n");
          ++produces;
        }
    }
  }

  // ---- SUPPLIES: N rows ----
  {
    std::vector<size_t> chain;
    for (const char* id : kChain) chain.push_back(nationIdx.at(id));
    std::vector<bool> restricted(nations.size(), false);  // supplied only by the chain
    for (size_t i = 1; i < chain.size(); ++i) restricted[chain[i]] = true;
    std::vector<size_t> open;  // nations any trader may supply
    for (size_t t : traders)
      if (!restricted[t]) open.push_back(t);
    Out a(out / "supplies.csv"), k(out / "kuzu/supplies.csv");
    a.raw(validTime
              ? ":START_ID,:END_ID,:TYPE,resource:string,year:int,tonnes:float,valid_from:date,"
                "valid_to:date\n"
              : ":START_ID,:END_ID,:TYPE,resource:string,year:int,tonnes:float\n");
    k.raw("from,to,resource,year,tonnes\n");
    auto emit = [&](size_t s, size_t d) {
      const std::string& res = resources[pickResource()].id;
      uint64_t y = 2000 + rng.below(25);
      uint64_t tn = pickTonnes();
      // The same row for both engines; only the import header format differs (:TYPE column).
      for (auto [o, between] : {std::pair<Out*, const char*>{&a, ",SUPPLIES,"}, {&k, ","}})
        o->raw(nations[s].id)
            .raw(",")
            .raw(nations[d].id)
            .raw(between)
            .raw(res)
            .raw(",")
            .num(y)
            .raw(",")
            .num(tn);
      if (validTime) a.raw(",").num(y).raw("-01-01,").num(y).raw("-12-31");
      a.raw("\n");
      k.raw("\n");
    };
    uint64_t written = 0;
    emit(nationIdx.at("KOR"), chain[0]);
    ++written;
    for (size_t i = 0; i + 1 < chain.size(); ++i)
      for (int j = 0; j < 25; ++j, ++written) emit(chain[i], chain[i + 1]);
    for (; written < n; ++written) {
      size_t d = open[rng.below(open.size())];
      size_t s;
      do s = traders[rng.below(traders.size())];
      while (s == d);
      emit(s, d);
    }
  }

  std::printf(
      "bench_generate: N=%llu seed=%llu -> %s\n  nations %zu, resources %zu (%zu real USGS "
      "commodity names + 3 categories, %zu synthetic forms), leaders %zu, offices %zu "
      "(skipped %zu unmatched), organizations %zu, memberships %zu, produces %zu\n",
      static_cast<unsigned long long>(n), static_cast<unsigned long long>(seed), out.c_str(),
      nations.size(), resources.size(), realResources, resources.size() - 3 - realResources,
      leadersCount, offices, skippedOffices, orgs, memberships, produces);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench_generate: error: %s\n", e.what());
  return 1;
}
