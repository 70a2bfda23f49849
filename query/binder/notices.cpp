// Implements query/binder/notices.h: one walk over the AST collects the names a statement
// writes and the names it reads (with their positions), then checks the reads.
#include "query/binder/notices.h"

#include <set>
#include <string_view>

#include "common/text.h"
#include "query/parser/ast.h"

namespace silkgraph {
namespace {

using namespace ast;

enum class NameKind { Label, Type, Key };

struct Use {
  NameKind kind;
  std::string name;
  SourcePos pos;
};

class NameCollector {
 public:
  std::vector<Use> reads;
  std::set<std::pair<NameKind, std::string>> writes;

  void statement(const Statement& st) {
    for (const SingleQuery& q : st.queries)
      for (const Clause& c : q.clauses) clause(c);
  }

 private:
  // Variables some pattern binds to a node or relationship.
  std::set<std::string, std::less<>> entityVars_;

  void read(NameKind k, const std::string& name, SourcePos pos) { reads.push_back({k, name, pos}); }
  // The position of the i-th name where the parser recorded it, else the pattern's.
  static SourcePos at(const std::vector<SourcePos>& where, size_t i, SourcePos fallback) {
    return i < where.size() ? where[i] : fallback;
  }
  void write(NameKind k, const std::string& name) { writes.emplace(k, name); }

  void clause(const Clause& c) {
    switch (c.kind) {
      case ClauseKind::Match:
        pattern(c.pattern, false);
        expr(c.where.get());
        break;
      case ClauseKind::Create:
      case ClauseKind::Merge:
        pattern(c.pattern, true);
        for (const SetItem& s : c.onCreate) setItem(s);
        for (const SetItem& s : c.onMatch) setItem(s);
        break;
      case ClauseKind::Unwind:
      case ClauseKind::LoadCsv:
        expr(c.expr.get());
        break;
      case ClauseKind::With:
      case ClauseKind::Return: {
        const Projection& p = c.projection;
        for (const ProjectionItem& i : p.items) expr(i.expr.get());
        for (const SortItem& s : p.orderBy) expr(s.expr.get());
        expr(p.skip.get());
        expr(p.limit.get());
        expr(p.where.get());
        break;
      }
      case ClauseKind::Set:
        for (const SetItem& s : c.setItems) setItem(s);
        break;
      case ClauseKind::Remove:
        for (const RemoveItem& r : c.removeItems) {
          if (r.kind == RemoveItem::Kind::Property && r.target)
            write(NameKind::Key, r.target->name);
          for (const std::string& l : r.labels) write(NameKind::Label, l);
        }
        break;
      case ClauseKind::Delete:
        for (const ExprPtr& e : c.deleteExprs) expr(e.get());
        break;
      case ClauseKind::Call:
        for (const ExprPtr& e : c.args) expr(e.get());
        expr(c.where.get());
        break;
    }
  }

  void setItem(const SetItem& s) {
    if (s.kind == SetItem::Kind::Property && s.target) {
      write(NameKind::Key, s.target->name);
      if (!s.target->children.empty()) expr(s.target->children[0].get());
    }
    for (const std::string& l : s.labels) write(NameKind::Label, l);
    if (s.value) {
      // SET n = {k: ...} / n += {k: ...} writes the map's keys.
      if (s.kind != SetItem::Kind::Property && s.value->kind == ExprKind::MapLiteral)
        for (const std::string& k : s.value->keys) write(NameKind::Key, k);
      expr(s.value.get());
    }
  }

  // A pattern that creates (CREATE, MERGE) writes its names; any other reads them.
  void pattern(const Pattern& p, bool writes) {
    for (const PatternPart& part : p.parts) {
      for (const NodePattern& n : part.nodes) {
        if (!n.var.empty()) entityVars_.insert(n.var);
        for (size_t i = 0; i < n.labels.size(); ++i)
          writes ? write(NameKind::Label, n.labels[i])
                 : read(NameKind::Label, n.labels[i], at(n.labelPos, i, n.pos));
        properties(n.properties.get(), n.pos, writes);
      }
      for (const RelPattern& r : part.rels) {
        if (!r.var.empty()) entityVars_.insert(r.var);
        for (size_t i = 0; i < r.types.size(); ++i)
          writes ? write(NameKind::Type, r.types[i])
                 : read(NameKind::Type, r.types[i], at(r.typePos, i, r.pos));
        properties(r.properties.get(), r.pos, writes);
      }
    }
  }

