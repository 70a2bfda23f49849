// Notices: warnings about a statement that is valid but almost certainly not what the user
// meant: a label, relationship type or property key that the statement reads but that
// neither the graph nor its schema has ever seen (Neo4j's UnknownLabelWarning,
// UnknownRelationshipTypeWarning, UnknownPropertyKeyWarning) — a typo such as :Natoin gives
// zero rows and no error, so the shell shows the warning with a caret and a "did you mean" —
// and the usage notices below.
#pragma once

#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/graph.h"
#include "engine/schema.h"

namespace silkgraph {

namespace ast {
struct Statement;
}

struct Notice {
  SourcePos pos;
  std::string code;     // UnknownLabelWarning, UnknownRelationshipTypeWarning, ...
  std::string message;  // one line, with a "did you mean" hint when a known name is close
};

// Names read by `statement` and unknown to both `graph` and `schema`. Names the statement
// itself writes (CREATE, MERGE, SET, REMOVE) are known. At most one notice per name.
std::vector<Notice> unknownNameNotices(const ast::Statement& statement, const Graph& graph,
                                       const Schema& schema);

// Statements that run but miss what they mean (usage_notices.cpp):
// - SymmetricTypeDirectionWarning: a directed pattern naming a symmetric type that is not
//   answered in both directions: MERGE (which matches as written, so a relationship stored
//   the other way is not found and a second one is created), or a type list that mixes
//   symmetric and directed types (it keeps its direction);
// - StringTemporalComparisonWarning: a comparison of a string (a literal, or a property whose
//   declared type or sampled values are strings) with a temporal value (date(...) and the
//   other temporal functions, or a property holding them): null by Cypher's rules.
std::vector<Notice> usageNotices(const ast::Statement& statement, const Graph& graph,
                                 const Schema& schema);

}  // namespace silkgraph
