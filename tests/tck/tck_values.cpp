// TCK value notation: parser, result conversion and canonical comparison text (see the
// notation grammar in ../shared/tck/README.md).
#include "tests/tck/tck_values.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace silkgraph::tck {

namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : t_(text) {}

  TckValue parseAll() {
    TckValue v = parseValue();
    skipWs();
    if (p_ != t_.size()) fail("unexpected text after the value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw ParseError("col " + std::to_string(p_ + 1) + ": " + why + " in `" + std::string(t_) +
                     "`");
  }
  void skipWs() {
    while (p_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[p_]))) ++p_;
  }
  bool peek(char c) {
    skipWs();
    return p_ < t_.size() && t_[p_] == c;
  }
  bool peekWord(std::string_view w) {
    skipWs();
    return t_.substr(p_, w.size()) == w;
  }
  void expect(char c) {
    if (!peek(c)) fail(std::string("expected '") + c + "'");
    ++p_;
  }
  bool accept(char c) {
    if (!peek(c)) return false;
    ++p_;
    return true;
  }
  static bool isNameChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
  }
  std::string name() {
    skipWs();
    size_t start = p_;
    if (p_ < t_.size() && t_[p_] == '`') {
      // Backquoted names are not in the TCK grammar, but Cypher literals allow them.
      size_t end = t_.find('`', p_ + 1);
      if (end == std::string_view::npos) fail("unterminated `name`");
      p_ = end + 1;
      return std::string(t_.substr(start + 1, end - start - 1));
    }
    while (p_ < t_.size() && isNameChar(t_[p_])) ++p_;
    if (start == p_) fail("expected a name");
    return std::string(t_.substr(start, p_ - start));
  }

  TckValue parseValue() {
    skipWs();
    if (p_ >= t_.size()) fail("expected a value");
    char c = t_[p_];
    if (c == '\'' || c == '"') return parseString();
    if (c == '[') return parseListOrRel();
    if (c == '{') {
      TckValue v;
      v.kind = TckValue::Kind::Map;
      v.entries = parseMapBody();
      return v;
    }
    if (c == '(') return parseNode();
    if (c == '<') return parsePath();
    if (c == '-' || c == '+' || c == '.' || std::isdigit(static_cast<unsigned char>(c)) ||
        peekWord("NaN") || peekWord("Inf"))
      return parseNumber();
    std::string word = name();
    std::string lower = word;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    TckValue v;
    if (lower == "null") return v;
    if (lower == "true" || lower == "false") {
      v.kind = TckValue::Kind::Bool;
      v.b = lower == "true";
      return v;
    }
    p_ -= word.size();
    fail("unknown value `" + word + "`");
  }

  TckValue parseString() {
    char quote = t_[p_++];
    TckValue v;
    v.kind = TckValue::Kind::String;
    while (true) {
      if (p_ >= t_.size()) fail("unterminated string");
      char c = t_[p_++];
      if (c == quote) break;
      // Only \' and \\ are escapes in the TCK notation; any other backslash is literal.
      if (c == '\\' && p_ < t_.size() && (t_[p_] == quote || t_[p_] == '\\')) c = t_[p_++];
      v.s += c;
    }
    return v;
  }

  TckValue parseNumber() {
    skipWs();
    size_t start = p_;
    bool neg = false;
    if (t_[p_] == '-' || t_[p_] == '+') neg = t_[p_++] == '-';
    TckValue v;
    for (std::string_view special : {"NaN", "Infinity", "Inf"}) {
      if (t_.substr(p_, special.size()) == special) {
        p_ += special.size();
        v.kind = TckValue::Kind::Float;
        v.f = special == "NaN" ? std::nan("") : (neg ? -HUGE_VAL : HUGE_VAL);
        return v;
      }
    }
    bool isFloat = false;
    while (p_ < t_.size()) {
      char c = t_[p_];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        ++p_;
      } else if (c == '.' || c == 'e' || c == 'E') {
        isFloat = true;
        ++p_;
        if ((c == 'e' || c == 'E') && p_ < t_.size() && (t_[p_] == '-' || t_[p_] == '+')) ++p_;
      } else {
        break;
      }
    }
    std::string text(t_.substr(start, p_ - start));
    if (text.empty() || text == "-" || text == "+") fail("expected a number");
    if (isFloat) {
      char* end = nullptr;
      v.kind = TckValue::Kind::Float;
      v.f = std::strtod(text.c_str(), &end);
      if (end != text.c_str() + text.size()) fail("malformed float `" + text + "`");
      return v;
    }
    v.kind = TckValue::Kind::Int;
    const char* b = text.c_str() + (text[0] == '+' ? 1 : 0);
    auto [ptr, ec] = std::from_chars(b, text.c_str() + text.size(), v.i);
    if (ec != std::errc() || ptr != text.c_str() + text.size())
      fail("integer out of range `" + text + "`");
    return v;
  }

  std::vector<TckEntry> parseMapBody() {
    expect('{');
    std::vector<TckEntry> entries;
    if (accept('}')) return entries;
    do {
      std::string key = name();
      expect(':');
      entries.emplace_back(std::move(key), parseValue());
    } while (accept(','));
    expect('}');
    return entries;
  }

  TckValue parseListOrRel() {
    expect('[');
    if (peek(':')) return parseRelRest();
    TckValue v;
    v.kind = TckValue::Kind::List;
    if (accept(']')) return v;
    do {
      v.items.push_back(parseValue());
    } while (accept(','));
    expect(']');
    return v;
  }

  // After '[': ":TYPE {props}]".
  TckValue parseRelRest() {
    expect(':');
    TckValue v;
    v.kind = TckValue::Kind::Rel;
    v.s = name();
    if (peek('{')) v.entries = parseMapBody();
    expect(']');
    return v;
  }

  TckValue parseNode() {
    expect('(');
    TckValue v;
    v.kind = TckValue::Kind::Node;
    while (accept(':')) v.labels.push_back(name());
    if (peek('{')) v.entries = parseMapBody();
    expect(')');
    return v;
  }

  TckValue parsePath() {
    expect('<');
    TckValue v;
    v.kind = TckValue::Kind::Path;
    v.items.push_back(parseNode());
    while (!accept('>')) {
      bool forward = true;
      if (accept('<')) {
        forward = false;
        expect('-');
      } else {
        expect('-');
      }
      expect('[');
      TckValue rel = parseRelRest();
      rel.forward = forward;
      expect('-');
      if (forward) expect('>');
      v.items.push_back(std::move(rel));
      v.items.push_back(parseNode());
    }
    return v;
  }

  std::string_view t_;
  size_t p_ = 0;
};

