// Source `countries`: mledoze/countries' countries.json (ODbL 1.0), as published. Every entry
// becomes a Nation (id: ISO alpha-3), its names and spellings aliases; regions and subregions
// become Regions (PART_OF); land borders become one BORDERS per pair that both sides list (a
// border only one side lists is reported, not loaded).
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "common/text.h"
#include "loaders/world/source_loaders.h"

namespace silkgraph::world {

namespace {

using json = nlohmann::json;

constexpr const char* kPublication = "mledoze/countries, countries.json (ODbL 1.0)";

// Line and column of a byte offset.
SourcePos posOf(std::string_view text, size_t offset) {
  SourcePos p{1, 1};
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++p.col;
    }
  }
  return p;
}

// Where each element of the top-level array starts (its '{'), by a scan that skips strings.
std::vector<SourcePos> elementPositions(std::string_view text) {
  std::vector<size_t> offsets;
  int depth = 0;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"')
      inString = true;
    else if (c == '[' || c == '{') {
      if (depth == 1) offsets.push_back(i);
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  std::vector<SourcePos> out;
  SourcePos p{1, 1};
  size_t at = 0;
  for (size_t off : offsets) {
    for (; at < off; ++at) {
      if (text[at] == '\n') {
        ++p.line;
        p.col = 1;
      } else if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80) {
        ++p.col;
      }
    }
    out.push_back(p);
  }
  return out;
}

