// Neo4j bulk-import CSV reader: an RFC 4180 scanner over a large read buffer. Cells are views
// into the buffer (quoted cells with "" escapes: into one reused string), described by a
// reused vector of fields, so steady-state parsing does not allocate per cell; numbers go
// through std::from_chars. A cell's line:col is derived from where it starts, for errors.
#include "loaders/csv_loader.h"

#include <array>
#include <bit>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace silkgraph::load {

namespace {

constexpr size_t kBufferSize = 1 << 20;

bool validUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Number of continuation bytes; 0 for a byte that cannot start a sequence.
    size_t n = c >= 0xF0 && c <= 0xF4  ? 3
               : c >= 0xE0 && c < 0xF0 ? 2
               : c >= 0xC2 && c < 0xE0 ? 1
                                       : 0;
    if (n == 0 || i + n >= s.size()) return false;
    uint32_t cp = c & (0x3F >> n);
    for (size_t k = 1; k <= n; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    // Overlong forms, surrogates and code points beyond U+10FFFF are invalid.
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

// Byte classes of the scanner: what ends an unquoted field, and what a quoted field must stop
// at (its closing quote, and line breaks so that positions stay right).
constexpr uint8_t kPlainStop = 1, kQuotedStop = 2;
constexpr std::array<uint8_t, 256> kClass = [] {
  std::array<uint8_t, 256> t{};
  t[','] = kPlainStop;
  t['"'] = kPlainStop | kQuotedStop;
  t['\r'] = kPlainStop | kQuotedStop;
  t['\n'] = kPlainStop | kQuotedStop;
  return t;
}();

// The first byte at or after q (below end) that ends an unquoted field, or end. With SSE2
// (every x86-64), sixteen bytes are tested at a time: fields are short, so a field is
// usually one test instead of a loop over its bytes.
size_t findPlainStop(const char* b, size_t q, size_t end) {
#ifdef __SSE2__
  const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'),
                lf = _mm_set1_epi8('\n');
  for (; q + 16 <= end; q += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + q));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
    if (int mask = _mm_movemask_epi8(hit)) return q + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  while (q < end && !(kClass[static_cast<unsigned char>(b[q])] & kPlainStop)) ++q;
  return q;
}

#ifdef __SSE2__
// One bit per byte of the 64 at p: set where the byte ends an unquoted field or is a quote;
// `high` gets the bytes that are not ASCII.
uint64_t stopMask64(const char* p, uint64_t& high) {
  const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'),
                lf = _mm_set1_epi8('\n');
  uint64_t mask = 0;
  high = 0;
  for (int k = 0; k < 4; ++k) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
    mask |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(hit))) << (16 * k);
    high |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(v))) << (16 * k);
  }
  return mask;
}
#endif

bool allAscii(const char* p, size_t n) {
  uint64_t acc = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    acc |= w;
  }
  for (; i < n; ++i) acc |= static_cast<unsigned char>(p[i]);
  return (acc & 0x8080808080808080ULL) == 0;
}

// Reads records from a large buffer that always holds the whole current record, so fields
// are views into it (or, for quoted fields with "" escapes, into one reused scratch string)
// and their line:col is computed only when asked for: from the start of the field's line,
// which is in the buffer too. When a record runs past the end of the buffer, the record is
// moved to the front, the buffer refilled (grown if the record alone fills it), and the
// record scanned again.
class CsvReader {
 public:
  CsvReader(const std::string& path, const Stage& stage, uint32_t file)
      : in_(path, std::ios::binary), stage_(stage), file_(file), buf_(kBufferSize) {
    if (!in_) {
      Error e(ErrorKind::IOError, "cannot open the file for reading");
      e.setFile(path);
      throw e;
    }
    fill();
    if (end_ >= 3 && static_cast<unsigned char>(buf_[0]) == 0xEF &&
        static_cast<unsigned char>(buf_[1]) == 0xBB && static_cast<unsigned char>(buf_[2]) == 0xBF)
      pos_ = 3;  // UTF-8 byte order mark
  }

