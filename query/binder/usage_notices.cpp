// Implements usageNotices (query/binder/notices.h): one walk over the AST finds directed
// patterns that a symmetric relationship type cannot answer both ways, and comparisons of a
// string with a temporal value; the graph is read only to sample what a property holds.
#include <map>
#include <set>
#include <string_view>

#include "common/text.h"
#include "query/binder/notices.h"
#include "query/parser/ast.h"

namespace silkgraph {
namespace {

using namespace ast;

constexpr uint64_t kValuesRead = 2000;  // what a property holds, from this many entities

bool isSymmetric(const Schema& schema, const std::string& type) {
  const RelTypeDef* def = schema.findRelType(type);
  return def && def->symmetric;
}

// What a property holds in the graph and the schema: strings only, temporal values only, or
// neither known.
enum class Holds { Unknown, Strings, Temporal };

bool temporalType(Value::Type t) {
  return t == Value::Type::Date || t == Value::Type::LocalTime || t == Value::Type::Time ||
         t == Value::Type::LocalDateTime || t == Value::Type::DateTime;
}

bool temporalPropType(PropType t) {
  return t == PropType::Date || t == PropType::LocalTime || t == PropType::Time ||
         t == PropType::LocalDateTime || t == PropType::DateTime;
}

class Walker {
 public:
  Walker(const Graph& graph, const Schema& schema) : graph_(graph), schema_(schema) {}
  std::vector<Notice> out;

  void statement(const Statement& st) {
    for (const SingleQuery& q : st.queries)
      for (const Clause& c : q.clauses) clause(c);
  }

 private:
  const Graph& graph_;
  const Schema& schema_;
  std::map<std::string, std::string, std::less<>> nodeLabel_;  // variable -> first label
  std::map<std::string, std::string, std::less<>> relType_;    // variable -> its one type
  std::set<std::string, std::less<>> relVars_;

  void clause(const Clause& c) {
    pattern(c.pattern, c.kind == ClauseKind::Merge);
    expr(c.where.get());
    expr(c.expr.get());
    const Projection& p = c.projection;
    for (const ProjectionItem& i : p.items) expr(i.expr.get());
    for (const SortItem& s : p.orderBy) expr(s.expr.get());
    expr(p.where.get());
    for (const auto* items : {&c.setItems, &c.onCreate, &c.onMatch})
      for (const SetItem& s : *items) expr(s.value.get());
    for (const ExprPtr& e : c.deleteExprs) expr(e.get());
    for (const ExprPtr& e : c.args) expr(e.get());
  }

  void pattern(const Pattern& p, bool merge) {
    for (const PatternPart& part : p.parts) {
      for (const NodePattern& n : part.nodes)
        if (!n.var.empty() && !n.labels.empty()) nodeLabel_.emplace(n.var, n.labels[0]);
      for (const RelPattern& r : part.rels) {
        if (!r.var.empty()) {
          relVars_.insert(r.var);
          if (r.types.size() == 1) relType_.emplace(r.var, r.types[0]);
        }
        if (r.direction != RelDirection::Both) direction(r, merge);
      }
    }
  }

  // A directed pattern of a symmetric type that is not answered both ways: MERGE, or a type
  // list mixing symmetric and directed types (the binder turns only all-symmetric lists).
  void direction(const RelPattern& r, bool merge) {
    std::vector<std::string> symmetric, directed;
    for (const std::string& t : r.types)
      (isSymmetric(schema_, t) ? symmetric : directed).push_back(t);
    if (symmetric.empty()) return;
    const std::string& type = symmetric.front();
    if (merge) {
      out.push_back({r.pos, "SymmetricTypeDirectionWarning",
                     type +
                         " is symmetric (declared in the schema), but MERGE matches a "
                         "directed pattern only as written: a " +
                         type +
                         " stored the other way is not found and a second one is created; "
                         "write the pattern undirected, -[:" +
                         type + "]-, to find either"});
    } else if (!directed.empty()) {
      out.push_back({r.pos, "SymmetricTypeDirectionWarning",
                     type + " is symmetric (declared in the schema) but " + directed.front() +
                         " is not, so this directed pattern follows each relationship as "
                         "stored and misses the " +
                         type + " relationships stored the other way; match " + type +
                         " in a pattern of its own, or undirected"});
    }
  }

  void expr(const Expr* e) {
    if (!e) return;
    if (e->kind == ExprKind::Binary && (e->op == Op::Eq || e->op == Op::Neq || e->op == Op::Lt ||
                                        e->op == Op::Le || e->op == Op::Gt || e->op == Op::Ge))
      comparison(*e);
    if (e->pattern) pattern(*e->pattern, false);
    for (const ExprPtr& c : e->children) expr(c.get());
    expr(e->where.get());
    expr(e->projection.get());
  }

