// Source `gdelt`: GDELT 2.0 event exports (`*.export.CSV`) exactly as GDELT publishes them:
// tab-separated, no header, 61 columns (../shared/data/gdelt/gdelt2_event_columns.csv). Each
// event whose two actors' CAMEO country codes resolve to Nations becomes one GDELT_EVENT
// relationship from Actor1's country to Actor2's (docs/world.md says why relationships and not
// event nodes): CAMEO event code, root code and root name (loaders/world/cameo_roots.tsv),
// Goldstein scale, tone, mentions, date, ActionGeo country (FIPS 10-4, resolved to ISO) and
// source URL. Events whose actors are not both countries are reported per code, never guessed.
//
// Streaming and fast (the issue asks for 1,000,000 events per second): the file is read in
// large blocks and split with memchr, codes resolve through small arrays filled on first use,
// and relationships go straight to the load's Stage with property keys resolved once.
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/text.h"
#include "engine/temporal.h"
#include "loaders/world/nation_resolver.h"
#include "loaders/world/source_loaders.h"

namespace silkgraph::world {

namespace {

#include "loaders/world/cameo_roots.inc"  // kCameoRoots: the .tsv's text

using load::Cell;

constexpr size_t kColumns = 61;
constexpr const char* kPublication =
    "The GDELT Project (https://www.gdeltproject.org/), GDELT 2.0 event export";
constexpr const char* kType = "GDELT_EVENT";

// The columns the loader reads (indexes in gdelt2_event_columns.csv).
enum Col : size_t {
  kEventId = 0,
  kSqlDate = 1,
  kActor1Country = 7,
  kActor2Country = 17,
  kIsRoot = 25,
  kEventCode = 26,
  kRootCode = 28,
  kQuadClass = 29,
  kGoldstein = 30,
  kMentions = 31,
  kSources = 32,
  kArticles = 33,
  kTone = 34,
  kActionPlace = 52,
  kActionCountry = 53,
  kUrl = 60,
};

// The relationship properties, in the order they are staged.
enum Prop : size_t {
  pEventId,
  pDate,
  pEventCode,
  pRoot,
  pRootName,
  pQuad,
  pGoldstein,
  pTone,
  pMentions,
  pSources,
  pArticles,
  pRootEvent,
  pActionCountry,
  pActionPlace,
  pUrl,
  pCite,
  kProps
};
constexpr std::array<const char*, kProps> kPropNames = {
    "event_id",       "date",         "event_code", "cameo_root",  "cameo_root_name", "quad_class",
    "goldstein",      "tone",         "mentions",   "num_sources", "num_articles",    "root_event",
    "action_country", "action_place", "source_url", "sources"};

std::array<std::string, 100> parseRoots() {
  std::array<std::string, 100> names;
  std::string_view text = kCameoRoots;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (line.size() < 4 || line[0] == '#' || line[2] != '\t') continue;
    names[static_cast<size_t>((line[0] - '0') * 10 + (line[1] - '0'))] = line.substr(3);
  }
  return names;
}

template <typename T, size_t N>
constexpr std::array<T, N> filled(T v) {
  std::array<T, N> a{};
  a.fill(v);
  return a;
}

// What one code resolved to, and how often the rows that gave it were reported.
struct Resolved {
  NationMatch match;
  bool known = false;
  NodeId node = kInvalidId;         // the Nation's node, once an event used it
  uint32_t isoString = UINT32_MAX;  // the dictionary id of match.iso3, once used
};

// A code of up to three upper-case letters as an array index (0: not such a code).
size_t codeSlot(std::string_view code) {
  if (code.empty() || code.size() > 3) return 0;
  size_t slot = 0;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return 0;
    slot = slot * 27 + static_cast<size_t>(c - 'A' + 1);
  }
  return slot;
}

// A code of one to four digits (a CAMEO event code) as an array index; kNoDigits otherwise.
constexpr size_t kDigitSlots = 11110;  // 10 + 100 + 1000 + 10000
constexpr size_t kNoDigits = SIZE_MAX;
size_t digitSlot(std::string_view code) {
  if (code.empty() || code.size() > 4) return kNoDigits;
  size_t value = 0;
  for (char c : code) {
    if (c < '0' || c > '9') return kNoDigits;
    value = value * 10 + static_cast<size_t>(c - '0');
  }
  static constexpr std::array<size_t, 5> kBase = {0, 0, 10, 110, 1110};
  return kBase[code.size()] + value;
}

