// query_tests: runs data-driven query tests against a fresh silkgraph::Database per file:
// tests/queries/*.test files and Markdown documents whose examples are executable
// (docs/query-language.md). The .test format (see the header of any .test file):
//
//   load PATH...            data to load (relative to the working directory)
//   param NAME = LITERAL    a parameter for the following statements; `param reset` clears all
//   as-of DATE|off          the view date of the following statements (docs/time.md)
//   why on|off              run the following statements with --why (ExecuteOptions::why):
//                           each query row gets two more cells, `_sources` (its citations,
//                           sorted by text) and `_conflicts` ('SUBJECT: CLAIM vs CLAIM' for
//                           each conflict of its facts)
//   warning TEXT|none       the warnings (Database::notices) of the next statement, query or
//                           plan: one of them contains TEXT; `none`: it has none
//   statement ok            a statement that must succeed (text up to a blank line)
//   statement error KIND [MESSAGE SUBSTRING]
//   query ordered|unordered text, then `----`, a header `a | b`, one row per line
//   plan [contains|excludes]  a query, then `----` and lines of its EXPLAIN (the runner adds
//                           EXPLAIN): `plan` the whole plan, line for line; `plan contains`
//                           lines each found in the plan; `plan excludes` lines none of which
//                           is (text compared after trimming). Skipped with --disable-passes.
//
// Options: --disable-passes NAME,NAME|all runs every file with those optimizer passes off
// (query/optimizer): results must not change; plan checks are then skipped. `each` runs the
// files once per pass, with only that pass off.
//
// Markdown files (*.md) are documentation first; their conventions are described in the
// section "How the examples are checked" of docs/query-language.md:
//
//   ## Heading                  every H2 section starts with an empty database
//   <!-- graph: PATH... -->     start again from a database holding these files (`empty`: none)
//   ```cypher setup             statements (ended by `;` at the end of a line) that must succeed
//   ```cypher                   one example: optional `:param NAME => LITERAL` lines, then the
//   ```result [ordered|unordered]  query; the result block right after it holds a table, an
//                               error `[L:C: ]Kind[: message text]`, the change summary of a
//                               statement without RETURN, or the plan of an EXPLAIN
//   ```cypher cancel            the example runs as if Ctrl-C had been pressed
//   ```cypher as-of=DATE        the example runs with that view date (--as-of, docs/time.md)
//   ```json file=NAME           a data file written to a scratch directory for ```load (any
//                               language: ```csv file=NAME is read by LOAD CSV 'file:///NAME',
//                               the scratch directory being the import directory)
//   ```load                     paths to load (a result block after it expects an error)
//
// Cells use the TCK notation (query/value_format.h) and are compared through the canonical
// form of tests/tck/tck_values.h, so 1 and 1.0 differ but spacing does not matter.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "engine/error.h"
#include "main/database.h"
#include "query/value_format.h"
#include "shell/result_printer.h"
#include "tests/tck/tck_values.h"

using namespace silkgraph;
namespace fs = std::filesystem;

namespace {

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

bool isBlank(const std::string& s) {
  return trim(s).empty();
}

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

template <class S>  // std::string, SharedString (QueryResult::columns)
std::string join(const std::vector<S>& v, const char* sep = " | ") {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) (out += (i ? sep : "")) += std::string_view(v[i]);
  return out;
}

// Splits a row at '|' outside quotes and brackets, so strings and lists may hold " | ".
std::vector<std::string> splitCells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cur;
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      cur += c;
      if (c == '\\' && i + 1 < line.size()) {
        cur += line[++i];
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"') quote = c;
    if (c == '[' || c == '{' || c == '(' || c == '<') ++depth;
    if (c == ']' || c == '}' || c == ')' || c == '>') --depth;
    // '<' and '>' also appear in the path notation's arrows; a "->" must not close a level.
    if ((c == '>' && i > 0 && line[i - 1] == '-') ||
        (c == '<' && i + 1 < line.size() && line[i + 1] == '-'))
      depth += c == '>' ? 1 : -1;
    if (c == '|' && depth <= 0) {
      cells.push_back(trim(cur));
      cur.clear();
      continue;
    }
    cur += c;
  }
  cells.push_back(trim(cur));
  return cells;
}

