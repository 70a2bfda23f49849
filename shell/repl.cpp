// Interactive shell over libedit's readline interface. SIGINT is caught without SA_RESTART:
// during a query the handler only sets the session's cancel flag (the engine polls it);
// at the prompt the interrupted read makes readline() return, and the loop drops the
// half-typed statement instead of leaving.
#include "shell/repl.h"

#include <editline/readline.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <clocale>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "query/parser/parser.h"

namespace silkgraph::shell {

namespace {

volatile std::sig_atomic_t gInterrupted = 0;
std::atomic<bool>* gCancel = nullptr;
Session* gSession = nullptr;
bool gInStatement = false;  // completion: a statement is being continued

int gWakePipe[2] = {-1, -1};  // the SIGINT handler writes here to wake up the input wait

void onSigint(int) {
  gInterrupted = 1;
  if (gCancel) gCancel->store(true);
  if (gWakePipe[1] >= 0) {
    char b = 'i';
    [[maybe_unused]] ssize_t n = write(gWakePipe[1], &b, 1);
  }
}

// One byte from the terminal, or -1 on end of input or Ctrl-C. Waiting in poll() on the
// terminal and the wake-up pipe together means a Ctrl-C can never be lost in the gap
// between checking the flag and blocking in read().
int readByte() {
  for (;;) {
    if (gInterrupted) return -1;
    pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {gWakePipe[0], POLLIN, 0}};
    int r = poll(fds, 2, -1);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (fds[1].revents & POLLIN) {
      char drain[16];
      [[maybe_unused]] ssize_t n = read(gWakePipe[0], drain, sizeof drain);
      continue;  // the flag check above decides
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      unsigned char c;
      ssize_t n = read(STDIN_FILENO, &c, 1);
      if (n == 1) return c;
      if (n < 0 && errno == EINTR) continue;
      return -1;
    }
  }
}

// libedit's input hook: it wants one character (a code point) per call, so UTF-8 is decoded
// here (Korean or Kazakh typed at the prompt).
int readChar(FILE*) {
  int b = readByte();
  if (b < 0) return EOF;
  if (b < 0x80) return b;
  int more = (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 ? 3 : -1;
  if (more < 0) return 0xFFFD;
  int cp = b & (0x3F >> more);
  for (int i = 0; i < more; ++i) {
    int nb = readByte();
    if (nb < 0) return EOF;
    if ((nb & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (nb & 0x3F);
  }
  return cp;
}

// libedit converts between the typed characters and the returned line with the C library's
// multibyte functions: LC_CTYPE must be a UTF-8 locale or non-ASCII input is lost.
void useUtf8Ctype() {
  const char* loc = std::setlocale(LC_CTYPE, "");
  if (!loc || std::strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
    if (!std::setlocale(LC_CTYPE, "C.UTF-8")) std::setlocale(LC_CTYPE, "en_US.UTF-8");
  }
}

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

const std::vector<std::string>& metaCommands() {
  static const std::vector<std::string> cmds = {"help",   "quit",   "exit",  "load",
                                                "schema", "mode",   "timer", "param",
                                                "params", "source", "export"};
  return cmds;
}

std::vector<std::string> gMatches;

char* generator(const char* /*text*/, int state) {
  static size_t index;
  if (state == 0) index = 0;
  if (index < gMatches.size()) return strdup(gMatches[index++].c_str());
  return nullptr;
}

bool startsWithNoCase(const std::string& word, std::string_view prefix) {
  if (prefix.size() > word.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(word[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

// Meta-commands whose arguments are file names (for :export, the ones after the format).
bool takesPaths(const std::string& cmd) {
  return cmd == ":load" || cmd == ":source" || cmd == ":export";
}

// The meta-command at the start of the line (":load"), or "" when the line is a statement.
std::string metaCommandOf(std::string_view line) {
  size_t b = line.find_first_not_of(" \t");
  if (b == std::string_view::npos || line[b] != ':') return {};
  size_t e = line.find_first_of(" \t", b);
  std::string cmd(line.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
  std::transform(cmd.begin(), cmd.end(), cmd.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return cmd;
}

// Where the blank-separated word that ends at `end` starts.
size_t wordStart(std::string_view line, size_t end) {
  size_t b = end;
  while (b > 0 && line[b - 1] != ' ' && line[b - 1] != '\t') --b;
  return b;
}

char gWordBreaks[] = " \t\n\"'`@><=;|&{}()[],:.$+-*/%";
char gPathBreaks[] = " \t";

// After :load, :source and :export only blanks separate words, so that a path such as
// samples/central-asia-korea/questions.cypher is one word to complete (libedit asks this hook
// before each completion; the completer below copes with a libedit that does not).
char* wordBreakHook() {
  std::string_view line(rl_line_buffer ? rl_line_buffer : "");
  std::string cmd = metaCommandOf(line);
  size_t cmdEnd = line.find(':') + cmd.size();
  if (!gInStatement && takesPaths(cmd) && static_cast<size_t>(rl_point) > cmdEnd)
    return gPathBreaks;
  return gWordBreaks;
}

// Files and directories whose path starts with `word`, as typed: relative to the current
// directory, absolute, or under "~/" (the home directory). Directories end with '/'. Hidden
// entries are offered only when the typed name starts with '.'.
std::vector<std::string> pathCompletions(const std::string& word) {
  namespace fs = std::filesystem;
  size_t slash = word.rfind('/');
  std::string dirPart = slash == std::string::npos ? "" : word.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? word : word.substr(slash + 1);
  std::string dir = dirPart.empty() ? "." : dirPart;
  if (dir.rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    if (home && *home) dir = std::string(home) + dir.substr(1);
  }
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

char** complete(const char* text, int start, int end) {
  rl_attempted_completion_over = 1;
  std::string before(rl_line_buffer, static_cast<size_t>(start));
  std::string_view prefix(text);
  std::string trimmedBefore = before;
  trimmedBefore.erase(0, trimmedBefore.find_first_not_of(" \t"));
  gMatches.clear();
  auto offer = [&](const std::vector<std::string>& words, bool keywordCase) {
    bool lowerCase =
        keywordCase && !prefix.empty() && std::islower(static_cast<unsigned char>(prefix[0]));
    for (const auto& w : words) {
      if (!startsWithNoCase(w, prefix)) continue;
      std::string m = w;
      if (lowerCase && std::isupper(static_cast<unsigned char>(w[0])))
        std::transform(m.begin(), m.end(), m.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      gMatches.push_back(m);
    }
  };
  char prev = before.empty() ? '\0' : before.back();
  bool appendSpace = true;
  if (!gInStatement && trimmedBefore == ":") {
    offer(metaCommands(), false);
  } else if (!gInStatement && !trimmedBefore.empty() && trimmedBefore[0] == ':') {
    std::string cmd = metaCommandOf(trimmedBefore);
    std::string_view line(rl_line_buffer);
    size_t cursor = std::min(static_cast<size_t>(std::max(end, start)), line.size());
    size_t argStart = wordStart(line, cursor);
    // Arguments before the one being completed (the command itself not counted).
    size_t cmdEnd = line.find(':') + cmd.size();
    std::vector<std::string> argsBefore =
        splitArgs(argStart > cmdEnd ? line.substr(cmdEnd, argStart - cmdEnd) : std::string_view{});
    if (cmd == ":mode") {
      offer({"box", "csv", "json", "jsonl", "markdown"}, false);
    } else if (cmd == ":timer") {
      offer({"on", "off"}, false);
    } else if (cmd == ":params") {
      offer({"clear"}, false);
    } else if (cmd == ":export" && argsBefore.empty()) {
      offer({"dot", "graphml"}, false);
    } else if (takesPaths(cmd) && argStart <= static_cast<size_t>(start)) {
      // The path typed so far is line[argStart, cursor); libedit replaces only `text`, the
      // part after its last word-break character, so each match drops what precedes it.
      std::string word(line.substr(argStart, cursor - argStart));
      size_t keep = word.size() - std::min(word.size(), prefix.size());
      for (const auto& path : pathCompletions(word)) gMatches.push_back(path.substr(keep));
      appendSpace = !(gMatches.size() == 1 && gMatches[0].back() == '/');
    }
  } else if (prev == ':') {
    // Names are usually followed by ')', ']' or ' {': add nothing after them.
    appendSpace = false;
    offer(gSession->labelAndTypeNames(), false);
  } else if (prev == '.') {
    appendSpace = false;
    offer(gSession->propertyKeys(), false);
  } else if (prev == '$') {
    appendSpace = false;
    offer(gSession->paramNames(), false);
  } else {
    offer(keywords(), true);
  }
  std::sort(gMatches.begin(), gMatches.end());
  gMatches.erase(std::unique(gMatches.begin(), gMatches.end()), gMatches.end());
  if (gMatches.empty()) return nullptr;
  // Function names end with '(' already; keep the cursor right after them.
  rl_completion_append_character =
      !appendSpace || (gMatches.size() == 1 && gMatches[0].back() == '(') ? '\0' : ' ';
  return rl_completion_matches(text, generator);
}

std::string historyPath() {
  const char* home = std::getenv("HOME");
  if (!home || !*home) return {};
  return std::string(home) + "/.silkgraph_history";
}

// One history entry per statement; lines joined by blanks unless a '//' comment would then
// swallow the rest.
std::string historyEntry(const std::string& buffer) {
  std::string entry = buffer;
  while (!entry.empty() && (entry.back() == '\n' || entry.back() == ' ')) entry.pop_back();
  if (entry.find("//") == std::string::npos) std::replace(entry.begin(), entry.end(), '\n', ' ');
  return entry;
}

// Tables are fitted to the terminal's current width (it may have been resized).
void fitToTerminal(Session& session) {
  struct winsize ws {};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    session.printOptions().maxTableWidth = ws.ws_col;
    session.setTerminalWidth(ws.ws_col);
  }
}

void installSigint() {
  struct sigaction sa {};
  sa.sa_handler = onSigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: an interrupted read at the prompt must return
  sigaction(SIGINT, &sa, nullptr);
}

}  // namespace

int runRepl(Session& session) {
  gSession = &session;
  gCancel = &session.cancelFlag();
  session.setInteractive(true);

  useUtf8Ctype();
  if (pipe(gWakePipe) == 0) {
    fcntl(gWakePipe[0], F_SETFL, O_NONBLOCK);
    fcntl(gWakePipe[1], F_SETFL, O_NONBLOCK);
    rl_getc_function = readChar;
  }
  rl_readline_name = "silkgraph";
  rl_attempted_completion_function = complete;
  rl_completer_word_break_characters = gWordBreaks;
  rl_basic_word_break_characters = gWordBreaks;  // libedit reads this one
  rl_completion_word_break_hook = wordBreakHook;
  rl_catch_signals = 0;  // our handler, not libedit's, decides what Ctrl-C does
  rl_initialize();
  // libedit 3.1 rings the terminal bell after every successful completion (it rings for
  // nothing else here: no match is silent). A harmless attribute reset replaces the bell.
  if (const char* term = std::getenv("TERM"); term && std::strcmp(term, "dumb") != 0)
    rl_parse_and_bind("settc bl \"\033[m\"");
  using_history();
  stifle_history(2000);
  std::string histFile = historyPath();
  if (!histFile.empty()) read_history(histFile.c_str());
  installSigint();

  std::cout << "silkgraph shell. Statements end with ';'. Type :help for help, :quit to leave.\n";
  std::string buffer;
  // The continuation prompt says when the statement so far ends inside a string or comment
  // (a ';' typed there does not end it), as psql's does.
  char open = '\0';
  for (;;) {
    gInStatement = !buffer.empty();
    gInterrupted = 0;
    const char* prompt = buffer.empty() ? "silkgraph> "
                         : open == '\'' ? "      '..> "
                         : open == '"'  ? "      \"..> "
                         : open == '`'  ? "      `..> "
                         : open == '*'  ? "     /*..> "
                                        : "       ..> ";
    char* raw = readline(prompt);
    if (!raw) {
      if (gInterrupted) {
        // Ctrl-C at the prompt: forget what was typed, prompt again.
        std::cout << "^C\n";
        buffer.clear();
        open = '\0';
        continue;
      }
      std::cout << "\n";
      break;  // Ctrl-D
    }
    std::string line(raw);
    std::free(raw);
    if (gInterrupted) {
      buffer.clear();
      open = '\0';
      continue;
    }
    std::string_view t = line;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    if (buffer.empty() && t.empty()) continue;
    if (buffer.empty()) {
      // "exit", "quit" or "help" typed the way other shells take them: never Cypher, so
      // say how it is done here instead of waiting for a ';' that will not come.
      std::string word(t);
      while (!word.empty() && (word.back() == ';' || word.back() == ' ')) word.pop_back();
      std::transform(word.begin(), word.end(), word.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (word == "exit" || word == "quit" || word == "\\q") {
        std::cout << "Use :quit or Ctrl-D to leave.\n";
        continue;
      }
      if (word == "help" || word == "\\?" || word == "?") {
        std::cout << "Type :help for help (meta-commands start with ':').\n";
        continue;
      }
    }
    if (buffer.empty() && t.front() == ':') {
      add_history(line.c_str());
      if (!histFile.empty()) write_history(histFile.c_str());
      fitToTerminal(session);
      if (session.runMeta(line) == MetaOutcome::Quit) break;
      std::cout.flush();
      continue;
    }
    if (!buffer.empty()) {
      // :quit on a continuation line leaves too (it is never Cypher), dropping the statement.
      std::string word = metaCommandOf(t);
      std::string_view rest = t.substr(std::min(t.size(), word.size()));
      while (!rest.empty() && (rest.front() == ' ' || rest.front() == ';')) rest.remove_prefix(1);
      if ((word == ":quit" || word == ":exit" || word == ":quit;" || word == ":exit;") &&
          rest.empty()) {
        std::cout << "(the unfinished statement was dropped)\n";
        break;
      }
    }
    buffer += line;
    buffer += '\n';
    bool complete = false;
    try {
      splitStatements(buffer, &complete, true, &open);
    } catch (const std::exception&) {
      complete = true;  // let the runner report it
    }
    if (complete) open = '\0';
    if (!complete) continue;
    std::string entry = historyEntry(buffer);
    if (!entry.empty()) {
      add_history(entry.c_str());
      if (!histFile.empty()) write_history(histFile.c_str());
    }
    fitToTerminal(session);
    session.runScript(buffer, "", RunOptions{false, false});
    std::cout.flush();
    std::cerr.flush();
    buffer.clear();
  }
  if (!histFile.empty()) write_history(histFile.c_str());
  return 0;
}

}  // namespace silkgraph::shell
