// Session's script runner: scripts of ';'-separated statements with meta-command lines
// between them, each statement prepared, warned about and executed against the database.
// Error positions are shifted from the statement to the whole script (Error::offsetPosition)
// so that messages name FILE:line:col of the script the user wrote, with the offending line
// and a caret.
#include "shell/statement_runner.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <sstream>
#include <utility>

#include "common/text.h"
#include "shell/stream_printer.h"

namespace silkgraph::shell {

using text::trim;

namespace {

// Byte offset of the start of 1-based `line` in text (text.size() when past the end).
size_t lineOffset(std::string_view text, uint32_t line) {
  size_t pos = 0;
  for (uint32_t l = 1; l < line; ++l) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return text.size();
    pos = nl + 1;
  }
  return pos;
}

// On a terminal, a statement that computes before its first row (a sort, an aggregation, a
// long search) shows the progress bar's elapsed time until its result starts; and one whose
// rows go past :max-rows shows the rows counted while the rest of the result is counted for
// the table's footer (Ctrl-C stops the counting).
class RunningBar final : public ResultReceiver {
 public:
  RunningBar(StreamPrinter& inner, ProgressListener& bar) : inner_(inner), bar_(bar) {
    phase_.emplace(&bar, "Running", 0, ProgressUnit::Rows);
  }
  void start(const QueryResult& head) override {
    phase_.reset();
    inner_.start(head);
  }
  bool row(std::vector<Value>& values) override {
    if (!inner_.row(values)) return false;
    if (inner_.counting()) {
      if (!phase_) phase_.emplace(&bar_, "Counting rows", 0, ProgressUnit::Rows);
      if ((++counted_ & 0x3FFF) == 0) phase_->update(inner_.rowCount());
    }
    return true;
  }

 private:
  StreamPrinter& inner_;
  ProgressListener& bar_;
  std::optional<ProgressPhase> phase_;
  uint64_t counted_ = 0;
};

}  // namespace

std::string leadingComment(std::string_view script, SourcePos start) {
  if (!start.known()) return {};
  size_t startLine = lineOffset(script, start.line);
  // Only when the statement starts its line: otherwise the line above belongs to another.
  if (!trim(script.substr(startLine, std::min<size_t>(script.size() - startLine,
                                                      start.col > 0 ? start.col - 1 : 0)))
           .empty())
    return {};
  std::vector<std::string> lines;
  for (uint32_t l = start.line; l > 1; --l) {
    size_t b = lineOffset(script, l - 1);
    size_t e = script.find('\n', b);
    std::string_view text =
        trim(script.substr(b, (e == std::string_view::npos ? script.size() : e) - b));
    if (text.substr(0, 2) != "//") break;
    text.remove_prefix(2);
    // Keep the indentation after "// " so wrapped comment lines stay aligned.
    if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
    lines.emplace_back(text);
  }
  std::reverse(lines.begin(), lines.end());
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
  return out;
}

bool Session::runStatements(const std::vector<ScriptStatement>& statements, std::string_view script,
                            const std::string& file, const RunOptions& options, bool& allOk) {
  for (const auto& st : statements) {
    if (stopOnCancel_ && cancel_.load()) {  // Ctrl-C stops the script
      allOk = false;
      return false;
    }
    std::string heading = options.showComments ? leadingComment(script, st.start) : std::string();
    if (!runStatement(st.text, st.start, script, file, heading)) {
      allOk = false;
      if (!options.keepGoing) return false;
    }
  }
  return true;
}

void Session::flushJson() {
  if (jsonDocs_.size() == 1) {
    out_ << jsonDocs_[0] << "\n";
  } else if (jsonDocs_.size() > 1) {
    // One array with an element per result; each document indented one level more.
    out_ << "[\n";
    for (size_t i = 0; i < jsonDocs_.size(); ++i) {
      std::string_view doc = jsonDocs_[i];
      size_t pos = 0;
      while (pos <= doc.size()) {
        size_t nl = doc.find('\n', pos);
        if (nl == std::string_view::npos) nl = doc.size();
        out_ << "  " << doc.substr(pos, nl - pos) << (nl == doc.size() ? "" : "\n");
        pos = nl + 1;
      }
      out_ << (i + 1 < jsonDocs_.size() ? ",\n" : "\n");
    }
    out_ << "]\n";
  }
  jsonDocs_.clear();
  out_.flush();
}