std::optional<ErrorKind> parseErrorKind(std::string_view name) {
  for (int k = 0; k <= static_cast<int>(ErrorKind::InternalError); ++k) {
    auto kind = static_cast<ErrorKind>(k);
    if (name == errorKindName(kind)) return kind;
  }
  return std::nullopt;
}

// What an error example expects: the kind, optionally the position and a message substring.
struct ExpectedError {
  std::string kind;
  SourcePos pos;
  std::string text;
};

// Parses `error KIND [TEXT]` or `[L:C: ]KIND[: TEXT]` (the shell's own error line).
std::optional<ExpectedError> parseExpectedError(const std::string& line) {
  std::string l = trim(line);
  ExpectedError e;
  if (startsWith(l, "error ")) {
    std::istringstream in(l.substr(6));
    in >> e.kind;
    std::getline(in, e.text);
    e.text = trim(e.text);
    if (!parseErrorKind(e.kind)) return std::nullopt;
    return e;
  }
  unsigned line_ = 0, col = 0;
  int used = 0;
  if (std::sscanf(l.c_str(), "%u:%u: %n", &line_, &col, &used) == 2 && used > 0) {
    e.pos = {line_, col};
    l = l.substr(static_cast<size_t>(used));
  }
  size_t colon = l.find(':');
  std::string kind = trim(l.substr(0, colon));
  if (!parseErrorKind(kind)) return std::nullopt;
  e.kind = kind;
  if (colon != std::string::npos) e.text = trim(l.substr(colon + 1));
  return e;
}

// A database plus the parameters of a test session, and the checks both formats share.
class Session {
 public:
  // --disable-passes: optimizer passes every database of the run leaves out.
  static inline std::vector<std::string> disabledPasses;

  explicit Session(std::string path) : path_(std::move(path)) { reset(); }

  int failures() const { return failures_; }
  int blocks() const { return blocks_; }

 protected:
  void reset() {
    db_ = std::make_unique<Database>();
    if (!disabledPasses.empty()) db_->setOptimizerOptions({disabledPasses});
    db_->setImportDir(importDir_);
    params_.clear();
  }

  // Plans are checked only with every optimizer pass on.
  bool checksPlans() const { return db_->optimizerOptions().disabled.empty(); }

  [[noreturn]] void malformed(size_t line, const std::string& why) const {
    throw std::runtime_error(path_ + ":" + std::to_string(line) + ": " + why);
  }

  void failBlock(size_t line, const std::string& what, const std::string& text,
                 const std::string& details) {
    ++failures_;
    std::cout << path_ << ":" << line << ": FAILED: " << what << "\n";
    std::istringstream t(text);
    std::string l;
    while (std::getline(t, l)) std::cout << "    | " << l << "\n";
    std::cout << details << "\n";
  }

  // Loads paths into the database; returns the error instead of throwing it.
  std::optional<Error> load(const std::vector<std::string>& paths) {
    try {
      db_->load(paths);
    } catch (const Error& e) {
      return e;
    }
    return std::nullopt;
  }

  void setParam(const std::string& rawName, const std::string& literal, size_t at) {
    std::string name = trim(rawName);
    if (!name.empty() && name[0] == '$') name.erase(0, 1);
    if (name.empty()) malformed(at, "parameter without a name");
    try {
      params_[name] = tck::toValue(tck::parseTck(trim(literal)));
    } catch (const tck::ParseError& e) {
      malformed(at, std::string("bad parameter value: ") + e.what());
    }
  }

  // A view date's text (`off`: none); a malformed one is the file's mistake.
  std::optional<Date> viewDate(const std::string& text, size_t at) {
    if (text == "off") return std::nullopt;
    Date d;
    if (text.size() != 10 || !parseDate(text, d)) malformed(at, "expected `as-of YYYY-MM-DD|off`");
    return d;
  }

