// query_tests: runs data-driven query test files (tests/queries/*.test) against a fresh
// silkgraph::Database per file. Format (see the header of any .test file):
//
//   load PATH...            data to load (relative to the working directory)
//   param NAME = LITERAL    a parameter for the following statements; `param reset` clears all
//   statement ok            a statement that must succeed (text up to a blank line)
//   statement error KIND [MESSAGE SUBSTRING]
//   query ordered|unordered text, then `----`, a header `a | b`, one row per line
//
// Cells use the TCK notation (query/value_format.h) and are compared through the canonical
// form of tests/tck/tck_values.h, so 1 and 1.0 differ but spacing does not matter.
#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "engine/error.h"
#include "loaders/loader.h"
#include "query/database.h"
#include "query/value_format.h"
#include "tests/tck/tck_values.h"

using namespace silkgraph;

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

class TestFile {
 public:
  explicit TestFile(std::string path) : path_(std::move(path)) {}

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
      } else {
        malformed(at, "unknown directive `" + word + "`");
      }
    }
    return failures_;
  }

  int blocks() const { return blocks_; }

 private:
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
    try {
      loadPaths(db_.graph(), db_.schema(), paths);
      db_.applySchemaIndexes();
    } catch (const Error& e) {
      malformed(at, "load failed: " + e.format());
    }
  }

  void doParam(const std::string& spec, size_t at) {
    if (spec == "reset") {
      params_.clear();
      return;
    }
    size_t eq = spec.find('=');
    if (eq == std::string::npos) malformed(at, "expected `param NAME = VALUE`");
    std::string name = trim(spec.substr(0, eq));
    if (!name.empty() && name[0] == '$') name.erase(0, 1);
    try {
      params_[name] = tck::toValue(tck::parseTck(trim(spec.substr(eq + 1))));
    } catch (const tck::ParseError& e) {
      malformed(at, std::string("bad parameter value: ") + e.what());
    }
  }

  std::optional<Error> execute(const std::string& text, QueryResult& result) {
    try {
      result = db_.execute(text, params_, nullptr);
    } catch (const Error& e) {
      return e;
    } catch (const std::exception& e) {
      return Error(ErrorKind::InternalError, std::string("non-Error exception: ") + e.what());
    }
    return std::nullopt;
  }

  void doStatement(const std::string& mode, const std::string& rest, size_t at) {
    std::string text = readText(at);
    ++blocks_;
    QueryResult r;
    std::optional<Error> err = execute(text, r);
    if (mode == "ok") {
      if (err) failBlock(at, "statement should succeed", text, "  got: " + err->format(text));
      return;
    }
    if (mode != "error") malformed(at, "expected `statement ok` or `statement error KIND`");
    std::istringstream in(rest);
    std::string kind;
    in >> kind;
    if (kind.empty()) malformed(at, "`statement error` needs an error kind");
    std::string substring;
    std::getline(in, substring);
    substring = trim(substring);
    if (!err) {
      failBlock(at, "statement should fail with " + kind, text,
                "  but it succeeded with " + std::to_string(r.rows.size()) + " rows");
      return;
    }
    std::string got = errorKindName(err->kind());
    std::string message = err->format(text);
    if (got != kind || message.find(substring) == std::string::npos)
      failBlock(at,
                "expected " + kind + (substring.empty() ? "" : " containing '" + substring + "'"),
                text, "  got: " + message);
  }

  void doQuery(bool ordered, size_t at) {
    std::string text = readText(at);
    if (pos_ >= lines_.size() || trim(lines_[pos_]) != "----")
      malformed(at, "query without `----` and an expected result");
    ++pos_;
    if (pos_ >= lines_.size() || isBlank(lines_[pos_]))
      malformed(pos_, "expected a column header after `----`");
    std::vector<std::string> header = splitCells(lines_[pos_++]);
    std::vector<std::string> want, wantShown;
    while (pos_ < lines_.size() && !isBlank(lines_[pos_])) {
      size_t rowLine = pos_ + 1;
      const std::string& l = lines_[pos_++];
      if (trim(l)[0] == '#') continue;
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
    ++blocks_;
    QueryResult r;
    std::optional<Error> err = execute(text, r);
    if (err) {
      failBlock(at, "query should succeed", text, "  got: " + err->format(text));
      return;
    }
    std::vector<std::string> got, gotShown;
    for (const auto& row : r.rows) {
      std::vector<std::string> canon, shown;
      for (const auto& v : row) {
        canon.push_back(tck::canonical(tck::fromValue(v, db_.graph())));
        shown.push_back(toCypherText(v, db_.graph()));
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

  static std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? " | " : "") + v[i];
    return out;
  }

  std::string path_;
  std::vector<std::string> lines_;
  size_t pos_ = 0;
  Database db_;
  Params params_;
  int failures_ = 0;
  int blocks_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: query_tests FILE.test...\n";
    return 2;
  }
  int failed = 0;
  for (int i = 1; i < argc; ++i) {
    try {
      TestFile f(argv[i]);
      int n = f.run();
      std::cout << argv[i] << ": " << f.blocks() - n << " of " << f.blocks() << " blocks passed\n";
      failed += n;
    } catch (const std::exception& e) {
      std::cout << e.what() << "\n";
      return 2;
    }
  }
  return failed ? 1 : 0;
}