  void properties(const Expr* map, SourcePos pos, bool writes) {
    if (!map) return;
    if (map->kind == ExprKind::MapLiteral)
      for (size_t i = 0; i < map->keys.size(); ++i)
        writes ? write(NameKind::Key, map->keys[i])
               : read(NameKind::Key, map->keys[i], at(map->namePos, i, pos));
    expr(map);
  }

  void expr(const Expr* e) {
    if (!e) return;
    switch (e->kind) {
      case ExprKind::Property:
        // Only on nodes and relationships: a map's keys are the query's own business.
        if (!e->children.empty() && e->children[0]->kind == ExprKind::Variable &&
            entityVars_.count(e->children[0]->name))
          read(NameKind::Key, e->name, at(e->namePos, 0, e->pos));
        break;
      case ExprKind::LabelCheck:
        for (size_t i = 0; i < e->labels.size(); ++i)
          read(NameKind::Label, e->labels[i], at(e->namePos, i, e->pos));
        break;
      case ExprKind::MapProjection:
        for (const MapProjectionItem& i : e->mapItems) {
          if (i.kind == MapProjectionItem::Kind::Property && entityVars_.count(e->name))
            read(NameKind::Key, i.key, e->pos);
          expr(i.expr.get());
        }
        break;
      default:
        break;
    }
    if (e->pattern) pattern(*e->pattern, false);
    for (const ExprPtr& c : e->children) expr(c.get());
    expr(e->where.get());
    expr(e->projection.get());
  }
};

}  // namespace

std::vector<Notice> unknownNameNotices(const Statement& statement, const Graph& graph,
                                       const Schema& schema) {
  NameCollector names;
  names.statement(statement);
  std::vector<Notice> out;
  std::set<std::pair<NameKind, std::string>> reported;
  for (const Use& use : names.reads) {
    if (names.writes.count({use.kind, use.name}) || !reported.emplace(use.kind, use.name).second)
      continue;
    std::vector<std::string_view> known;
    bool found = false;
    auto consider = [&](std::string_view name) {
      if (name == use.name) found = true;
      known.push_back(name);
    };
    const char* what = "";
    std::string code;
    switch (use.kind) {
      case NameKind::Label:
        what = "label";
        code = "UnknownLabelWarning";
        for (size_t i = 0; i < graph.labelCount(); ++i)
          consider(graph.labelName(static_cast<LabelId>(i)));
        for (const LabelDef& l : schema.labels()) consider(l.name);
        break;
      case NameKind::Type:
        what = "relationship type";
        code = "UnknownRelationshipTypeWarning";
        for (size_t i = 0; i < graph.typeCount(); ++i)
          consider(graph.typeName(static_cast<TypeId>(i)));
        for (const RelTypeDef& t : schema.relTypes()) consider(t.name);
        break;
      case NameKind::Key:
        what = "property key";
        code = "UnknownPropertyKeyWarning";
        for (size_t i = 0; i < graph.keyCount(); ++i)
          consider(graph.keyName(static_cast<KeyId>(i)));
        for (const PropertyDef& p : Schema::commonProperties()) consider(p.name);
        for (const LabelDef& l : schema.labels())
          for (const PropertyDef& p : l.properties) consider(p.name);
        for (const RelTypeDef& t : schema.relTypes())
          for (const PropertyDef& p : t.properties) consider(p.name);
        break;
    }
    if (found) continue;
    std::string hint = text::closest(use.name, known);
    out.push_back({use.pos, code,
                   std::string("the ") + what + " '" + use.name + "' does not exist in this graph" +
                       (hint.empty() ? "" : " (did you mean " + hint + "?)")});
  }
  return out;
}

}  // namespace silkgraph
