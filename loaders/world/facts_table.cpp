// Reads and checks the fact table's CSV files (facts_table.h): the columns by name, the JSON
// `properties` cells (a syntax error points at its character in the file), the dates of
// valid_from/valid_to, the entity types, the citations, and sources.csv's cross-references.
#include "loaders/world/facts_table.h"

#include <nlohmann/json.hpp>
#include <set>

#include "common/text.h"
#include "engine/validity.h"
#include "loaders/csv_reader.h"
#include "loaders/world/source_loaders.h"

namespace silkgraph::world {

namespace {

using json = nlohmann::ordered_json;
using load::trimSpaces;

// The columns of each file (facts/README.md), in the order they are named below.
const std::vector<std::string> kEntityColumns = {"entity_id", "type", "name", "aliases",
                                                 "properties"};
const std::vector<std::string> kFactColumns = {
    "fact_id",     "subject",    "subject_type", "relation",   "object",
    "object_type", "properties", "valid_from",   "valid_to",   "source_title",
    "source_url",  "publisher",  "published",    "confidence", "notes"};
const std::vector<std::string> kSourceColumns = {"source_id", "url", "role", "facts_citing"};

// Properties a fact row sets from its own columns: its JSON properties may not name them.
const std::set<std::string> kFactColumnsAsProperties = {
    "id",      "name",    "aliases",    "valid_from", "valid_to",
    "sources", "fact_id", "confidence", "notes",      "valid_precision"};
const std::set<std::string> kEntityColumnsAsProperties = {"id", "name", "aliases", "sources"};

// One CSV file of the table: the header's columns found by name, each data row counted.
class Rows {
 public:
  Rows(Writer& w, const std::string& path, const std::vector<std::string>& columns)
      : w_(w), file_(w.addFile(path)), r_(path, w.stage(), file_) {
    w_.summary().fileRows.push_back({path, 0, 0, 0});
    counts_ = w_.summary().fileRows.size() - 1;
    if (!r_.next()) w_.fail(file_, {1, 1}, "the file is empty (expected a header row)");
    r_.checkUtf8();
    for (const std::string& c : columns) {
      size_t i = 0;
      // The first column may carry a byte-order mark.
      while (i < r_.size() && r_.text(i) != c && !(i == 0 && r_.text(0) == "\xEF\xBB\xBF" + c)) ++i;
      if (i == r_.size()) r_.fail(r_.rowPos(), "expected a column '" + c + "' in the header");
      index_.push_back(i);
      maxIndex_ = std::max(maxIndex_, i);
    }
  }

  bool next() {
    if (!r_.next()) return false;
    r_.checkUtf8();
    ++w_.summary().fileRows[counts_].rows;
    ++w_.summary().rows;
    if (r_.size() <= maxIndex_)
      r_.fail(r_.rowPos(),
              "row has " + std::to_string(r_.size()) + " fields, fewer than the header");
    return true;
  }
  void loaded() { ++w_.summary().fileRows[counts_].loaded; }
  void skipped() { ++w_.summary().fileRows[counts_].skipped; }

  std::string_view cell(size_t c) const { return trimSpaces(r_.text(index_[c])); }
  std::string_view rawCell(size_t c) const { return r_.text(index_[c]); }
  SourcePos pos(size_t c) const { return r_.pos(index_[c]); }
  SourcePos rowPos() const { return r_.rowPos(); }
  uint32_t line() const { return r_.rowPos().line; }
  uint32_t file() const { return file_; }
  [[noreturn]] void fail(size_t c, const std::string& message) const { r_.fail(pos(c), message); }
  [[noreturn]] void failAt(SourcePos p, const std::string& message) const { r_.fail(p, message); }
  // Where character `k` of column c's text is in the file (a quoted cell's "" counts twice).
  SourcePos posIn(size_t c, size_t k) const {
    std::string_view raw = r_.text(index_[c]);
    SourcePos p = pos(c);
    if (r_.quoted(index_[c])) ++p.col;
    for (size_t i = 0; i < k && i < raw.size(); ++i) {
      if (raw[i] == '\n') {
        ++p.line;
        p.col = 1;
      } else if (text::isLeadByte(raw[i])) {
        p.col += raw[i] == '"' && r_.quoted(index_[c]) ? 2 : 1;
      }
    }
    return p;
  }
  // A non-empty cell, or a failure naming the column.
  std::string required(size_t c) const {
    std::string_view v = cell(c);
    if (v.empty()) fail(c, "the column '" + name(c) + "' is empty");
    return std::string(v);
  }
  const std::string& name(size_t c) const { return names_->at(c); }
  void setNames(const std::vector<std::string>& names) { names_ = &names; }

