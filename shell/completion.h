// Tab completion for the interactive shell, apart from libedit (repl.cpp hands it the line):
// keywords and functions, labels and types after ':', property keys after '.', parameters
// after '$', node names after resolve(', meta-command names and their arguments (from the
// meta-command table), file names.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "shell/session.h"

namespace silkgraph::shell {

struct Completion {
  std::vector<std::string> matches;  // sorted, without duplicates; each replaces `word`
  bool appendSpace = true;           // put a blank after a single match
};

// Completes `word`, which is line[start, end) (end: the cursor). `inStatement` is true on the
// continuation lines of a statement, where a leading ':' is Cypher, not a command; `earlier`
// holds the statement's lines before this one (where `(n:Label` may be).
Completion complete(const Session& session, std::string_view line, std::string_view word,
                    size_t start, size_t end, bool inStatement, std::string_view earlier = {});

// The label `statement` gives the variable `var` in a node pattern `(var:Label`, or "".
std::string labelOfVariable(std::string_view statement, std::string_view var);

// The types `statement` gives the variable `var` in a relationship pattern `[var:TYPE` or
// `[var:TYPE|OTHER`, or none.
std::vector<std::string> typesOfVariable(std::string_view statement, std::string_view var);

// Whether the word at `point` is an argument of a meta-command that takes file names, where
// only blanks separate words (samples/x-y/questions.cypher is one word).
bool completesPathAt(std::string_view line, size_t point, bool inStatement);

// Whether the cursor `point` is inside the string literal of resolve('...': there the word is
// everything after the quote (names hold blanks) and node names are offered.
bool completesNameAt(std::string_view line, size_t point);

// The meta-command at the start of the line, lower-cased (":load"), or "" when the line is
// not one.
std::string metaCommandOf(std::string_view line);

// What the completer offers: labels and relationship types, property keys and parameter
// names known to the graph, schema and session, sorted. labelKeys: the keys the nodes with
// that label have (read from the first of them) and the label's declared properties;
// typeKeys the same for a relationship type.
std::vector<std::string> labelAndTypeNames(const Session& session);
std::vector<std::string> propertyKeys(const Session& session);
std::vector<std::string> labelKeys(const Session& session, const std::string& label);
std::vector<std::string> typeKeys(const Session& session, const std::string& type);
std::vector<std::string> paramNames(const Session& session);

}  // namespace silkgraph::shell