  std::optional<Error> execute(const std::string& text, QueryResult& result,
                               bool cancelled = false) {
    std::atomic<bool> cancel{cancelled};
    ExecuteOptions options;
    options.cancel = &cancel;
    options.asOf = asOf_;
    try {
      options.why = why_;
      result = db_->execute(text, params_, options);
      if (why_) addWhyColumns(result);
    } catch (const Error& e) {
      return e;
    } catch (const std::exception& e) {
      return Error(ErrorKind::InternalError, std::string("non-Error exception: ") + e.what());
    }
    return std::nullopt;
  }

  // --why as two more columns (see `why` in the header).
  static void addWhyColumns(QueryResult& r) {
    if (r.columns.empty()) return;
    const Provenance& p = r.provenance;
    r.columns.push_back("_sources");
    r.columns.push_back("_conflicts");
    for (size_t i = 0; i < r.rows.size(); ++i) {
      ValueList sources, conflicts;
      std::vector<std::string> texts;
      for (uint32_t k : p.rowSources[i]) texts.push_back(p.sources[k - 1]);
      std::sort(texts.begin(), texts.end());
      for (std::string& t : texts) sources.emplace_back(std::move(t));
      for (uint32_t k : p.rowConflicts[i]) {
        const Provenance::Conflict& c = p.conflicts[k - 1];
        conflicts.emplace_back(c.subject + ": " + c.claimA + " vs " + c.claimB);
      }
      r.rows[i].emplace_back(std::move(sources));
      r.rows[i].emplace_back(std::move(conflicts));
    }
  }

  // The `warning` expected of this block, if any.
  void checkWarning(const std::string& text, size_t at) {
    if (!warning_) return;
    const std::string want = *warning_;
    warning_.reset();
    std::string got;
    try {
      for (const Notice& n : db_->notices(db_->prepare(text)))
        got += "  warning: " + n.message + "\n";
    } catch (const Error& e) {
      got = "  (it does not parse: " + e.format(text) + ")\n";
    }
    if (want == "none" ? !got.empty() : got.find(want) == std::string::npos)
      failBlock(
          at,
          want == "none" ? "expected no warning" : "expected a warning containing '" + want + "'",
          text, got.empty() ? "  got none" : got);
  }

  void expectOk(const std::string& text, size_t at) {
    checkWarning(text, at);
    ++blocks_;
    QueryResult r;
    if (auto err = execute(text, r))
      failBlock(at, "statement should succeed", text, "  got: " + err->format(text));
  }

  // Checks an outcome against an expected error (err empty: the statement succeeded).
  void checkError(const ExpectedError& want, const std::optional<Error>& err,
                  const std::string& text, size_t at, size_t rowsOnSuccess) {
    if (!err) {
      failBlock(at, "should fail with " + want.kind, text,
                "  but it succeeded with " + std::to_string(rowsOnSuccess) + " rows");
      return;
    }
    std::string message = err->format(text);
    bool ok =
        errorKindName(err->kind()) == want.kind && message.find(want.text) != std::string::npos &&
        (!want.pos.known() || (want.pos.line == err->pos().line && want.pos.col == err->pos().col));
    if (!ok) {
      std::string expected = want.kind;
      if (want.pos.known())
        expected += " at " + std::to_string(want.pos.line) + ":" + std::to_string(want.pos.col);
      if (!want.text.empty()) expected += " containing '" + want.text + "'";
      failBlock(at, "expected " + expected, text, "  got: " + message);
    }
  }