std::string text(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

struct Entry {
  std::string iso3, name;
  std::vector<std::string> borders;
  SourcePos pos;
};

class CountriesFile {
 public:
  CountriesFile(Writer& w, const std::string& path) : w_(w), path_(path) {}

  void load() {
    file_ = w_.addFile(path_);
    std::string data = readWholeFile(path_);
    json root;
    try {
      root = json::parse(data);
    } catch (const json::parse_error& e) {
      w_.fail(file_, posOf(data, e.byte > 0 ? e.byte - 1 : 0),
              std::string("not valid JSON: ") + e.what());
    }
    if (!root.is_array())
      w_.fail(file_, {1, 1}, "expected an array of countries (mledoze/countries' countries.json)");
    std::vector<SourcePos> at = elementPositions(data);
    for (size_t i = 0; i < root.size(); ++i) nation(root[i], i < at.size() ? at[i] : SourcePos{});
    regions();
    borders();
  }

 private:
  std::string cite(const SourcePos& pos, const std::string& iso3) const {
    return std::string(kPublication) + " — " + baseName(path_) + " line " +
           std::to_string(pos.line) + " (" + iso3 + ")";
  }

  void nation(const json& c, SourcePos pos) {
    ++w_.summary().rows;
    if (!c.is_object()) w_.fail(file_, pos, "expected a country object");
    std::string iso3 = text(c, "cca3");
    const json& names = c.value("name", json::object());
    std::string common = names.is_object() ? text(names, "common") : std::string();
    if (iso3.size() != 3 || common.empty())
      w_.fail(file_, pos, "a country needs \"cca3\" (3 letters) and \"name\": {\"common\": ...}");
    if (w_.hasNode(iso3)) {
      w_.skip("Nation already in the database", w_.where(file_, pos.line) + ": " + iso3);
      return;
    }
    w_.node("Nation", iso3, file_, pos);
    w_.str("name", common);
    w_.str("official_name", text(names, "official"));
    std::vector<std::string> aliases;
    std::set<std::string> seen{common};
    // Some names carry a trailing space in the source ("Republika y'Uburundi "): the same
    // name as without it, so trimmed before the duplicate check.
    auto alias = [&](const std::string& raw) {
      std::string a(text::trim(raw));
      if (!a.empty() && seen.insert(a).second) aliases.push_back(a);
    };
    alias(text(names, "official"));
    if (c.contains("altSpellings") && c["altSpellings"].is_array())
      for (const json& a : c["altSpellings"])
        if (a.is_string()) alias(a.get<std::string>());
    if (names.contains("native") && names["native"].is_object())
      for (const auto& [lang, n] : names["native"].items()) {
        alias(text(n, "common"));
        alias(text(n, "official"));
      }
    if (c.contains("translations") && c["translations"].is_object())
      for (const char* lang : {"kor", "jpn", "rus", "zho"})
        if (c["translations"].contains(lang)) {
          alias(text(c["translations"][lang], "common"));
          alias(text(c["translations"][lang], "official"));
        }
    w_.strings("aliases", aliases);
    w_.str("iso2", text(c, "cca2"));
    w_.str("iso_numeric", text(c, "ccn3"));
    w_.str("cioc", text(c, "cioc"));
    w_.str("status", text(c, "status"));
    std::vector<std::string> capital;
    if (c.contains("capital") && c["capital"].is_array())
      for (const json& a : c["capital"])
        if (a.is_string()) capital.push_back(a.get<std::string>());
    w_.strings("capital", capital);
    if (c.contains("area") && c["area"].is_number()) w_.num("area_km2", c["area"].get<double>());
    for (auto [key, prop] :
         {std::pair{"landlocked", "landlocked"}, std::pair{"unMember", "un_member"},
          std::pair{"independent", "independent"}})
      if (c.contains(key) && c[key].is_boolean()) w_.flag(prop, c[key].get<bool>());
    std::string region = text(c, "region"), subregion = text(c, "subregion");
    w_.str("region", region);
    w_.str("subregion", subregion);
    if (c.contains("latlng") && c["latlng"].is_array() && c["latlng"].size() == 2 &&
        c["latlng"][0].is_number() && c["latlng"][1].is_number()) {
      w_.num("lat", c["latlng"][0].get<double>());
      w_.num("lng", c["latlng"][1].get<double>());
    }
    w_.cite(cite(pos, iso3));
    w_.end();
    Entry e{iso3, common, {}, pos};
    if (c.contains("borders") && c["borders"].is_array())
      for (const json& b : c["borders"])
        if (b.is_string()) e.borders.push_back(b.get<std::string>());
    if (!region.empty()) {
      regionOf_[iso3] = subregion.empty() ? region : subregion;
      if (!subregion.empty()) parent_.emplace(subregion, region);
      parent_.emplace(region, "");
      regionPos_.emplace(region, pos);
      regionPos_.emplace(subregion, pos);
    }
    entries_.push_back(std::move(e));
  }

  void regions() {
    for (const auto& [name, parent] : parent_) {
      std::string id = slug(name);
      SourcePos pos = regionPos_[name];
      if (!w_.hasNode(id)) {
        w_.node("Region", id, file_, pos);
        w_.str("name", name);
        w_.str("kind", parent.empty() ? "region" : "subregion");
        w_.cite(std::string(kPublication) + " — " + baseName(path_) + " (region, subregion)");
        w_.end();
      }
    }
    for (const auto& [name, parent] : parent_) {
      if (parent.empty()) continue;
      w_.rel("PART_OF", slug(name), slug(parent), file_, regionPos_[name]);
      w_.cite(std::string(kPublication) + " — " + baseName(path_) + " (region, subregion)");
      w_.end();
    }
    for (const Entry& e : entries_) {
      auto it = regionOf_.find(e.iso3);
      if (it == regionOf_.end()) continue;
      w_.rel("PART_OF", e.iso3, slug(it->second), file_, e.pos);
      w_.cite(cite(e.pos, e.iso3));
      w_.end();
    }
  }

  void borders() {
    std::set<std::pair<std::string, std::string>> listed;
    for (const Entry& e : entries_)
      for (const std::string& b : e.borders) listed.insert({e.iso3, b});
    for (const Entry& e : entries_) {
      for (const std::string& b : e.borders) {
        if (!listed.count({b, e.iso3})) {
          w_.skip(
              "border listed by one side only (countries.json lists it for one country, not "
              "for its neighbour)",
              w_.where(file_, e.pos.line) + ": " + e.iso3 + " lists " + b + ", " + b +
                  " does not list " + e.iso3);
          continue;
        }
        if (b < e.iso3) continue;  // one relationship per pair, from the smaller code
        w_.rel("BORDERS", e.iso3, b, file_, e.pos);
        w_.cite(cite(e.pos, e.iso3) + " borders");
        w_.end();
      }
    }
  }

  Writer& w_;
  std::string path_;
  uint32_t file_ = 0;
  std::vector<Entry> entries_;
  std::map<std::string, std::string> regionOf_;  // iso3 -> subregion (or region)
  std::map<std::string, std::string> parent_;    // subregion -> region; region -> ""
  std::map<std::string, SourcePos> regionPos_;   // where a region is first named
};

}  // namespace

void loadCountries(Writer& w, const std::vector<std::string>& paths) {
  std::vector<std::string> files = listFiles(
      paths, [](const std::string& n) { return n == "countries.json"; },
      "countries.json (mledoze/countries)");
  for (const std::string& f : files) CountriesFile(w, f).load();
}

}  // namespace silkgraph::world
