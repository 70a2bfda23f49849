// Tab completion (shell/completion.h). Meta-command names and the words their arguments take
// come from the meta-command table; the rest from the graph, its schema and the session.
#include "shell/completion.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "common/text.h"
#include "shell/key_stats.h"
#include "shell/meta_commands.h"

namespace silkgraph::shell {

namespace {

const std::vector<std::string>& keywords() {
  static const std::vector<std::string> words = {
      "MATCH",      "OPTIONAL",    "WHERE",     "RETURN",   "WITH",     "ORDER",    "BY",
      "SKIP",       "LIMIT",       "UNWIND",    "CREATE",   "MERGE",    "SET",      "DELETE",
      "DETACH",     "REMOVE",      "DISTINCT",  "AS",       "ASC",      "DESC",     "AND",
      "OR",         "XOR",         "NOT",       "IN",       "IS",       "NULL",     "TRUE",
      "FALSE",      "STARTS",      "ENDS",      "CONTAINS", "EXPLAIN",  "CASE",     "WHEN",
      "THEN",       "ELSE",        "END",       "UNION",    "ALL",      "id(",      "labels(",
      "type(",      "properties(", "keys(",     "size(",    "toUpper(", "toLower(", "toString(",
      "toInteger(", "toFloat(",    "coalesce(", "abs(",     "date(",    "count(",   "sum(",
      "avg(",       "min(",        "max(",      "collect("};
  return words;
}

// The names of the meta-commands without their ':' (the completer's word starts after it).
std::vector<std::string> metaCommandWords() {
  std::vector<std::string> words;
  for (const auto& cmd : metaCommands())
    for (const auto& n : cmd.names) words.push_back(n.substr(1));
  return words;
}

bool takesPaths(const std::string& cmd) {
  const MetaCommand* entry = findMetaCommand(cmd);
  return entry && entry->pathArgs;
}

// Where the blank-separated word that ends at `end` starts.
size_t wordStart(std::string_view line, size_t end) {
  size_t b = end;
  while (b > 0 && line[b - 1] != ' ' && line[b - 1] != '\t') --b;
  return b;
}

// Files and directories whose path starts with `word`, as typed: relative to the current
// directory, absolute, or under "~/" (the home directory). Directories end with '/'. Hidden
// entries are offered only when the typed name starts with '.'.
std::vector<std::string> pathCompletions(const std::string& word) {
  namespace fs = std::filesystem;
  size_t slash = word.rfind('/');
  std::string dirPart = slash == std::string::npos ? "" : word.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? word : word.substr(slash + 1);
  std::string dir = dirPart.empty() ? "." : expandHome(dirPart);
  std::vector<std::string> out;
  std::error_code ec;
  fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.compare(0, base.size(), base) != 0) continue;
    if (name[0] == '.' && (base.empty() || base[0] != '.')) continue;
    std::error_code typeError;
    bool isDir = fs::is_directory(it->path(), typeError);  // follows symbolic links
    out.push_back(dirPart + name + (isDir ? "/" : ""));
  }
  return out;
}

// The arguments of the meta-command `cmd` typed on `line` (the word at `start`, ending at
// `end`, being completed).
void completeArguments(Completion& c, const MetaCommand& cmd, const std::string& name,
                       std::string_view line, std::string_view word, size_t start, size_t end,
                       const auto& offer) {
  size_t cursor = std::min(std::max(end, start), line.size());
  size_t argStart = wordStart(line, cursor);
  // Arguments before the one being completed (the command itself not counted).
  size_t cmdEnd = line.find(':') + name.size();
  std::vector<std::string> argsBefore =
      splitArgs(argStart > cmdEnd ? line.substr(cmdEnd, argStart - cmdEnd) : std::string_view{});
  if (!cmd.argWords.empty() && (!cmd.pathArgs || argsBefore.empty())) {
    offer(cmd.argWords, false);
  } else if (cmd.pathArgs && argStart <= start) {
    // The path typed so far is line[argStart, cursor); libedit replaces only `word`, the
    // part after its last word-break character, so each match drops what precedes it.
    std::string typed(line.substr(argStart, cursor - argStart));
    size_t keep = typed.size() - std::min(typed.size(), word.size());
    for (const auto& path : pathCompletions(typed)) c.matches.push_back(path.substr(keep));
    c.appendSpace = !(c.matches.size() == 1 && c.matches[0].back() == '/');
  }
}

}  // namespace