  // Compares a table: `rows` are the expected lines after the header (at = line of the first).
  void checkTable(const std::string& text, size_t at, bool ordered, const QueryResult& r,
                  const std::vector<std::string>& header,
                  const std::vector<std::pair<size_t, std::string>>& rows) {
    std::vector<std::string> want, wantShown;
    for (const auto& [rowLine, l] : rows) {
      std::vector<std::string> cells = splitCells(l);
      if (cells.size() != header.size())
        malformed(rowLine, "row has " + std::to_string(cells.size()) + " cells, header has " +
                               std::to_string(header.size()));
      std::vector<std::string> canon;
      for (const auto& c : cells) {
        try {
          canon.push_back(tck::canonical(tck::parseTck(c)));
        } catch (const tck::ParseError& e) {
          malformed(rowLine, std::string("bad expected cell: ") + e.what());
        }
      }
      want.push_back(join(canon));
      wantShown.push_back(trim(l));
    }
    std::vector<std::string> got, gotShown;
    for (const auto& row : r.rows) {
      std::vector<std::string> canon, shown;
      for (const auto& v : row) {
        canon.push_back(tck::canonical(tck::fromValue(v, db_->graph())));
        shown.push_back(toCypherText(v, db_->graph()));
      }
      got.push_back(join(canon));
      gotShown.push_back(join(shown));
    }
    bool ok = r.columns == header;
    if (ordered) {
      ok = ok && got == want;
    } else {
      auto a = got, b = want;
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      ok = ok && a == b;
    }
    if (ok) return;
    std::string details = "  expected (" + std::string(ordered ? "in order" : "any order") +
                          "):\n    " + join(header) + "\n";
    for (const auto& s : wantShown) details += "    " + s + "\n";
    details += "  actual:\n    " + join(r.columns) + "\n";
    for (const auto& s : gotShown) details += "    " + s + "\n";
    failBlock(at, "result differs", text, details);
  }

  std::string path_;
  std::unique_ptr<Database> db_;
  std::string importDir_;  // LOAD CSV's; Markdown files: their scratch directory
  Params params_;
  std::optional<Date> asOf_;            // the view date (`as-of`, ```cypher as-of=DATE)
  bool why_ = false;                    // `why on`
  std::optional<std::string> warning_;  // `warning`, for the next block
  int failures_ = 0;
  int blocks_ = 0;
};

class TestFile : public Session {
 public:
  using Session::Session;

