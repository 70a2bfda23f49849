// Source `usgs-mcs`: the world files of the USGS Mineral Commodity Summaries (MCS 2022-2024
// data releases, public domain), exactly as published (docs/world.md). One Resource per
// commodity; per country row and measure column a PRODUCES, HAS_RESERVES or HAS_CAPACITY with
// year, edition, the amount in the commodity's documented unit and the original cell and unit,
// estimate, withheld and footnote marks, notes. "World total" and "Other countries" rows are
// Aggregates, never Nations. A figure that a newer edition of the import gives again for the
// same country, commodity, measure, year and USGS Type is kept; the newest has latest = true.
#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

#include "loaders/csv_reader.h"
#include "loaders/world/nation_resolver.h"
#include "loaders/world/source_loaders.h"
#include "loaders/world/usgs_commodities.h"

namespace silkgraph::world {

namespace {

// What a measure column of the header holds.
struct Column {
  enum class Role { Ignored, Measure, Notes } role = Role::Ignored;
  std::string type;     // PRODUCES, HAS_RESERVES, HAS_CAPACITY (Measure and Notes)
  std::string unitRaw;  // header unit, e.g. kt
  UsgsUnit unit;
  std::string basis;  // e.g. Sponge, ore, ore K2O equiv
  int year = 0;       // 0: the year before the edition (reserves)
  bool estimated = false;
};

// One figure of a country row, written after all files are read (latest needs them all).
struct Figure {
  std::string holder, holderLabel, resource, type, edition, unit, unitRaw, raw, notes, usgsType,
      usgsLabel, basis, footnote, citation;
  int year = 0;
  size_t typeOrdinal = 0;  // which of its file's USGS Types (first seen = 0)
  std::optional<double> amount;
  bool estimated = false, withheld = false, lowerBound = false, latest = true;
  uint32_t file = 0;
  SourcePos pos;
};

std::string_view trimAll(std::string_view s) {
  // Spaces and no-break spaces (U+00A0, "\xC2\xA0") at both ends.
  while (true) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
      s.remove_prefix(1);
    else if (s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0')
      s.remove_prefix(2);
    else
      break;
  }
  while (true) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
      s.remove_suffix(1);
    else if (s.size() >= 2 && s[s.size() - 2] == '\xC2' && s.back() == '\xA0')
      s.remove_suffix(2);
    else
      break;
  }
  return s;
}

std::vector<std::string> splitUnderscore(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == '_') {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

bool isYear(const std::string& t) {
  return t.size() == 4 &&
         std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class UsgsFile {
 public:
  UsgsFile(Writer& w, const NationResolver& nations, const std::string& path,
           std::vector<Figure>& out)
      : w_(w), nations_(nations), path_(path), out_(out) {}

  void read();

 private:
  void header(load::CsvReader& r);
  Column column(load::CsvReader& r, size_t i, std::string_view h) const;
  void row(load::CsvReader& r);
  bool holder(std::string_view label, Figure& f, std::string& why);
  void cell(load::CsvReader& r, size_t i, const Figure& base, int& made);

  Writer& w_;
  const NationResolver& nations_;
  std::string path_, edition_, code_, resource_;
  int editionYear_ = 0;
  uint32_t file_ = 0;
  std::vector<Column> columns_;
  std::vector<std::string> types_;  // the file's USGS Type texts, normalized, first seen first
  std::vector<Figure>& out_;
};

void UsgsFile::read() {
  std::string name = baseName(path_);
  // mcs2024-raree_world.csv (MCS2024-bismu_world.csv upper-case as published)
  std::string lower = name;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t dash = lower.find('-'), tail = lower.rfind("_world.csv");
  file_ = w_.addFile(path_);
  w_.summary().fileRows.push_back({path_, 0, 0, 0});
  if (lower.rfind("mcs", 0) != 0 || dash != 7 || tail == std::string::npos || tail <= dash + 1)
    w_.fail(file_, {}, "expected a USGS MCS world file named mcsYYYY-CODE_world.csv");
  edition_ = "MCS" + lower.substr(3, 4);
  editionYear_ = std::stoi(lower.substr(3, 4));
  code_ = lower.substr(dash + 1, tail - dash - 1);
  std::string_view commodity = usgsCommodityName(code_);
  if (commodity.empty())
    w_.fail(file_, {}, "unknown USGS commodity code '" + code_ + "' in the file name");
  resource_ = slug(commodity);
  if (!w_.hasNode(resource_)) {
    w_.node("Resource", resource_, file_, {1, 1});
    w_.str("name", commodity);
    w_.str("usgs_code", code_);
    w_.str("unit", usgsUnit("t").unit);  // replaced below when the file says otherwise
    w_.cite("USGS Mineral Commodity Summaries, " + std::string(commodity) + " (public domain) — " +
            name);
    w_.end();
  }
  load::CsvReader r(path_, w_.stage(), file_);
  if (!r.next()) w_.fail(file_, {1, 1}, "the file is empty (expected a header row)");
  header(r);
  while (r.next()) row(r);
}

Column UsgsFile::column(load::CsvReader& r, size_t i, std::string_view h) const {
  Column c;
  std::string text(trimAll(h));
  if (text.empty()) return c;
  if (text == "Prod_notes" || text == "Prod_note" || text == "Reserves_notes" ||
      text == "Cap_notes") {
    c.role = Column::Role::Notes;
    c.type = text[0] == 'P' ? "PRODUCES" : text[0] == 'R' ? "HAS_RESERVES" : "HAS_CAPACITY";
    return c;
  }
  std::vector<std::string> t = splitUnderscore(text);
  if (t.size() < 2 || (t[0] != "Prod" && t[0] != "Cap" && t[0] != "Reserves"))
    r.fail(r.pos(i), "unrecognised column '" + text +
                         "' (expected Prod_UNIT[_est]_YEAR, Cap_..., Reserves_UNIT or a notes "
                         "column)");
  c.role = Column::Role::Measure;
  c.type = t[0] == "Prod" ? "PRODUCES" : t[0] == "Cap" ? "HAS_CAPACITY" : "HAS_RESERVES";
  size_t end = t.size();
  if (isYear(t[end - 1])) c.year = std::stoi(t[--end]);
  if (end > 1 && (t[end - 1] == "est" || t[end - 1] == "Est")) {
    c.estimated = true;
    --end;
  }
  if (end < 2) r.fail(r.pos(i), "column '" + text + "' names no unit");
  c.unitRaw = t[end - 1];
  c.unit = usgsUnit(c.unitRaw);
  if (!c.unit.unit)
    r.fail(r.pos(i), "column '" + text + "': unknown unit '" + c.unitRaw +
                         "' (known: t, kt, kg, Mt, mmt, mt, mct, kct, mcm)");
  for (size_t k = 1; k + 1 < end; ++k) c.basis += (c.basis.empty() ? "" : " ") + t[k];
  if (c.year == 0 && c.type != "HAS_RESERVES")
    r.fail(r.pos(i), "column '" + text + "' names no year");
  if (c.year == 0) c.year = editionYear_ - 1;  // reserves: as of the year before the edition
  return c;
}

void UsgsFile::header(load::CsvReader& r) {
  r.checkUtf8();
  if (r.size() < 4 || trimAll(r.text(0)) != "Source" || trimAll(r.text(1)) != "Country")
    r.fail(r.rowPos(), "expected the USGS MCS world header: Source,Country,Type,...");
  columns_.assign(r.size(), Column{});
  for (size_t i = 3; i < r.size(); ++i) columns_[i] = column(r, i, r.text(i));
}

bool UsgsFile::holder(std::string_view label, Figure& f, std::string& why) {
  std::string name(trimAll(label));
  // Glued footnote numbers: "United States1", "World total (rounded)10".
  size_t digits = name.size();
  while (digits > 0 && name[digits - 1] >= '0' && name[digits - 1] <= '9') --digits;
  if (digits < name.size() && digits > 0) {
    f.footnote = name.substr(digits);
    name = std::string(trimAll(name.substr(0, digits)));
  }
  std::string norm = normalizeName(name);
  // "Other" alone (mcs2024-tanta_world.csv) is the "Other countries" row too.
  if (norm.rfind("world total", 0) == 0 || norm.rfind("other countries", 0) == 0 ||
      norm == "other") {
    f.holder = norm[0] == 'w' ? "world_total" : "other_countries";
    f.holderLabel = norm[0] == 'w' ? "World total" : "Other countries";
    if (norm.back() == 'e' && norm.rfind("other countriese", 0) == 0) f.estimated = true;
    return true;
  }
  auto tryName = [&](const std::string& n) {
    NationMatch m = nations_.byName("usgs", n);
    if (m.kind == NationMatch::Kind::NotCountry) why = "not a country: " + m.note;
    if (m.ok()) f.holder = m.iso3;
    return m.ok();
  };
  if (tryName(name)) return true;
  // A glued estimate mark: "Chinae", "Korea, Republic ofe".
  if (name.size() > 1 && name.back() == 'e' && tryName(name.substr(0, name.size() - 1))) {
    f.estimated = true;
    return true;
  }
  // A qualifier: "Brazil (beneficiated)", "Kazakhstan, concentrate".
  size_t paren = name.find(" (");
  if (paren != std::string::npos && tryName(name.substr(0, paren))) {
    f.basis = name.substr(paren + 2, name.size() - paren - 2 - (name.back() == ')'));
    return true;
  }
  size_t comma = name.rfind(", ");
  if (comma != std::string::npos && tryName(name.substr(0, comma))) {
    f.basis = name.substr(comma + 2);
    return true;
  }
  return false;
}

void UsgsFile::row(load::CsvReader& r) {
  ImportSummary::FileRows& counts = w_.summary().fileRows.back();
  ++counts.rows;
  ++counts.skipped;  // until a figure is made
  ++w_.summary().rows;
  r.checkUtf8();
  SourcePos pos = r.rowPos();
  std::string where = w_.where(file_, pos.line);
  bool blank = true;
  for (size_t i = 0; i < r.size(); ++i) blank &= trimAll(r.text(i)).empty();
  if (blank) {
    w_.skip("blank row (only separators)", where);
    return;
  }
  if (r.size() < 3)
    r.fail(pos, "row has " + std::to_string(r.size()) + " fields, expected at least 3");
  Figure base;
  base.resource = resource_;
  base.edition = edition_;
  base.file = file_;
  base.pos = pos;
  base.usgsLabel = std::string(trimAll(r.text(1)));
  base.usgsType = std::string(trimAll(r.text(2)));
  std::string typeKey = normalizeName(base.usgsType);
  base.typeOrdinal = std::find(types_.begin(), types_.end(), typeKey) - types_.begin();
  if (base.typeOrdinal == types_.size()) types_.push_back(typeKey);
  std::string why;
  if (base.usgsLabel.empty()) {
    w_.skip("row without a country", where);
    return;
  }
  if (!holder(base.usgsLabel, base, why)) {
    w_.skip(
        why.empty() ? "unmatched country name (add it to loaders/world/country_mapping.tsv)" : why,
        where + ": " + base.usgsLabel);
    return;
  }
  base.citation = "USGS Mineral Commodity Summaries " + edition_.substr(3) +
                  ", world data (public domain) — " + baseName(path_) + " line " +
                  std::to_string(pos.line);
  int made = 0;
  for (size_t i = 3; i < r.size(); ++i) cell(r, i, base, made);
  if (made == 0) {
    w_.skip("row without any figure (only NA, XX or empty cells)", where + ": " + base.usgsLabel);
    return;
  }
  --counts.skipped;
  ++counts.loaded;
}

void UsgsFile::cell(load::CsvReader& r, size_t i, const Figure& base, int& made) {
  std::string_view text = trimAll(r.text(i));
  if (text.empty()) return;
  std::string where = w_.where(file_, r.pos(i).line) + ":" + std::to_string(r.pos(i).col);
  if (i >= columns_.size() || columns_[i].role == Column::Role::Ignored) {
    w_.skip("value in a column without a header", where + ": " + std::string(text));
    return;
  }
  const Column& c = columns_[i];
  if (c.role == Column::Role::Notes) return;  // read with the measure columns
  if (text == "NA" || text == "XX") {
    w_.skip(text == "NA" ? "cell NA (not available)" : "cell XX (not applicable)",
            where + ": " + base.usgsLabel);
    return;
  }
  Figure f = base;
  f.type = c.type;
  f.year = c.year;
  f.unit = c.unit.unit;
  f.unitRaw = c.unitRaw;
  f.raw = std::string(text);
  f.estimated = base.estimated || c.estimated;
  if (!c.basis.empty()) f.basis = base.basis.empty() ? c.basis : c.basis + ", " + base.basis;
  for (size_t k = 3; k < r.size() && k < columns_.size(); ++k)
    if (columns_[k].role == Column::Role::Notes && columns_[k].type == c.type)
      f.notes = std::string(trimAll(r.text(k)));
  std::string_view num = text;
  if (num == "W") {
    f.withheld = true;
  } else {
    if (num.front() == '>') {
      f.lowerBound = true;
      num.remove_prefix(1);
    } else if (num.front() == 'e') {
      f.estimated = true;
      num.remove_prefix(1);
    }
    std::string digits;
    for (char ch : num)
      if (ch != ',') digits += ch;
    double v = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (text == "—" || text == "-")
      f.amount = 0;  // USGS: zero
    else if (ec == std::errc() && end == digits.data() + digits.size() && !digits.empty())
      f.amount = v * c.unit.factor;
    // Anything else ("Large", "Included in World total.") stays as the cell's text only.
  }
  ++made;
  out_.push_back(std::move(f));
}

void writeFigures(Writer& w, std::vector<Figure>& figures) {
  // latest: the newest edition's figure for the same holder, commodity, measure, year, basis
  // and USGS Type. Editions reword the Type text ("Mine production, metric tons of
  // rare-earth-oxide (REO) equivalent" in MCS2022), so a Type is matched by its place among
  // its file's Types (the first, the second, ...), which the editions keep.
  std::map<std::string, std::string> newest;
  auto key = [](const Figure& f) {
    return f.holder + "\t" + f.resource + "\t" + f.type + "\t" + std::to_string(f.year) + "\t" +
           f.basis + "\t" + std::to_string(f.typeOrdinal);
  };
  for (const Figure& f : figures) {
    std::string& e = newest[key(f)];
    if (f.edition > e) e = f.edition;
  }
  for (Figure& f : figures) f.latest = newest[key(f)] == f.edition;
  // Every node is staged before the first relationship.
  for (const Figure& f : figures) {
    if ((f.holder == "world_total" || f.holder == "other_countries") && !w.hasNode(f.holder)) {
      w.node("Aggregate", f.holder, f.file, f.pos);
      w.str("name", f.holderLabel);
      w.cite("USGS Mineral Commodity Summaries (public domain): the \"" + f.holderLabel +
             "\" rows of the world files");
      w.end();
    }
  }
  for (const Figure& f : figures) {
    w.rel(f.type, f.holder, f.resource, f.file, f.pos);
    w.integer("year", f.year);
    w.str("edition", f.edition);
    if (f.amount) w.num("amount", *f.amount);
    w.str("unit", f.unit);
    w.str("amount_raw", f.raw);
    w.str("unit_raw", f.unitRaw);
    w.flag("estimated", f.estimated);
    w.flag("withheld", f.withheld);
    if (f.lowerBound) w.flag("lower_bound", true);
    w.flag("latest", f.latest);
    w.str("notes", f.notes);
    w.str("usgs_type", f.usgsType);
    w.str("usgs_label", f.usgsLabel);
    w.str("basis", f.basis);
    w.str("footnote", f.footnote);
    w.cite(f.citation);
    w.end();
  }
}

}  // namespace

void loadUsgsMcs(Writer& w, const std::vector<std::string>& paths) {
  NationResolver nations(w.graph());
  if (nations.nationCount() == 0)
    throw Error(ErrorKind::LoadError,
                "usgs-mcs resolves country names against the Nation nodes: import countries "
                "first (silkgraph import countries countries.json -o DB.sg)");
  std::vector<std::string> files = listFiles(
      paths,
      [](const std::string& n) {
        std::string l = n;
        for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return l.rfind("mcs", 0) == 0 && l.size() > 10 && l.substr(l.size() - 10) == "_world.csv";
      },
      "USGS MCS world files (mcsYYYY-CODE_world.csv)");
  std::vector<Figure> figures;
  for (const std::string& f : files) UsgsFile(w, nations, f, figures).read();
  writeFigures(w, figures);
}

}  // namespace silkgraph::world