  // Reads the next record; false at the end of the file. Empty lines are skipped.
  bool next() {
    fields_.clear();
    for (;;) {  // empty lines; a '\n' right after a '\r' belongs to the line break before it
      if (pos_ == end_ && !fill()) return false;
      char c = buf_[pos_];
      if (c == '\n') {
        if (!prevCR_) ++line_;
        prevCR_ = false;
        ++pos_;
      } else if (c == '\r') {
        ++line_;
        prevCR_ = true;
        ++pos_;
      } else {
        break;
      }
    }
    prevCR_ = false;
    while (!scan()) fill();  // scan() asks for more only before the end of the file
    return true;
  }

  size_t size() const { return fields_.size(); }
  // File bytes read up to the end of the current record.
  uint64_t offset() const { return consumed_ + pos_; }
  std::string_view text(size_t i) const { return {fields_[i].data, fields_[i].len}; }
  bool quoted(size_t i) const { return fields_[i].quoted; }
  // Where field i starts (its opening quote for a quoted field).
  SourcePos pos(size_t i) const { return at(fields_[i].at, fields_[i].line, fields_[i].lineStart); }
  // Strings reach the graph and the terminal as they are, so bad bytes are caught here.
  void checkUtf8() const {
    if (ascii_) return;
    for (size_t i = 0; i < fields_.size(); ++i)
      if (!validUtf8(text(i))) fail(pos(i), "invalid UTF-8 in this field");
  }
  SourcePos rowPos() const { return fields_.empty() ? SourcePos{line_, 1} : pos(0); }
  [[noreturn]] void fail(SourcePos pos, const std::string& msg) const {
    stage_.fail(file_, pos, msg);
  }

 private:
  struct Field {
    const char* data = nullptr;
    uint32_t len = 0;
    uint32_t line = 0;
    size_t at = 0, lineStart = 0;  // buffer offsets of the field and of its line
    bool quoted = false, escaped = false;
  };

  // Columns count code points; a pure-ASCII record (the common case) needs no counting.
  SourcePos at(size_t offset, uint32_t line, size_t lineStart) const {
    if (ascii_) return {line, static_cast<uint32_t>(offset - lineStart + 1)};
    uint32_t col = 1;
    for (size_t i = lineStart; i < offset; ++i)
      if ((static_cast<unsigned char>(buf_[i]) & 0xC0) != 0x80) ++col;
    return {line, col};
  }

