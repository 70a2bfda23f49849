// Implements the country resolver (nation_resolver.h) and reads the built-in mapping table
// (loaders/world/country_mapping.tsv, compiled in by CMake as country_mapping.inc).
#include "loaders/world/nation_resolver.h"

#include <stdexcept>

#include "common/text.h"

namespace silkgraph::world {

namespace {

#include "loaders/world/country_mapping.inc"  // kCountryMapping: the .tsv's text

std::vector<std::string_view> splitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  while (true) {
    size_t cut = line.find('\t');
    out.push_back(line.substr(0, cut));
    if (cut == std::string_view::npos) break;
    line.remove_prefix(cut + 1);
  }
  return out;
}

struct Table {
  std::vector<MappingRow> rows;
  int version = 0;
};

Table parseTable() {
  Table t;
  std::string_view text = kCountryMapping;
  uint32_t lineNo = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.rfind("# version ", 0) == 0) t.version = std::stoi(std::string(line.substr(10)));
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f = splitTabs(line);
    // The table is checked by tests/unit/world_mapping_test.cpp; a bad row is a build bug.
    if (f.size() < 3)
      throw std::logic_error("country_mapping.tsv:" + std::to_string(lineNo) +
                             ": expected scheme, code or name, ISO alpha-3 and a note");
    t.rows.push_back({std::string(f[0]), std::string(f[1]), std::string(f[2]),
                      f.size() > 3 ? std::string(f[3]) : std::string(), lineNo});
  }
  return t;
}

const Table& table() {
  static const Table t = parseTable();
  return t;
}

bool isCodeScheme(std::string_view scheme) {
  return scheme == "fips" || scheme == "cameo" || scheme == "iso3";
}

}  // namespace

const std::vector<MappingRow>& mappingTable() {
  return table().rows;
}

int mappingTableVersion() {
  return table().version;
}

std::string normalizeName(std::string_view name) {
  // Pure ASCII (most names and codes): case folding is lower-casing and NFC changes nothing.
  bool ascii = true;
  for (char c : name) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    std::string out;
    out.reserve(name.size());
    bool space = false;
    for (char c : name) {
      if (c == ' ' || c == '\t') {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
  }
  std::string plain;
  plain.reserve(name.size());
  size_t i = 0;
  bool space = false;
  while (i < name.size()) {
    char32_t cp = text::next(name, i);
    if (cp == 0xA0 || cp == ' ' || cp == '\t') {
      space = !plain.empty();
      continue;
    }
    if (cp == 0x2019 || cp == 0x2018) cp = '\'';
    if (space) plain += ' ';
    space = false;
    text::append(plain, cp);
  }
  // caseFold composes (NFKC with case folding), so the result is already in NFC.
  return text::caseFold(plain);
}

NationResolver::NationResolver(const Graph& graph) : graph_(graph) {
  const Table& t = table();
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const MappingRow& r = t.rows[i];
    std::string key = isCodeScheme(r.scheme) ? r.from : normalizeName(r.from);
    table_.emplace(r.scheme + "\t" + key, i);
  }
  LabelId nation = graph.labelId("Nation");
  if (nation == kNoLabel) return;
  KeyId id = graph.keyId("id");
  graph.forEachNodeWithLabel(nation, [&](NodeId n) {
    Value v = graph.nodeProperty(n, id);
    if (!v.isNull() && v.type() == Value::Type::String) {
      iso3_.emplace(v.asString(), v.asString());
      ++nations_;
    }
    return true;
  });
}

// The names index is built on the first byName: normalizing every name and alias of 250
// Nations (native scripts through libutf8proc) costs more than a small file's rows, and a
// loader that resolves only codes (gdelt) never needs it.
void NationResolver::indexNames() const {
  if (namesIndexed_) return;
  namesIndexed_ = true;
  const Graph& graph = graph_;
  LabelId nation = graph.labelId("Nation");
  if (nation == kNoLabel) return;
  KeyId id = graph.keyId("id"), name = graph.keyId("name"), official = graph.keyId("official_name"),
        aliases = graph.keyId("aliases");
  auto addName = [&](const std::string& n, const std::string& iso3) {
    if (n.size() < 3) return;  // two-letter aliases are ISO alpha-2, not names (FIPS differs)
    auto [it, fresh] = names_.emplace(normalizeName(n), iso3);
    if (!fresh && it->second != iso3) it->second.clear();  // shared by two: ambiguous
  };
  graph.forEachNodeWithLabel(nation, [&](NodeId n) {
    Value v = graph.nodeProperty(n, id);
    if (!v.isNull() && v.type() == Value::Type::String) {
      const std::string& iso3 = v.asString();
      for (KeyId k : {name, official}) {
        if (k == kNoKey) continue;
        Value s = graph.nodeProperty(n, k);
        if (s.type() == Value::Type::String) addName(s.asString(), iso3);
      }
      if (aliases != kNoKey) {
        Value a = graph.nodeProperty(n, aliases);
        if (a.type() == Value::Type::List)
          for (const Value& e : a.asList())
            if (e.type() == Value::Type::String) addName(e.asString(), iso3);
      }
    }
    return true;
  });
}

bool NationResolver::isNation(std::string_view iso3) const {
  return iso3_.count(std::string(iso3)) != 0;
}

NationMatch NationResolver::fromTable(std::string_view scheme, const std::string& key) const {
  NationMatch m;
  auto it = table_.find(std::string(scheme) + "\t" + key);
  if (it == table_.end()) return m;
  const MappingRow& r = table().rows[it->second];
  if (r.iso3 == "-") {
    m.kind = NationMatch::Kind::NotCountry;
    m.note = r.note;
  } else if (isNation(r.iso3)) {
    m.kind = NationMatch::Kind::Nation;
    m.iso3 = r.iso3;
  }
  return m;
}

NationMatch NationResolver::byName(std::string_view scheme, std::string_view name) const {
  std::string key = normalizeName(name);
  indexNames();
  NationMatch m = fromTable(scheme, key);
  if (m.kind != NationMatch::Kind::Unmatched) return m;
  auto it = names_.find(key);
  if (it != names_.end() && !it->second.empty()) {
    m.kind = NationMatch::Kind::Nation;
    m.iso3 = it->second;
    return m;
  }
  return fromTable("name", key);
}

NationMatch NationResolver::byCode(std::string_view scheme, std::string_view code) const {
  std::string key(code);
  NationMatch m = fromTable(scheme, key);
  if (m.kind != NationMatch::Kind::Unmatched) return m;
  if ((scheme == "cameo" || scheme == "iso3") && isNation(key)) {
    m.kind = NationMatch::Kind::Nation;
    m.iso3 = key;
  }
  return m;
}

}  // namespace silkgraph::world