std::string metaCommandOf(std::string_view line) {
  size_t b = line.find_first_not_of(" \t");
  if (b == std::string_view::npos || line[b] != ':') return {};
  size_t e = line.find_first_of(" \t", b);
  return text::asciiLower(
      line.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
}

bool completesPathAt(std::string_view line, size_t point, bool inStatement) {
  std::string cmd = metaCommandOf(line);
  size_t cmdEnd = line.find(':') + cmd.size();
  return !inStatement && takesPaths(cmd) && point > cmdEnd;
}

bool completesNameAt(std::string_view line, size_t point) {
  std::string_view before = line.substr(0, std::min(point, line.size()));
  size_t quote = before.rfind('\'');
  if (quote == std::string_view::npos) return false;
  std::string_view head = text::trim(before.substr(0, quote));
  if (head.empty() || head.back() != '(') return false;
  head = text::trim(head.substr(0, head.size() - 1));
  constexpr std::string_view kFn = "resolve";
  if (head.size() < kFn.size() ||
      !text::equalsIgnoreAsciiCase(head.substr(head.size() - kFn.size()), kFn))
    return false;
  if (head.size() == kFn.size()) return true;
  char c = head[head.size() - kFn.size() - 1];
  return !std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.';
}

namespace {

bool isNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         (static_cast<unsigned char>(c) & 0x80);
}

// The variable right before the '.' that ends `before` ("n" of "WHERE n."), or "".
std::string_view variableBeforeDot(std::string_view before) {
  if (before.empty() || before.back() != '.') return {};
  size_t end = before.size() - 1, b = end;
  while (b > 0 && isNameChar(before[b - 1])) --b;
  return before.substr(b, end - b);
}

}  // namespace

namespace {

// The names after `open var:` in `statement`, as `(var:Label` or `[var:TYPE|OTHER` give them
// (a node's first label; a relationship's alternative types), or none.
std::vector<std::string> namesOfVariable(std::string_view statement, std::string_view var,
                                         char open) {
  if (var.empty()) return {};
  for (size_t at = statement.find(open); at != std::string_view::npos;
       at = statement.find(open, at + 1)) {
    size_t i = at + 1;
    auto blanks = [&] {
      while (i < statement.size() && text::isAsciiSpace(statement[i])) ++i;
    };
    blanks();
    if (statement.compare(i, var.size(), var) != 0) continue;
    i += var.size();
    if (i < statement.size() && isNameChar(statement[i])) continue;  // a longer name
    blanks();
    if (i >= statement.size() || statement[i] != ':') continue;
    std::vector<std::string> names;
    for (;;) {
      ++i;  // past ':' or '|'
      blanks();
      if (i < statement.size() && statement[i] == ':') ++i;  // the old `|:TYPE`
      if (i < statement.size() && statement[i] == '`') {
        size_t close = statement.find('`', i + 1);
        if (close == std::string_view::npos) break;
        names.emplace_back(statement.substr(i + 1, close - i - 1));
        i = close + 1;
      } else {
        size_t b = i;
        while (i < statement.size() && isNameChar(statement[i])) ++i;
        if (i == b) break;
        names.emplace_back(statement.substr(b, i - b));
      }
      blanks();
      if (open != '[' || i >= statement.size() || statement[i] != '|') break;
    }
    if (!names.empty()) return names;
  }
  return {};
}

}  // namespace

std::string labelOfVariable(std::string_view statement, std::string_view var) {
  std::vector<std::string> labels = namesOfVariable(statement, var, '(');
  return labels.empty() ? std::string() : labels.front();
}

std::vector<std::string> typesOfVariable(std::string_view statement, std::string_view var) {
  return namesOfVariable(statement, var, '[');
}

