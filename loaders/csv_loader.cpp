// Neo4j bulk-import CSV reader: an RFC 4180 state machine over a fixed read buffer. A row's
// cells are unescaped into one reused string and described by a reused vector of fields,
// so steady-state parsing does not allocate per cell; numbers go through std::from_chars.
// Every cell keeps the line:col where it starts, for errors.
#include "loaders/csv_loader.h"

#include <fstream>
#include <vector>

namespace silkgraph::load {

namespace {

constexpr size_t kBufferSize = 1 << 16;

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

struct Field {
  uint32_t begin = 0;
  uint32_t len = 0;
  SourcePos pos;
  bool quoted = false;
};

class CsvReader {
 public:
  CsvReader(const std::string& path, const Stage& stage, uint32_t file)
      : in_(path, std::ios::binary), stage_(stage), file_(file), buf_(kBufferSize) {
    if (!in_) {
      Error e(ErrorKind::IOError, "cannot open the file for reading");
      e.setFile(path);
      throw e;
    }
    if (refill() && len_ >= 3 && static_cast<unsigned char>(buf_[0]) == 0xEF &&
        static_cast<unsigned char>(buf_[1]) == 0xBB && static_cast<unsigned char>(buf_[2]) == 0xBF)
      pos_ = 3;  // UTF-8 byte order mark
  }

  // Reads the next record; false at the end of the file. Empty lines are skipped.
  bool next() {
    text_.clear();
    fields_.clear();
    enum class S : uint8_t { Start, Plain, Quoted, AfterQuote } s = S::Start;
    Field cur;
    bool any = false;
    auto endField = [&] {
      cur.len = static_cast<uint32_t>(text_.size() - cur.begin);
      fields_.push_back(cur);
    };
    auto beginField = [&](SourcePos at, bool quoted) {
      cur.begin = static_cast<uint32_t>(text_.size());
      cur.pos = at;
      cur.quoted = quoted;
      any = true;
    };
    for (;;) {
      SourcePos here{line_, col_};
      int c = get();
      if (c < 0) {
        if (s == S::Quoted) fail(cur.pos, "unterminated quoted field: the closing '\"' is missing");
        if (!any) return false;
        if (s == S::Start) beginField(here, false);
        endField();
        return true;
      }
      if (crlf_ && s != S::Quoted) continue;  // the '\n' of a "\r\n" that already ended a row
      switch (s) {
        case S::Start:
          if (c == '"') {
            beginField(here, true);
            s = S::Quoted;
          } else if (c == ',') {
            beginField(here, false);
            endField();
          } else if (c == '\r' || c == '\n') {
            if (!any) continue;  // empty line
            beginField(here, false);
            endField();
            return true;
          } else {
            beginField(here, false);
            text_.push_back(static_cast<char>(c));
            s = S::Plain;
          }
          break;
        case S::Plain:
          if (c == ',') {
            endField();
            s = S::Start;
          } else if (c == '\r' || c == '\n') {
            endField();
            return true;
          } else if (c == '"') {
            fail(here,
                 "'\"' inside an unquoted field (quote the whole field and write \"\" for a "
                 "quote)");
          } else {
            text_.push_back(static_cast<char>(c));
          }
          break;
        case S::Quoted:
          if (c == '"')
            s = S::AfterQuote;
          else
            text_.push_back(static_cast<char>(c));
          break;
        case S::AfterQuote:
          if (c == '"') {
            text_.push_back('"');
            s = S::Quoted;
          } else if (c == ',') {
            endField();
            s = S::Start;
          } else if (c == '\r' || c == '\n') {
            endField();
            return true;
          } else {
            fail(here, "unexpected character after the closing quote of a field");
          }
          break;
      }
    }
  }

  size_t size() const { return fields_.size(); }
  // Strings reach the graph and the terminal as they are, so bad bytes are caught here.
  void checkUtf8() const {
    for (size_t i = 0; i < fields_.size(); ++i)
      if (!validUtf8(text(i))) fail(fields_[i].pos, "invalid UTF-8 in this field");
  }
  std::string_view text(size_t i) const {
    return std::string_view(text_).substr(fields_[i].begin, fields_[i].len);
  }
  const Field& field(size_t i) const { return fields_[i]; }
  SourcePos rowPos() const { return fields_.empty() ? SourcePos{line_, 1} : fields_[0].pos; }
  [[noreturn]] void fail(SourcePos pos, const std::string& msg) const {
    stage_.fail(file_, pos, msg);
  }

 private:
  bool refill() {
    if (eof_) return false;
    in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    len_ = static_cast<size_t>(in_.gcount());
    pos_ = 0;
    if (in_.bad()) {
      Error e(ErrorKind::IOError, "error while reading the file");
      e.setFile(stage_.fileName(file_));
      throw e;
    }
    if (len_ == 0) eof_ = true;
    return len_ > 0;
  }

  // Next byte, or -1 at the end; keeps line_:col_ at the position of the following byte.
  int get() {
    if (pos_ == len_ && !refill()) return -1;
    unsigned char c = static_cast<unsigned char>(buf_[pos_++]);
    crlf_ = c == '\n' && prevCR_;
    if (c == '\n') {
      if (!prevCR_) {
        ++line_;
        col_ = 1;
      }
    } else if (c == '\r') {
      ++line_;
      col_ = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++col_;  // count code points, not bytes
    }
    prevCR_ = c == '\r';
    return c;
  }

