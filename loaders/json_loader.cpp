// Native JSON reader (docs/formats.md). nlohmann_json's SAX parser does the parsing; our
// handler builds a small tree that remembers the byte offset of every value and key, because
// nlohmann's DOM forgets positions and a user needs file:line:col for a wrong type, an
// unknown endpoint or a duplicate key inside otherwise valid JSON. The input goes through a
// counting iterator so the handler knows how far the lexer has read at each event.
#include "loaders/json_loader.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "common/text.h"
#include "engine/validity.h"

namespace silkgraph::load {

namespace {

constexpr size_t kMaxDepth = 256;  // deeper documents are rejected, so nothing recurses deeply

struct JNode {
  enum class Kind : uint8_t { Null, Bool, Int, BigInt, Float, String, Array, Object };
  Kind kind = Kind::Null;
  size_t off = 0;  // byte offset of the value's first character
  bool b = false;
  int64_t i = 0;
  double f = 0;
  std::string s;
  std::vector<JNode> items;
  std::vector<std::string> keys;  // objects: keys[i] names items[i]
  std::vector<size_t> keyOffs;    // objects: offset of each key

  const JNode* find(std::string_view k) const {
    for (size_t n = 0; n < keys.size(); ++n)
      if (keys[n] == k) return &items[n];
    return nullptr;
  }
};

const char* kindName(JNode::Kind k) {
  switch (k) {
    case JNode::Kind::Null:
      return "null";
    case JNode::Kind::Bool:
      return "boolean";
    case JNode::Kind::Int:
    case JNode::Kind::BigInt:
      return "int";
    case JNode::Kind::Float:
      return "float";
    case JNode::Kind::String:
      return "string";
    case JNode::Kind::Array:
      return "list";
    case JNode::Kind::Object:
      return "object";
  }
  return "?";
}

std::string describe(const JNode& v) {
  switch (v.kind) {
    case JNode::Kind::Null:
      return "null";
    case JNode::Kind::Bool:
      return v.b ? "boolean true" : "boolean false";
    case JNode::Kind::Int:
      return "int " + std::to_string(v.i);
    case JNode::Kind::BigInt:
      return "an integer too large for 64 bits";
    case JNode::Kind::Float:
      return "float " + formatFloat(v.f);
    case JNode::Kind::String:
      return describeText(v.s);
    case JNode::Kind::Array:
      return "a list";
    case JNode::Kind::Object:
      return "an object";
  }
  return "?";
}

// Byte offset -> 1-based line and code-point column. Lookups mostly move forward through the
// file, so the column is counted from the previous lookup when it is on the same line.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }
  SourcePos pos(size_t off) const {
    off = std::min(off, text_.size());
    size_t line = static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), off) -
                                      starts_.begin()) -
                  1;
    size_t from = starts_[line];
    uint32_t col = 1;
    if (line == cacheLine_ && off >= cacheOff_) {
      from = cacheOff_;
      col = cacheCol_;
    }
    for (size_t i = from; i < off; ++i)
      if (text::isLeadByte(text_[i])) ++col;
    cacheLine_ = line;
    cacheOff_ = off;
    cacheCol_ = col;
    return SourcePos{static_cast<uint32_t>(line + 1), col};
  }

 private:
  std::string_view text_;
  std::vector<size_t> starts_;
  mutable size_t cacheLine_ = SIZE_MAX, cacheOff_ = 0;
  mutable uint32_t cacheCol_ = 1;
};

// Input iterator over the text that publishes how many bytes the lexer has consumed.
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator() = default;
  CountingIterator(const char* p, const char** consumed) : p_(p), consumed_(consumed) {}
  reference operator*() const { return *p_; }
  CountingIterator& operator++() {
    ++p_;
    if (consumed_) *consumed_ = p_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator old = *this;
    ++*this;
    return old;
  }
  friend bool operator==(const CountingIterator& a, const CountingIterator& b) {
    return a.p_ == b.p_;
  }

 private:
  const char* p_ = nullptr;
  const char** consumed_ = nullptr;
};

using json = nlohmann::json;

