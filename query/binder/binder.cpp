// Implements the binder (query/binder/binder.h): the statement (UNION parts), each single
// query's clause order, and the scope of variables. The clauses, patterns, projections and
// expressions are bound in the bind_*.cpp files next to it (query/binder/binder_impl.h).
#include "query/binder/binder.h"

#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "query/binder/binder_impl.h"

namespace silkgraph::binding {

BoundStatement Binder::bind(const ast::Statement& st) {
  BoundStatement out;
  out.explain = st.explain;
  out.profile = st.profile;
  out.unionAll = st.unionAll;
  bool hasAll = false, hasDistinct = false;
  for (bool all : st.unionAll) (all ? hasAll : hasDistinct) = true;
  if (hasAll && hasDistinct)
    semantic(st.queries[1].clauses.empty() ? SourcePos{} : st.queries[1].clauses[0].pos,
             "UNION and UNION ALL cannot be mixed", "InvalidClauseComposition");
  for (size_t i = 0; i < st.queries.size(); ++i) {
    scope_.clear();
    out.queries.push_back(bindSingle(st.queries[i], i + 1 == st.queries.size()));
    if (i > 0 && out.queries[i].columns != out.queries[0].columns)
      semantic(st.queries[i].clauses.empty() ? SourcePos{} : st.queries[i].clauses[0].pos,
               "all parts of a UNION must return the same column names", "DifferentColumnsInUnion");
  }
  out.slotCount = static_cast<uint32_t>(slotNames_.size());
  out.slotNames = std::move(slotNames_);
  return out;
}

void Binder::undefinedVariable(SourcePos pos, const std::string& name) const {
  std::vector<std::string_view> names;
  for (const auto& v : scope_) names.push_back(v.name);
  std::string hint = text::closest(name, names);
  std::string inScope;
  // A column named by its expression's text may be as long as a 100 MB literal: shown by its
  // first 100 characters, so the message does not carry the whole literal.
  for (const auto& v : scope_)
    inScope += (inScope.empty() ? "" : ", ") + text::truncateChars(v.name, 100);
  semantic(pos,
           "variable '" + name + "' is not defined" +
               (hint.empty() ? "" : " (did you mean " + hint + "?)") +
               (inScope.empty() ? "" : "; in scope: " + inScope),
           "UndefinedVariable");
}

BoundSingleQuery Binder::bindSingle(const ast::SingleQuery& q, bool /*last*/) {
  BoundSingleQuery out;
  const auto& clauses = q.clauses;
  if (clauses.empty()) semantic({}, "empty query", "InvalidClauseComposition");
  for (size_t i = 0; i < clauses.size(); ++i) {
    const auto& c = clauses[i];
    bool isLast = i + 1 == clauses.size();
    if (c.kind == ast::ClauseKind::Return && !isLast)
      semantic(clauses[i + 1].pos, "RETURN can only be used at the end of the query",
               "InvalidClauseComposition");
    bool standaloneCall = c.kind == ast::ClauseKind::Call && clauses.size() == 1;
    if (isLast && c.kind != ast::ClauseKind::Return && !isUpdating(c.kind) && !standaloneCall)
      semantic(c.pos,
               "a query cannot conclude with " + clauseName(c.kind) +
                   " (it must be a RETURN clause or an update clause)",
               "InvalidClauseComposition");
    if (c.kind == ast::ClauseKind::Match && !c.optional && i > 0 &&
        clauses[i - 1].kind == ast::ClauseKind::Match && clauses[i - 1].optional) {
      // Allowed in openCypher: MATCH after OPTIONAL MATCH.
    }
    if (isUpdating(c.kind) && !out.updates) {
      out.updates = true;
      out.firstUpdate = c.pos;
    }
    if (c.kind == ast::ClauseKind::Call) {
      BoundClause call(c.kind, c.pos);
      bindCall(c, call, standaloneCall);
      if (standaloneCall) {
        for (const auto& [column, slot] : call.yields) {
          out.columns.push_back(slotNames_[slot]);
          out.columnSlots.push_back(slot);
        }
      }
      out.clauses.push_back(std::move(call));
      continue;
    }
    out.clauses.push_back(bindClause(c));
    if (c.kind == ast::ClauseKind::Return) {
      for (const auto& item : out.clauses.back().projection.items) {
        out.columns.push_back(item.column);
        out.columnSlots.push_back(item.slot);
      }
    }
  }
  return out;
}

std::string Binder::clauseName(ast::ClauseKind k) {
  switch (k) {
    case ast::ClauseKind::Match:
      return "MATCH";
    case ast::ClauseKind::Unwind:
      return "UNWIND";
    case ast::ClauseKind::LoadCsv:
      return "LOAD CSV";
    case ast::ClauseKind::With:
      return "WITH";
    case ast::ClauseKind::Return:
      return "RETURN";
    case ast::ClauseKind::Create:
      return "CREATE";
    case ast::ClauseKind::Merge:
      return "MERGE";
    case ast::ClauseKind::Set:
      return "SET";
    case ast::ClauseKind::Remove:
      return "REMOVE";
    case ast::ClauseKind::Delete:
      return "DELETE";
    case ast::ClauseKind::Call:
      return "CALL";
  }
  return "?";
}

}  // namespace silkgraph::binding

namespace silkgraph {

BoundStatement bindStatement(const ast::Statement& statement, const Params& params,
                             const ProcedureRegistry* procedures, const Schema* schema) {
  binding::Binder b(params, procedures, schema);
  return b.bind(statement);
}

}  // namespace silkgraph
