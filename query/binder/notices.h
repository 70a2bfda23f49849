// Notices: warnings about a statement that is valid but almost certainly not what the user
// meant. Today: a label, relationship type or property key that the statement reads but that
// neither the graph nor its schema has ever seen (Neo4j's UnknownLabelWarning,
// UnknownRelationshipTypeWarning, UnknownPropertyKeyWarning) — a typo such as :Natoin gives
// zero rows and no error, so the shell shows the warning with a caret and a "did you mean".
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

}  // namespace silkgraph