  // Appends file data after end_, first moving the record in progress (from pos_) to the
  // front, growing the buffer when that record fills it. False at the end of the file.
  bool fill() {
    if (eof_) return false;
    if (pos_ > 0) {
      std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
      end_ -= pos_;
      consumed_ += pos_;
      pos_ = 0;
    }
    if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);
    in_.read(buf_.data() + end_, static_cast<std::streamsize>(buf_.size() - end_));
    size_t got = static_cast<size_t>(in_.gcount());
    if (in_.bad()) {
      Error e(ErrorKind::IOError, "error while reading the file");
      e.setFile(stage_.fileName(file_));
      throw e;
    }
    if (got == 0) eof_ = true;
    end_ += got;
    return got > 0;
  }

  // Scans the record starting at pos_. Returns false when it needs more data (the caller
  // refills and scans again from the record start); at the end of the file the record ends.
  bool scan() {
    fields_.clear();
    const char* b = buf_.data();
    const size_t recStart = pos_;
    uint32_t line = line_;
    size_t lineStart = recStart;
    size_t p = recStart;
#ifdef __SSE2__
    // The common record, unquoted fields on one line, in 64-byte blocks: one mask of the
    // bytes that end a field, walked bit by bit. The first quote (a quoted field, or a stray
    // one to report) hands the rest of the record to the general loop below, from the start
    // of the field it is in; so does a block that would run past the buffer.
    uint64_t nonAscii = 0;  // any byte >= 0x80 in the blocks before this one
    for (size_t block = recStart; block + 64 <= end_; block += 64) {
      uint64_t high;
      for (uint64_t stops = stopMask64(b + block, high); stops != 0; stops &= stops - 1) {
        const size_t q = block + static_cast<size_t>(std::countr_zero(stops));
        const char c = b[q];
        if (c == '"') goto general;
        Field& f = fields_.emplace_back();
        f.data = b + p;
        f.len = static_cast<uint32_t>(q - p);
        f.line = line;
        f.at = p;
        f.lineStart = lineStart;
        if (c != ',') {
          line_ = line + 1;
          // The record's bytes: the earlier blocks and this one up to the line break.
          const unsigned upTo = static_cast<unsigned>(q - block);
          nonAscii |= high & (upTo == 63 ? ~uint64_t{0} : (uint64_t{2} << upTo) - 1);
          // No quoted field, so nothing to unescape (what finish() would do).
          ascii_ = nonAscii == 0;
          pos_ = q + 1;
          prevCR_ = c == '\r';
          return true;
        }
        p = q + 1;
      }
      nonAscii |= high;
    }
  general:
#endif
    // Errors found while scanning: the record is not checked for non-ASCII bytes yet.
    auto errorAt = [&](size_t offset, uint32_t atLine, size_t atLineStart, const std::string& msg) {
      ascii_ = allAscii(b + atLineStart, offset - atLineStart);
      fail(at(offset, atLine, atLineStart), msg);
    };
    for (;;) {
      Field f;
      f.at = p;
      f.line = line;
      f.lineStart = lineStart;
      size_t q = p;
      if (p < end_ && b[p] == '"') {
        f.quoted = true;
        q = p + 1;
        for (;;) {
          while (q < end_ && !(kClass[static_cast<unsigned char>(b[q])] & kQuotedStop)) ++q;
          if (q == end_) {
            if (!eof_) return false;
            errorAt(f.at, f.line, f.lineStart,
                    "unterminated quoted field: the closing '\"' is missing");
          }
          char c = b[q];
          if (c == '"') {
            if (q + 1 == end_ && !eof_) return false;
            if (q + 1 < end_ && b[q + 1] == '"') {
              f.escaped = true;
              q += 2;
              continue;
            }
            break;  // the closing quote
          }
          if (c == '\r') {
            if (q + 1 == end_ && !eof_) return false;
            if (q + 1 < end_ && b[q + 1] == '\n') ++q;
          }
          ++line;
          lineStart = ++q;
        }
        f.data = b + p + 1;
        f.len = static_cast<uint32_t>(q - p - 1);
        ++q;  // past the closing quote
        if (q == end_) {
          if (!eof_) return false;
          fields_.push_back(f);
          return finish(q, recStart, false);
        }
        char c = b[q];
        if (c != ',' && c != '\r' && c != '\n')
          errorAt(q, line, lineStart, "unexpected character after the closing quote of a field");
      } else {
        q = findPlainStop(b, q, end_);
        if (q == end_) {
          if (!eof_) return false;
          f.data = b + p;
          f.len = static_cast<uint32_t>(q - p);
          fields_.push_back(f);
          return finish(q, recStart, false);
        }
        if (b[q] == '"')
          errorAt(q, line, lineStart,
                  "'\"' inside an unquoted field (quote the whole field and write \"\" for a "
                  "quote)");
        f.data = b + p;
        f.len = static_cast<uint32_t>(q - p);
      }
      fields_.push_back(f);
      if (b[q] == ',') {
        p = q + 1;
        continue;
      }
      // A line break ends the record; a "\r\n" pair is finished by the next call.
      line_ = line + 1;
      return finish(q + 1, recStart, b[q] == '\r');
    }
  }

  bool finish(size_t next, size_t recStart, bool cr) {
    ascii_ = allAscii(buf_.data() + recStart, next - recStart);
    pos_ = next;
    prevCR_ = cr;
    // Quoted fields with "" escapes are unescaped into the scratch string, reserved first
    // so that the views stay valid.
    size_t need = 0;
    for (const Field& f : fields_) need += f.escaped ? f.len : 0;
    if (need != 0) {
      scratch_.clear();
      scratch_.reserve(need);
      for (Field& f : fields_) {
        if (!f.escaped) continue;
        const char* from = scratch_.data() + scratch_.size();
        for (uint32_t i = 0; i < f.len; ++i) {
          scratch_.push_back(f.data[i]);
          if (f.data[i] == '"') ++i;  // the second quote of a ""
        }
        f.len = static_cast<uint32_t>(scratch_.data() + scratch_.size() - from);
        f.data = from;
      }
    }
    return true;
  }

  uint64_t consumed_ = 0;  // file bytes before buf_[0]
  std::ifstream in_;
  const Stage& stage_;
  uint32_t file_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  uint32_t line_ = 1;
  bool prevCR_ = false, ascii_ = true;
  std::string scratch_;
  std::vector<Field> fields_;
};