// Codes resolved once each: the three-letter ones in an array, the rest in a map.
class CodeCache {
 public:
  CodeCache(const NationResolver& nations, const char* scheme)
      : nations_(nations), scheme_(scheme), slots_(27 * 27 * 27) {}
  Resolved& get(std::string_view code) {
    size_t slot = codeSlot(code);
    Resolved& r = slot ? slots_[slot] : other_[std::string(code)];
    if (!r.known) {
      r.match = nations_.byCode(scheme_, code);
      r.known = true;
    }
    return r;
  }

 private:
  const NationResolver& nations_;
  const char* scheme_;
  std::vector<Resolved> slots_;
  std::map<std::string, Resolved> other_;
};

// Reports kept per reason (often one per code) with counts and the first few examples; added
// to the summary at the end, so a skipped row costs one map lookup, not a scan of reasons.
class Reports {
 public:
  void add(const std::string& reason, const std::string& example) {
    ImportSummary::Skip& s = reports_[reason];
    if (s.reason.empty()) {
      s.reason = reason;
      order_.push_back(reason);
    }
    ++s.count;
    if (s.examples.size() < ImportSummary::kExamples) s.examples.push_back(example);
  }
  void flush(ImportSummary& summary) {
    for (const std::string& r : order_) summary.skipped.push_back(std::move(reports_[r]));
  }

 private:
  std::map<std::string, ImportSummary::Skip> reports_;
  std::vector<std::string> order_;
};

// Reads a file block by block and hands out its lines (without the line end).
class LineSource {
 public:
  explicit LineSource(const std::string& path) : path_(path), buf_(kBlock) {
    f_ = std::fopen(path.c_str(), "rb");
    if (!f_) {
      Error e(ErrorKind::IOError, "cannot open the file for reading");
      e.setFile(path);
      throw e;
    }
  }
  ~LineSource() { std::fclose(f_); }
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  // Bytes of the file handed out so far.
  uint64_t offset() const { return consumed_ + pos_; }

  bool next(std::string_view& line) {
    while (true) {
      const char* nl = static_cast<const char*>(std::memchr(buf_.data() + pos_, '\n', end_ - pos_));
      if (nl) {
        line = std::string_view(buf_.data() + pos_, static_cast<size_t>(nl - buf_.data()) - pos_);
        pos_ = static_cast<size_t>(nl - buf_.data()) + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        return true;
      }
      if (eof_) {
        if (pos_ == end_) return false;
        line = std::string_view(buf_.data() + pos_, end_ - pos_);  // last line, no line end
        pos_ = end_;
        return true;
      }
      refill();
    }
  }

 private:
  static constexpr size_t kBlock = size_t{1} << 23;

  void refill() {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    consumed_ += pos_;
    end_ -= pos_;
    pos_ = 0;
    if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);  // a line longer than a block
    size_t n = std::fread(buf_.data() + end_, 1, buf_.size() - end_, f_);
    if (n == 0) {
      if (std::ferror(f_)) {
        Error e(ErrorKind::IOError, "cannot read the file");
        e.setFile(path_);
        throw e;
      }
      eof_ = true;
    }
    end_ += n;
  }

  std::string path_;
  std::FILE* f_ = nullptr;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  uint64_t consumed_ = 0;
  bool eof_ = false;
};

class GdeltFile {
 public:
  GdeltFile(Writer& w, const NationResolver& nations, Reports& reports)
      : w_(w),
        st_(w.stage()),
        reports_(reports),
        actors_(nations, "cameo"),
        places_(nations, "fips"),
        roots_(parseRoots()) {}

  void read(const std::string& path) {
    file_ = w_.addFile(path);
    w_.summary().fileRows.push_back({path, 0, 0, 0});
    std::string name = baseName(path);
    cite_ = std::string(kPublication) + " — " + name;
    std::replace(cite_.begin(), cite_.end(), ';', ',');
    line_ = 0;
    // One list value for the whole file, shared by its events (no list built per row).
    citeCell_.kind = Cell::Kind::Boxed;
    citeCell_.i = st_.box(Value(ValueList{Value(cite_)}));
    LineSource src(path);
    std::error_code ec;
    fileBytes_ = std::filesystem::file_size(path, ec);  // a hint only: 0 when unknown
    src_ = &src;
    std::string_view line;
    rows_ = loaded_ = 0;
    while (src.next(line)) {
      ++line_;
      if (line.empty()) {
        reports_.add("empty line", w_.where(file_, line_));
        continue;
      }
      ++rows_;
      if (row(line)) ++loaded_;
    }
    src_ = nullptr;
    size_t rows = rows_, loaded = loaded_;
    ImportSummary::FileRows& counts = w_.summary().fileRows.back();
    counts.rows = rows;
    counts.loaded = loaded;
    counts.skipped = rows - loaded;
    w_.summary().rows += rows;
    w_.countRels(kType, loaded);
  }