class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, const char** consumed) : text_(text), consumed_(consumed) {}

  JNode root;
  bool failed = false;
  size_t errorOff = 0;
  std::string errorMessage;

  bool null() { return leaf(JNode::Kind::Null, cursor() - 4); }
  bool boolean(bool v) {
    leaf(JNode::Kind::Bool, cursor() - (v ? 4 : 5))->b = v;
    return true;
  }
  bool number_integer(json::number_integer_t v) {
    leaf(JNode::Kind::Int, numberStart())->i = v;
    return true;
  }
  bool number_unsigned(json::number_unsigned_t v) {
    if (v <= static_cast<uint64_t>(INT64_MAX)) return number_integer(static_cast<int64_t>(v));
    leaf(JNode::Kind::BigInt, numberStart());
    return true;
  }
  bool number_float(json::number_float_t v, const std::string&) {
    leaf(JNode::Kind::Float, numberStart())->f = v;
    return true;
  }
  bool string(std::string& v) {
    leaf(JNode::Kind::String, stringStart())->s = std::move(v);
    return true;
  }
  bool binary(json::binary_t&) { return true; }  // not produced by JSON text
  bool start_object(std::size_t) { return open(JNode::Kind::Object); }
  bool start_array(std::size_t) { return open(JNode::Kind::Array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& k) {
    JNode& obj = *stack_.back();
    size_t off = stringStart();
    if (obj.find(k)) return fail(off, "duplicate key '" + k + "'");
    obj.keys.push_back(std::move(k));
    obj.keyOffs.push_back(off);
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) {
    // position counts the bytes read: the parser stopped at the byte before it (the '}' of
    // a trailing comma, the second value of a missing comma, the end of the input). The
    // "last read" token text nlohmann passes can span several tokens, so it is not used.
    size_t off = std::min(position > 0 ? position - 1 : 0, text_.size());
    std::string msg = ex.what();
    // Drop nlohmann's "[json.exception...] parse error at line L, column C: " prefix: we
    // report our own line:col in code points.
    size_t col = msg.find("column ");
    size_t cut = col == std::string::npos ? std::string::npos : msg.find(": ", col);
    if (cut != std::string::npos) msg = msg.substr(cut + 2);
    // ...and its "; last read: '...'" echo, for the same reason (the caret shows the place).
    if (size_t lr = msg.find("; last read: '"); lr != std::string::npos) {
      size_t end = msg.find("'; expected", lr + 14);
      msg.erase(lr, end == std::string::npos ? std::string::npos : end + 1 - lr);
    }
    // A bad literal or number (tru, 1.}): the caret goes to its first character.
    if (msg.find("invalid literal") != std::string::npos ||
        msg.find("invalid number") != std::string::npos) {
      auto partOf = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '+' || c == '-';
      };
      while (off > 0 && partOf(text_[off - 1])) --off;
    }
    return fail(off, "malformed JSON: " + msg);
  }

 private:
  size_t cursor() const { return static_cast<size_t>(*consumed_ - text_.data()); }

  bool fail(size_t off, std::string message) {
    if (!failed) {
      failed = true;
      errorOff = off;
      errorMessage = std::move(message);
    }
    return false;
  }

  static bool isNumberChar(char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
  }
  // The lexer reads one character past a number (its terminator), unless the text ends.
  size_t numberStart() const {
    size_t end = cursor();
    if (!(end == text_.size() && end > 0 && text_[end - 1] >= '0' && text_[end - 1] <= '9') &&
        end > 0)
      --end;
    while (end > 0 && isNumberChar(text_[end - 1])) --end;
    return end;
  }
  // The lexer has just read the closing quote; walk back to the unescaped opening one.
  size_t stringStart() const {
    size_t close = cursor() - 1;
    for (size_t i = close; i-- > 0;) {
      if (text_[i] != '"') continue;
      size_t slashes = 0;
      while (i >= slashes + 1 && text_[i - slashes - 1] == '\\') ++slashes;
      if (slashes % 2 == 0) return i;
    }
    return 0;
  }

  // Adds a value at the current place in the tree. Only the innermost open container
  // grows, so pointers to the open containers on the stack stay valid.
  JNode* leaf(JNode::Kind kind, size_t off) {
    JNode* n = &root;
    if (!stack_.empty()) {
      stack_.back()->items.emplace_back();
      n = &stack_.back()->items.back();
    }
    n->kind = kind;
    n->off = off;
    return n;
  }
  bool open(JNode::Kind kind) {
    if (stack_.size() >= kMaxDepth)
      return fail(cursor() - 1,
                  "JSON nested more than " + std::to_string(kMaxDepth) + " levels deep");
    stack_.push_back(leaf(kind, cursor() - 1));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  std::string_view text_;
  const char** consumed_;
  std::vector<JNode*> stack_;
};