struct Column {
  enum class Role : uint8_t { Prop, Id, Label, Start, End, Type, Ignore };
  Role role = Role::Prop;
  std::string name;    // the property (Prop, Id)
  std::string header;  // the header cell as written
  bool typed = false;
  bool array = false;
  ElemKind elem = ElemKind::String;
  SourcePos pos;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool parseElem(ElemKind e, std::string_view s) {
  switch (e) {
    case ElemKind::String:
      return true;
    case ElemKind::Int: {
      int64_t v;
      return parseIntText(s, v);
    }
    case ElemKind::Float: {
      double v;
      return parseFloatText(s, v);
    }
    case ElemKind::Bool: {
      bool v;
      return parseBoolText(s, v);
    }
    case ElemKind::Date: {
      Date d;
      return parseDate(trimSpaces(s), d);
    }
  }
  return false;
}

}  // namespace

struct CsvFile::Impl {
  uint32_t file = 0;
  uint64_t fileBytes = 0;
  std::unique_ptr<CsvReader> reader;
  std::vector<Column> columns;
  bool nodes = false;
  size_t idCol = SIZE_MAX, labelCol = SIZE_MAX, startCol = SIZE_MAX, endCol = SIZE_MAX,
         typeCol = SIZE_MAX;

  void parseHeader() {
    CsvReader& r = *reader;
    if (!r.next()) r.fail({1, 1}, "empty CSV file: the first line must be a header");
    r.checkUtf8();
    for (size_t i = 0; i < r.size(); ++i) {
      Column c;
      std::string_view spec = r.text(i);
      c.header = spec;
      c.pos = r.pos(i);
      size_t colon = spec.rfind(':');
      c.name = spec.substr(0, colon);
      std::string type = colon == std::string_view::npos ? "" : lower(spec.substr(colon + 1));
      // ID spaces, e.g. ":ID(Nation)": silkgraph has one id space, so the group is ignored.
      size_t paren = type.find('(');
      if (paren != std::string::npos && type.back() == ')') type.resize(paren);
      if (colon == std::string_view::npos) {
        c.role = Column::Role::Prop;
      } else if (type == "id") {
        c.role = Column::Role::Id;
        if (c.name.empty()) c.name = "id";
      } else if (type == "label") {
        c.role = Column::Role::Label;
      } else if (type == "start_id") {
        c.role = Column::Role::Start;
      } else if (type == "end_id") {
        c.role = Column::Role::End;
      } else if (type == "type") {
        c.role = Column::Role::Type;
      } else if (type == "ignore") {
        c.role = Column::Role::Ignore;
      } else {
        c.typed = true;
        std::string base = type;
        if (base.size() > 2 && base.ends_with("[]")) {
          c.array = true;
          base.resize(base.size() - 2);
        }
        if (base == "int" || base == "long" || base == "short" || base == "byte")
          c.elem = ElemKind::Int;
        else if (base == "float" || base == "double")
          c.elem = ElemKind::Float;
        else if (base == "boolean" || base == "bool")
          c.elem = ElemKind::Bool;
        else if (base == "string" || base == "char")
          c.elem = ElemKind::String;
        else if (base == "date")
          c.elem = ElemKind::Date;
        else
          r.fail(c.pos, "unknown column type '" + std::string(spec.substr(colon + 1)) +
                            "' in header '" + c.header +
                            "' (expected int, long, float, double, boolean, string or date, "
                            "with [] for arrays, or ID, LABEL, START_ID, END_ID, TYPE, IGNORE)");
      }
      if ((c.role == Column::Role::Prop) && c.name.empty())
        r.fail(c.pos, "header column '" + c.header + "' needs a property name");
      size_t* slot = c.role == Column::Role::Id      ? &idCol
                     : c.role == Column::Role::Label ? &labelCol
                     : c.role == Column::Role::Start ? &startCol
                     : c.role == Column::Role::End   ? &endCol
                     : c.role == Column::Role::Type  ? &typeCol
                                                     : nullptr;
      if (slot) {
        if (*slot != SIZE_MAX)
          r.fail(c.pos, "header has two '" + std::string(spec.substr(colon)) + "' columns");
        *slot = i;
      }
      if (c.role == Column::Role::Prop || c.role == Column::Role::Id)
        for (const Column& o : columns)
          if ((o.role == Column::Role::Prop || o.role == Column::Role::Id) && o.name == c.name)
            r.fail(c.pos, "header names property '" + c.name + "' twice");
      columns.push_back(std::move(c));
    }
    bool relCols = startCol != SIZE_MAX || endCol != SIZE_MAX || typeCol != SIZE_MAX;
    if (idCol != SIZE_MAX) {
      if (relCols)
        r.fail(columns[startCol != SIZE_MAX ? startCol
                       : endCol != SIZE_MAX ? endCol
                                            : typeCol]
                   .pos,
               "a node file (it has an :ID column) cannot have :START_ID, :END_ID or :TYPE "
               "columns");
      nodes = true;
      return;
    }
    if (!relCols)
      r.fail({1, 1},
             "header has neither an :ID column (a node file) nor :START_ID, :END_ID and :TYPE "
             "columns (a relationship file)");
    if (labelCol != SIZE_MAX)
      r.fail(columns[labelCol].pos, "a relationship file cannot have a :LABEL column");
    if (startCol == SIZE_MAX) r.fail({1, 1}, "relationship file without a :START_ID column");
    if (endCol == SIZE_MAX) r.fail({1, 1}, "relationship file without an :END_ID column");
    if (typeCol == SIZE_MAX) r.fail({1, 1}, "relationship file without a :TYPE column");
  }