void sortEntries(std::vector<TckEntry>& e) {
  std::sort(e.begin(), e.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

TckValue nodeOf(NodeId n, const Graph& g) {
  TckValue v;
  v.kind = TckValue::Kind::Node;
  if (!g.nodeExists(n)) {
    v.labels.push_back("<deleted node>");
    return v;
  }
  for (LabelId l : g.nodeLabels(n)) v.labels.push_back(g.labelName(l));
  g.forEachNodeProperty(n, [&](KeyId k, const Value& p) {
    if (!p.isNull()) v.entries.emplace_back(g.keyName(k), fromValue(p, g));
  });
  return v;
}

TckValue relOf(RelId r, const Graph& g) {
  TckValue v;
  v.kind = TckValue::Kind::Rel;
  if (!g.relExists(r)) {
    v.s = "<deleted relationship>";
    return v;
  }
  v.s = g.typeName(g.relType(r));
  g.forEachRelProperty(r, [&](KeyId k, const Value& p) {
    if (!p.isNull()) v.entries.emplace_back(g.keyName(k), fromValue(p, g));
  });
  return v;
}

void appendQuoted(std::string& out, const std::string& s) {
  out += '\'';
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  out += '\'';
}

void appendCanonical(std::string& out, const TckValue& v, bool ilo);

void appendEntries(std::string& out, const std::vector<TckEntry>& entries, bool ilo,
                   bool braceAlways) {
  if (entries.empty() && !braceAlways) return;
  auto sorted = entries;
  sortEntries(sorted);
  if (!braceAlways) out += ' ';
  out += '{';
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (i) out += ", ";
    out += sorted[i].first;
    out += ": ";
    appendCanonical(out, sorted[i].second, ilo);
  }
  out += '}';
}

void appendCanonical(std::string& out, const TckValue& v, bool ilo) {
  using K = TckValue::Kind;
  switch (v.kind) {
    case K::Null:
      out += "null";
      return;
    case K::Bool:
      out += v.b ? "true" : "false";
      return;
    case K::Int:
      out += std::to_string(v.i);
      return;
    case K::Float:
      // Floats compare as numbers, as in the reference runner: -0.0 equals 0.0.
      out += formatFloat(v.f == 0 ? 0.0 : v.f);
      return;
    case K::String:
      appendQuoted(out, v.s);
      return;
    case K::List: {
      std::vector<std::string> parts;
      for (const auto& e : v.items) {
        std::string s;
        appendCanonical(s, e, ilo);
        parts.push_back(std::move(s));
      }
      if (ilo) std::sort(parts.begin(), parts.end());
      out += '[';
      for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out += ", ";
        out += parts[i];
      }
      out += ']';
      return;
    }
    case K::Map:
      appendEntries(out, v.entries, ilo, true);
      return;
    case K::Node: {
      auto labels = v.labels;
      std::sort(labels.begin(), labels.end());
      out += '(';
      for (const auto& l : labels) out += ':' + l;
      appendEntries(out, v.entries, ilo, false);
      out += ')';
      return;
    }
    case K::Rel:
      out += "[:" + v.s;
      appendEntries(out, v.entries, ilo, false);
      out += ']';
      return;
    case K::Path:
      out += '<';
      for (const auto& e : v.items) {
        if (e.kind == K::Rel) {
          out += e.forward ? "-" : "<-";
          appendCanonical(out, e, ilo);
          out += e.forward ? "->" : "-";
        } else {
          appendCanonical(out, e, ilo);
        }
      }
      out += '>';
      return;
  }
}

}  // namespace