 private:
  Writer& w_;
  uint32_t file_;
  load::CsvReader r_;
  size_t counts_ = 0;
  std::vector<size_t> index_;
  size_t maxIndex_ = 0;
  const std::vector<std::string>* names_ = nullptr;
};

Value fromJson(const json& j) {
  switch (j.type()) {
    case json::value_t::boolean:
      return Value(j.get<bool>());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return Value(j.get<int64_t>());
    case json::value_t::number_float:
      return Value(j.get<double>());
    case json::value_t::string:
      return Value(j.get<std::string>());
    case json::value_t::array: {
      ValueList list;
      for (const json& e : j) list.push_back(fromJson(e));
      return Value(std::move(list));
    }
    case json::value_t::object: {
      ValueMap map;
      for (const auto& [k, v] : j.items()) map.emplace_back(k, fromJson(v));
      return Value(std::move(map));
    }
    default:
      return Value();
  }
}

// The JSON object of column c ({} when the cell is empty), its members as properties; a key
// in `reserved` is a column of the row, not a property the JSON may set.
std::vector<FactProperty> properties(const Rows& rows, size_t c,
                                     const std::set<std::string>& reserved) {
  std::vector<FactProperty> out;
  if (rows.cell(c).empty()) return out;
  std::string_view text = rows.rawCell(c);
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error ...":
    // the place is given as the file's, the rest is nlohmann::json's explanation.
    std::string msg = e.what();
    size_t colon = msg.find(": ");
    rows.failAt(rows.posIn(c, e.byte == 0 ? 0 : std::min(e.byte - 1, text.size())),
                "properties is not valid JSON: " +
                    (colon == std::string::npos ? msg : msg.substr(colon + 2)));
  }
  if (!j.is_object()) rows.fail(c, "properties must be a JSON object ({\"key\": value, ...})");
  for (const auto& [k, v] : j.items()) {
    if (reserved.count(k))
      rows.fail(c, "properties may not set '" + k + "': it is a column of the row");
    if (v.is_null()) continue;
    if (v.is_object()) rows.fail(c, "property '" + k + "' is a JSON object (maps are not stored)");
    out.push_back({k, fromJson(v)});
  }
  return out;
}

// "YYYY", "YYYY-MM" or "YYYY-MM-DD"; the precision by its length.
const char* precisionName(std::string_view d) {
  return d.size() == 4 ? "year" : d.size() == 7 ? "month" : "day";
}

bool datePattern(std::string_view d) {
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  for (size_t i = 0; i < d.size(); ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? d[i] != '-' : (d[i] < '0' || d[i] > '9')) return false;
  }
  return true;
}

// valid_from / valid_to of a fact: a period known to a year or a month holds for all of it
// (docs/time.md), so the bounds are its first and last days, and valid_precision says how
// precisely the source knew them when every bound it gave has that precision.
void validity(const Rows& rows, size_t fromCol, size_t toCol, std::vector<FactProperty>& out) {
  std::string_view from = rows.cell(fromCol), to = rows.cell(toCol);
  Date start{}, end{};
  for (size_t c : {fromCol, toCol}) {
    std::string_view d = rows.cell(c);
    if (d.empty()) continue;
    bool ok = datePattern(d) && (c == fromCol ? parseDate(d, start) : parseDateEnd(d, end));
    if (!ok)
      rows.fail(c, rows.name(c) + " is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD), got " +
                       load::describeText(d));
  }
  if (!from.empty() && !to.empty() && start > end)
    rows.fail(toCol, "valid_to " + std::string(to) + " is before valid_from " + std::string(from));
  if (!from.empty()) out.push_back({"valid_from", Value(start)});
  if (!to.empty()) out.push_back({"valid_to", Value(end)});
  std::set<std::string> kinds;
  for (std::string_view d : {from, to})
    if (!d.empty()) kinds.insert(precisionName(d));
  if (kinds.size() == 1 && *kinds.begin() != "day")
    out.push_back({"valid_precision", Value(*kinds.begin())});
}

