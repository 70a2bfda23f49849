// The shell's meta-commands (:help, :load, :schema, ...) as ONE table: name, arguments, help
// text, what Tab offers for the arguments, and the handler. Dispatch (Session::runMeta),
// :help, tab completion and "Did you mean ...?" are all read from it, so a command added
// here is everywhere at once (as DuckDB's shell_metadata_command.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shell/session.h"

namespace silkgraph::shell {

// One meta-command line, parsed.
struct MetaCall {
  std::string_view rawLine;       // the line as typed or as it stands in the script
  std::string name;               // the command, lower-cased: ":load"
  std::string_view rest;          // the text after it, trimmed
  std::vector<std::string> args;  // `rest` split at blanks (splitArgs)
  const ScriptPlace* place;       // where the line is in a script; nullptr at the prompt
  // Code points of rawLine before `p` (a pointer into it): the 0-based column of p.
  uint32_t columnOf(const char* p) const;
};

using MetaHandler = MetaOutcome (*)(Session&, const MetaCall&);

// One line of :help: "  USAGE    DESCRIPTION" (a '\n' in the description continues it on
// the next line, aligned).
struct MetaHelpRow {
  std::string usage;
  std::string description;
};

struct MetaCommand {
  // The names: the first is the command, the others are listed with it in :help (":quit,
  // :exit"). All of them are completed and suggested.
  std::vector<std::string> names;
  // Short or older spellings that are run too but not listed, completed or suggested.
  std::vector<std::string> shortcuts;
  std::vector<MetaHelpRow> help;
  // Tab: the words offered for an argument; with `pathArgs` only for the first one, the
  // following arguments then being file names (:export dot FILE).
  std::vector<std::string> argWords;
  bool pathArgs = false;
  MetaHandler handler = nullptr;
};

// The table, in :help order.
const std::vector<MetaCommand>& metaCommands();

// The entry `name` (":load", any case) is a name or shortcut of; nullptr when none.
const MetaCommand* findMetaCommand(std::string_view name);

// The text :help prints.
std::string metaHelpText();

// " Did you mean :params?" for a mistyped command (at most two edits from a name, or the
// prefix of exactly one), or "" when nothing is close.
std::string suggestMetaCommand(std::string_view name);

// Splits a meta-command's arguments at blanks; '...' and "..." quote (for paths with blanks).
std::vector<std::string> splitArgs(std::string_view text);

}  // namespace silkgraph::shell
