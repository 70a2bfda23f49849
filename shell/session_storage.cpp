// Session (shell/session.h): the database file. Opening it (with the log's warnings), the
// transaction meta-commands (:begin, :commit, :rollback), :checkpoint, and what happens to an
// open transaction when a script or the shell ends.
#include <iostream>

#include "shell/session.h"

namespace silkgraph::shell {

bool Session::open(const std::string& path, bool readOnly) {
  try {
    OpenReport report = db_.open(path, OpenOptions{readOnly});
    for (const std::string& w : report.warnings) err_ << w << "\n";
    if (interactive_) {
      const Graph& g = db_.graph();
      out_ << (report.created ? "Created " : "Opened ") << path << (readOnly ? " (read-only)" : "")
           << ": " << g.nodeCount() << (g.nodeCount() == 1 ? " node" : " nodes") << ", "
           << g.relCount() << (g.relCount() == 1 ? " relationship" : " relationships");
      if (report.recoveredStatements != 0)
        out_ << " (" << report.recoveredStatements << " recovered from the log)";
      out_ << ".\n";
    }
    return true;
  } catch (const Error& e) {
    err_ << e.format() << "\n";
  }
  return false;
}

bool Session::endScript(const std::string& file) {
  if (!db_.inTransaction()) return true;
  db_.rollback();
  err_ << (file.empty() ? "" : file + ": ")
       << "Warning: the transaction opened with :begin was not committed; rolled it back\n";
  return false;
}

bool Session::close() {
  bool ok = true;
  if (db_.inTransaction()) {
    db_.rollback();
    err_ << "Rolled back the open transaction.\n";
    ok = false;
  }
  try {
    db_.close();
  } catch (const Error& e) {
    err_ << e.format() << "\n";
    return false;
  }
  return ok;
}

MetaOutcome Session::transactionCommand(std::string_view name) {
  try {
    if (name == ":begin") {
      db_.begin();
      if (!quietMeta_)
        info() << "Transaction open: :commit keeps its changes, :rollback undoes them.\n";
    } else if (name == ":commit") {
      db_.commit();
      if (!quietMeta_) info() << "Committed.\n";
    } else if (name == ":rollback") {
      db_.rollback();
      if (!quietMeta_) info() << "Rolled back.\n";
    } else {
      db_.checkpoint();
      if (!quietMeta_) info() << "Checkpoint: the log is folded into " << db_.path() << ".\n";
    }
  } catch (const Error& e) {
    metaErr() << e.format() << "\n";
    return MetaOutcome::Failed;
  }
  return MetaOutcome::Ok;
}

}  // namespace silkgraph::shell
