// Session: the state one run of `silkgraph` works on (the database, parameters, output
// mode, timer, last result) and the ways to feed it: scripts of ';'-separated statements
// (-f, -c, stdin, :source) and the interactive shell's meta-commands (:load, :schema, ...).
// Output and errors go to the streams given, so tests can drive a Session directly.
//
// Its jobs live in one file each: session.cpp (state, loading), statement_runner.cpp
// (scripts and statements), meta_commands.cpp (the meta-command table and its handlers),
// params.cpp (parameter values), schema_printer.cpp (:schema), completion.cpp (Tab).
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "main/database.h"
#include "main/statement_splitter.h"
#include "shell/progress_bar.h"
#include "shell/result_printer.h"

namespace silkgraph::shell {

struct RunOptions {
  bool keepGoing = false;     // run the remaining statements after a failure
  bool showComments = false;  // box/markdown: print a statement's leading // comment above it
};

enum class MetaOutcome { Ok, Failed, Quit };

// Where a meta-command line sits inside a script, for error messages (FILE:line:col).
struct ScriptPlace {
  std::string file;         // "" for -c and the shell
  SourcePos pos;            // the line's first character (col 1)
  std::string_view script;  // the whole script, to show the offending line
};

class Session {
 public:
  Session(std::ostream& out, std::ostream& err);

  Database& db() { return db_; }
  const Database& db() const { return db_; }
  const Params& params() const { return params_; }
  PrintOptions& printOptions() { return print_; }
  bool timer() const { return timer_; }
  void setTimer(bool on) { timer_ = on; }
  // The timeout and memory limit every statement runs under (--timeout, :timeout,
  // --max-memory, :max-memory); the cancel flag is the session's own.
  void setTimeout(double seconds) { limits_.timeoutSeconds = seconds; }
  void setMaxMemory(uint64_t bytes) { limits_.maxMemoryBytes = bytes; }
  // The view date every statement runs under (--as-of, :as-of; docs/time.md).
  void setAsOf(std::optional<Date> day) { limits_.asOf = day; }
  // --why / :why on (docs/provenance.md): every result shows the sources its rows rest on.
  void setWhy(bool on) { limits_.why = on; }
  bool why() const { return limits_.why; }
  // :why [on|off] (why_command.cpp): without an argument, runs the last statement that gave
  // rows again with --why, so its result shows its sources.
  MetaOutcome whyCommand(const std::vector<std::string>& args);
  // Set to true (from a signal handler) to stop the running query.
  std::atomic<bool>& cancelFlag() { return cancel_; }
  // Scripts under Ctrl-C (shell/script_interrupt.h): a set cancel flag is not cleared before
  // the next statement; it stops the script, also with keepGoing.
  void setStopOnCancel(bool on) { stopOnCancel_ = on; }
  const std::optional<QueryResult>& lastResult() const { return last_; }
  // Human announcements (":load" summaries) are printed when true (interactive shell).
  void setInteractive(bool on) { interactive_ = on; }
  // Comment headings in bold (only when writing to a terminal).
  void setColor(bool on) { color_ = on; }
  // Columns available for wrapped text such as :schema.
  void setTerminalWidth(size_t columns) { terminalWidth_ = columns; }

  // Threads a load may use (LoadOptions::threads, the --threads option).
  void setLoadThreads(unsigned threads) { loadThreads_ = threads; }
  // The CSV array delimiter of loads (LoadOptions::arrayDelimiter, --array-delimiter).
  void setArrayDelimiter(char c) { arrayDelimiter_ = c; }
  // Loads data files/directories, all or nothing. Prints `file:line:col: LoadError: ...`
  // (with the offending line when it can be read) and returns false on failure.
  // update: LoadOptions::update (nodes whose id is already in the graph are updated).
  bool load(const std::vector<std::string>& paths, bool update = false);
  const LoadReport& lastLoad() const { return lastLoad_; }
  // The progress bar of long work on standard error (shell/progress_bar.h); --quiet turns
  // it and its summary lines off.
  ProgressBar& progress() { return progress_; }
  void setQuiet(bool on) { progress_.setEnabled(!on); }

  // ---- the database file (session_storage.cpp) ----
  // Opens the database file DB.sg (docs/storage.md): read-write unless `readOnly`, a missing
  // path becoming a new empty database. Prints the open's warnings; false (error printed) when
  // it cannot be opened.
  bool open(const std::string& path, bool readOnly);
  // At the end of a script (-c, -f, stdin): a transaction still open is rolled back, saying so
  // (`file` names the script). False when one was.
  bool endScript(const std::string& file);
  // Rolls back a transaction still open (saying so), checkpoints and closes the database file.
  // False (error printed) when the checkpoint fails; the log then still holds every commit.
  bool close();
  // :begin, :commit, :rollback and :checkpoint.
  MetaOutcome transactionCommand(std::string_view name);

