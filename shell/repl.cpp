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
#include <iostream>
#include <string>
#include <vector>

#include "common/text.h"
#include "shell/completion.h"

namespace silkgraph::shell {

namespace {

volatile std::sig_atomic_t gInterrupted = 0;
std::atomic<bool>* gCancel = nullptr;
Session* gSession = nullptr;
bool gInStatement = false;  // completion: a statement is being continued
std::string gStatement;     // completion: the statement's lines typed before this one

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
  size_t length = text::sequenceLength(static_cast<unsigned char>(b));
  if (length == 0) return static_cast<int>(text::kReplacement);
  std::string bytes(1, static_cast<char>(b));
  while (bytes.size() < length) {
    int nb = readByte();
    if (nb < 0) return EOF;
    if (text::isLeadByte(static_cast<char>(nb))) return static_cast<int>(text::kReplacement);
    bytes += static_cast<char>(nb);
  }
  char32_t cp;
  if (text::decode(bytes, 0, cp) != length) return static_cast<int>(text::kReplacement);
  return static_cast<int>(cp);
}

// libedit converts between the typed characters and the returned line with the C library's
// multibyte functions: LC_CTYPE must be a UTF-8 locale or non-ASCII input is lost.
void useUtf8Ctype() {
  const char* loc = std::setlocale(LC_CTYPE, "");
  if (!loc || std::strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
    if (!std::setlocale(LC_CTYPE, "C.UTF-8")) std::setlocale(LC_CTYPE, "en_US.UTF-8");
  }
}

std::vector<std::string> gMatches;

char* generator(const char* /*text*/, int state) {
  static size_t index;
  if (state == 0) index = 0;
  if (index < gMatches.size()) return strdup(gMatches[index++].c_str());
  return nullptr;
}

char gWordBreaks[] = " \t\n\"'`@><=;|&{}()[],:.$+-*/%";
char gPathBreaks[] = " \t";
char gNameBreaks[] = "'";

// Inside resolve('...' only the quote starts a word (names hold blanks). After :load, :source
// and :export only blanks separate words, so that a path such as
// samples/central-asia-korea/questions.cypher is one word to complete (libedit asks this hook
// before each completion; completion.cpp copes with a libedit that does not).
char* wordBreakHook() {
  std::string_view line(rl_line_buffer ? rl_line_buffer : "");
  if (completesNameAt(line, static_cast<size_t>(std::max(rl_point, 0)))) return gNameBreaks;
  return completesPathAt(line, static_cast<size_t>(std::max(rl_point, 0)), gInStatement)
             ? gPathBreaks
             : gWordBreaks;
}

char** completeHook(const char* text, int start, int end) {
  rl_attempted_completion_over = 1;
  Completion c = complete(*gSession, rl_line_buffer ? rl_line_buffer : "", text,
                          static_cast<size_t>(std::max(start, 0)),
                          static_cast<size_t>(std::max(end, 0)), gInStatement, gStatement);
  gMatches = std::move(c.matches);
  if (gMatches.empty()) return nullptr;
  rl_completion_append_character = c.appendSpace ? ' ' : '\0';
  return rl_completion_matches(text, generator);
}

std::string historyPath() {
  const char* home = std::getenv("HOME");
  if (!home || !*home) return {};
  return std::string(home) + "/.silkgraph_history";
}

// One history entry per statement, its lines as typed: a newline inside a string stays a
// newline when the entry is recalled (libedit's history file escapes it).
std::string historyEntry(const std::string& buffer) {
  std::string entry = buffer;
  while (!entry.empty() && (entry.back() == '\n' || entry.back() == ' ')) entry.pop_back();
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

// Leaving with a transaction open asks first (as cypher-shell does); yes rolls it back.
bool confirmQuit(Session& session) {
  if (!session.db().inTransaction()) return true;
  char* raw = readline("A transaction is open; leaving rolls it back. Leave anyway? [y/N] ");
  bool yes = !raw || (raw[0] == 'y' || raw[0] == 'Y');
  if (!raw) std::cout << "\n";
  std::free(raw);
  if (!yes) return false;
  session.db().rollback();
  std::cout << "Rolled back the open transaction.\n";
  return true;
}

}  // namespace

int runRepl(Session& session) {
  gSession = &session;
  gCancel = &session.cancelFlag();
  session.setInteractive(true);
  // At a terminal a long result shows its first rows and a count of the rest (:max-rows).
  if (isatty(STDOUT_FILENO)) session.printOptions().maxRows = kTerminalMaxRows;

  useUtf8Ctype();
  if (pipe(gWakePipe) == 0) {
    fcntl(gWakePipe[0], F_SETFL, O_NONBLOCK);
    fcntl(gWakePipe[1], F_SETFL, O_NONBLOCK);
    rl_getc_function = readChar;
  }
  rl_readline_name = "silkgraph";
  rl_attempted_completion_function = completeHook;
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
    gStatement = buffer;
    gInterrupted = 0;
    const char* prompt = buffer.empty()
                             ? (session.db().inTransaction() ? "silkgraph# " : "silkgraph> ")
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
      if (!confirmQuit(session)) continue;
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
      std::string word = text::asciiLower(t);
      while (!word.empty() && (word.back() == ';' || word.back() == ' ')) word.pop_back();
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
      if (session.runMeta(line) == MetaOutcome::Quit && confirmQuit(session)) break;
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
        buffer.clear();
        if (!confirmQuit(session)) continue;
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