  // The cell's value; `keep` copies texts into the stage (staged nodes outlive the row).
  Cell cell(Stage& st, const Column& col, size_t i, const PropSpec& spec, bool keep) const {
    const CsvReader& r = *reader;
    std::string_view text = r.text(i);
    SourcePos pos = r.pos(i);
    bool array = col.array;
    ElemKind elem = col.elem;
    if (!col.typed) {
      // An untyped column takes the type the schema declares for the property.
      if (std::optional<ElemKind> e = rules::elementOf(spec.type)) {
        array = true;
        elem = *e;
      } else if (std::optional<ElemKind> k = rules::scalarOf(spec.type)) {
        elem = *k;
      }
    } else if (!(array ? rules::listFits(elem, spec.type) : rules::scalarFits(elem, spec.type))) {
      r.fail(pos, typeMismatch(col.name, spec,
                               std::string(propTypeName(rules::typeOf(elem, array))) + " column '" +
                                   col.header + "'"));
    }
    Cell c;
    PropSpec own{rules::typeOf(elem, array), spec.owner};
    // An int (or int list) feeding a float property is stored as floats.
    const bool toFloat = rules::widensToFloat(elem, spec.type);
    if (array) {
      std::string_view rest = text;
      size_t index = 1;
      while (elem != ElemKind::String) {
        size_t cut = rest.find(';');
        std::string_view e = rest.substr(0, cut);
        if (!parseElem(elem, e))
          r.fail(pos, typeMismatch(col.name, own, describeText(text)) + " (element " +
                          std::to_string(index) + " is not " + scalarKindName(elem) + ")");
        if (cut == std::string_view::npos) break;
        rest.remove_prefix(cut + 1);
        ++index;
      }
      c.kind = Cell::Kind::RawList;
      c.elem = toFloat ? ElemKind::Float : elem;
      c.text = keep ? st.store(text) : text;
      return c;
    }
    bool ok = true;
    switch (elem) {
      case ElemKind::String:
        c.kind = Cell::Kind::String;
        c.text = keep ? st.store(text) : text;
        break;
      case ElemKind::Int:
        ok = parseIntText(text, c.i);
        c.kind = Cell::Kind::Int;
        if (ok && toFloat) {
          c.kind = Cell::Kind::Float;
          c.f = static_cast<double>(c.i);
        }
        break;
      case ElemKind::Float:
        ok = parseFloatText(text, c.f);
        c.kind = Cell::Kind::Float;
        break;
      case ElemKind::Bool: {
        bool b = false;
        ok = parseBoolText(text, b);
        c.kind = Cell::Kind::Bool;
        c.i = b;
        break;
      }
      case ElemKind::Date: {
        Date d;
        ok = parseDate(trimSpaces(text), d);
        c.kind = Cell::Kind::Date;
        c.i = d.days;
        break;
      }
    }
    if (!ok) r.fail(pos, typeMismatch(col.name, own, describeText(text)));
    return c;
  }
};

