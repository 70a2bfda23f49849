// Source `wikidata-offices`: Wikidata office holders (CC0) as the EveryPolitician scrapers
// exported them (../shared/data/leaders): holders21/<ISO3>_holders21.csv (position, person,
// personID, start, end, ...), leaders_hos_hog_fm.csv (country_iso3, role, position_label,
// person, person_wikidata_qid, start, end) and world_leaders_wikidata_2022.csv (country,
// positionLabel, officeholder, officeholderLabel, start_year, end_year). Each holder becomes a
// Leader (id: the Wikidata Q-id) and each term a HOLDS_OFFICE {title, role, start, end} to the
// Nation, with valid_from/valid_to when the dates are whole days. A term another file already
// gave (same person, nation, title and start) is reported as a duplicate, not loaded twice.
#include <map>
#include <set>

#include "loaders/csv_reader.h"
#include "loaders/world/nation_resolver.h"
#include "loaders/world/source_loaders.h"

namespace silkgraph::world {

namespace {

constexpr const char* kPublication =
    "Wikidata (CC0) office holders, EveryPolitician export (mid-2022)";

struct Term {
  std::string qid, person, iso3, title, role, start, end, citation;
  uint32_t file = 0;
  SourcePos pos;
};

// The role of a position title as the holders21 files write it; "" for the other posts
// (deputies, ministers of other portfolios).
std::string roleOf(const std::string& title) {
  std::string t = normalizeName(title);
  auto starts = [&](const char* p) { return t.rfind(p, 0) == 0; };
  if (t.find("deputy") != std::string::npos || t.find("vice") != std::string::npos) return {};
  if (t.find("foreign affairs") != std::string::npos && starts("minister"))
    return "foreign_minister";
  if (starts("prime minister") || starts("chairman of the cabinet") || starts("premier") ||
      starts("chancellor"))
    return "head_of_government";
  if (starts("president") || starts("king") || starts("queen") || starts("emperor"))
    return "head_of_state";
  return {};
}

class OfficesFile {
 public:
  OfficesFile(Writer& w, const NationResolver& nations, const std::string& path,
              std::vector<Term>& out)
      : w_(w), nations_(nations), path_(path), out_(out) {}

  void read() {
    file_ = w_.addFile(path_);
    w_.summary().fileRows.push_back({path_, 0, 0, 0});
    load::CsvReader r(path_, w_.stage(), file_);
    if (!r.next()) w_.fail(file_, {1, 1}, "the file is empty (expected a header row)");
    for (size_t i = 0; i < r.size(); ++i) col_[std::string(r.text(i))] = i;
    std::string fileIso3;
    if (col_.count("country_iso3")) {
      kind_ = Kind::Derived;
    } else if (col_.count("officeholder")) {
      kind_ = Kind::WorldLeaders;
    } else if (col_.count("personID")) {
      kind_ = Kind::Holders;
      std::string base = baseName(path_);
      fileIso3 = base.substr(0, base.find('_'));
      if (!nations_.isNation(fileIso3))
        w_.fail(file_, {1, 1}, "expected ISO3_holders21.csv: '" + fileIso3 + "' is not a Nation");
    } else {
      r.fail(r.rowPos(),
             "not a Wikidata office-holder file this loader knows (holders21, "
             "leaders_hos_hog_fm or world_leaders_wikidata_2022 columns)");
    }
    while (r.next()) {
      r.checkUtf8();
      ImportSummary::FileRows& counts = w_.summary().fileRows.back();
      ++counts.rows;
      ++w_.summary().rows;
      if (row(r, fileIso3)) {
        ++counts.loaded;
      } else {
        ++counts.skipped;
      }
    }
  }

 private:
  enum class Kind { Derived, WorldLeaders, Holders };

  std::string cell(const load::CsvReader& r, const char* name) const {
    auto it = col_.find(name);
    if (it == col_.end()) r.fail(r.rowPos(), std::string("expected a column '") + name + "'");
    return it->second < r.size() ? std::string(load::trimSpaces(r.text(it->second))) : "";
  }