// The scalar kind of a leaf (null for null, big integers, lists and objects).
std::optional<ScalarKind> scalarKind(const JNode& n) {
  switch (n.kind) {
    case JNode::Kind::Bool:
      return ScalarKind::Bool;
    case JNode::Kind::Int:
      return ScalarKind::Int;
    case JNode::Kind::Float:
      return ScalarKind::Float;
    case JNode::Kind::String:
      return ScalarKind::String;
    default:
      return std::nullopt;
  }
}

// Converts a subtree to a Value; recursion is bounded by kMaxDepth.
Value toValue(const JNode& v, const std::function<void(const JNode&)>& bad) {
  switch (v.kind) {
    case JNode::Kind::Null:
      return Value();
    case JNode::Kind::Bool:
      return Value(v.b);
    case JNode::Kind::Int:
      return Value(v.i);
    case JNode::Kind::BigInt:
      bad(v);
      return Value();
    case JNode::Kind::Float:
      return Value(v.f);
    case JNode::Kind::String:
      return Value(v.s);
    case JNode::Kind::Array: {
      ValueList list;
      list.reserve(v.items.size());
      for (const JNode& e : v.items) list.push_back(toValue(e, bad));
      return Value(std::move(list));
    }
    case JNode::Kind::Object: {
      ValueMap map;
      map.reserve(v.items.size());
      for (size_t n = 0; n < v.items.size(); ++n)
        map.emplace_back(v.keys[n], toValue(v.items[n], bad));
      return Value(std::move(map));
    }
  }
  return Value();
}

}  // namespace

struct JsonFile::Impl {
  std::string path;
  uint32_t file = 0;
  std::string text;
  std::unique_ptr<LineIndex> lines;
  JNode root;
  std::vector<std::pair<std::string, SourcePos>> imports;
  // Endpoint labels named by relationship type declarations, checked once all schemas are in.
  struct EndRef {
    std::string type, label;
    size_t off;
  };
  std::vector<EndRef> endRefs;

  SourcePos at(size_t off) const { return lines->pos(off); }
  SourcePos at(const JNode& n) const { return lines->pos(n.off); }

  [[noreturn]] void fail(const Stage& st, const JNode& n, const std::string& msg) const {
    st.fail(file, at(n), msg);
  }

  // Checks an object's keys against the allowed ones (so a typo is not silently ignored).
  void allowKeys(const Stage& st, const JNode& obj, std::initializer_list<const char*> allowed,
                 const char* what) const {
    for (size_t n = 0; n < obj.keys.size(); ++n) {
      bool ok = std::any_of(allowed.begin(), allowed.end(),
                            [&](const char* a) { return obj.keys[n] == a; });
      if (ok) continue;
      std::string list;
      for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      st.fail(file, at(obj.keyOffs[n]),
              "unknown key '" + obj.keys[n] + "' in " + what + " (expected " + list + ")");
    }
  }
  const JNode& expect(const Stage& st, const JNode& n, JNode::Kind kind,
                      const std::string& what) const {
    if (n.kind != kind)
      fail(st, n,
           what + " must be " +
               (kind == JNode::Kind::Array    ? "a list"
                : kind == JNode::Kind::Object ? "an object"
                                              : kindName(kind)) +
               ", got " + describe(n));
    return n;
  }
  std::string stringOf(const Stage& st, const JNode& n, const std::string& what) const {
    return expect(st, n, JNode::Kind::String, what).s;
  }
  // A field given as one string or as a list of strings.
  std::vector<std::pair<std::string, const JNode*>> stringList(const Stage& st, const JNode& n,
                                                               const std::string& what) const {
    std::vector<std::pair<std::string, const JNode*>> out;
    if (n.kind == JNode::Kind::String) {
      out.emplace_back(n.s, &n);
      return out;
    }
    if (n.kind != JNode::Kind::Array)
      fail(st, n, what + " must be a string or a list of strings, got " + describe(n));
    for (const JNode& e : n.items) out.emplace_back(stringOf(st, e, what + " entries"), &e);
    return out;
  }