  // Evaluates `expression` (Cypher, may use parameters already set) and stores it as
  // $name. `origin` names where the text came from in errors (e.g. "--param year"); when
  // `place` is given, errors name that place in the script instead (the position of the
  // expression's first character).
  bool setParam(const std::string& name, std::string_view expression, std::string_view origin,
                const ScriptPlace* place = nullptr);
  // Neo4j 5's `:param {a: 1, b: 'x'}`: sets (or replaces) each key of the map as a parameter,
  // leaving the others; `names` gets the keys set.
  bool setParamMap(std::string_view expression, std::string_view origin,
                   const ScriptPlace* place = nullptr, std::vector<std::string>* names = nullptr);

  // Runs a script: Cypher statements ending with ';', and meta-commands (":param x => 1",
  // ":mode csv", ...) on lines of their own between statements. `file` names the script in
  // errors ("" for none). Returns true when everything succeeded. `:quit` ends the script.
  // In json mode the results are printed when the script ends, as one JSON document: the
  // array of row objects when one statement returned a table, else an array of such arrays.
  bool runScript(std::string_view script, const std::string& file, const RunOptions& options);
  // The same for a script held shared (a file read whole): the names of unaliased columns
  // are parts of it rather than copies (a 100 MB literal, issue 10 D10).
  bool runScript(std::shared_ptr<const std::string> script, const std::string& file,
                 const RunOptions& options);

  // Runs a ':' command line. `line` is the whole line (blanks around it are ignored);
  // `place` says where it sits in a script (nullptr when typed at the prompt: then the
  // command also confirms what it did, e.g. ":param year => 2024").
  MetaOutcome runMeta(std::string_view line, const ScriptPlace* place = nullptr);

 private:
  friend class MetaCommandHandlers;   // meta_commands.cpp: the handlers work on this state
  friend class LimitCommandHandlers;  // limit_commands.cpp: :timeout and :max-memory

  bool runStatement(std::string_view text, SourcePos start, std::string_view script,
                    const std::string& file, const std::string& heading);
  bool runScriptText(std::string_view script, const std::string& file, const RunOptions& options);
  // Prints the JSON results held so far as one document (see runScript).
  void flushJson();
  // Runs the statements of one stretch of a script; false when the script should stop.
  bool runStatements(const std::vector<ScriptStatement>& statements, std::string_view script,
                     const std::string& file, const RunOptions& options, bool& allOk);
  // Error output of a meta-command: prefixed with its place when it comes from a script.
  std::ostream& metaErr() { return err_ << metaWhere_; }
  void printParamHint(const std::string& message);
  // The value of a parameter expression; errors printed (nullopt).
  std::optional<Value> evalParam(std::string_view expression, std::string_view origin,
                                 const ScriptPlace* place);
  void printParams();

  std::ostream& out_;
  std::ostream& err_;
  // Where meta-commands write what they tell (:params, :schema, :help, confirmations):
  // standard error when results are CSV or JSON, so standard output stays one valid document.
  std::ostream& info() {
    bool machine = print_.format == OutputFormat::Csv || print_.format == OutputFormat::Json ||
                   print_.format == OutputFormat::Jsonl;
    return machine ? err_ : out_;
  }
  // Before db_: the database reports to it until its destructor's last checkpoint.
  ProgressBar progress_{2};  // standard error
  Database db_;
  LoadReport lastLoad_;
  Params params_;
  PrintOptions print_;
  bool timer_ = false;
  unsigned loadThreads_ = 1;
  char arrayDelimiter_ = ';';
  bool interactive_ = false;
  bool color_ = false;
  size_t terminalWidth_ = 100;
  bool firstOutput_ = true;
  bool quietMeta_ = false;  // meta-commands from a script: no confirmations on stdout
  int scriptDepth_ = 0;     // runScript calls in progress (:source nests them)
  // The script being run, when it is held shared (runScript): statements inside it are
  // prepared as parts of it.
  std::shared_ptr<const std::string> sharedScript_;
  std::vector<std::string> jsonDocs_;  // --format json: the results of the running script
  std::string metaWhere_;  // "FILE:line:col: " of the meta-command running from a script
  std::atomic<bool> cancel_{false};
  bool stopOnCancel_ = false;
  ExecuteOptions limits_;  // timeout and memory limit (cancel is set per statement)
  std::optional<QueryResult> last_;
  std::string lastText_;  // the statement that gave last_, and its parameters (for :why)
  Params lastParams_;
};

// A load or import error as FILE:line:col: message, with the offending line of the data file
// and a caret under the column.
void printLoadError(std::ostream& err, const Error& e);

// "Loaded 312 nodes and 5,000,000 relationships in 1.1 s": what a load did, after its bar.
std::string loadSummary(const LoadReport& report);

// "12.34 ms" (two decimals below 10 ms, one above), for :timer and load summaries.
std::string formatMs(double ms);

// A leading "~/" (or a lone "~") replaced by $HOME, as a shell would for :load and :source.
std::string expandHome(const std::string& path);

// Reads a whole file. False with errno set when it cannot be opened (a directory counts as
// unreadable).
bool readFile(const std::string& path, std::string& out);

}  // namespace silkgraph::shell
