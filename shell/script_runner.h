// Session: the state one run of `silkgraph` works on (the database, parameters, output
// mode, timer, last result) and the ways to feed it: scripts of ';'-separated statements
// (-f, -c, stdin, :source) and the interactive shell's meta-commands (:load, :schema, ...).
// Output and errors go to the streams given, so tests can drive a Session directly.
#pragma once

#include <atomic>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "query/database.h"
#include "shell/result_printer.h"

namespace silkgraph::shell {

struct RunOptions {
  bool keepGoing = false;     // run the remaining statements after a failure
  bool showComments = false;  // box/markdown: print a statement's leading // comment above it
};

enum class MetaOutcome { Ok, Failed, Quit };

class Session {
 public:
  Session(std::ostream& out, std::ostream& err);

  Database& db() { return db_; }
  const Params& params() const { return params_; }
  PrintOptions& printOptions() { return print_; }
  bool timer() const { return timer_; }
  void setTimer(bool on) { timer_ = on; }
  // Set to true (from a signal handler) to stop the running query.
  std::atomic<bool>& cancelFlag() { return cancel_; }
  const std::optional<QueryResult>& lastResult() const { return last_; }
  // Human announcements (":load" summaries) are printed when true (interactive shell).
  void setInteractive(bool on) { interactive_ = on; }
  // Comment headings in bold (only when writing to a terminal).
  void setColor(bool on) { color_ = on; }
  // Columns available for wrapped text such as :schema.
  void setTerminalWidth(size_t columns) { terminalWidth_ = columns; }

  // Loads data files/directories, all or nothing. Prints `file:line:col: LoadError: ...`
  // (with the offending line when it can be read) and returns false on failure.
  bool load(const std::vector<std::string>& paths);

  // Evaluates `expression` (Cypher, may use parameters already set) and stores it as
  // $name. `origin` names where the text came from in errors (e.g. "--param year").
  bool setParam(const std::string& name, std::string_view expression, std::string_view origin);

  // Runs every statement of a script. `file` names the script in errors ("" for none).
  // Returns true when every statement succeeded.
  bool runScript(std::string_view script, const std::string& file, const RunOptions& options);

  // Runs a ':' command line (the text starting with ':').
  MetaOutcome runMeta(std::string_view line);

  // Words the interactive completer offers: labels, relationship types, property keys and
  // parameter names known to the graph, schema and session.
  std::vector<std::string> labelAndTypeNames() const;
  std::vector<std::string> propertyKeys() const;
  std::vector<std::string> paramNames() const;

 private:
  bool runStatement(std::string_view text, SourcePos start, std::string_view script,
                    const std::string& file, const std::string& heading);
  void printSchema();
  bool exportDot(const std::vector<std::string>& args);
  void printHelp();
  void printParams();

  std::ostream& out_;
  std::ostream& err_;
  Database db_;
  Params params_;
  PrintOptions print_;
  bool timer_ = false;
  bool interactive_ = false;
  bool color_ = false;
  size_t terminalWidth_ = 100;
  bool firstOutput_ = true;
  std::atomic<bool> cancel_{false};
  std::optional<QueryResult> last_;
};

// The `//` comment block right above a statement (lines joined by '\n', without the
// slashes); empty when there is none or a blank line separates it from the statement.
std::string leadingComment(std::string_view script, SourcePos start);

// Splits a meta-command's arguments at blanks; '...' and "..." quote (for paths with blanks).
std::vector<std::string> splitArgs(std::string_view text);

}  // namespace silkgraph::shell