  std::vector<PropertyDef> propertyDefs(const Stage& st, const JNode* list) const {
    std::vector<PropertyDef> defs;
    if (!list) return defs;
    expect(st, *list, JNode::Kind::Array, "\"properties\"");
    for (const JNode& p : list->items) {
      expect(st, p, JNode::Kind::Object, "a property declaration");
      allowKeys(st, p, {"name", "type", "required", "description"}, "a property declaration");
      PropertyDef d;
      const JNode* name = p.find("name");
      if (!name) fail(st, p, "property declaration without \"name\"");
      d.name = stringOf(st, *name, "\"name\"");
      if (const JNode* t = p.find("type")) {
        std::string tn = stringOf(st, *t, "\"type\"");
        auto pt = parsePropType(tn);
        if (!pt)
          fail(st, *t,
               "unknown property type '" + tn +
                   "' (expected bool, int, float, string, date, string[], int[], "
                   "float[], list, map or any)");
        d.type = *pt;
      }
      if (const JNode* r = p.find("required"))
        d.required = expect(st, *r, JNode::Kind::Bool, "\"required\"").b;
      if (const JNode* ds = p.find("description"))
        d.description = stringOf(st, *ds, "\"description\"");
      defs.push_back(std::move(d));
    }
    return defs;
  }

  // Converts a property value to a staged cell of the expected type, or fails at the value.
  Cell cell(Stage& st, std::string_view key, const PropSpec& spec, const JNode& v) const {
    Cell c;
    auto mismatch = [&]() { fail(st, v, typeMismatch(key, spec, describe(v))); };
    auto bigInt = [&](const JNode& n) {
      fail(st, n, "property '" + std::string(key) + "': integer too large for 64 bits");
    };
    if (v.kind == JNode::Kind::Null) return c;
    if (v.kind == JNode::Kind::BigInt) bigInt(v);
    auto boxed = [&](Value val) {
      c.kind = Cell::Kind::Boxed;
      c.i = st.box(std::move(val));
      return c;
    };
    auto boxAll = [&]() { return boxed(toValue(v, bigInt)); };
    const PropType t = spec.type;
    if (t == PropType::Date) {  // a date is written as a string
      Date d;
      // A valid_to written as a year or a month holds through its last day (docs/time.md).
      bool ok = key == "valid_to" ? parseDateEnd(v.s, d) : parseDate(v.s, d);
      if (v.kind != JNode::Kind::String || !ok) mismatch();
      c.kind = Cell::Kind::Date;
      c.i = d.days;
      return c;
    }
    if (std::optional<ScalarKind> k = rules::scalarOf(t); k && *k > ScalarKind::Date) {
      // The other temporal types are ISO 8601 strings too.
      std::optional<Value> val;
      if (v.kind == JNode::Kind::String) val = parseTemporalScalar(*k, v.s);
      if (!val) mismatch();
      return boxed(std::move(*val));
    }
    if (v.kind == JNode::Kind::Object) {
      if (t != PropType::Any && t != PropType::Map) mismatch();
      return boxAll();
    }
    if (v.kind == JNode::Kind::Array) {
      if (t == PropType::Any || t == PropType::List) return boxAll();
      std::optional<ScalarKind> elem = rules::elementOf(t);
      if (!elem) {
        mismatch();
        return c;
      }
      for (const JNode& e : v.items) {
        std::optional<ScalarKind> k = scalarKind(e);
        if (!k || !rules::scalarFits(*k, rules::typeOf(*elem, false))) mismatch();
      }
      if (t != PropType::FloatList) return boxAll();
      ValueList list;  // ints widen to floats
      for (const JNode& e : v.items)
        list.emplace_back(e.kind == JNode::Kind::Int ? static_cast<double>(e.i) : e.f);
      return boxed(Value(std::move(list)));
    }
    const std::optional<ScalarKind> k = scalarKind(v);
    if (!k || !rules::scalarFits(*k, t)) {
      mismatch();
      return c;
    }
    switch (*k) {
      case ScalarKind::Bool:
        c.kind = Cell::Kind::Bool;
        c.i = v.b;
        break;
      case ScalarKind::Int:
        c.kind = Cell::Kind::Int;
        c.i = v.i;
        if (rules::widensToFloat(*k, t)) {
          c.kind = Cell::Kind::Float;
          c.f = static_cast<double>(v.i);
        }
        break;
      case ScalarKind::Float:
        c.kind = Cell::Kind::Float;
        c.f = v.f;
        break;
      default:
        c.kind = Cell::Kind::String;
        c.text = st.store(v.s);
    }
    return c;
  }
};