  std::ifstream in_;
  const Stage& stage_;
  uint32_t file_;
  std::vector<char> buf_;
  size_t pos_ = 0, len_ = 0;
  bool eof_ = false;
  uint32_t line_ = 1, col_ = 1;
  bool prevCR_ = false, crlf_ = false;
  std::string text_;
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

PropType propTypeOf(bool array, ElemKind e) {
  switch (e) {
    case ElemKind::String:
      return array ? PropType::StringList : PropType::String;
    case ElemKind::Int:
      return array ? PropType::IntList : PropType::Int;
    case ElemKind::Float:
      return array ? PropType::FloatList : PropType::Float;
    case ElemKind::Bool:
      return array ? PropType::List : PropType::Bool;
    case ElemKind::Date:
      return array ? PropType::List : PropType::Date;
  }
  return PropType::Any;
}

// Can a column of this type feed a property declared `t`?
bool compatible(bool array, ElemKind e, PropType t) {
  if (t == PropType::Any) return true;
  PropType own = propTypeOf(array, e);
  if (own == t) return true;
  if (!array) return e == ElemKind::Int && t == PropType::Float;
  return t == PropType::List || (e == ElemKind::Int && t == PropType::FloatList);
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
      c.pos = r.field(i).pos;
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

  Cell cell(Stage& st, const Column& col, size_t i, const PropSpec& spec) const {
    const CsvReader& r = *reader;
    std::string_view text = r.text(i);
    SourcePos pos = r.field(i).pos;
    bool array = col.array;
    ElemKind elem = col.elem;
    if (!col.typed) {
      // An untyped column takes the type the schema declares for the property.
      switch (spec.type) {
        case PropType::Int:
          elem = ElemKind::Int;
          break;
        case PropType::Float:
          elem = ElemKind::Float;
          break;
        case PropType::Bool:
          elem = ElemKind::Bool;
          break;
        case PropType::Date:
          elem = ElemKind::Date;
          break;
        case PropType::StringList:
          array = true;
          break;
        case PropType::IntList:
          array = true, elem = ElemKind::Int;
          break;
        case PropType::FloatList:
          array = true, elem = ElemKind::Float;
          break;
        default:
          break;
      }
    } else if (!compatible(array, elem, spec.type)) {
      r.fail(pos, typeMismatch(col.name, spec,
                               std::string(propTypeName(propTypeOf(array, elem))) + " column '" +
                                   col.header + "'"));
    }
    Cell c;
    PropSpec own{propTypeOf(array, elem), spec.owner};
    bool toFloat = spec.type == PropType::Float || spec.type == PropType::FloatList;
    if (array) {
      std::string_view rest = text;
      size_t index = 1;
      while (elem != ElemKind::String) {
        size_t cut = rest.find(';');
        std::string_view e = rest.substr(0, cut);
        if (!parseElem(elem, e))
          r.fail(pos, typeMismatch(col.name, own, describeText(text)) + " (element " +
                          std::to_string(index) + " is not " + elemKindName(elem) + ")");
        if (cut == std::string_view::npos) break;
        rest.remove_prefix(cut + 1);
        ++index;
      }
      c.kind = Cell::Kind::RawList;
      c.elem = elem == ElemKind::Int && toFloat ? ElemKind::Float : elem;
      c.text = st.store(text);
      return c;
    }
    bool ok = true;
    switch (elem) {
      case ElemKind::String:
        c.kind = Cell::Kind::String;
        c.text = st.store(text);
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
  impl->parseHeader();
  return std::unique_ptr<CsvFile>(new CsvFile(std::move(impl)));
}

void CsvFile::stageRows(Stage& st) {
  Impl& f = *impl_;
  CsvReader& r = *f.reader;
  const size_t width = f.columns.size();
  while (r.next()) {
    r.checkUtf8();
    SourcePos rowPos = r.rowPos();
    if (r.size() != width)
      r.fail(rowPos, "row has " + std::to_string(r.size()) + " fields but the header has " +
                         std::to_string(width));
    if (f.nodes) {
      st.beginNode(f.file, rowPos);
      st.nodeId(r.text(f.idCol), f.columns[f.idCol].name, r.field(f.idCol).pos);
      if (f.labelCol != SIZE_MAX) {
        std::string_view rest = r.text(f.labelCol);
        while (!rest.empty()) {
          size_t cut = rest.find(';');
          if (cut != 0) st.nodeLabel(rest.substr(0, cut), r.field(f.labelCol).pos);
          if (cut == std::string_view::npos) break;
          rest.remove_prefix(cut + 1);
        }
      }
    } else {
      st.beginRel(f.file, rowPos);
      st.relType(r.text(f.typeCol), r.field(f.typeCol).pos);
      st.relStart(r.text(f.startCol), r.field(f.startCol).pos);
      st.relEnd(r.text(f.endCol), r.field(f.endCol).pos);
    }
    for (size_t i = 0; i < width; ++i) {
      const Column& col = f.columns[i];
      if (col.role != Column::Role::Prop) continue;
      const Field& field = r.field(i);
      if (!field.quoted && field.len == 0) continue;  // empty unquoted cell: absent
      PropSpec spec =
          f.nodes ? st.nodePropSpec(col.name, field.pos) : st.relPropSpec(col.name, field.pos);
      Cell c = f.cell(st, col, i, spec);
      if (f.nodes)
        st.nodeProp(col.name, c, field.pos);
      else
        st.relProp(col.name, c, field.pos);
    }
    if (f.nodes)
      st.endNode();
    else
      st.endRel();
  }
}

}  // namespace silkgraph::load