bool Session::runScript(std::string_view script, const std::string& file,
                        const RunOptions& options) {
  ++scriptDepth_;
  bool ok = runScriptText(script, file, options);
  if (--scriptDepth_ == 0) flushJson();
  return ok;
}

bool Session::runScript(std::shared_ptr<const std::string> script, const std::string& file,
                        const RunOptions& options) {
  const std::string_view text = *script;
  std::shared_ptr<const std::string> outer = std::exchange(sharedScript_, std::move(script));
  struct Restore {
    std::shared_ptr<const std::string>& slot;
    std::shared_ptr<const std::string> outer;
    ~Restore() { slot = std::move(outer); }
  } restore{sharedScript_, std::move(outer)};
  return runScript(text, file, options);
}

bool Session::runScriptText(std::string_view script, const std::string& file,
                            const RunOptions& options) {
  // The script is read line by line only to find meta-commands: a line starting with ':'
  // where a statement could start (not inside a statement, string or comment). The Cypher
  // text between them is split into statements as a whole, and its positions are shifted by
  // the line it starts on, so errors still name FILE:line:col of the script.
  bool allOk = true;
  size_t pendingStart = 0;  // the Cypher text not yet run starts here (at a line start)
  uint32_t pendingLine = 1;
  auto split = [&](std::string_view text, uint32_t firstLine, bool* complete,
                   std::vector<ScriptStatement>& out) {
    try {
      out = splitStatements(text, complete, complete != nullptr);
    } catch (const Error& e) {
      if (complete) {
        *complete = false;  // the final split reports it
        return true;
      }
      Error copy = e;
      copy.offsetPosition(firstLine - 1, 0);
      copy.setFile(file);
      err_ << copy.format(script) << "\n";
      return false;
    }
    for (auto& st : out)
      if (st.start.known()) st.start.line += firstLine - 1;
    return true;
  };
  size_t pos = 0;
  uint32_t lineNo = 1;
  while (pos < script.size()) {
    size_t eol = script.find('\n', pos);
    if (eol == std::string_view::npos) eol = script.size();
    std::string_view line = script.substr(pos, eol - pos);
    if (lineNo == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // UTF-8 BOM
    std::string_view text = trim(line);
    if (stopOnCancel_ && cancel_.load()) return false;  // Ctrl-C stops the script
    if (!text.empty() && text.front() == ':') {
      bool complete = true;
      std::vector<ScriptStatement> before;
      split(script.substr(pendingStart, pos - pendingStart), pendingLine, &complete, before);
      if (complete) {
        if (!runStatements(before, script, file, options, allOk)) return false;
        ScriptPlace place{file, SourcePos{lineNo, 1}, script};
        MetaOutcome outcome = runMeta(line, &place);
        if (outcome == MetaOutcome::Quit) return allOk;
        if (outcome == MetaOutcome::Failed) {
          allOk = false;
          if (!options.keepGoing) return false;
        }
        pendingStart = std::min(eol + 1, script.size());
        pendingLine = lineNo + 1;
      }
    }
    pos = eol + 1;
    ++lineNo;
  }
  std::vector<ScriptStatement> rest;
  if (!split(script.substr(std::min(pendingStart, script.size())), pendingLine, nullptr, rest))
    return false;
  runStatements(rest, script, file, options, allOk);
  return allOk;
}

bool Session::runStatement(std::string_view text, SourcePos start, std::string_view script,
                           const std::string& file, const std::string& heading) {
  bool human = print_.format == OutputFormat::Box || print_.format == OutputFormat::Markdown ||
               print_.format == OutputFormat::Line;
  if (human && !heading.empty()) {
    if (!firstOutput_) out_ << "\n";
    std::istringstream lines(heading);
    std::string line;
    while (std::getline(lines, line)) {
      if (print_.format == OutputFormat::Markdown) {
        out_ << "> " << line << "\n";
      } else {
        out_ << (color_ ? "\033[1m" : "") << line << (color_ ? "\033[0m" : "") << "\n";
      }
    }
    if (print_.format == OutputFormat::Markdown) out_ << "\n";
  } else if (human && !firstOutput_ && !interactive_) {
    out_ << "\n";
  }
  firstOutput_ = false;
  if (!stopOnCancel_) cancel_ = false;
  auto t0 = std::chrono::steady_clock::now();
  QueryResult result;
  // Rows are printed as the statement makes them (CSV, JSON Lines, box after a look-ahead).
  // In the interactive shell Ctrl-C also stops the printing at once (a script stops instead).
  PrintOptions printOptions = print_;
  if (!stopOnCancel_) printOptions.stop = &cancel_;
  StreamPrinter printer(out_, db_.graph(), printOptions);
  try {
    // The script keeps the text; a script held shared also lends it to the column names.
    const bool inShared =
        sharedScript_ && text.data() >= sharedScript_->data() &&
        text.data() + text.size() <= sharedScript_->data() + sharedScript_->size();
    PreparedQuery prepared = inShared ? db_.prepare(sharedScript_, text) : db_.prepare(text, false);
    for (const Notice& n : db_.notices(prepared)) {
      // Warnings go to stderr, placed like errors, and do not stop the statement.
      SourcePos pos = n.pos;
      if (pos.known()) {
        if (pos.line == 1) pos.col += start.col - 1;
        pos.line += start.line - 1;
      }
      if (!file.empty()) err_ << file << ":";
      if (pos.known()) err_ << pos.line << ":" << pos.col << ":";
      err_ << (file.empty() && !pos.known() ? "" : " ") << "Warning: " << n.message
           << sourceExcerpt(script, pos) << "\n";
    }
    ExecuteOptions options = limits_;
    options.cancel = &cancel_;
    {
      RunningBar running(printer, progress_);  // draws only on a terminal, after a delay
      result = db_.execute(prepared, params_, options, running);
    }
    progress_.summary("");
  } catch (const Error& e) {
    printer.abort();
    if (e.kind() == ErrorKind::Cancelled && e.detail() != "Timeout") {
      if (!stopOnCancel_) {
        err_ << "Query cancelled.\n";
        return false;
      }
      // A script interrupted by Ctrl-C: say which statement, and that the run stops.
      Error stop(ErrorKind::Cancelled,
                 "interrupted (Ctrl-C): the statement was rolled back and the rest of the "
                 "script is not run",
                 start, "", ErrorPhase::Runtime);
      stop.setFile(file);
      err_ << stop.format(script) << "\n";
      return false;
    }
    if (e.kind() == ErrorKind::LoadError && !e.file().empty() && !e.pos().known()) {
      // The database file found damaged at the first use of a section (docs/storage.md):
      // the file and its damaged part are the place to name, not the statement.
      err_ << e.format() << "\n";
      return false;
    }
    Error shifted = e;
    if (e.pos().known()) {
      shifted.offsetPosition(start.line - 1, start.col - 1);
    } else {
      // Runtime errors (division by zero, a bad argument, a constraint) often carry no
      // position: point at the start of the failing statement instead.
      shifted = Error(e.kind(), e.what(), start, e.detail(), e.phase());
    }
    shifted.setFile(file);
    err_ << shifted.format(script) << "\n";
    if (e.kind() == ErrorKind::ParameterMissing) printParamHint(e.what());
    return false;
  } catch (const std::exception& e) {
    printer.abort();
    Error internal(ErrorKind::InternalError, e.what(), start);
    internal.setFile(file);
    err_ << internal.format(script) << "\n";
    return false;
  }
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  printer.finish(result);
  if (print_.format == OutputFormat::Json) {
    // Held until the script ends, so that several results make one JSON document.
    std::string doc = resultJson(printer.held(), db_.graph());
    if (!doc.empty()) jsonDocs_.push_back(std::move(doc));
  }
  if (timer_) (human ? out_ : err_) << "Time: " << formatMs(ms) << "\n";
  out_.flush();
  if (!result.columns.empty() && !result.explain) {
    last_ = printer.lastResult();
    lastText_ = std::string(text);
    lastParams_ = params_;
  }
  return !printer.stopped();  // Ctrl-C stopped the printing: a :source'd script stops too
}

}  // namespace silkgraph::shell
