// Procedure signatures in Neo4j's notation: parsing `name(p :: TYPE?, q = default :: TYPE?) ::
// (c :: TYPE?)`, printing them back (dbms.procedures()), and checking argument values against
// the declared types.
#include <cctype>
#include <string>

#include "query/procedure/procedure.h"

namespace silkgraph {
namespace {

struct TypeName {
  const char* name;
  ProcType type;
};
constexpr TypeName kTypes[] = {
    {"ANY", ProcType::Any},
    {"BOOLEAN", ProcType::Boolean},
    {"INTEGER", ProcType::Integer},
    {"FLOAT", ProcType::Float},
    {"NUMBER", ProcType::Number},
    {"STRING", ProcType::String},
    {"DATE", ProcType::Date},
    {"MAP", ProcType::Map},
    {"LIST", ProcType::List},
    {"NODE", ProcType::Node},
    {"RELATIONSHIP", ProcType::Relationship},
    {"PATH", ProcType::Path},
};

const char* baseName(ProcType t) {
  for (const auto& n : kTypes)
    if (n.type == t) return n.name;
  return "ANY";
}

class SignatureParser {
 public:
  explicit SignatureParser(std::string_view s) : s_(s) {}

  ProcedureDef parse() {
    ProcedureDef def;
    skip();
    size_t start = i_;
    while (i_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.' || s_[i_] == '_'))
      ++i_;
    def.name = std::string(s_.substr(start, i_ - start));
    if (def.name.empty()) fail("expected a procedure name");
    expect('(');
    if (!accept(')')) {
      do def.params.push_back(parseParam());
      while (accept(','));
      expect(')');
    }
    expect(':');
    expect(':');
    skip();
    if (word("VOID")) {
      // no outputs
    } else {
      expect('(');
      if (!accept(')')) {
        do {
          ProcColumn c;
          c.name = identifier();
          expect(':');
          expect(':');
          c.type = parseType();
          def.outputs.push_back(std::move(c));
        } while (accept(','));
        expect(')');
      }
    }
    skip();
    if (i_ != s_.size()) fail("unexpected text after the outputs");
    return def;
  }

 private:
  std::string_view s_;
  size_t i_ = 0;

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorKind::ArgumentError,
                "procedure signature '" + std::string(s_) + "', column " + std::to_string(i_ + 1) +
                    ": " + what,
                {}, "InvalidSignature");
  }
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool accept(char c) {
    skip();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!accept(c)) fail(std::string("expected '") + c + "'");
  }
  bool word(std::string_view w) {
    skip();
    if (s_.substr(i_, w.size()) != w) return false;
    size_t e = i_ + w.size();
    if (e < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[e])) || s_[e] == '_'))
      return false;
    i_ = e;
    return true;
  }
  std::string identifier() {
    skip();
    size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_'))
      ++i_;
    if (start == i_) fail("expected a name");
    return std::string(s_.substr(start, i_ - start));
  }
  ProcType baseType() {
    for (const auto& n : kTypes)
      if (word(n.name)) {
        accept('?');
        return n.type;
      }
    fail(
        "expected a type (ANY, BOOLEAN, INTEGER, FLOAT, NUMBER, STRING, DATE, MAP, LIST, NODE, "
        "RELATIONSHIP, PATH)");
  }
  ProcTypeSpec parseType() {
    ProcTypeSpec t;
    t.type = baseType();
    if (t.type == ProcType::List && word("OF")) {
      t.listOf = true;
      t.element = baseType();
    }
    return t;
  }
  Value literal() {
    skip();
    if (word("null")) return Value();
    if (word("true")) return Value(true);
    if (word("false")) return Value(false);
    if (accept('{')) {
      expect('}');
      return Value(ValueMap{});
    }
    if (accept('[')) {
      expect(']');
      return Value(ValueList{});
    }
    if (i_ < s_.size() && (s_[i_] == '\'' || s_[i_] == '"')) {
      char q = s_[i_++];
      size_t start = i_;
      while (i_ < s_.size() && s_[i_] != q) ++i_;
      if (i_ == s_.size()) fail("unterminated string");
      return Value(std::string(s_.substr(start, i_++ - start)));
    }
    size_t start = i_;
    while (i_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-' ||
                              s_[i_] == '.' || s_[i_] == 'e'))
      ++i_;
    std::string num(s_.substr(start, i_ - start));
    if (num.empty()) fail("expected a default value");
    try {
      if (num.find_first_of(".e") != std::string::npos) return Value(std::stod(num));
      return Value(static_cast<int64_t>(std::stoll(num)));
    } catch (const std::exception&) {
      fail("cannot read the number '" + num + "'");
    }
  }
  ProcParam parseParam() {
    ProcParam p;
    p.name = identifier();
    if (accept('=')) p.defaultValue = literal();
    expect(':');
    expect(':');
    p.type = parseType();
    return p;
  }
};

}  // namespace

ProcedureDef parseProcedureSignature(std::string_view signature) {
  return SignatureParser(signature).parse();
}

std::string procTypeName(const ProcTypeSpec& t) {
  if (t.listOf) return std::string("LIST? OF ") + baseName(t.element) + "?";
  return std::string(baseName(t.type)) + "?";
}

bool procTypeAccepts(const ProcTypeSpec& t, const Value& v) {
  using V = Value::Type;
  if (v.isNull()) return true;
  switch (t.type) {
    case ProcType::Any:
      return true;
    case ProcType::Boolean:
      return v.type() == V::Bool;
    case ProcType::Integer:
      return v.type() == V::Int;
    case ProcType::Float:
    case ProcType::Number:
      return v.isNumber();
    case ProcType::String:
      return v.type() == V::String;
    case ProcType::Date:
      return v.type() == V::Date;
    case ProcType::Map:
      return v.type() == V::Map;
    case ProcType::List: {
      if (v.type() != V::List) return false;
      if (!t.listOf) return true;
      ProcTypeSpec el{t.element, ProcType::Any, false};
      for (const Value& x : v.asList())
        if (!procTypeAccepts(el, x)) return false;
      return true;
    }
    case ProcType::Node:
      return v.type() == V::Node;
    case ProcType::Relationship:
      return v.type() == V::Rel;
    case ProcType::Path:
      return v.type() == V::Path;
  }
  return false;
}

Value procCoerce(const ProcTypeSpec& t, Value v) {
  if (t.type == ProcType::Float && v.type() == Value::Type::Int)
    return Value(static_cast<double>(v.asInt()));
  return v;
}

std::string ProcedureDef::signature() const {
  std::string s = name + "(";
  for (size_t i = 0; i < params.size(); ++i) {
    if (i) s += ", ";
    s += params[i].name;
    if (params[i].defaultValue) s += " = " + params[i].defaultValue->toCypherLiteral();
    s += " :: " + procTypeName(params[i].type);
  }
  s += ") :: ";
  if (outputs.empty()) return s + "VOID";
  s += "(";
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (i) s += ", ";
    s += outputs[i].name + " :: " + procTypeName(outputs[i].type);
  }
  return s + ")";
}

size_t ProcedureDef::requiredParams() const {
  size_t n = 0;
  for (const auto& p : params)
    if (!p.defaultValue) ++n;
  return n;
}

int ProcedureDef::outputIndex(std::string_view column) const {
  for (size_t i = 0; i < outputs.size(); ++i)
    if (outputs[i].name == column) return static_cast<int>(i);
  return -1;
}

}  // namespace silkgraph