 private:
  [[noreturn]] void fail(size_t field, const std::string& message) const {
    uint32_t col = 1;
    if (field < std::min(fieldCount_, fields_.size())) {
      std::string_view before(line_text_.data(),
                              static_cast<size_t>(fields_[field].data() - line_text_.data()));
      col = static_cast<uint32_t>(text::length(before) + 1);
    }
    w_.fail(file_, {line_, col}, message);
  }

  // The fields of a line: the tabs are found 16 bytes at a time (SSE2), not one memchr each,
  // into a fixed array (a row with more fields only counts them); whether the line is plain
  // ASCII comes from the same pass.
  void split(std::string_view line) {
    line_text_ = line;
    const char* begin = line.data();
    const char* p = begin;
    const char* end = begin + line.size();
    const char* field = begin;
    size_t n = 0;
    auto add = [&](const char* stop) {
      if (n < fields_.size())
        fields_[n] = std::string_view(field, static_cast<size_t>(stop - field));
      ++n;
    };
    unsigned high = 0;
#if defined(__SSE2__)
    const __m128i tab = _mm_set1_epi8('\t');
    __m128i any = _mm_setzero_si128();
    for (; p + 16 <= end; p += 16) {
      __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      any = _mm_or_si128(any, chunk);
      auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, tab)));
      while (mask) {
        const char* t = p + __builtin_ctz(mask);
        add(t);
        field = t + 1;
        mask &= mask - 1;
      }
    }
    high = static_cast<unsigned>(_mm_movemask_epi8(any));