  bool row(const load::CsvReader& r, const std::string& fileIso3) {
    Term t;
    t.file = file_;
    t.pos = r.rowPos();
    std::string where = w_.where(file_, t.pos.line);
    if (kind_ == Kind::Derived) {
      t.iso3 = cell(r, "country_iso3");
      t.title = cell(r, "position_label");
      t.role = cell(r, "role");
      t.person = cell(r, "person");
      t.qid = cell(r, "person_wikidata_qid");
      t.start = cell(r, "start");
      t.end = cell(r, "end");
      if (!nations_.isNation(t.iso3)) {
        w_.skip("unmatched country code", where + ": " + t.iso3);
        return false;
      }
    } else if (kind_ == Kind::WorldLeaders) {
      std::string country = cell(r, "country");
      NationMatch m = nations_.byName("wikidata", country);
      if (!m.ok()) {
        w_.skip("unmatched country name (add it to loaders/world/country_mapping.tsv)",
                where + ": " + country);
        return false;
      }
      t.iso3 = m.iso3;
      t.title = cell(r, "positionLabel");
      t.qid = cell(r, "officeholder");
      t.person = cell(r, "officeholderLabel");
      t.start = cell(r, "start_year");
      t.end = cell(r, "end_year");
    } else {
      t.iso3 = fileIso3;
      t.title = cell(r, "position");
      t.person = cell(r, "person");
      t.qid = cell(r, "personID");
      t.start = cell(r, "start");
      t.end = cell(r, "end");
    }
    if (t.role.empty()) t.role = roleOf(t.title);
    if (t.qid.size() < 2 || t.qid[0] != 'Q') {
      w_.skip("row without a Wikidata Q-id", where + ": " + t.person);
      return false;
    }
    if (t.title.empty()) {
      w_.skip("row without a position", where + ": " + t.person);
      return false;
    }
    t.citation =
        std::string(kPublication) + " — " + baseName(path_) + " line " + std::to_string(t.pos.line);
    out_.push_back(std::move(t));
    return true;
  }

  Writer& w_;
  const NationResolver& nations_;
  std::string path_;
  std::vector<Term>& out_;
  uint32_t file_ = 0;
  Kind kind_ = Kind::Holders;
  std::map<std::string, size_t> col_;
};

void writeTerms(Writer& w, const std::vector<Term>& terms) {
  std::map<std::string, const Term*> leaders;
  for (const Term& t : terms) leaders.emplace(t.qid, &t);
  for (const auto& [qid, t] : leaders) {
    if (w.hasNode(qid)) continue;
    w.node("Leader", qid, t->file, t->pos);
    w.str("name", t->person.empty() ? qid : t->person);
    w.str("wikidata_qid", qid);
    w.cite(t->citation);
    w.end();
  }
  std::set<std::string> seen;
  for (const Term& t : terms) {
    if (!seen.insert(t.qid + "\t" + t.iso3 + "\t" + normalizeName(t.title) + "\t" + t.start)
             .second) {
      w.skip("term another row already gave (same person, nation, position and start)",
             w.where(t.file, t.pos.line) + ": " + t.person + ", " + t.title);
      --w.summary().fileRows[t.file].loaded;
      ++w.summary().fileRows[t.file].skipped;
      continue;
    }
    w.rel("HOLDS_OFFICE", t.qid, t.iso3, t.file, t.pos);
    w.str("title", t.title);
    w.str("role", t.role);
    w.str("start", t.start);
    w.str("end", t.end);
    Date d;
    if (t.start.size() == 10 && parseDate(t.start, d)) w.date("valid_from", d);
    if (t.end.size() == 10 && parseDate(t.end, d)) w.date("valid_to", d);
    w.cite(t.citation);
    w.end();
  }
}

}  // namespace

void loadWikidataOffices(Writer& w, const std::vector<std::string>& paths) {
  NationResolver nations(w.graph());
  if (nations.nationCount() == 0)
    throw Error(ErrorKind::LoadError,
                "wikidata-offices resolves countries against the Nation nodes: import "
                "countries first");
  std::vector<std::string> files = listFiles(
      paths,
      [](const std::string& n) {
        return n == "leaders_hos_hog_fm.csv" || n == "world_leaders_wikidata_2022.csv" ||
               (n.size() > 14 && n.substr(n.size() - 14) == "_holders21.csv");
      },
      "Wikidata office-holder files (holders21/*_holders21.csv, leaders_hos_hog_fm.csv, "
      "world_leaders_wikidata_2022.csv)");
  std::vector<Term> terms;
  for (const std::string& f : files) OfficesFile(w, nations, f, terms).read();
  writeTerms(w, terms);
}

}  // namespace silkgraph::world