Completion complete(const Session& session, std::string_view line, std::string_view word,
                    size_t start, size_t end, bool inStatement, std::string_view earlier) {
  Completion c;
  if (completesNameAt(line, end)) {
    // Node names after resolve(': the whole name typed since the quote is matched (folded);
    // each match replaces the word libedit split off, which starts at the quote when it
    // honours the word-break hook (repl.cpp) and at the last blank otherwise.
    std::string_view before = line.substr(0, std::min(end, line.size()));
    const size_t from = before.rfind('\'') + 1;
    const std::string typed = text::caseFold(before.substr(from));
    const size_t skip = start > from ? start - from : 0;
    for (const std::string& name : session.db().nodeNames()) {
      if (text::caseFold(name).compare(0, typed.size(), typed) != 0 || name.size() < skip) continue;
      c.matches.push_back(name.substr(skip));
    }
    c.appendSpace = false;
    std::sort(c.matches.begin(), c.matches.end());
    c.matches.erase(std::unique(c.matches.begin(), c.matches.end()), c.matches.end());
    return c;
  }
  std::string_view before = line.substr(0, std::min(start, line.size()));
  std::string_view trimmedBefore =
      before.substr(std::min(before.size(), before.find_first_not_of(" \t")));
  auto offer = [&](const std::vector<std::string>& words, bool keywordCase) {
    bool lowerCase =
        keywordCase && !word.empty() && std::islower(static_cast<unsigned char>(word[0]));
    for (const auto& w : words) {
      if (!text::startsWithIgnoreAsciiCase(w, word)) continue;
      bool upper = std::isupper(static_cast<unsigned char>(w[0]));
      c.matches.push_back(lowerCase && upper ? text::asciiLower(w) : w);
    }
  };
  char prev = before.empty() ? '\0' : before.back();
  if (!inStatement && trimmedBefore == ":") {
    offer(metaCommandWords(), false);
  } else if (!inStatement && !trimmedBefore.empty() && trimmedBefore[0] == ':') {
    std::string name = metaCommandOf(trimmedBefore);
    if (const MetaCommand* cmd = findMetaCommand(name))
      completeArguments(c, *cmd, name, line, word, start, end, offer);
  } else if (prev == ':') {
    // Names are usually followed by ')', ']' or ' {': add nothing after them.
    c.appendSpace = false;
    offer(labelAndTypeNames(session), false);
  } else if (prev == '.') {
    c.appendSpace = false;
    // The keys of the variable's label first: when some of them fit, only those.
    std::string statement = std::string(earlier) + std::string(before);
    std::string_view var = variableBeforeDot(before);
    std::string label = labelOfVariable(statement, var);
    if (!label.empty()) offer(labelKeys(session, label), false);
    // A relationship's: the keys of its type (of each of its alternative types).
    for (const std::string& type : typesOfVariable(statement, var))
      offer(typeKeys(session, type), false);
    if (c.matches.empty()) offer(propertyKeys(session), false);
  } else if (prev == '$') {
    c.appendSpace = false;
    offer(paramNames(session), false);
  } else {
    offer(keywords(), true);
  }
  std::sort(c.matches.begin(), c.matches.end());
  c.matches.erase(std::unique(c.matches.begin(), c.matches.end()), c.matches.end());
  // Function names end with '(' already; keep the cursor right after them.
  if (c.matches.size() == 1 && c.matches[0].back() == '(') c.appendSpace = false;
  return c;
}

std::vector<std::string> labelAndTypeNames(const Session& session) {
  std::set<std::string> names;
  const Graph& g = session.db().graph();
  const Schema& s = session.db().schema();
  for (size_t i = 0; i < g.labelCount(); ++i) names.insert(g.labelName(static_cast<LabelId>(i)));
  for (size_t i = 0; i < g.typeCount(); ++i) names.insert(g.typeName(static_cast<TypeId>(i)));
  for (const auto& l : s.labels()) names.insert(l.name);
  for (const auto& t : s.relTypes()) names.insert(t.name);
  return {names.begin(), names.end()};
}

std::vector<std::string> propertyKeys(const Session& session) {
  std::set<std::string> names;
  const Graph& g = session.db().graph();
  const Schema& s = session.db().schema();
  for (size_t i = 0; i < g.keyCount(); ++i) names.insert(g.keyName(static_cast<KeyId>(i)));
  for (const auto& l : s.labels())
    for (const auto& p : l.properties) names.insert(p.name);
  for (const auto& t : s.relTypes())
    for (const auto& p : t.properties) names.insert(p.name);
  for (const auto& p : Schema::commonProperties()) names.insert(p.name);
  return {names.begin(), names.end()};
}

std::vector<std::string> labelKeys(const Session& session, const std::string& label) {
  constexpr uint64_t kNodesRead = 10000;  // Tab must answer at once on a big label
  std::set<std::string> names;
  const Graph& g = session.db().graph();
  if (LabelId id = g.labelId(label); id != kNoLabel)
    for (const KeySeen& k : shell::labelKeys(g, id, kNodesRead).keys) names.insert(k.name);
  if (const LabelDef* def = session.db().schema().findLabel(label))
    for (const auto& p : def->properties) names.insert(p.name);
  return {names.begin(), names.end()};
}

std::vector<std::string> typeKeys(const Session& session, const std::string& type) {
  constexpr uint64_t kRelsRead = 10000;  // as labelKeys
  std::set<std::string> names;
  const Graph& g = session.db().graph();
  if (TypeId id = g.typeId(type); id != kNoType)
    for (const KeySeen& k : shell::typeKeysOf(g, id, kRelsRead).keys) names.insert(k.name);
  if (const RelTypeDef* def = session.db().schema().findRelType(type))
    for (const auto& p : def->properties) names.insert(p.name);
  return {names.begin(), names.end()};
}

std::vector<std::string> paramNames(const Session& session) {
  std::vector<std::string> names;
  for (const auto& [k, v] : session.params()) names.push_back(k);
  return names;
}

}  // namespace silkgraph::shell