JsonFile::JsonFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JsonFile::~JsonFile() = default;
const std::vector<std::pair<std::string, SourcePos>>& JsonFile::imports() const {
  return impl_->imports;
}
uint32_t JsonFile::file() const {
  return impl_->file;
}

std::unique_ptr<JsonFile> JsonFile::read(const std::string& path, Stage& st, uint32_t file) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->file = file;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      Error e(ErrorKind::IOError, "cannot open the file for reading");
      e.setFile(path);
      throw e;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) {
      Error e(ErrorKind::IOError, "error while reading the file");
      e.setFile(path);
      throw e;
    }
    impl->text = std::move(buf).str();
  }
  if (impl->text.size() >= UINT32_MAX) st.fail(file, {}, "JSON file too large (4 GiB or more)");
  impl->lines = std::make_unique<LineIndex>(impl->text);

  const char* consumed = impl->text.data();
  TreeBuilder builder(impl->text, &consumed);
  CountingIterator first(impl->text.data(), &consumed);
  CountingIterator last(impl->text.data() + impl->text.size(), nullptr);
  bool ok = json::sax_parse(first, last, &builder);
  if (!ok || builder.failed) {
    std::string msg = builder.failed ? builder.errorMessage : "malformed JSON";
    st.fail(file, impl->at(builder.errorOff), msg);
  }
  impl->root = std::move(builder.root);

  const Impl& f = *impl;
  const JNode& root = f.root;
  if (root.kind != JNode::Kind::Object)
    f.fail(st, root, "a silkgraph JSON file must hold one object, got " + describe(root));
  f.allowKeys(st, root, {"format", "description", "imports", "schema", "nodes", "relationships"},
              "the top-level object");
  if (const JNode* fmt = root.find("format")) {
    std::string v = f.stringOf(st, *fmt, "\"format\"");
    if (v != "silkgraph/1")
      f.fail(st, *fmt, "unsupported format '" + v + "' (expected \"silkgraph/1\")");
  }
  if (const JNode* imp = root.find("imports"))
    for (auto& [name, node] : f.stringList(st, *imp, "\"imports\""))
      impl->imports.emplace_back(name, f.at(*node));
  if (const JNode* n = root.find("nodes")) f.expect(st, *n, JNode::Kind::Array, "\"nodes\"");
  if (const JNode* r = root.find("relationships"))
    f.expect(st, *r, JNode::Kind::Array, "\"relationships\"");
  return std::unique_ptr<JsonFile>(new JsonFile(std::move(impl)));
}

void JsonFile::stageSchema(Stage& st) const {
  Impl& f = *impl_;
  const JNode* schema = f.root.find("schema");
  if (!schema) return;
  f.expect(st, *schema, JNode::Kind::Object, "\"schema\"");
  f.allowKeys(st, *schema, {"labels", "relationships", "description"}, "\"schema\"");
  // Each declaration is merged on its own so a conflict is reported at its place.
  auto mergeOne = [&](const JNode& at, auto&& add) {
    Schema one;
    try {
      add(one);
      st.schema.merge(one);
    } catch (const std::invalid_argument& e) {
      f.fail(st, at, e.what());
    }
  };
  if (const JNode* labels = schema->find("labels")) {
    f.expect(st, *labels, JNode::Kind::Array, "\"labels\"");
    for (const JNode& l : labels->items) {
      f.expect(st, l, JNode::Kind::Object, "a label declaration");
      f.allowKeys(st, l, {"name", "key", "properties", "description"}, "a label declaration");
      LabelDef d;
      const JNode* name = l.find("name");
      if (!name) f.fail(st, l, "label declaration without \"name\"");
      d.name = f.stringOf(st, *name, "\"name\"");
      d.key = "id";  // every node has an id; "key": null declares a label without key
      if (const JNode* k = l.find("key"))
        d.key = k->kind == JNode::Kind::Null ? "" : f.stringOf(st, *k, "\"key\"");
      d.properties = f.propertyDefs(st, l.find("properties"));
      if (const JNode* ds = l.find("description"))
        d.description = f.stringOf(st, *ds, "\"description\"");
      mergeOne(l, [&](Schema& s) { s.addLabel(std::move(d)); });
    }
  }
  if (const JNode* types = schema->find("relationships")) {
    f.expect(st, *types, JNode::Kind::Array, "\"relationships\"");
    for (const JNode& t : types->items) {
      f.expect(st, t, JNode::Kind::Object, "a relationship type declaration");
      f.allowKeys(st, t, {"type", "from", "to", "properties", "description", "index", "symmetric"},
                  "a relationship type declaration");
      RelTypeDef d;
      const JNode* name = t.find("type");
      if (!name) f.fail(st, t, "relationship type declaration without \"type\"");
      d.name = f.stringOf(st, *name, "\"type\"");
      for (auto [side, list] : {std::pair{"from", &d.from}, std::pair{"to", &d.to}})
        if (const JNode* ends = t.find(side))
          for (auto& [label, node] : f.stringList(st, *ends, std::string("\"") + side + "\"")) {
            list->push_back(label);
            f.endRefs.push_back({d.name, label, node->off});
          }
      d.properties = f.propertyDefs(st, t.find("properties"));
      if (const JNode* ds = t.find("description"))
        d.description = f.stringOf(st, *ds, "\"description\"");
      if (const JNode* ix = t.find("index"))
        for (auto& [key, node] : f.stringList(st, *ix, "\"index\"")) d.index.push_back(key);
      if (const JNode* sym = t.find("symmetric"))
        d.symmetric = f.expect(st, *sym, JNode::Kind::Bool, "\"symmetric\"").b;
      mergeOne(t, [&](Schema& s) { s.addRelType(std::move(d)); });
    }
  }
}