// The non-empty, trimmed elements of a ';'-separated list.
std::vector<std::string_view> splitList(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    size_t semi = s.find(';');
    std::string_view one = trimSpaces(s.substr(0, semi));
    if (!one.empty()) out.push_back(one);
    if (semi == std::string_view::npos) break;
    s.remove_prefix(semi + 1);
  }
  return out;
}

bool identifier(std::string_view s, bool upper) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char ch : s) {
    bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
              (!upper && ch >= 'a' && ch <= 'z');
    if (!ok) return false;
  }
  return true;
}

void readEntities(Writer& w, const std::string& path, FactTable& t) {
  Rows rows(w, path, kEntityColumns);
  rows.setNames(kEntityColumns);
  enum { kId, kType, kName, kAliases, kProps };
  while (rows.next()) {
    FactEntity e;
    e.id = rows.required(kId);
    e.type = rows.required(kType);
    if (!identifier(e.type, false))
      rows.fail(kType, "type " + load::describeText(e.type) +
                           " is not a label (letters, digits and '_', e.g. Leader)");
    e.name = rows.required(kName);
    for (std::string_view a : splitList(rows.cell(kAliases))) e.aliases.emplace_back(a);
    e.props = properties(rows, kProps, kEntityColumnsAsProperties);
    e.file = rows.file();
    e.line = rows.line();
    e.pos = rows.pos(kId);
    e.typePos = rows.pos(kType);
    auto [it, fresh] = t.entityIndex.emplace(e.id, t.entities.size());
    if (!fresh)
      rows.fail(kId, "entity " + e.id + " is listed twice (first on line " +
                         std::to_string(t.entities[it->second].line) + ")");
    t.entities.push_back(std::move(e));
  }
}

std::string citation(const Rows& rows, const std::string& path, const std::string& factId) {
  enum { kTitle = 9, kUrl = 10, kPublisher = 11, kPublished = 12 };
  std::string out;
  for (size_t c : {kPublisher, kTitle, kPublished, kUrl}) {
    std::string_view v = rows.cell(c);
    if (v.empty()) continue;
    out +=
        (out.empty() ? "" : ", ") + (c == kTitle ? "\"" + std::string(v) + "\"" : std::string(v));
  }
  return out + " — " + baseName(path) + " line " + std::to_string(rows.line()) + " (" + factId +
         ")";
}

void readFacts(Writer& w, const std::string& path, FactTable& t) {
  Rows rows(w, path, kFactColumns);
  rows.setNames(kFactColumns);
  enum {
    kId,
    kSubject,
    kSubjectType,
    kRelation,
    kObject,
    kObjectType,
    kProps,
    kFrom,
    kTo,
    kTitle,
    kUrl,
    kPublisher,
    kPublished,
    kConfidence,
    kNotes
  };
  std::map<std::string, uint32_t> seen;
  while (rows.next()) {
    Fact f;
    f.id = rows.required(kId);
    if (auto [it, fresh] = seen.emplace(f.id, rows.line()); !fresh)
      rows.fail(kId, "fact " + f.id + " is listed twice (first on line " +
                         std::to_string(it->second) + ")");
    f.relation = rows.required(kRelation);
    if (!identifier(f.relation, true))
      rows.fail(kRelation, "relation " + load::describeText(f.relation) +
                               " is not a relationship type (A-Z, digits and '_', e.g. "
                               "HOLDS_OFFICE)");
    for (auto [col, typeCol] : {std::pair{kSubject, kSubjectType}, {kObject, kObjectType}}) {
      std::string id = rows.required(col);
      auto it = t.entityIndex.find(id);
      if (it == t.entityIndex.end())
        rows.fail(col, rows.name(col) + " " + id + " is not an entity of entities.csv");
      const FactEntity& e = t.entities[it->second];
      if (rows.cell(typeCol) != e.type)
        rows.fail(typeCol, rows.name(typeCol) + " " + load::describeText(rows.cell(typeCol)) +
                               " differs from the type of " + id + " in entities.csv (" + e.type +
                               ", line " + std::to_string(e.line) + ")");
      (col == kSubject ? f.subject : f.object) = id;
    }
    f.props = properties(rows, kProps, kFactColumnsAsProperties);
    validity(rows, kFrom, kTo, f.props);
    std::string_view conf = rows.cell(kConfidence);
    if (conf != "high" && conf != "medium" && conf != "low")
      rows.fail(kConfidence,
                "confidence must be high, medium or low, got " + load::describeText(conf));
    if (rows.cell(kTitle).empty() && rows.cell(kUrl).empty())
      rows.fail(kTitle, "a fact needs its source: source_title and source_url are empty");
    Date published;
    if (!rows.cell(kPublished).empty() &&
        !(rows.cell(kPublished).size() == 10 && datePattern(rows.cell(kPublished)) &&
          parseDate(rows.cell(kPublished), published)))
      rows.fail(kPublished, "published is not a date (YYYY-MM-DD), got " +
                                load::describeText(rows.cell(kPublished)));
    f.props.push_back({"fact_id", Value(f.id)});
    f.props.push_back({"confidence", Value(std::string(conf))});
    if (!rows.cell(kNotes).empty())
      f.props.push_back({"notes", Value(std::string(rows.cell(kNotes)))});
    f.citation = citation(rows, path, f.id);
    f.url = rows.cell(kUrl);
    f.file = rows.file();
    f.line = rows.line();
    f.pos = rows.rowPos();
    f.relationPos = rows.pos(kRelation);
    t.facts.push_back(std::move(f));
  }
}