  // Returns the number of failed blocks; throws std::runtime_error on a malformed file.
  int run() {
    std::ifstream in(path_);
    if (!in) throw std::runtime_error(path_ + ": cannot open");
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines_.push_back(line);
    }
    while (pos_ < lines_.size()) {
      std::string l = trim(lines_[pos_]);
      if (l.empty() || l[0] == '#') {
        ++pos_;
        continue;
      }
      size_t at = pos_ + 1;  // 1-based line of the directive
      std::istringstream words(l);
      std::string word;
      words >> word;
      ++pos_;
      if (word == "load") {
        doLoad(l.substr(4), at);
      } else if (word == "param") {
        doParam(trim(l.substr(5)), at);
      } else if (word == "as-of") {
        asOf_ = viewDate(trim(l.substr(5)), at);
      } else if (word == "why") {
        std::string mode;
        words >> mode;
        if (mode != "on" && mode != "off") malformed(at, "expected `why on` or `why off`");
        why_ = mode == "on";
      } else if (word == "warning") {
        std::string rest = trim(l.substr(7));
        if (rest.empty()) malformed(at, "expected `warning TEXT` or `warning none`");
        warning_ = rest;
      } else if (word == "statement") {
        std::string mode;
        words >> mode;
        std::string rest;
        std::getline(words, rest);
        doStatement(mode, trim(rest), at);
      } else if (word == "query") {
        std::string mode;
        words >> mode;
        if (mode != "ordered" && mode != "unordered")
          malformed(at, "expected `query ordered` or `query unordered`");
        doQuery(mode == "ordered", at);
      } else if (word == "plan") {
        std::string mode;
        words >> mode;
        if (!mode.empty() && mode != "contains" && mode != "excludes")
          malformed(at, "expected `plan`, `plan contains` or `plan excludes`");
        doPlan(mode, at);
      } else {
        malformed(at, "unknown directive `" + word + "`");
      }
    }
    return failures_;
  }

 private:
  // Statement text: every line up to a blank line or `----` (comment lines skipped).
  std::string readText(size_t at) {
    std::string text;
    while (pos_ < lines_.size() && !isBlank(lines_[pos_]) && trim(lines_[pos_]) != "----") {
      if (trim(lines_[pos_])[0] != '#') text += lines_[pos_] + "\n";
      ++pos_;
    }
    if (trim(text).empty()) malformed(at, "missing statement text");
    return text;
  }

  void doLoad(const std::string& args, size_t at) {
    std::istringstream in(args);
    std::vector<std::string> paths;
    std::string p;
    while (in >> p && p[0] != '#') paths.push_back(p);
    if (paths.empty()) malformed(at, "`load` needs a path");
    if (auto err = load(paths)) malformed(at, "load failed: " + err->format());
  }

  void doParam(const std::string& spec, size_t at) {
    if (spec == "reset") {
      params_.clear();
      return;
    }
    size_t eq = spec.find('=');
    if (eq == std::string::npos) malformed(at, "expected `param NAME = VALUE`");
    setParam(spec.substr(0, eq), spec.substr(eq + 1), at);
  }

  void doStatement(const std::string& mode, const std::string& rest, size_t at) {
    std::string text = readText(at);
    if (mode == "ok") {
      expectOk(text, at);
      return;
    }
    if (mode != "error") malformed(at, "expected `statement ok` or `statement error KIND`");
    auto want = parseExpectedError("error " + rest);
    if (!want) malformed(at, "`statement error` needs an error kind");
    checkWarning(text, at);
    ++blocks_;
    QueryResult r;
    std::optional<Error> err = execute(text, r);
    checkError(*want, err, text, at, r.rows.size());
  }

  void doQuery(bool ordered, size_t at) {
    std::string text = readText(at);
    if (pos_ >= lines_.size() || trim(lines_[pos_]) != "----")
      malformed(at, "query without `----` and an expected result");
    ++pos_;
    if (pos_ >= lines_.size() || isBlank(lines_[pos_]))
      malformed(pos_, "expected a column header after `----`");
    std::vector<std::string> header = splitCells(lines_[pos_++]);
    std::vector<std::pair<size_t, std::string>> rows;
    while (pos_ < lines_.size() && !isBlank(lines_[pos_])) {
      const std::string& l = lines_[pos_++];
      if (trim(l)[0] != '#') rows.emplace_back(pos_, l);
    }
    checkWarning(text, at);
    ++blocks_;
    QueryResult r;
    if (auto err = execute(text, r)) {
      failBlock(at, "query should succeed", text, "  got: " + err->format(text));
      return;
    }
    checkTable(text, at, ordered, r, header, rows);
  }

  // The lines of a plan, trimmed, blank ones left out.
  static std::vector<std::string> planLines(const std::string& plan) {
    std::vector<std::string> out;
    std::istringstream in(plan);
    std::string l;
    while (std::getline(in, l))
      if (!isBlank(l)) out.push_back(trim(l));
    return out;
  }

  void doPlan(const std::string& mode, size_t at) {
    std::string text = readText(at);
    if (pos_ >= lines_.size() || trim(lines_[pos_]) != "----")
      malformed(at, "plan without `----` and expected plan lines");
    ++pos_;
    std::vector<std::string> want;
    while (pos_ < lines_.size() && !isBlank(lines_[pos_])) {
      const std::string& l = lines_[pos_++];
      if (trim(l)[0] != '#') want.push_back(trim(l));
    }
    if (want.empty()) malformed(at, "a plan check needs at least one expected line");
    checkWarning(text, at);
    if (!checksPlans()) return;
    ++blocks_;
    QueryResult r;
    if (auto err = execute("EXPLAIN " + text, r)) {
      failBlock(at, "EXPLAIN should succeed", text, "  got: " + err->format(text));
      return;
    }
    std::vector<std::string> got = planLines(r.plan);
    std::string actual = "  actual:\n    " + join(got, "\n    ");
    if (mode.empty()) {
      if (want != got)
        failBlock(at, "plan differs", text,
                  "  expected:\n    " + join(want, "\n    ") + "\n" + actual);
      return;
    }
    for (const auto& w : want) {
      bool found = std::any_of(got.begin(), got.end(), [&](const std::string& g) {
        return g.find(w) != std::string::npos;
      });
      if (found != (mode == "contains")) {
        failBlock(
            at,
            std::string(found ? "plan should not contain" : "plan should contain") + " `" + w + "`",
            text, actual);
        return;
      }
    }
  }

  std::vector<std::string> lines_;
  size_t pos_ = 0;
};