CsvFile::CsvFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CsvFile::~CsvFile() = default;
bool CsvFile::holdsNodes() const {
  return impl_->nodes;
}

std::unique_ptr<CsvFile> CsvFile::open(const std::string& path, Stage& stage, uint32_t file) {
  auto impl = std::make_unique<Impl>();
  impl->file = file;
  impl->reader = std::make_unique<CsvReader>(path, stage, file);
  std::error_code ec;
  impl->fileBytes = std::filesystem::file_size(path, ec);  // a hint only: 0 when unknown
  impl->parseHeader();
  return std::unique_ptr<CsvFile>(new CsvFile(std::move(impl)));
}

void CsvFile::stageRows(Stage& st) {
  Impl& f = *impl_;
  CsvReader& r = *f.reader;
  const size_t width = f.columns.size();
  // Per property column: its spec and key index for the relationship type it was resolved
  // for, so that a file of one type looks the schema up once per column, not per cell.
  struct Resolved {
    uint32_t type = UINT32_MAX;
    uint32_t key = 0;
    PropSpec spec;
  };
  std::vector<Resolved> resolved(width);
  // After the first rows of a large relationship file, its size tells about how many rows
  // follow: the graph's arrays grow once to that (plus a little), instead of doubling.
  constexpr uint64_t kSampleRows = 4096;
  uint64_t rows = 0, sampleStart = r.offset();
  while (r.next()) {
    ++rows;
    r.checkUtf8();
    SourcePos rowPos = r.rowPos();
    if (r.size() != width)
      r.fail(rowPos, "row has " + std::to_string(r.size()) + " fields but the header has " +
                         std::to_string(width));
    if (f.nodes) {
      st.beginNode(f.file, rowPos);
      st.nodeId(r.text(f.idCol), f.columns[f.idCol].name, r.pos(f.idCol));
      if (f.labelCol != SIZE_MAX) {
        std::string_view rest = r.text(f.labelCol);
        while (!rest.empty()) {
          size_t cut = rest.find(';');
          if (cut != 0) st.nodeLabel(rest.substr(0, cut), r.pos(f.labelCol));
          if (cut == std::string_view::npos) break;
          rest.remove_prefix(cut + 1);
        }
      }
      for (size_t i = 0; i < width; ++i) {
        const Column& col = f.columns[i];
        if (col.role != Column::Role::Prop) continue;
        if (!r.quoted(i) && r.text(i).empty()) continue;  // empty unquoted cell: absent
        SourcePos pos = r.pos(i);
        PropSpec spec = st.nodePropSpec(col.name, pos);
        st.nodeProp(col.name, f.cell(st, col, i, spec, true), pos);
      }
      st.endNode();
      continue;
    }
    st.beginRel(f.file, rowPos);
    st.relType(r.text(f.typeCol), r.pos(f.typeCol));
    st.relStart(r.text(f.startCol), r.pos(f.startCol));
    st.relEnd(r.text(f.endCol), r.pos(f.endCol));
    const uint32_t type = st.currentRelType();
    for (size_t i = 0; i < width; ++i) {
      const Column& col = f.columns[i];
      if (col.role != Column::Role::Prop) continue;
      if (!r.quoted(i) && r.text(i).empty()) continue;  // empty unquoted cell: absent
      SourcePos pos = r.pos(i);
      Resolved& res = resolved[i];
      if (res.type != type) {
        res.spec = st.relPropSpec(col.name, pos);
        res.key = st.keyIndex(col.name);
        res.type = type;
      }
      // The relationship is written at endRel, while the row is still in the buffer.
      st.relPropByIndex(res.key, f.cell(st, col, i, res.spec, false), pos);
    }
    if (rows == kSampleRows && f.fileBytes > r.offset()) {
      double perRow = static_cast<double>(r.offset() - sampleStart) / kSampleRows;
      st.expectRels(
          static_cast<size_t>(static_cast<double>(f.fileBytes - r.offset()) / perRow * 1.02));
    }
    st.endRel();
  }
}

}  // namespace silkgraph::load