#endif
    for (; p < end; ++p) {
      high |= static_cast<unsigned char>(*p) & 0x80u;
      if (*p == '\t') {
        add(p);
        field = p + 1;
      }
    }
    add(end);
    fieldCount_ = n;
    ascii_ = high == 0;
  }

  int64_t integer(size_t field) const {
    int64_t v = 0;
    if (!load::parseIntText(fields_[field], v))
      fail(field, std::string(kColumnNames[field]) +
                      " is not an integer: " + load::describeText(fields_[field]));
    return v;
  }
  double real(size_t field) const {
    double v = 0;
    if (!load::parseFloatText(fields_[field], v))
      fail(field, std::string(kColumnNames[field]) +
                      " is not a number: " + load::describeText(fields_[field]));
    return v;
  }
  Date sqlDate() const {
    std::string_view s = fields_[kSqlDate];
    bool digits = s.size() == 8;
    for (char c : s) digits &= c >= '0' && c <= '9';
    int y = 0, m = 0, d = 0;
    if (digits) {
      y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
      m = (s[4] - '0') * 10 + (s[5] - '0');
      d = (s[6] - '0') * 10 + (s[7] - '0');
    }
    bool ok = digits && m >= 1 && m <= 12 && d >= 1;
    int64_t days = ok ? temporal::daysFromCivil(y, m, 1) + d - 1 : 0;
    if (ok)
      ok = days <
           (m < 12 ? temporal::daysFromCivil(y, m + 1, 1) : temporal::daysFromCivil(y + 1, 1, 1));
    if (!ok) fail(kSqlDate, "SQLDATE is not a date YYYYMMDD: " + load::describeText(s));
    return Date{static_cast<int32_t>(days)};
  }

  // The actor's Nation, or null after saying why the event is not loaded.
  Resolved* actor(size_t field, std::string& why) {
    std::string_view code = fields_[field];
    if (code.empty()) {
      why = "an actor has no country code (" + std::string(kColumnNames[field]) +
            " empty; GDELT leaves it empty when it cannot place the actor)";
      return nullptr;
    }
    Resolved& r = actors_.get(code);
    const NationMatch& m = r.match;
    if (m.ok()) {
      if (r.node == kInvalidId) {
        bool inGraph = false;
        r.node = st_.writtenNode(m.iso3, &inGraph);
      }
      return &r;
    }
    why = m.kind == NationMatch::Kind::NotCountry
              ? "actor country code " + std::string(code) + " is not a nation: " + m.note
              : "unmatched CAMEO actor country code " + std::string(code) +
                    " (add it to loaders/world/country_mapping.tsv)";
    return nullptr;
  }

  // A property of the event: staged (the first rows) or kept for writeKeyedRel.
  void put(Prop p, const Cell& c) {
    if (fast_)
      cells_[cellCount_++] = load::RelProp{graphKeys_[p], c};
    else
      st_.relPropByIndex(keys_[p], c, pos_);
  }
  void putText(Prop p, std::string_view s) {
    if (s.empty()) return;
    if (fast_) {
      strings_[stringCount_++] = load::KeyedString{graphKeys_[p], st_.internString(s)};
      return;
    }
    Cell c;
    c.kind = Cell::Kind::String;
    c.text = s;
    put(p, c);
  }
  // putText of a text with few distinct values: its dictionary id is looked up once, in *id.
  void putCachedText(Prop p, std::string_view s, uint32_t* id) {
    if (!fast_ || !id || s.empty()) return putText(p, s);
    if (*id == UINT32_MAX) *id = st_.internString(s);
    strings_[stringCount_++] = load::KeyedString{graphKeys_[p], *id};
  }
  void putInt(Prop p, int64_t v) {
    Cell c;
    c.kind = Cell::Kind::Int;
    c.i = v;
    put(p, c);
  }
  void putFloat(Prop p, double v) {
    Cell c;
    c.kind = Cell::Kind::Float;
    c.f = v;
    put(p, c);
  }

  // The keys' indexes and a check of their declared types, on the first relationship.
  void resolveKeys() {
    static constexpr std::array<PropType, kProps> kTypes = {
        PropType::Int,    PropType::Date,   PropType::String, PropType::String,
        PropType::String, PropType::Int,    PropType::Float,  PropType::Float,
        PropType::Int,    PropType::Int,    PropType::Int,    PropType::Bool,
        PropType::String, PropType::String, PropType::String, PropType::StringList};
    for (size_t p = 0; p < kProps; ++p) {
      load::PropSpec spec = st_.relPropSpec(kPropNames[p], pos_);
      if (spec.type != PropType::Any && spec.type != kTypes[p] &&
          !(p == pCite && spec.type == PropType::List))
        throw Error(ErrorKind::LoadError,
                    load::typeMismatch(kPropNames[p], spec,
                                       "another type from the import (the database's schema "
                                       "declares it otherwise)"));
      keys_[p] = st_.keyIndex(kPropNames[p]);
    }
    keysResolved_ = true;
  }

  bool row(std::string_view line) {
    split(line);
    if (fieldCount_ != kColumns)
      fail(std::min(fieldCount_, kColumns) - 1,
           "expected " + std::to_string(kColumns) +
               " tab-separated fields (a GDELT 2.0 event export row), got " +
               std::to_string(fieldCount_));
    if (!ascii_) {
      size_t bad = text::firstInvalid(line);
      if (bad != line.size()) {
        size_t field = 0;
        while (field + 1 < kColumns && fields_[field + 1].data() <= line.data() + bad) ++field;
        fail(field, "the row is not valid UTF-8");
      }
    }
    pos_ = {line_, 1};
    int64_t id = integer(kEventId);
    Date date = sqlDate();
    std::string why;
    Resolved* from = actor(kActor1Country, why);
    Resolved* to = from ? actor(kActor2Country, why) : nullptr;
    if (!to) {
      reports_.add(why, w_.where(file_, line_) + ": event " + std::string(fields_[kEventId]));
      return false;
    }
    // After the first event (which resolves the type and keys) and but for the one that sizes
    // the columns, events go to the graph without staging their cells.
    fast_ = keysResolved_ && loaded_ + 1 != kSampleRows && from->node != kInvalidId &&
            to->node != kInvalidId;
    cellCount_ = stringCount_ = 0;
    if (!fast_) {
      st_.beginRel(file_, pos_);
      st_.relType(kType, pos_);
      st_.relStart(from->match.iso3, pos_);
      st_.relEnd(to->match.iso3, pos_);
      if (!keysResolved_) resolveKeys();
    }
    putInt(pEventId, id);
    Cell d;
    d.kind = Cell::Kind::Date;
    d.i = date.days;
    put(pDate, d);
    size_t code = digitSlot(fields_[kEventCode]);
    putCachedText(pEventCode, fields_[kEventCode],
                  code == kNoDigits ? nullptr : &eventCodeIds_[code]);
    std::string_view root = fields_[kRootCode];
    size_t rootNo =
        root.size() == 2 && root[0] >= '0' && root[0] <= '9' && root[1] >= '0' && root[1] <= '9'
            ? static_cast<size_t>((root[0] - '0') * 10 + (root[1] - '0'))
            : 0;
    putCachedText(pRoot, root, rootNo ? &rootIds_[rootNo] : nullptr);
    if (!roots_[rootNo].empty())
      putCachedText(pRootName, roots_[rootNo], &rootNameIds_[rootNo]);
    else
      reports_.add("EventRootCode " + std::string(root) +
                       " is not a CAMEO root code (the event is loaded without cameo_root_name)",
                   w_.where(file_, line_));
    if (!fields_[kQuadClass].empty()) putInt(pQuad, integer(kQuadClass));
    if (!fields_[kGoldstein].empty()) putFloat(pGoldstein, real(kGoldstein));
    if (!fields_[kTone].empty()) putFloat(pTone, real(kTone));
    if (!fields_[kMentions].empty()) putInt(pMentions, integer(kMentions));
    if (!fields_[kSources].empty()) putInt(pSources, integer(kSources));
    if (!fields_[kArticles].empty()) putInt(pArticles, integer(kArticles));
    if (!fields_[kIsRoot].empty()) {
      Cell b;
      b.kind = Cell::Kind::Bool;
      b.i = integer(kIsRoot) != 0;
      put(pRootEvent, b);
    }
    actionCountry();
    putText(pActionPlace, fields_[kActionPlace]);
    putText(pUrl, fields_[kUrl]);
    put(pCite, citeCell_);
    if (fast_) {
      st_.writeKeyedRel(file_, pos_, type_, from->node, from->match.iso3, to->node, to->match.iso3,
                        cells_.data(), cellCount_, strings_.data(), stringCount_);
      return true;
    }
    if (loaded_ + 1 == kSampleRows) expectMore();
    st_.endRel();
    if (graphKeys_[0] == kNoKey) {
      type_ = st_.currentRelType();
      for (size_t p = 0; p < kProps; ++p) graphKeys_[p] = st_.graphKeyOf(keys_[p]);
    }
    return true;
  }

  // After the first rows, the graph's relationship arrays grow once for the rest of the file
  // (estimated from its size, the bytes per row and the share of rows loaded so far).
  void expectMore() {
    uint64_t at = src_->offset();
    if (fileBytes_ <= at || rows_ == 0) return;
    double perRow = static_cast<double>(at) / static_cast<double>(rows_);
    double share = static_cast<double>(loaded_ + 1) / static_cast<double>(rows_);
    st_.expectRels(
        static_cast<size_t>(static_cast<double>(fileBytes_ - at) / perRow * share * 1.02));
  }

  void actionCountry() {
    std::string_view code = fields_[kActionCountry];
    if (code.empty()) return;
    Resolved& r = places_.get(code);
    const NationMatch& m = r.match;
    if (m.ok()) {
      putCachedText(pActionCountry, m.iso3, &r.isoString);
      return;
    }
    reports_.add(m.kind == NationMatch::Kind::NotCountry
                     ? "ActionGeo_CountryCode " + std::string(code) + " is not a nation: " +
                           m.note + " (the event is loaded without action_country)"
                     : "unmatched FIPS ActionGeo_CountryCode " + std::string(code) +
                           " (the event is loaded without action_country; add it to "
                           "loaders/world/country_mapping.tsv)",
                 w_.where(file_, line_));
  }

  static constexpr std::array<const char*, kColumns> kColumnNames = {"GLOBALEVENTID",
                                                                     "SQLDATE",
                                                                     "MonthYear",
                                                                     "Year",
                                                                     "FractionDate",
                                                                     "Actor1Code",
                                                                     "Actor1Name",
                                                                     "Actor1CountryCode",
                                                                     "Actor1KnownGroupCode",
                                                                     "Actor1EthnicCode",
                                                                     "Actor1Religion1Code",
                                                                     "Actor1Religion2Code",
                                                                     "Actor1Type1Code",
                                                                     "Actor1Type2Code",
                                                                     "Actor1Type3Code",
                                                                     "Actor2Code",
                                                                     "Actor2Name",
                                                                     "Actor2CountryCode",
                                                                     "Actor2KnownGroupCode",
                                                                     "Actor2EthnicCode",
                                                                     "Actor2Religion1Code",
                                                                     "Actor2Religion2Code",
                                                                     "Actor2Type1Code",
                                                                     "Actor2Type2Code",
                                                                     "Actor2Type3Code",
                                                                     "IsRootEvent",
                                                                     "EventCode",
                                                                     "EventBaseCode",
                                                                     "EventRootCode",
                                                                     "QuadClass",
                                                                     "GoldsteinScale",
                                                                     "NumMentions",
                                                                     "NumSources",
                                                                     "NumArticles",
                                                                     "AvgTone",
                                                                     "Actor1Geo_Type",
                                                                     "Actor1Geo_FullName",
                                                                     "Actor1Geo_CountryCode",
                                                                     "Actor1Geo_ADM1Code",
                                                                     "Actor1Geo_ADM2Code",
                                                                     "Actor1Geo_Lat",
                                                                     "Actor1Geo_Long",
                                                                     "Actor1Geo_FeatureID",
                                                                     "Actor2Geo_Type",
                                                                     "Actor2Geo_FullName",
                                                                     "Actor2Geo_CountryCode",
                                                                     "Actor2Geo_ADM1Code",
                                                                     "Actor2Geo_ADM2Code",
                                                                     "Actor2Geo_Lat",
                                                                     "Actor2Geo_Long",
                                                                     "Actor2Geo_FeatureID",
                                                                     "ActionGeo_Type",
                                                                     "ActionGeo_FullName",
                                                                     "ActionGeo_CountryCode",
                                                                     "ActionGeo_ADM1Code",
                                                                     "ActionGeo_ADM2Code",
                                                                     "ActionGeo_Lat",
                                                                     "ActionGeo_Long",
                                                                     "ActionGeo_FeatureID",
                                                                     "DATEADDED",
                                                                     "SOURCEURL"};

  Writer& w_;
  load::Stage& st_;
  Reports& reports_;
  CodeCache actors_, places_;
  std::array<std::string, 100> roots_;
  uint32_t file_ = 0, line_ = 0;
  SourcePos pos_;
  std::string_view line_text_;
  std::string cite_;  // the file's citation: the event's row is its event_id
  Cell citeCell_;
  std::array<std::string_view, kColumns + 1> fields_;
  size_t fieldCount_ = 0;
  bool ascii_ = true;
  std::array<uint32_t, kProps> keys_{};
  bool keysResolved_ = false;
  // The fast path (writeKeyedRel): the type, graph keys, the row's cells and interned texts,
  // and the dictionary ids of texts with few values.
  bool fast_ = false;
  uint32_t type_ = 0;
  std::array<KeyId, kProps> graphKeys_ = filled<KeyId, kProps>(kNoKey);
  std::array<load::RelProp, kProps> cells_{};
  std::array<load::KeyedString, kProps> strings_{};
  size_t cellCount_ = 0, stringCount_ = 0;
  std::vector<uint32_t> eventCodeIds_ = std::vector<uint32_t>(kDigitSlots, UINT32_MAX);
  std::array<uint32_t, 100> rootIds_ = filled<uint32_t, 100>(UINT32_MAX);
  std::array<uint32_t, 100> rootNameIds_ = filled<uint32_t, 100>(UINT32_MAX);
  static constexpr size_t kSampleRows = 4096;
  LineSource* src_ = nullptr;
  uint64_t fileBytes_ = 0;
  size_t rows_ = 0, loaded_ = 0;
};

bool isExport(const std::string& name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.size() > 11 && lower.compare(lower.size() - 11, 11, ".export.csv") == 0;
}

}  // namespace

void loadGdelt(Writer& w, const std::vector<std::string>& paths) {
  NationResolver nations(w.graph());
  if (nations.nationCount() == 0)
    throw Error(ErrorKind::LoadError,
                "gdelt resolves countries against the Nation nodes: import countries first");
  std::vector<std::string> files =
      listFiles(paths, isExport, "GDELT 2.0 event exports (*.export.CSV)");
  Reports reports;
  GdeltFile reader(w, nations, reports);
  for (const std::string& f : files) reader.read(f);
  reports.flush(w.summary());
}

}  // namespace silkgraph::world