  // The temporal function an expression calls (date, datetime, ...), or "".
  static std::string temporalCall(const Expr& e) {
    if (e.kind != ExprKind::FunctionCall) return {};
    std::string name = text::asciiLower(e.name);
    name = name.substr(0, name.find('.'));  // date.truncate, datetime.fromepoch, ...
    for (const char* t : {"date", "datetime", "localdatetime", "localtime", "time"})
      if (name == t) return name;
    return {};
  }

  void comparison(const Expr& e) {
    const Expr& a = *e.children[0];
    const Expr& b = *e.children[1];
    for (auto [s, t] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
      std::string temporal = temporalCall(*t);
      if (temporal.empty() && holds(*t) == Holds::Temporal) temporal = "temporal";
      if (temporal.empty()) continue;
      std::string what;
      if (s->kind == ExprKind::Literal && s->value.type() == Value::Type::String)
        what = "the string '" + s->value.asString() + "'";
      else if (holds(*s) == Holds::Strings)
        what = s->children[0]->name + "." + s->name + ", which holds strings here,";
      if (what.empty()) continue;
      std::string fix = temporal == "temporal" ? "date" : temporal;
      out.push_back(
          {e.pos, "StringTemporalComparisonWarning",
           "this compares " + what + " with a " +
               (temporal == "temporal" ? std::string("temporal value") : temporal + "(...) value") +
               ": the result is null, since Cypher does not read strings as dates; "
               "convert the string, e.g. " +
               fix + "(" +
               (s->kind == ExprKind::Literal ? "'" + s->value.asString() + "'"
                                             : s->children[0]->name + "." + s->name) +
               ")"});
      return;
    }
  }

  // What `var.key` holds: from the schema's declaration for the variable's label or type,
  // else from the values of the first entities that have it.
  Holds holds(const Expr& e) {
    if (e.kind != ExprKind::Property || e.children.empty() ||
        e.children[0]->kind != ExprKind::Variable)
      return Holds::Unknown;
    const std::string& var = e.children[0]->name;
    const bool rel = relVars_.count(var) > 0;
    const auto& names = rel ? relType_ : nodeLabel_;
    auto named = names.find(var);
    const std::string owner = named == names.end() ? "" : named->second;
    const PropertyDef* declared = nullptr;
    if (!owner.empty()) {
      if (rel) {
        if (const RelTypeDef* t = schema_.findRelType(owner)) declared = t->findProperty(e.name);
      } else if (const LabelDef* l = schema_.findLabel(owner)) {
        declared = l->findProperty(e.name);
      }
    }
    if (declared && declared->type == PropType::String) return Holds::Strings;
    if (declared && temporalPropType(declared->type)) return Holds::Temporal;
    const KeyId key = graph_.keyId(e.name);
    if (key == kNoKey) return Holds::Unknown;
    bool strings = false, temporal = false, other = false;
    uint64_t read = 0;
    auto see = [&](const Value& v) {
      if (v.type() == Value::Type::String) {
        strings = true;
      } else if (temporalType(v.type())) {
        temporal = true;
      } else if (v.type() != Value::Type::Null) {
        other = true;
      }
      return ++read < kValuesRead;
    };
    if (rel) {
      const TypeId type = owner.empty() ? kNoType : graph_.typeId(owner);
      uint64_t scanned = 0;  // a rare type is not looked for through every relationship
      graph_.forEachRel([&](RelId r) {
        if (type != kNoType && graph_.relType(r) != type) return ++scanned < 50 * kValuesRead;
        return see(graph_.relProperty(r, key));
      });
    } else {
      const LabelId label = owner.empty() ? kNoLabel : graph_.labelId(owner);
      auto node = [&](NodeId n) { return see(graph_.nodeProperty(n, key)); };
      if (label != kNoLabel) {
        graph_.forEachNodeWithLabel(label, node);
      } else {
        graph_.forEachNode(node);
      }
    }
    if (other) return Holds::Unknown;
    if (strings && !temporal) return Holds::Strings;
    if (temporal && !strings) return Holds::Temporal;
    return Holds::Unknown;
  }
};

}  // namespace

std::vector<Notice> usageNotices(const Statement& statement, const Graph& graph,
                                 const Schema& schema) {
  Walker w(graph, schema);
  w.statement(statement);
  return std::move(w.out);
}

}  // namespace silkgraph