TckValue parseTck(std::string_view text) {
  return Parser(text).parseAll();
}

TckValue fromValue(const Value& v, const Graph& g) {
  TckValue out;
  using T = Value::Type;
  switch (v.type()) {
    case T::Null:
      break;
    case T::Bool:
      out.kind = TckValue::Kind::Bool;
      out.b = v.asBool();
      break;
    case T::Int:
      out.kind = TckValue::Kind::Int;
      out.i = v.asInt();
      break;
    case T::Float:
      out.kind = TckValue::Kind::Float;
      out.f = v.asFloat();
      break;
    case T::String:
      out.kind = TckValue::Kind::String;
      out.s = v.asString();
      break;
    case T::Date:
    case T::LocalTime:
    case T::Time:
    case T::LocalDateTime:
    case T::DateTime:
    case T::Duration:
      // The TCK writes temporal values as their ISO 8601 strings.
      out.kind = TckValue::Kind::String;
      out.s = temporalText(v);
      break;
    case T::List:
      out.kind = TckValue::Kind::List;
      for (const Value& e : v.asList()) out.items.push_back(fromValue(e, g));
      break;
    case T::Map:
      out.kind = TckValue::Kind::Map;
      for (const auto& [k, e] : v.asMap()) out.entries.emplace_back(k, fromValue(e, g));
      break;
    case T::Node:
      return nodeOf(v.asNode(), g);
    case T::Rel:
      return relOf(v.asRel(), g);
    case T::Path: {
      const PathValue& p = v.asPath();
      out.kind = TckValue::Kind::Path;
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        out.items.push_back(nodeOf(p.nodes[i], g));
        if (i >= p.rels.size()) break;
        TckValue rel = relOf(p.rels[i], g);
        rel.forward = !g.relExists(p.rels[i]) || g.relSource(p.rels[i]) == p.nodes[i];
        out.items.push_back(std::move(rel));
      }
      break;
    }
  }
  return out;
}

Value toValue(const TckValue& v) {
  using K = TckValue::Kind;
  switch (v.kind) {
    case K::Null:
      return Value();
    case K::Bool:
      return Value(v.b);
    case K::Int:
      return Value(v.i);
    case K::Float:
      return Value(v.f);
    case K::String:
      return Value(v.s);
    case K::List: {
      ValueList l;
      for (const auto& e : v.items) l.push_back(toValue(e));
      return Value(std::move(l));
    }
    case K::Map: {
      ValueMap m;
      for (const auto& [k, e] : v.entries) m.emplace_back(k, toValue(e));
      return Value(std::move(m));
    }
    case K::Node:
    case K::Rel:
    case K::Path:
      break;
  }
  throw ParseError("nodes, relationships and paths cannot be parameter values");
}

std::string canonical(const TckValue& v, bool ignoreListOrder) {
  std::string out;
  appendCanonical(out, v, ignoreListOrder);
  return out;
}

}  // namespace silkgraph::tck