// A fenced block of a Markdown file.
struct Fence {
  size_t line = 0;                // 1-based line of the opening fence
  std::vector<std::string> info;  // words of the info string: language, then options
  std::vector<std::string> body;
  std::string option(const std::string& prefix) const {
    for (size_t i = 1; i < info.size(); ++i)
      if (startsWith(info[i], prefix)) return info[i].substr(prefix.size());
    return {};
  }
  bool has(const std::string& word) const {
    return std::find(info.begin() + (info.empty() ? 0 : 1), info.end(), word) != info.end();
  }
};

class MarkdownFile : public Session {
 public:
  explicit MarkdownFile(std::string path) : Session(std::move(path)) {}
  ~MarkdownFile() {
    std::error_code ec;
    if (!scratch_.empty()) fs::remove_all(scratch_, ec);
  }

  int run() {
    std::ifstream in(path_);
    if (!in) throw std::runtime_error(path_ + ": cannot open");
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines_.push_back(line);
    }
    while (pos_ < lines_.size()) {
      const std::string& l = lines_[pos_];
      size_t at = pos_ + 1;
      if (startsWith(trim(l), "```")) {
        Fence f = readFence();
        handleFence(f);
      } else if (startsWith(l, "## ")) {
        reset();
        ++pos_;
      } else if (startsWith(trim(l), "<!-- graph:")) {
        std::string spec = trim(l);
        if (spec.size() < 15 || spec.substr(spec.size() - 3) != "-->")
          malformed(at, "expected `<!-- graph: PATH... -->` on one line");
        std::istringstream words(spec.substr(11, spec.size() - 14));
        std::vector<std::string> paths;
        std::string p;
        while (words >> p) paths.push_back(p);
        reset();
        if (!(paths.size() == 1 && paths[0] == "empty") && !paths.empty()) {
          if (auto err = load(paths)) malformed(at, "graph load failed: " + err->format());
        }
        ++pos_;
      } else {
        ++pos_;
      }
    }
    return failures_;
  }

 private:
  Fence readFence() {
    Fence f;
    f.line = pos_ + 1;
    // A fence may be indented (inside a list item); its body loses the same indentation.
    size_t indent = lines_[pos_].find_first_not_of(' ');
    std::istringstream words(lines_[pos_].substr(indent + 3));
    std::string w;
    while (words >> w) f.info.push_back(w);
    ++pos_;
    while (pos_ < lines_.size() && trim(lines_[pos_]) != "```") {
      const std::string& l = lines_[pos_++];
      size_t text = l.find_first_not_of(' ');
      f.body.push_back(text == std::string::npos ? std::string()
                                                 : l.substr(std::min(indent, text)));
    }
    if (pos_ >= lines_.size()) malformed(f.line, "unclosed ``` block");
    ++pos_;
    return f;
  }

  // The ```result block that must follow an example, with only blank lines in between.
  Fence readResult(const Fence& example) {
    while (pos_ < lines_.size() && isBlank(lines_[pos_])) ++pos_;
    if (pos_ >= lines_.size() || !startsWith(trim(lines_[pos_]), "```result"))
      malformed(example.line,
                "a ```" + example.info[0] + " example must be followed by a ```result block");
    return readFence();
  }

  void handleFence(const Fence& f) {
    std::string lang = f.info.empty() ? "" : f.info[0];
    if (lang == "cypher" && f.has("setup")) {
      runSetup(f);
    } else if (lang == "cypher") {
      runExample(f, readResult(f));
    } else if (lang == "load") {
      runLoad(f);
    } else if (!f.option("file=").empty()) {
      writeFile(f);
    } else if (lang == "result") {
      malformed(f.line, "a ```result block without a ```cypher example before it");
    }
  }

  void runSetup(const Fence& f) {
    std::string text;
    size_t start = f.line + 1;
    for (size_t i = 0; i < f.body.size(); ++i) {
      if (text.empty()) start = f.line + 1 + i;
      text += f.body[i] + "\n";
      std::string t = trim(f.body[i]);
      if ((!t.empty() && t.back() == ';') || i + 1 == f.body.size()) {
        if (!trim(text).empty()) expectOk(text, start);
        text.clear();
      }
    }
  }

  void runExample(const Fence& f, const Fence& result) {
    std::string text;
    size_t i = 0;
    for (; i < f.body.size() && startsWith(trim(f.body[i]), ":param "); ++i) {
      std::string spec = trim(f.body[i]).substr(7);
      size_t arrow = spec.find("=>");
      if (arrow == std::string::npos) malformed(f.line + 1 + i, "expected `:param NAME => VALUE`");
      setParam(spec.substr(0, arrow), spec.substr(arrow + 2), f.line + 1 + i);
    }
    for (; i < f.body.size(); ++i) text += f.body[i] + "\n";
    if (trim(text).empty()) malformed(f.line, "empty ```cypher example");
    size_t at = f.line;
    std::vector<std::string> body;
    for (const auto& l : result.body)
      if (!isBlank(l)) body.push_back(l);
    if (body.empty()) malformed(result.line, "empty ```result block");

    ++blocks_;
    QueryResult r;
    std::string day = f.option("as-of=");
    asOf_ = day.empty() ? std::nullopt : viewDate(day, f.line);
    std::optional<Error> err = execute(text, r, f.has("cancel"));
    asOf_.reset();
    if (auto want = parseExpectedError(body[0]); want && body.size() == 1) {
      checkError(*want, err, text, at, r.rows.size());
      return;
    }
    if (err) {
      failBlock(at, "example should succeed", text, "  got: " + err->format(text));
      return;
    }
    if (r.explain) {
      if (!checksPlans()) return;
      std::vector<std::string> want, got;
      for (const auto& l : body) want.push_back(trim(l).empty() ? "" : l);
      std::istringstream plan(r.plan);
      std::string l;
      while (std::getline(plan, l))
        if (!isBlank(l)) got.push_back(l);
      if (want != got)
        failBlock(
            at, "plan differs", text,
            "  expected:\n    " + join(want, "\n    ") + "\n  actual:\n    " + join(got, "\n    "));
      return;
    }
    if (r.columns.empty()) {
      // A statement without RETURN: the block holds the shell's change summary.
      std::string summary = shell::summarizeStats(r.stats);
      if (summary.empty()) summary = "(no changes)";
      if (body.size() != 1 || trim(body[0]) != summary)
        failBlock(at, "change summary differs", text,
                  "  expected: " + join(body, "\n") + "\n  actual:   " + summary);
      return;
    }
    bool ordered = result.has("ordered") || (!result.has("unordered") && hasOrderBy(text));
    std::vector<std::pair<size_t, std::string>> rows;
    for (size_t k = 1; k < body.size(); ++k) rows.emplace_back(result.line + 1 + k, body[k]);
    checkTable(text, at, ordered, r, splitCells(body[0]), rows);
  }

  static bool hasOrderBy(const std::string& text) {
    std::string upper;
    for (char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::istringstream words(upper);
    std::string prev, w;
    while (words >> w) {
      if (prev == "ORDER" && w == "BY") return true;
      prev = w;
    }
    return false;
  }

  void runLoad(const Fence& f) {
    std::vector<std::string> paths;
    for (const auto& l : f.body) {
      std::string p = trim(l);
      if (p.empty()) continue;
      auto it = files_.find(p);
      paths.push_back(it != files_.end() ? it->second : p);
    }
    if (paths.empty()) malformed(f.line, "```load needs a path");
    // A result block right after the load expects an error; otherwise the load must succeed.
    size_t save = pos_;
    while (pos_ < lines_.size() && isBlank(lines_[pos_])) ++pos_;
    bool expectsError = pos_ < lines_.size() && startsWith(trim(lines_[pos_]), "```result");
    if (!expectsError) pos_ = save;
    ++blocks_;
    std::optional<Error> err = load(paths);
    std::string text = join(paths, "\n");
    if (!expectsError) {
      if (err) failBlock(f.line, "load should succeed", text, "  got: " + err->format());
      return;
    }
    Fence result = readFence();
    std::vector<std::string> body;
    for (const auto& l : result.body)
      if (!isBlank(l)) body.push_back(l);
    auto want = body.size() == 1 ? parseExpectedError(body[0]) : std::nullopt;
    if (!want) malformed(result.line, "the result of a ```load must be one error line");
    checkError(*want, err, text, f.line, 0);
  }

  void writeFile(const Fence& f) {
    std::string name = f.option("file=");
    if (name.find('/') != std::string::npos) malformed(f.line, "file= takes a plain name");
    if (scratch_.empty()) {
      std::string tmpl = (fs::temp_directory_path() / "query_tests.XXXXXX").string();
      if (!mkdtemp(tmpl.data())) malformed(f.line, "cannot create a scratch directory");
      scratch_ = tmpl;
    }
    fs::path p = fs::path(scratch_) / name;
    std::ofstream out(p);
    for (const auto& l : f.body) out << l << "\n";
    files_[name] = p.string();
    // LOAD CSV examples read the files shown before them ('file:///NAME').
    importDir_ = scratch_;
    db_->setImportDir(importDir_);
  }

  std::vector<std::string> lines_;
  size_t pos_ = 0;
  std::string scratch_;
  std::map<std::string, std::string> files_;
};

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Runs the files once; returns the failed blocks, or -1 when a file is malformed.
int runFiles(const std::vector<std::string>& files) {
  int failed = 0;
  for (const auto& file : files) {
    try {
      int n, blocks;
      if (endsWith(file, ".md")) {
        MarkdownFile f(file);
        n = f.run();
        blocks = f.blocks();
      } else {
        TestFile f(file);
        n = f.run();
        blocks = f.blocks();
      }
      std::cout << file << ": " << blocks - n << " of " << blocks << " blocks passed\n";
      failed += n;
    } catch (const std::exception& e) {
      std::cout << e.what() << "\n";
      return -1;
    }
  }
  return failed;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: query_tests [--disable-passes NAME,...|all|each] FILE.test|FILE.md...\n";
    return 2;
  }
  int first = 1;
  std::vector<std::vector<std::string>> runs = {{}};
  if (argc > 2 && std::string_view(argv[1]) == "--disable-passes") {
    std::string list = argv[2];
    runs = {{}};
    if (list == "each") {
      // One run per pass, with only that pass off.
      runs.clear();
      for (const OptimizerPass& p : optimizerPasses()) runs.push_back({p.name});
    } else {
      std::istringstream names(list);
      std::string name;
      while (std::getline(names, name, ','))
        if (!name.empty()) runs[0].push_back(name);
      std::vector<std::string> unknown = OptimizerOptions{runs[0]}.unknownNames();
      if (!unknown.empty()) {
        std::cerr << "query_tests: no optimizer pass named " << join(unknown, ", ") << "\n";
        return 2;
      }
    }
    first = 3;
  }
  std::vector<std::string> files(argv + first, argv + argc);
  int failed = 0;
  for (const auto& disabled : runs) {
    Session::disabledPasses = disabled;
    if (!disabled.empty()) std::cout << "-- optimizer passes off: " << join(disabled, ",") << "\n";
    int n = runFiles(files);
    if (n < 0) return 2;
    failed += n;
  }
  return failed ? 1 : 0;
}