void JsonFile::checkSchemaReferences(const Stage& st) const {
  for (const Impl::EndRef& r : impl_->endRefs)
    if (!st.schema.findLabel(r.label))
      st.fail(impl_->file, impl_->at(r.off),
              "relationship type " + r.type + " names undeclared label '" + r.label + "'");
}

void JsonFile::stageNodes(Stage& st) const {
  const Impl& f = *impl_;
  const JNode* nodes = f.root.find("nodes");
  if (!nodes) return;
  for (const JNode& n : nodes->items) {
    f.expect(st, n, JNode::Kind::Object, "a node");
    f.allowKeys(st, n, {"id", "labels", "properties"}, "a node");
    st.beginNode(f.file, f.at(n));
    const JNode* id = n.find("id");
    if (!id) f.fail(st, n, "node without \"id\"");
    st.nodeId(f.stringOf(st, *id, "a node's \"id\""), "id", f.at(*id));
    if (const JNode* labels = n.find("labels"))
      for (auto& [label, node] : f.stringList(st, *labels, "\"labels\""))
        st.nodeLabel(label, f.at(*node));
    if (const JNode* props = n.find("properties")) {
      f.expect(st, *props, JNode::Kind::Object, "\"properties\"");
      for (size_t k = 0; k < props->keys.size(); ++k) {
        const std::string& key = props->keys[k];
        SourcePos keyPos = f.at(props->keyOffs[k]);
        PropSpec spec = st.nodePropSpec(key, keyPos);
        st.nodeProp(key, f.cell(st, key, spec, props->items[k]), f.at(props->items[k]));
      }
    }
    st.endNode();
  }
}

void JsonFile::stageRelationships(Stage& st) const {
  const Impl& f = *impl_;
  const JNode* rels = f.root.find("relationships");
  if (!rels) return;
  for (const JNode& r : rels->items) {
    f.expect(st, r, JNode::Kind::Object, "a relationship");
    f.allowKeys(st, r, {"type", "from", "to", "properties"}, "a relationship");
    st.beginRel(f.file, f.at(r));
    const JNode* type = r.find("type");
    if (!type) f.fail(st, r, "relationship without \"type\"");
    st.relType(f.stringOf(st, *type, "a relationship's \"type\""), f.at(*type));
    const JNode* from = r.find("from");
    if (!from) f.fail(st, r, "relationship without \"from\"");
    st.relStart(f.stringOf(st, *from, "\"from\""), f.at(*from));
    const JNode* to = r.find("to");
    if (!to) f.fail(st, r, "relationship without \"to\"");
    st.relEnd(f.stringOf(st, *to, "\"to\""), f.at(*to));
    if (const JNode* props = r.find("properties")) {
      f.expect(st, *props, JNode::Kind::Object, "\"properties\"");
      for (size_t k = 0; k < props->keys.size(); ++k) {
        const std::string& key = props->keys[k];
        PropSpec spec = st.relPropSpec(key, f.at(props->keyOffs[k]));
        st.relProp(key, f.cell(st, key, spec, props->items[k]), f.at(props->items[k]));
      }
    }
    st.endRel();
  }
}

}  // namespace silkgraph::load