// sources.csv: every fact's source_url is a source that lists the fact, every fact listed
// exists. (The table cites one primary source per fact; `corroborating` ones are in notes.)
void checkSources(Writer& w, const std::string& path, FactTable& t) {
  Rows rows(w, path, kSourceColumns);
  rows.setNames(kSourceColumns);
  enum { kId, kUrl, kRole, kCiting };
  std::map<std::string, size_t> factIndex;
  for (size_t i = 0; i < t.facts.size(); ++i) factIndex[t.facts[i].id] = i;
  std::set<std::pair<std::string, std::string>> listed;  // (url, fact id)
  while (rows.next()) {
    rows.required(kId);
    std::string_view role = rows.cell(kRole);
    if (role != "primary" && role != "corroborating")
      rows.fail(kRole, "role must be primary or corroborating, got " + load::describeText(role));
    for (std::string_view id : splitList(rows.cell(kCiting))) {
      if (!factIndex.count(std::string(id)))
        rows.fail(kCiting,
                  "facts_citing names " + std::string(id) + ", which facts.csv does not have");
      listed.emplace(std::string(rows.cell(kUrl)), std::string(id));
    }
    rows.loaded();
  }
  for (const Fact& f : t.facts)
    if (!listed.count({f.url, f.id}))
      w.fail(f.file, f.pos,
             "fact " + f.id + " cites " + (f.url.empty() ? std::string("no URL") : f.url) +
                 ", which no row of " + baseName(path) + " lists as citing it");
}

}  // namespace

FactTable readFactTable(Writer& w, const std::vector<std::string>& files) {
  size_t firstRows = w.summary().fileRows.size();
  std::string entities, facts, sources;
  for (const std::string& f : files) {
    std::string name = baseName(f);
    std::string& slot = name == "entities.csv"  ? entities
                        : name == "facts.csv"   ? facts
                        : name == "sources.csv" ? sources
                                                : name;
    if (&slot == &name)
      throw Error(ErrorKind::IOError, f + ": not a file of the fact table (entities.csv, "
                                          "facts.csv, sources.csv)");
    if (!slot.empty())
      throw Error(ErrorKind::IOError, f + ": a second " + name + " (the first is " + slot + ")");
    slot = f;
  }
  for (const auto& [path, name] : {std::pair{&entities, "entities.csv"}, {&facts, "facts.csv"}})
    if (path->empty())
      throw Error(ErrorKind::IOError, std::string("the fact table needs ") + name +
                                          " (give the folder that holds facts.csv, "
                                          "entities.csv and sources.csv)");
  FactTable t;
  t.entityRows = firstRows;
  t.factRows = firstRows + 1;
  readEntities(w, entities, t);
  readFacts(w, facts, t);
  if (!sources.empty()) checkSources(w, sources, t);
  return t;
}

}  // namespace silkgraph::world
